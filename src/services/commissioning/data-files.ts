import { createReadStream } from 'node:fs'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream'
import { createGunzip } from 'node:zlib'

/** A `.gz` file is gzip-compressed (the project's samples are stored as `.csv.gz`). */
export const isGzipped = (path: string): boolean => path.toLowerCase().endsWith('.gz')

/**
 * A police.uk or ONS file's content as a stream: a `.gz` file is decompressed on the way (node:zlib), so
 * an importer reads the CSV as published whichever way it is stored, and checksums the same bytes.
 * Destroying the returned stream closes the file too.
 */
export function openDataFile(path: string): Readable {
  const file = createReadStream(path)
  if (!isGzipped(path)) return file
  // pipeline, not pipe: an error or early close of either stream ends both. The error itself reaches
  // whoever reads the returned stream, so nothing is left to do here.
  return pipeline(file, createGunzip(), () => {})
}

/**
 * The problem to report when a data file cannot be read to its end, or undefined when the error is not a
 * reading one. zlib marks its errors with a Z_ code (a damaged or cut-off .gz file).
 */
export function readProblem(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (typeof code === 'string' && code.startsWith('Z_'))
    return `the file is not complete gzip-compressed data (${(error as Error).message})`
  return undefined
}
