// The triage engine the triage services share: seeding the directory and rules, routing with capacity,
// and the need-to-know check. Rules decided where the sources are silent: docs/adr/0010-triage-rules.md.
import type pg from 'pg'
import { withTransaction } from '../../db/transaction.ts'
import { DIRECTORY_SEED } from '../../domain/directory/entries.ts'
import type { Role } from '../../domain/staff/roles.ts'
import {
  ACTIVE_DAYS_OPEN_ENDED,
  CapacityLedger,
  type ProviderCapacity,
} from '../../domain/triage/capacity.ts'
import { defaultRoutingRuleSet } from '../../domain/triage/default-routing-rules.ts'
import type { TriageInput } from '../../domain/triage/facts.ts'
import { entitlementsOf, normaliseForTriage, triageInputFromRecord } from '../../domain/triage/feed-input.ts'
import { PATHWAYS, PROVIDERS, type ProviderDirectory } from '../../domain/triage/pathways.ts'
import { routingPreviewSample } from '../../domain/triage/preview-sample.ts'
import type { FieldError } from '../../domain/triage/scoring.ts'
import { triageOne } from '../../domain/triage/triage-one.ts'
import { scopeOf } from '../../domain/victims/access-policy.ts'
import * as directoryRepo from '../../repositories/directory.ts'
import { findTriageDetail, type TriageDetail } from '../../repositories/first-contact-queue.ts'
import * as providersRepo from '../../repositories/providers.ts'
import * as routingRepo from '../../repositories/routing.ts'
import * as triageRepo from '../../repositories/triage.ts'
import type { Actor } from '../audit.ts'

const SEED_LOCK = 4_181_200
export const TRIAGE_LOCK = 4_181_201
export const DAY_MS = 86_400_000
export const PREVIEW_SAMPLE_SIZE = 200

/** Who is looking: decides which referrals they may see (need to know, domain/victims/access-policy.ts). */
export type Viewer = { id: string; role: Role; teamPathway: string | null }

export class TriageInputError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '))
    this.name = 'TriageInputError'
  }
}

export const toInput = (s: triageRepo.TriageSource): TriageInput => ({
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

/** The internals every triage service uses; built once per pool by createTriageService. */
export function createTriageEngine(pool: pg.Pool) {
  let seeded: Promise<void> | undefined

  /** Pathways, providers and routing rule set version 1 from the code, once per database; idempotent. */
  const ensureSeeded = (): Promise<void> => {
    seeded ??= withTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK])
      await providersRepo.seedDirectory(client, PATHWAYS, PROVIDERS)
      await directoryRepo.seedDirectoryEntries(client, DIRECTORY_SEED)
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

  /** A worker can act on a referral the triage job has not reached yet: triage it first. */
  async function ensureTriaged(client: pg.PoolClient, detail: TriageDetail) {
    if (!detail.triaged) await triageWith(client, [detail.referralId], 'intake', 'system')
  }

  /**
   * The referral's triage if the viewer may see it (the access policy, applied in SQL); a referral they
   * may not see is undefined, exactly like one that does not exist (docs/adr/0025).
   */
  async function requireVisible(viewer: Viewer, referralId: string) {
    return findTriageDetail(pool, referralId, scopeOf(viewer))
  }

  async function sampleInputs(): Promise<{
    source: 'referrals' | 'sample'
    samples: { label: string; input: TriageInput }[]
  }> {
    const stored = await triageRepo.latestTriageSources(pool, PREVIEW_SAMPLE_SIZE)
    const fixed = routingPreviewSample(new Date())
    if (stored.length >= fixed.length) {
      return {
        source: 'referrals',
        samples: stored.map((s) => ({
          label: `${s.crimeCategory} ${s.referralId.slice(0, 8)}`,
          input: toInput(s),
        })),
      }
    }
    // Too few of its own (a new hub): a fixed sample of typical victims, so the preview still shows
    // what the change would do across every route (ADR 0019).
    const samples: { label: string; input: TriageInput }[] = []
    for (const { label, record: raw } of fixed) {
      const record = normaliseForTriage(raw)
      if (record)
        samples.push({ label, input: triageInputFromRecord(record, entitlementsOf(record).enhanced) })
    }
    return { source: 'sample', samples }
  }

  return {
    ensureSeeded,
    loadDirectory,
    currentRules,
    ledgerFrom,
    triageWith,
    retriage,
    ensureTriaged,
    requireVisible,
    sampleInputs,
  }
}

export type TriageEngine = ReturnType<typeof createTriageEngine>
