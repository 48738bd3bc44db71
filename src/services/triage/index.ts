// Triage and routing (issue 4): every accepted referral gets THRIVE priority, routing with capacity
// and a place in the first-contact queue; workers re-grade THRIVE, record the needs assessment and
// the domestic abuse risk checklist (a high result raises a MARAC task); managers allocate a lead
// worker; administrators edit the routing rules (previewed before they are published) and capacities.
// Rules decided where the sources are silent: docs/adr/0010-triage-rules.md.
import type pg from 'pg'
import { withTransaction } from '../../db/transaction.ts'
import { generateReferrals } from '../../demo/referrals.ts'
import { londonDate } from '../../domain/calendar/working-days.ts'
import { ageOn } from '../../domain/entitlements/age.ts'
import type { Role } from '../../domain/staff/roles.ts'
import { domesticAbuseRiskChecklistV1, needsAssessmentFormV1 } from '../../domain/triage/assessment-forms.ts'
import { defaultRoutingRuleSet } from '../../domain/triage/default-routing-rules.ts'
import type { Grade } from '../../domain/triage/levels.ts'
import { PATHWAYS, type PathwayId, PROVIDERS, type ProviderDirectory } from '../../domain/triage/pathways.ts'
import {
  previewRuleSet,
  type RoutingRule,
  type RoutingRuleSet,
  validateRoutingRuleSet,
} from '../../domain/triage/routing.ts'
import { type FieldError, scoreNeedsAssessment, scoreRiskChecklist } from '../../domain/triage/scoring.ts'
import type { ThriveAssessment } from '../../domain/triage/thrive.ts'
import * as providersRepo from '../../repositories/providers.ts'
import * as routingRepo from '../../repositories/routing.ts'
import { findUserById } from '../../repositories/staff.ts'
import * as triageRepo from '../../repositories/triage.ts'
import type { Actor, AuditService } from '../audit.ts'
import type { CalendarService } from './calendar.ts'
import { ACTIVE_DAYS_OPEN_ENDED, CapacityLedger, type ProviderCapacity } from './capacity.ts'
import { triageOne } from './core.ts'
import type { TriageInput } from './facts.ts'
import { routingFacts } from './facts.ts'
import { entitlementsOf, normaliseForTriage, triageInputFromRecord } from './feed-input.ts'
import { timeLeft } from './time-left.ts'

const SEED_LOCK = 4_181_200
const TRIAGE_LOCK = 4_181_201
const DAY_MS = 86_400_000
export const PREVIEW_SAMPLE_SIZE = 200

/** Who is looking: decides which referrals they may see (need to know). */
export type Viewer = { id: string; role: Role; teamPathway: string | null }

export class TriageInputError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '))
    this.name = 'TriageInputError'
  }
}

const toInput = (s: triageRepo.TriageSource): TriageInput => ({
  crimeCategory: s.crimeCategory,
  domesticAbuse: s.domesticAbuse,
  hateCrime: s.hateCrime,
  cse: s.cse,
  cyber: s.cyber,
  rural: s.rural,
  enhanced: s.enhanced,
  repeatCount: s.repeatCount,
  dateOfBirth: s.dateOfBirth,
  under18: s.under18,
  reportedAt: s.reportedAt.toISOString(),
  town: s.town,
  policeThrive: s.policeThrive,
  hubThrive: s.hubThrive,
  victimChoice: { pathway: s.victimChoicePathway, outOfArea: s.victimWantsOutOfArea },
  needs: s.needs,
  riskLevel: s.riskLevel,
  needsLevel: s.needsLevel,
})

/**
 * Specialist workers see only referrals on their team's pathway; hub staff see every pathway because
 * the first-contact team works every referral until it is handed on (ADR 0010).
 */
export function visiblePathways(viewer: Viewer): readonly string[] | undefined {
  if (viewer.role === 'specialist_worker') return viewer.teamPathway ? [viewer.teamPathway] : []
  return undefined
}

