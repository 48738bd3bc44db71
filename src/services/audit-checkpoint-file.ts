// The audit log's checkpoints live in a file outside the database, where deleting audit rows cannot
// reach them: one entry per chain (named by its first row's hash), so a reset database or a second
// database pointed at the same file never reads another's end.
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { AuditCheckpoint } from '../domain/audit/checkpoint.ts'

type CheckpointFile = { chains: Record<string, AuditCheckpoint> }

export class CheckpointFileError extends Error {
  constructor(path: string, reason: string) {
    super(`The audit checkpoint file ${path} cannot be read: ${reason}`)
    this.name = 'CheckpointFileError'
  }
}

async function readAll(path: string): Promise<CheckpointFile> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { chains: {} }
    throw error
  }
  try {
    const parsed = JSON.parse(text) as CheckpointFile
    if (typeof parsed.chains !== 'object' || parsed.chains === null) throw new Error('no "chains"')
    return parsed
  } catch (error) {
    throw new CheckpointFileError(path, (error as Error).message)
  }
}

export async function readCheckpoint(path: string, chain: string): Promise<AuditCheckpoint | undefined> {
  return (await readAll(path)).chains[chain]
}

/** Replaces the chain's checkpoint; written to a temporary file and renamed, so a crash leaves the old one. */
export async function writeCheckpoint(
  path: string,
  chain: string,
  checkpoint: AuditCheckpoint,
): Promise<void> {
  const all = await readAll(path)
  const current = all.chains[chain]
  // Another process may have written a later head meanwhile: never move the checkpoint back.
  if (current && current.lastId >= checkpoint.lastId) return
  all.chains[chain] = checkpoint
  await mkdir(dirname(path), { recursive: true })
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`
  await writeFile(temporary, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 })
  await rename(temporary, path)
}
