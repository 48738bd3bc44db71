import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { loadConfig } from '../../src/config/config.ts'
import { createDemoOrganisations } from '../../src/demo/county.ts'
import { BankHolidayDataError } from '../../src/domain/calendar/bank-holidays.ts'
import {
  domesticAbuseRiskChecklistV1,
  needsAssessmentFormV1,
} from '../../src/domain/triage/assessment-forms.ts'
import { PROVIDERS } from '../../src/domain/triage/pathways.ts'
import { SYSTEM_ACTOR } from '../../src/services/audit.ts'
import { createServices, type Services } from '../../src/services/index.ts'
import type { Viewer } from '../../src/services/triage/index.ts'
import { createStaffUser } from '../support/app.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { receiveGeneratedReferrals } from '../support/referrals.ts'
import { CALENDAR_DIR } from '../support/samples.ts'

const actor = { ...SYSTEM_ACTOR, label: 'test' }

const receive = (services: Services, seed: number, count: number) =>
  receiveGeneratedReferrals(services, { seed, count, days: 60 })

const needsAnswers = (level: 'none' | 'low' | 'medium' | 'high') => ({
  formId: needsAssessmentFormV1.id,
  formVersion: needsAssessmentFormV1.version,
  sections: Object.fromEntries(needsAssessmentFormV1.sections.map((s) => [s.id, { level }])),
})