export function createTriageService(pool: pg.Pool, audit: AuditService, calendar: CalendarService) {
  let seeded: Promise<void> | undefined

  /** Pathways, providers and routing rule set version 1 from the code, once per database; idempotent. */
  const ensureSeeded = (): Promise<void> => {
    seeded ??= withTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK])
      await providersRepo.seedDirectory(client, PATHWAYS, PROVIDERS)
      await providersRepo.linkProvidersToTeams(client)
      if (!(await routingRepo.currentRuleSet(client))) {
        await routingRepo.insertRuleSet(client, defaultRoutingRuleSet, {
          changeNote: 'Seeded default rule set',
          createdBy: null,
          createdByLabel: 'seed',
        })
      }
    }).catch((error) => {
      seeded = undefined
      throw error
    })
    return seeded
  }

  async function loadDirectory(db: pg.Pool | pg.PoolClient) {
    const [pathways, providers] = await Promise.all([
      providersRepo.listPathways(db),
      providersRepo.listProviders(db),
    ])
    const directory: ProviderDirectory = { pathways, providers }
    const timeLimited = new Map(pathways.map((p) => [p.id, p.timeLimited]))
    const capacities: ProviderCapacity[] = providers.map((p) => ({
      id: p.id,
      monthlyReferralCapacity: p.monthlyReferralCapacity,
      activeCaseCapacity: p.activeCaseCapacity,
      expectedWaitDays: p.expectedWaitDays,
      timeLimited: timeLimited.get(p.pathway) ?? true,
    }))
    return { directory, providers, pathways, capacities }
  }

  async function currentRules(db: pg.Pool | pg.PoolClient): Promise<routingRepo.StoredRuleSet> {
    await ensureSeeded()
    const current = await routingRepo.currentRuleSet(db)
    if (!current) throw new Error('No routing rule set: the seed did not run')
    return current
  }

  /** A ledger holding every open routed referral that can still count against a capacity at `fromMs`. */
  async function ledgerFrom(
    db: pg.Pool | pg.PoolClient,
    capacities: readonly ProviderCapacity[],
    fromMs: number,
    excluding: ReadonlySet<string>,
  ): Promise<CapacityLedger> {
    const ledger = new CapacityLedger(capacities)
    // The longest window, plus a month so the month count of the earliest referral is complete.
    const since = new Date(fromMs - (ACTIVE_DAYS_OPEN_ENDED + 31) * DAY_MS)
    for (const row of await providersRepo.openRoutedSince(db, since)) {
      if (!excluding.has(row.referralId)) ledger.add(row.providerId, row.receivedMs)
    }
    return ledger
  }

  /** Routes and grades the referrals (new or already triaged) inside the caller's transaction. */
  async function triageWith(
    client: pg.PoolClient,
    referralIds: readonly string[],
    trigger: string,
    byLabel: string,
  ): Promise<number> {
    if (referralIds.length === 0) return 0
    await ensureSeeded()
    // One triage at a time: the capacity each referral sees must include the ones routed just before.
    await client.query('SELECT pg_advisory_xact_lock($1)', [TRIAGE_LOCK])
    const sources = await triageRepo.triageSources(client, referralIds)
    if (sources.length === 0) return 0
    const ruleSet = await currentRules(client)
    const { capacities } = await loadDirectory(client)
    const first = Math.min(...sources.map((s) => s.receivedAt.getTime()))
    const ledger = await ledgerFrom(client, capacities, first, new Set(referralIds))
    const writes: triageRepo.TriageWrite[] = []
    const history: { referralId: string; trigger: string; result: unknown }[] = []
    for (const source of sources) {
      const outcome = triageOne(toInput(source), ruleSet, ledger, source.receivedAt.getTime())
      writes.push({
        referralId: source.referralId,
        receivedAt: source.receivedAt,
        policeThrive: source.policeThrive,
        thrivePriority: outcome.thrivePriority,
        priorityRank: outcome.priorityRank,
        pathwayId: outcome.route.pathway,
        offer: outcome.route.offer,
        providerId: outcome.route.providerId,
        matchedRuleId: outcome.route.matchedRuleId,
        ruleSetVersion: outcome.route.ruleSetVersion,
        explanation: outcome.route.explanation,
        warnings: outcome.route.warnings,
        expectedWaitDays: outcome.expectedWaitDays,
        providerOptions: outcome.route.providers,
      })
      history.push({ referralId: source.referralId, trigger, result: outcome.route })
    }
    await triageRepo.upsertTriage(client, writes)
    await routingRepo.insertRoutingHistory(client, history, byLabel)
    return writes.length
  }

  async function retriage(referralId: string, trigger: string, actor: Actor, client: pg.PoolClient) {
    await triageWith(client, [referralId], trigger, actor.label)
  }

  /** A worker can act on a referral the timer has not reached yet: triage it first. */
  async function ensureTriaged(client: pg.PoolClient, detail: triageRepo.TriageDetail) {
    if (!detail.triaged) await triageWith(client, [detail.referralId], 'intake', 'system')
  }

  async function requireVisible(viewer: Viewer, referralId: string) {
    const detail = await triageRepo.findTriageDetail(pool, referralId)
    if (!detail) return undefined
    const visible = visiblePathways(viewer)
    if (visible && (!detail.pathwayId || !visible.includes(detail.pathwayId))) return undefined
    return detail
  }

  async function sampleInputs(): Promise<{
    source: 'referrals' | 'demo'
    samples: { label: string; input: TriageInput }[]
  }> {
    const stored = await triageRepo.latestTriageSources(pool, PREVIEW_SAMPLE_SIZE)
    if (stored.length > 0) {
      return {
        source: 'referrals',
        samples: stored.map((s) => ({
          label: `${s.crimeCategory} ${s.referralId.slice(0, 8)}`,
          input: toInput(s),
        })),
      }
    }
    // No referrals yet (a new hub): the demo generator's victims, so the preview still shows something.
    const now = Date.now()
    const records = generateReferrals({
      seed: 2026,
      count: PREVIEW_SAMPLE_SIZE * 2,
      from: new Date(now - 90 * DAY_MS),
      to: new Date(now - DAY_MS),
    })
    const samples: { label: string; input: TriageInput }[] = []
    for (const raw of records) {
      const record = normaliseForTriage(raw)
      if (!record) continue
      samples.push({
        label: `${record.crime_category} ${record.referral_id ?? ''}`.trim(),
        input: triageInputFromRecord(record, entitlementsOf(record).enhanced),
      })
      if (samples.length === PREVIEW_SAMPLE_SIZE) break
    }
    return { source: 'demo', samples }
  }

  return {
    ensureSeeded,

    /**
     * Triages the given accepted referrals inside the caller's transaction (intake can call this where
     * it accepts referrals, so the routing commits with the acceptance).
     */
    triageAcceptedReferrals: (client: pg.PoolClient, referralIds: readonly string[]) =>
      triageWith(client, referralIds, 'intake', 'system'),

    /**
     * Triages every accepted referral that has none yet, oldest first, in batches: the safety net that
     * runs after imports and on a timer, so no accepted referral is left untriaged.
     */
    triagePending: async (options: { batchSize?: number } = {}): Promise<{ triaged: number }> => {
      await ensureSeeded()
      const batchSize = options.batchSize ?? 2000
      let triaged = 0
      for (;;) {
        const done = await withTransaction(pool, async (client) => {
          await client.query('SELECT pg_advisory_xact_lock($1)', [TRIAGE_LOCK])
          const ids = await triageRepo.untriagedReferralIds(client, batchSize)
          return triageWith(client, ids, 'intake', 'system')
        })
        triaged += done
        if (done < batchSize) break
      }
      return { triaged }
    },

    /** The fields the referrals export adds (same as the referral_export_triage view). */
    exportFields: async (referralId: string) => {
      const { rows } = await pool.query('SELECT * FROM referral_export_triage WHERE referral_id = $1', [
        referralId,
      ])
      return rows[0] ?? null
    },

    // -------------------------------------------------------------------------------------------------
    // Queue, allocation and caseloads

    queue: async (
      viewer: Viewer,
      filter: { pathway?: string | null; unallocatedOnly?: boolean; page: number },
      now: Date,
    ) => {
      const cal = await calendar.current()
      const limit = 50
      const { rows, total } = await triageRepo.queue(pool, {
        pathway: filter.pathway ?? null,
        unallocatedOnly: filter.unallocatedOnly ?? false,
        visiblePathways: visiblePathways(viewer),
        limit,
        offset: (Math.max(filter.page, 1) - 1) * limit,
      })
      return {
        total,
        pageSize: limit,
        rows: rows.map((row) => ({ ...row, timeLeft: timeLeft(cal, now, row.firstContactDue) })),
      }
    },

    detail: async (viewer: Viewer, referralId: string, actor: Actor, now: Date) => {
      const detail = await requireVisible(viewer, referralId)
      if (!detail) return undefined
      if (detail.restricted) {
        // Need to know: every view of a restricted record is audited.
        await audit.record(actor, {
          action: 'restricted_record.viewed',
          recordType: 'referral',
          recordId: referralId,
          details: { pathway: detail.pathwayId },
        })
      }
      const [tasks, needs, risk, history] = await Promise.all([
        triageRepo.tasksFor(pool, referralId),
        triageRepo.latestNeedsAssessment(pool, referralId),
        triageRepo.latestRiskChecklist(pool, referralId),
        routingRepo.routingHistory(pool, referralId),
      ])
      const cal = await calendar.current()
      return {
        detail,
        tasks,
        needs,
        risk,
        history,
        timeLeft: timeLeft(cal, now, detail.firstContactDue),
        age: detail.dateOfBirth ? ageOn(detail.dateOfBirth, londonDate(detail.reportedAt)) : null,
      }
    },

    /** Accounts a manager may make lead worker for this referral: hub staff, or the pathway's team. */
    allocatableWorkers: async (referralId: string) => {
      const detail = await triageRepo.findTriageDetail(pool, referralId)
      if (!detail) return []
      const loads = await triageRepo.caseloads(pool, londonDate(new Date()))
      return loads.filter((w) =>
        w.role === 'specialist_worker' ? w.teamPathway !== null && w.teamPathway === detail.pathwayId : true,
      )
    },

    allocate: async (referralId: string, userId: string, actor: Actor) => {
      const detail = await triageRepo.findTriageDetail(pool, referralId)
      if (!detail) return { ok: false as const, error: 'not_found' as const }
      const user = await findUserById(pool, userId)
      const allowed =
        user &&
        !user.disabled &&
        (user.role === 'hub_caseworker' ||
          user.role === 'team_manager' ||
          (user.role === 'specialist_worker' && user.teamPathway === detail.pathwayId))
      if (!allowed) return { ok: false as const, error: 'not_a_worker' as const }
      await withTransaction(pool, async (client) => {
        const previous = await triageRepo.setLeadWorker(client, detail.victimId, userId, {
          userId: actor.userId,
          label: actor.label,
        })
        await audit.recordWith(client, actor, {
          action: 'lead_worker.allocated',
          recordType: 'victim',
          recordId: detail.victimId,
          details: { referralId, leadWorker: userId, previous },
        })
      })
      return { ok: true as const, victimId: detail.victimId, workerName: user.displayName }
    },

    caseloads: async (now: Date) => triageRepo.caseloads(pool, londonDate(now)),

    // -------------------------------------------------------------------------------------------------
    // Assessment journey

    regradeThrive: async (
      viewer: Viewer,
      referralId: string,
      grades: Required<Pick<ThriveAssessment, 'threat' | 'harm' | 'risk' | 'vulnerability'>>,
      reason: string,
      actor: Actor,
    ) => {
      const detail = await requireVisible(viewer, referralId)
      if (!detail) return false
      await withTransaction(pool, async (client) => {
        await ensureTriaged(client, detail)
        await triageRepo.setHubThrive(client, referralId, grades, reason, actor.userId)
        await retriage(referralId, 'thrive_regrade', actor, client)
        await audit.recordWith(client, actor, {
          action: 'thrive.regraded',
          recordType: 'referral',
          recordId: referralId,
          details: { police: detail.policeThrive, hub: grades as Record<string, Grade | null>, reason },
        })
      })
      return true
    },

    setVictimChoice: async (
      viewer: Viewer,
      referralId: string,
      pathway: PathwayId | null,
      outOfArea: boolean,
      actor: Actor,
    ) => {
      const detail = await requireVisible(viewer, referralId)
      if (!detail) return false
      await withTransaction(pool, async (client) => {
        await ensureTriaged(client, detail)
        await triageRepo.setVictimChoice(client, referralId, pathway, outOfArea)
        await retriage(referralId, 'victim_choice', actor, client)
        await audit.recordWith(client, actor, {
          action: 'victim_choice.recorded',
          recordType: 'referral',
          recordId: referralId,
          details: { pathway, outOfArea },
        })
      })
      return true
    },

    needsForm: needsAssessmentFormV1,
    riskForm: domesticAbuseRiskChecklistV1,

    /** Scores and stores a needs assessment, then routes again with the needs levels. */
    saveNeedsAssessment: async (viewer: Viewer, referralId: string, answers: unknown, actor: Actor) => {
      const detail = await requireVisible(viewer, referralId)
      if (!detail) return { ok: false as const, notFound: true as const, errors: [] }
      const scored = scoreNeedsAssessment(needsAssessmentFormV1, answers)
      if (!scored.ok) return { ok: false as const, notFound: false as const, errors: scored.errors }
      const result = scored.value
      await withTransaction(pool, async (client) => {
        const id = await triageRepo.insertNeedsAssessment(client, {
          referralId,
          formId: result.formId,
          formVersion: result.formVersion,
          answers,
          result,
          overallLevel: result.overallLevel,
          assessedBy: actor.userId,
          assessedByLabel: actor.label,
        })
        await ensureTriaged(client, detail)
        await triageRepo.setAssessmentLevels(client, referralId, { needsLevel: result.overallLevel })
        await retriage(referralId, 'needs_assessment', actor, client)
        await audit.recordWith(client, actor, {
          action: 'needs_assessment.recorded',
          recordType: 'referral',
          recordId: referralId,
          details: { assessmentId: id, overallLevel: result.overallLevel, riskFlags: result.riskFlags },
        })
      })
      return { ok: true as const, result }
    },

    /**
     * Scores and stores a domestic abuse risk checklist. When it meets a MARAC criterion a MARAC
     * referral task is opened (a children's safeguarding referral under 16), once per referral.
     */
    saveRiskChecklist: async (viewer: Viewer, referralId: string, answers: unknown, actor: Actor) => {
      const detail = await requireVisible(viewer, referralId)
      if (!detail) return { ok: false as const, notFound: true as const, errors: [] }
      const scored = scoreRiskChecklist(domesticAbuseRiskChecklistV1, answers)
      if (!scored.ok) return { ok: false as const, notFound: false as const, errors: scored.errors }
      const result = scored.value
      const taskOpened = await withTransaction(pool, async (client) => {
        const id = await triageRepo.insertRiskChecklist(client, {
          referralId,
          formId: result.formId,
          formVersion: result.formVersion,
          answers,
          result,
          level: result.level,
          yesCount: result.yesCount,
          assessedBy: actor.userId,
          assessedByLabel: actor.label,
        })
        await ensureTriaged(client, detail)
        await triageRepo.setAssessmentLevels(client, referralId, { riskLevel: result.level })
        let task: { id: string; kind: triageRepo.TaskKind } | null = null
        const kind: triageRepo.TaskKind | null = result.actions.includes('raise_marac_referral')
          ? 'marac_referral'
          : result.actions.includes('child_safeguarding_referral')
            ? 'child_safeguarding_referral'
            : null
        if (kind) {
          const taskId = await triageRepo.openTask(client, {
            referralId,
            kind,
            details: { criteria: result.maracCriteria, yesCount: result.yesCount, level: result.level },
            riskChecklistId: id,
            createdByLabel: actor.label,
          })
          if (taskId) task = { id: taskId, kind }
        }
        await retriage(referralId, 'risk_checklist', actor, client)
        await audit.recordWith(client, actor, {
          action: 'risk_checklist.recorded',
          recordType: 'referral',
          recordId: referralId,
          details: { checklistId: id, level: result.level, yesCount: result.yesCount, task },
        })
        return task
      })
      return { ok: true as const, result, task: taskOpened }
    },

    completeTask: async (viewer: Viewer, referralId: string, taskId: string, actor: Actor) => {
      const detail = await requireVisible(viewer, referralId)
      if (!detail) return false
      return withTransaction(pool, async (client) => {
        const done = await triageRepo.completeTask(client, referralId, taskId, actor.userId)
        if (done) {
          await audit.recordWith(client, actor, {
            action: 'triage_task.completed',
            recordType: 'referral',
            recordId: referralId,
            details: { taskId },
          })
        }
        return done
      })
    },

    // -------------------------------------------------------------------------------------------------
    // Routing rules and providers (administrator)

    routingOverview: async (now: Date) => {
      const ruleSet = await currentRules(pool)
      const { providers, pathways, capacities } = await loadDirectory(pool)
      const ledger = await ledgerFrom(pool, capacities, now.getTime(), new Set())
      return {
        ruleSet,
        versions: await routingRepo.listRuleSetVersions(pool),
        pathways,
        providers: providers.map((p) => ({ ...p, load: ledger.loadAt(p.id, now.getTime()) })),
      }
    },

    ruleSetVersion: async (version: number) => {
      await ensureSeeded()
      return routingRepo.findRuleSetVersion(pool, version)
    },

    /**
     * The rule set with one rule replaced, validated against the directory, and how the sample
     * victims (the latest 200 referrals, or demo ones) would be routed by it compared with now.
     */
    previewRuleChange: async (ruleId: string, candidate: RoutingRule) => {
      const current = await currentRules(pool)
      const index = current.rules.findIndex((r) => r.id === ruleId)
      if (index < 0) return { ok: false as const, notFound: true as const, errors: [] }
      const { directory } = await loadDirectory(pool)
      const proposedInput: RoutingRuleSet = {
        id: current.id,
        version: current.version + 1,
        effectiveFrom: londonDate(new Date()),
        rules: current.rules.map((r, i) => (i === index ? candidate : r)),
      }
      const validation = validateRoutingRuleSet(proposedInput, directory)
      if (!validation.ok) {
        // Errors name the rule's own fields: 'rules.3.outcome.providers.0' -> 'outcome.providers.0'.
        const prefix = `rules.${index}.`
        return {
          ok: false as const,
          notFound: false as const,
          errors: validation.errors.map((e) => ({
            field: e.field.startsWith(prefix) ? e.field.slice(prefix.length) : e.field,
            message: e.message,
          })),
        }
      }
      const { source, samples } = await sampleInputs()
      const preview = previewRuleSet(
        validation.ruleSet,
        samples.map((s) => routingFacts(s.input)),
        current,
      )
      const before = new Map<string, number>()
      const after = new Map<string, number>()
      for (const row of preview.rows) {
        const b = row.old.pathway ?? 'none'
        const a = row.new.pathway ?? 'none'
        before.set(b, (before.get(b) ?? 0) + 1)
        after.set(a, (after.get(a) ?? 0) + 1)
      }
      const pathwayIds = [...new Set([...before.keys(), ...after.keys()])].sort()
      return {
        ok: true as const,
        current,
        proposed: validation.ruleSet,
        sampleSource: source,
        sampleCount: samples.length,
        changedCount: preview.changedCount,
        summary: pathwayIds.map((id) => ({
          pathway: id,
          before: before.get(id) ?? 0,
          after: after.get(id) ?? 0,
        })),
        changed: preview.rows
          .filter((row) => row.changed)
          .map((row) => ({ ...row, label: samples[row.index]?.label ?? String(row.index) })),
      }
    },

    /**
     * Publishes the change as a new version. Refused if another version was published since the one
     * the administrator previewed against: they must preview again.
     */
    saveRuleChange: async (
      ruleId: string,
      candidate: RoutingRule,
      baseVersion: number,
      changeNote: string | null,
      actor: Actor,
    ) => {
      const current = await currentRules(pool)
      if (current.version !== baseVersion) {
        return { ok: false as const, conflict: true as const, errors: [], current: current.version }
      }
      const index = current.rules.findIndex((r) => r.id === ruleId)
      if (index < 0)
        return { ok: false as const, conflict: false as const, errors: [], current: current.version }
      const { directory } = await loadDirectory(pool)
      const proposed = {
        id: current.id,
        version: current.version + 1,
        effectiveFrom: londonDate(new Date()),
        rules: current.rules.map((r, i) => (i === index ? candidate : r)),
      }
      const validation = validateRoutingRuleSet(proposed, directory)
      if (!validation.ok) {
        return {
          ok: false as const,
          conflict: false as const,
          errors: validation.errors,
          current: current.version,
        }
      }
      const inserted = await withTransaction(pool, async (client) => {
        const ok = await routingRepo.insertRuleSet(client, validation.ruleSet, {
          changeNote,
          createdBy: actor.userId,
          createdByLabel: actor.label,
        })
        if (ok) {
          await audit.recordWith(client, actor, {
            action: 'routing_rules.published',
            recordType: 'routing_rule_set',
            recordId: `${proposed.id}@${proposed.version}`,
            details: { ruleId, before: current.rules[index], after: candidate, changeNote },
          })
        }
        return ok
      })
      if (!inserted)
        return { ok: false as const, conflict: true as const, errors: [], current: current.version }
      return { ok: true as const, version: proposed.version }
    },

    providers: async () => {
      await ensureSeeded()
      return providersRepo.listProviders(pool)
    },

    provider: async (id: string) => {
      await ensureSeeded()
      return providersRepo.findProvider(pool, id)
    },

    updateProviderCapacity: async (
      id: string,
      values: {
        monthlyReferralCapacity: number
        activeCaseCapacity: number
        expectedWaitDays: number | null
      },
      actor: Actor,
    ) => {
      await ensureSeeded()
      return withTransaction(pool, async (client) => {
        const before = await providersRepo.findProvider(client, id)
        if (!before) return false
        await providersRepo.updateProviderCapacity(client, id, values, actor.label)
        await audit.recordWith(client, actor, {
          action: 'provider.capacity_changed',
          recordType: 'provider',
          recordId: id,
          details: {
            before: {
              monthlyReferralCapacity: before.monthlyReferralCapacity,
              activeCaseCapacity: before.activeCaseCapacity,
              expectedWaitDays: before.expectedWaitDays,
            },
            after: values,
          },
        })
        return true
      })
    },
  }
}

export type TriageService = ReturnType<typeof createTriageService>
