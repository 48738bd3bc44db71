// Routing rules (previewed before they are published) and provider capacity, for administrators.
import type pg from 'pg'
import { withTransaction } from '../../db/transaction.ts'
import { londonDate } from '../../domain/calendar/working-days.ts'
import { routingFacts } from '../../domain/triage/facts.ts'
import type { RoutingRule, RoutingRuleSet } from '../../domain/triage/routing.ts'
import { previewRuleSet } from '../../domain/triage/routing-preview.ts'
import { validateRoutingRuleSet } from '../../domain/triage/routing-validation.ts'
import * as providersRepo from '../../repositories/providers.ts'
import * as routingRepo from '../../repositories/routing.ts'
import type { Actor, AuditService } from '../audit.ts'
import type { TriageEngine } from './engine.ts'

/** Versioned routing rules with a preview, and the services directory's capacities. */
export function createRoutingAdminService(pool: pg.Pool, audit: AuditService, engine: TriageEngine) {
  const { ensureSeeded, loadDirectory, currentRules, ledgerFrom, sampleInputs } = engine
  return {
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
     * victims (the latest 200 referrals, or a fixed sample on a new hub) would be routed by it compared
     * with now.
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