describe('triage of accepted referrals', () => {
  let db: TestDatabase
  let services: Services
  let hub: Viewer
  before(async () => {
    db = await createTestDatabase()
    services = createServices(
      db.pool,
      loadConfig({ VICTIM_HUB_DEMO: 'false', SESSION_SECRET: 'x'.repeat(40) }),
    )
    await createDemoOrganisations(db.pool)
    const manager = await createStaffUser(services, 'team_manager')
    hub = { id: manager.id, role: 'team_manager', teamPathway: 'general_support' }
  })
  after(async () => db.drop())

  it('seeds the directory and routing rule set version 1 once, however often it is asked', async () => {
    await Promise.all([services.triage.ensureSeeded(), services.triage.ensureSeeded()])
    const providers = await services.triage.providers()
    assert.equal(providers.length, PROVIDERS.length)
    const overview = await services.triage.routingOverview(new Date())
    assert.equal(overview.ruleSet.version, 1)
    assert.equal(overview.versions.length, 1)
    const isva = providers.find((p) => p.id === 'rosa-isva')
    assert.equal(isva?.teamName, 'ISVA team', 'providers are linked to the demo team working their pathway')
  })

  it('triages every accepted referral once: pathway, provider, offer, warnings; a second run does nothing', async () => {
    const result = await receive(services, 11, 400)
    assert.ok(result.accepted > 300)
    const first = await services.triage.triagePending()
    assert.equal(first.triaged, result.accepted)
    assert.equal((await services.triage.triagePending()).triaged, 0)
    const { rows } = await db.pool.query(
      `SELECT r.status, t.pathway_id, t.provider_id, t.offer, t.rule_set_version, t.warnings
       FROM referrals r JOIN triage t ON t.referral_id = r.id`,
    )
    assert.equal(rows.length, result.accepted)
    for (const row of rows) {
      assert.equal(row.status, 'triaged')
      assert.ok(row.pathway_id, 'every referral has a pathway')
      assert.ok(row.offer)
      assert.equal(row.rule_set_version, 'default-routing@1')
    }
    const pathways = new Set(rows.map((r) => r.pathway_id))
    for (const expected of ['general_support', 'domestic_abuse', 'sexual_violence', 'burglary']) {
      assert.ok(pathways.has(expected), `some referral routed to ${expected}`)
    }
    const history = await db.pool.query('SELECT count(*)::int AS n FROM routing_history')
    assert.equal(history.rows[0].n, result.accepted)
  })

  it('a background run stops after its batches and says more are waiting; the next run carries on', async () => {
    const result = await receive(services, 13, 150)
    assert.ok(result.accepted > 80)
    assert.deepEqual(await services.triage.triagePending({ batchSize: 40, maxBatches: 2 }), {
      triaged: 80,
      more: true,
    })
    assert.deepEqual(await services.triage.triagePending({ batchSize: 40, maxBatches: 100 }), {
      triaged: result.accepted - 80,
      more: false,
    })
  })

  it('passes over a full provider with a warning, and says all_providers_full when none has room', async () => {
    await services.triage.updateProviderCapacity(
      'victim-support-general',
      { monthlyReferralCapacity: 0, activeCaseCapacity: 600, expectedWaitDays: 12 },
      actor,
    )
    const result = await receive(services, 12, 200)
    await services.triage.triagePending()
    const { rows } = await db.pool.query(
      `SELECT e.* FROM referral_export_triage e JOIN referrals r ON r.id = e.referral_id
       JOIN referral_receipts rr ON rr.id = r.receipt_id WHERE rr.batch_id = $1 AND e.pathway = 'general_support'`,
      [result.batchId],
    )
    assert.ok(rows.length > 0)
    for (const row of rows) {
      assert.equal(row.provider, null)
      assert.ok(row.triage_warnings.includes('all_providers_full'))
      assert.ok(row.triage_warnings.includes('provider_full:victim-support-general'))
    }
    const exported = await services.triage.exportFields(rows[0].referral_id)
    assert.deepEqual(exported?.triage_warnings, rows[0].triage_warnings)
    const audit = await services.audit.recent({ action: 'provider.capacity_changed' })
    assert.equal(audit.length, 1)
  })

  it('orders the queue by deadline then risk, with time left in working time', async () => {
    const queue = await services.triage.queue(hub, { page: 1 }, new Date())
    assert.ok(queue.total > 0)
    const rows = queue.rows
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1]
      const b = rows[i]
      if (!a || !b) continue
      const aDue = a.firstContactDue ?? '9999'
      const bDue = b.firstContactDue ?? '9999'
      assert.ok(aDue < bDue || (aDue === bDue && a.priorityRank >= b.priorityRank), 'deadline, then risk')
    }
    // first_contact_due counts from when the hub received the referral (now), so none is overdue yet.
    assert.ok(rows.every((r) => r.timeLeft.state === 'due_today' || r.timeLeft.state === 'due_later'))
    assert.ok(rows.every((r) => r.timeLeft.label.endsWith('left') || r.timeLeft.label.includes('today')))
  })

  it('re-grades THRIVE: the hub grading drives priority, the police grading is kept, the change is audited', async () => {
    const { rows } = await db.pool.query(
      `SELECT referral_id FROM triage WHERE thrive_priority IS DISTINCT FROM 'high' LIMIT 1`,
    )
    const id = rows[0].referral_id as string
    const ok = await services.triage.regradeThrive(
      hub,
      id,
      { threat: 'high', harm: 'medium', risk: 'low', vulnerability: 'low' },
      'Offender lives next door',
      actor,
    )
    assert.ok(ok)
    const found = await services.triage.detail(hub, id, actor, new Date())
    assert.equal(found?.detail.thrivePriority, 'high')
    assert.equal(found?.detail.priorityRank, 3)
    assert.equal(found?.detail.hubThrive?.threat, 'high')
    assert.ok(found?.detail.policeThrive, 'police grading kept')
    assert.equal(found?.history[0]?.trigger, 'thrive_regrade')
    assert.equal((await services.audit.recent({ action: 'thrive.regraded' })).length, 1)
  })

  it('stores a needs assessment against its form version and routes again with the needs levels', async () => {
    const { rows } = await db.pool.query(
      `SELECT t.referral_id FROM triage t JOIN referrals r ON r.id = t.referral_id
       WHERE t.matched_rule_id = 'general-universal' LIMIT 1`,
    )
    const id = rows[0].referral_id as string
    const bad = await services.triage.saveNeedsAssessment(
      hub,
      id,
      { ...needsAnswers('low'), sections: {} },
      actor,
    )
    assert.equal(bad.ok, false)
    assert.ok(!bad.ok && bad.errors.some((e) => e.field.startsWith('sections.')), 'errors name the field')
    const saved = await services.triage.saveNeedsAssessment(hub, id, needsAnswers('high'), actor)
    assert.ok(saved.ok)
    const found = await services.triage.detail(hub, id, actor, new Date())
    assert.equal(found?.detail.needsLevel, 'high')
    assert.equal(found?.detail.matchedRuleId, 'general-high-need', 'a high need makes it the targeted offer')
    assert.equal(found?.detail.offer, 'targeted')
    assert.equal(found?.needs?.formVersion, 1)
  })

  it('a high domestic abuse risk checklist opens one MARAC referral task', async () => {
    const { rows } = await db.pool.query(
      `SELECT t.referral_id FROM triage t WHERE t.pathway_id = 'domestic_abuse' LIMIT 1`,
    )
    const id = rows[0].referral_id as string
    const answers = {
      formId: domesticAbuseRiskChecklistV1.id,
      formVersion: domesticAbuseRiskChecklistV1.version,
      answers: Object.fromEntries(
        domesticAbuseRiskChecklistV1.questions.map((q, i) => [q.id, i < 15 ? 'yes' : 'no']),
      ),
      victimAge: 30,
    }
    const first = await services.triage.saveRiskChecklist(hub, id, answers, actor)
    assert.ok(first.ok)
    assert.equal(first.ok && first.result.level, 'high')
    assert.equal(first.ok && first.task?.kind, 'marac_referral')
    const second = await services.triage.saveRiskChecklist(hub, id, answers, actor)
    assert.ok(second.ok && second.task === null, 'no second open MARAC task')
    const found = await services.triage.detail(hub, id, actor, new Date())
    assert.equal(found?.tasks.filter((t) => t.status === 'open').length, 1)
    assert.equal(found?.detail.riskLevel, 'high')
    assert.equal(found?.detail.priorityRank, 3)
    assert.equal(found?.detail.openTasks, 1)
    const audit = await services.audit.recent({ action: 'restricted_record.viewed', recordId: id })
    assert.ok(audit.length > 0, 'opening a restricted referral is audited')
    const done = await services.triage.completeTask(hub, id, found?.tasks[0]?.id as string, actor)
    assert.ok(done)
  })

  it('specialist workers see only their pathway', async () => {
    const isva: Viewer = { id: hub.id, role: 'specialist_worker', teamPathway: 'sexual_violence' }
    const queue = await services.triage.queue(isva, { page: 1 }, new Date())
    assert.ok(queue.rows.every((r) => r.pathwayId === 'sexual_violence'))
    const { rows } = await db.pool.query(
      `SELECT referral_id FROM triage WHERE pathway_id = 'burglary' LIMIT 1`,
    )
    assert.equal(await services.triage.detail(isva, rows[0].referral_id, actor, new Date()), undefined)
  })

  it('allocates one lead worker per victim and counts caseloads', async () => {
    const worker = await createStaffUser(services, 'hub_caseworker')
    const police = await createStaffUser(services, 'police_referrer')
    const { rows } = await db.pool.query(`SELECT referral_id FROM triage LIMIT 2`)
    const refused = await services.triage.allocate(hub, rows[0].referral_id, police.id, actor)
    assert.deepEqual(refused, { ok: false, error: 'not_a_worker' })
    const ok = await services.triage.allocate(hub, rows[0].referral_id, worker.id, actor)
    assert.ok(ok.ok)
    await services.triage.allocate(hub, rows[1].referral_id, worker.id, actor)
    const loads = await services.triage.caseloads(new Date())
    const mine = loads.find((l) => l.userId === worker.id)
    assert.equal(mine?.victims, 2)
    assert.ok((mine?.openReferrals ?? 0) >= 2)
    const again = await services.triage.allocate(hub, rows[0].referral_id, hub.id, actor)
    assert.ok(again.ok)
    const after2 = await services.triage.caseloads(new Date())
    assert.equal(after2.find((l) => l.userId === worker.id)?.victims, 1, 'reallocating moves the victim')
  })

  it('previews a rule change against the latest referrals and publishes it as a new version', async () => {
    const overview = await services.triage.routingOverview(new Date())
    const burglary = overview.ruleSet.rules.find((r) => r.id === 'burglary')
    assert.ok(burglary)
    const changed = {
      ...burglary,
      when: { crimeCategories: ['burglary_residential', 'burglary_business'] as const },
    }
    const preview = await services.triage.previewRuleChange('burglary', {
      ...changed,
      when: { crimeCategories: [...changed.when.crimeCategories] },
    })
    assert.ok(preview.ok)
    assert.equal(preview.ok && preview.sampleSource, 'referrals')
    assert.equal(preview.ok && preview.sampleCount, 200)
    assert.ok(preview.ok && preview.changed.every((c) => c.new.pathway === 'burglary'))
    const invalid = await services.triage.previewRuleChange('burglary', {
      ...burglary,
      outcome: { ...burglary.outcome, providers: ['refuge-da'] },
    })
    assert.ok(!invalid.ok && invalid.errors[0]?.field === 'outcome.providers.0')
    const rule = { ...burglary, when: { crimeCategories: [...changed.when.crimeCategories] } }
    const saved = await services.triage.saveRuleChange('burglary', rule, 1, 'Business burglary too', actor)
    assert.deepEqual(saved, { ok: true, version: 2 })
    const stale = await services.triage.saveRuleChange('burglary', rule, 1, null, actor)
    assert.ok(!stale.ok && stale.conflict, 'a save against an old version is refused')
    assert.equal((await services.triage.routingOverview(new Date())).ruleSet.version, 2)
  })

  it('imports a GOV.UK bank holidays file, refusing a bad one with the field named', async () => {
    const good = await readFile(join(CALENDAR_DIR, 'gov_uk_bank_holidays_2019_2027.json'), 'utf8')
    const old = await readFile(
      join(CALENDAR_DIR, 'gov_uk_bank_holidays_2012_2020_england_wales.json'),
      'utf8',
    )
    const year = new Date().getUTCFullYear()
    await assert.rejects(
      services.calendar.importFile(old, { sourceFile: 'old.json', currentYear: year }, actor),
      (error: unknown) => error instanceof BankHolidayDataError && error.field === 'england-and-wales.events',
    )
    const broken = JSON.parse(good)
    broken['england-and-wales'].events[3].date = '2023-02-30'
    await assert.rejects(
      services.calendar.importFile(
        JSON.stringify(broken),
        { sourceFile: 'bad.json', currentYear: year },
        actor,
      ),
      (error: unknown) =>
        error instanceof BankHolidayDataError && error.field === 'england-and-wales.events[3].date',
    )
    assert.equal((await services.calendar.describe('2026-01-01')).source, 'built-in')
    const stored = await services.calendar.importFile(
      good,
      { sourceFile: 'new.json', currentYear: year },
      actor,
    )
    assert.equal(stored.lastYear, 2027)
    const described = await services.calendar.describe('2026-11-01')
    assert.equal(described.source, 'imported')
    assert.equal(described.lastYear, 2027)
    assert.equal((await services.calendar.current()).holidays.has('2027-12-27'), true)
  })
})
