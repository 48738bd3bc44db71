// Deleting the newest audit rows leaves a shorter chain that is still whole: nothing inside the
// database says where it should end. A checkpoint kept outside the database (the number of rows, the
// last row's id and hash) does, so a cut-off end is found and named.
import type { ChainBreak } from './hash-chain.ts'

export type AuditCheckpoint = {
  /** How many rows the log held, up to and including `lastId`. */
  rows: number
  lastId: number
  lastHash: string
  /** When the checkpoint was taken (ISO 8601). */
  at: string
}

/** What a walk of the whole chain saw, for comparing with the checkpoint. */
export type ChainSeen = {
  rows: number
  lastId: number
  /** The hash and position (1-based) of the row with the checkpoint's id, when the walk met it. */
  atCheckpoint?: { hash: string; position: number }
}

/** The first way the chain as walked falls short of the checkpoint, or null when it holds it. */
export function checkAgainstCheckpoint(seen: ChainSeen, checkpoint: AuditCheckpoint): ChainBreak | null {
  const taken = `a checkpoint of ${checkpoint.at} records ${checkpoint.rows} rows ending at row ${checkpoint.lastId}`
  if (!seen.atCheckpoint) {
    const missing = checkpoint.rows - seen.rows
    const ends =
      seen.rows === 0 ? 'the log is empty' : `the log ends at row ${seen.lastId} with ${seen.rows} rows`
    const cut =
      seen.rows === 0
        ? `all ${checkpoint.rows} rows were removed`
        : missing > 0
          ? `${missing} ${missing === 1 ? 'row' : 'rows'} after row ${seen.lastId} were cut off`
          : `the rows after row ${seen.lastId} were cut off and others written in their place`
    return { id: checkpoint.lastId, problem: `${ends}, but ${taken}: ${cut}` }
  }
  if (seen.atCheckpoint.hash !== checkpoint.lastHash) {
    return {
      id: checkpoint.lastId,
      problem: `its hash is not the one ${taken}: the chain up to it was written again`,
    }
  }
  if (seen.atCheckpoint.position !== checkpoint.rows) {
    return {
      id: checkpoint.lastId,
      problem: `it is row number ${seen.atCheckpoint.position} of the log, but ${taken}`,
    }
  }
  return null
}
