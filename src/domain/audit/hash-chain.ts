import { createHash } from 'node:crypto'

/** The fields of an audit row that its hash protects. */
export type AuditFields = {
  id: number
  occurredAt: string
  actorUserId: string | null
  actor: string
  action: string
  recordType: string | null
  recordId: string | null
  ip: string | null
  requestId: string | null
  details: unknown
}

export const GENESIS_HASH = 'genesis'

/** JSON with keys sorted at every level, so the same details always hash the same way. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null)
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

/** Each row's hash covers its own fields and the previous row's hash, which chains the log together. */
export function auditHash(prevHash: string, row: AuditFields): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(
      canonicalJson([
        row.id,
        row.occurredAt,
        row.actorUserId,
        row.actor,
        row.action,
        row.recordType,
        row.recordId,
        row.ip,
        row.requestId,
        row.details,
      ]),
    )
    .digest('hex')
}

export type StoredAuditRow = AuditFields & { prevHash: string; hash: string }

export type ChainBreak = { id: number; problem: string }

/**
 * Checks rows in id order, carrying the last good hash between batches. Returns the first row whose
 * stored hashes do not follow from the rows before it: an edit shows at the edited row, a deletion at
 * the row after the gap.
 */
export class AuditChainVerifier {
  private expectedPrev = GENESIS_HASH
  private previousId = 0
  checked = 0

  check(row: StoredAuditRow): ChainBreak | null {
    if (row.prevHash !== this.expectedPrev) {
      const first = this.previousId + 1
      const last = row.id - 1
      const gap =
        last < first
          ? ''
          : last === first
            ? ` (row ${first} is missing)`
            : ` (rows ${first}–${last} are missing)`
      return { id: row.id, problem: `does not follow the row before it${gap}` }
    }
    if (auditHash(row.prevHash, row) !== row.hash) {
      return { id: row.id, problem: 'its contents were changed after it was written' }
    }
    this.expectedPrev = row.hash
    this.previousId = row.id
    this.checked += 1
    return null
  }
}
