// Streaming readers for the feed's two file formats. Records come out one at a time, so memory stays
// flat whatever the file size. Two kinds of trouble are kept apart:
// - the file as a whole cannot be read (not UTF-8 text, a NUL byte, a CSV quoting error, no header, not
//   JSON Lines at all): FileRefusedError naming the line; the caller changes nothing;
// - one record cannot be read (a JSONL line that is not a JSON object, a CSV row with the wrong number
//   of values): an UnreadableRecord, which the pipeline quarantines so that no record is ever dropped.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import { UnreadableRecord } from '../../domain/intake/records.ts'
import { isFeedFieldName } from '../../domain/referral-feed/index.ts'

export type FeedFormat = 'csv' | 'jsonl'
export type FeedItem = Record<string, unknown> | UnreadableRecord

/** The whole file was refused: nothing from it is stored. */
export class FileRefusedError extends Error {
  constructor(
    readonly line: number | null,
    readonly problem: string,
  ) {
    super(line === null ? problem : `line ${line}: ${problem}`)
    this.name = 'FileRefusedError'
  }
}

/** Why an empty file (no bytes, or only blank lines) is refused rather than stored as a batch of 0. */
export const EMPTY_FILE =
  'the file is empty: it holds nothing but blank lines, so there is nothing to import (was it cut short, or sent before it was written?)'

/** Longest record (or JSONL line) accepted; a longer one means this is not a feed file. */
export const MAX_RECORD_BYTES = 1024 * 1024

export function formatFromName(name: string): FeedFormat | null {
  const lower = name.toLowerCase()
  if (lower.endsWith('.csv')) return 'csv'
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl'
  return null
}

/** Why a file that is not UTF-8 is refused, and what the sender should do. */
export const NOT_UTF8 =
  'the file is not UTF-8 text (saved as Windows-1252 or Latin-1, as some systems write, or a spreadsheet or other binary file): export or save it as UTF-8 and send it again'

type ByteSource = AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>

const countNewlines = (text: string): number => {
  let n = 0
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++
  return n
}

/**
 * The line of the first byte that is not UTF-8, in bytes that begin at the start of line `first`. Line
 * breaks are single bytes that never occur inside a character, so each line can be checked on its own.
 */
function lineOfBadByte(bytes: Uint8Array, first: number): number {
  let line = first
  for (let start = 0; ; line++) {
    const nl = bytes.indexOf(0x0a, start)
    try {
      // The last piece may stop inside a character that the next chunk completes: that is not an error.
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, nl === -1 ? undefined : nl), {
        stream: nl === -1,
      })
    } catch {
      return line
    }
    if (nl === -1) return line
    start = nl + 1
  }
}

/**
 * Bytes to text, refusing anything that is not UTF-8 or that holds a NUL byte (a binary file, or a
 * UTF-16 export), naming the line. A leading BOM is dropped.
 */
export async function* decodeUtf8(source: ByteSource): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  // The line the current chunk starts in, and the bytes of that line that came in earlier chunks (kept,
  // up to a bound, so that a bad byte is placed exactly even when a chunk ends inside a character).
  let line = 1
  let lineSoFar: Uint8Array[] | null = []
  let lineSoFarBytes = 0
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk
    let text: string
    try {
      text = decoder.decode(bytes, { stream: true })
    } catch {
      const from = lineSoFar === null ? bytes : Buffer.concat([...lineSoFar, bytes])
      throw new FileRefusedError(lineOfBadByte(from, line), NOT_UTF8)
    }
    const nul = text.indexOf('\u0000')
    if (nul !== -1) {
      throw new FileRefusedError(
        line + countNewlines(text.slice(0, nul)),
        'the file holds a NUL byte, so it is not a text file (binary, or saved as UTF-16?)',
      )
    }
    line += countNewlines(text)
    const lastBreak = bytes.lastIndexOf(0x0a)
    if (lastBreak !== -1) {
      lineSoFar = [bytes.subarray(lastBreak + 1)]
      lineSoFarBytes = bytes.length - lastBreak - 1
    } else if (lineSoFar !== null) {
      lineSoFar.push(bytes)
      lineSoFarBytes += bytes.length
      if (lineSoFarBytes > 2 * MAX_RECORD_BYTES) lineSoFar = null
    }
    if (text !== '') yield text
  }
  try {
    const rest = decoder.decode()
    if (rest !== '') yield rest
  } catch {
    throw new FileRefusedError(line, `the file ends in the middle of a character: ${NOT_UTF8}`)
  }
}

/**
 * CSV (RFC 4180, header row, optional BOM). Each line may end in LF or CRLF, whatever the others do (two
 * exports joined, or a file passed through another system): csv-parse takes both as record delimiters
 * instead of guessing one from the first line. Inside a quoted field either is kept as it was sent.
 * A quoting error refuses the file: after one, the parser cannot know where records begin. A row with
 * the wrong number of values is unreadable.
 */
export async function* readCsv(source: ByteSource): AsyncGenerator<FeedItem> {
  const parser = parse({
    bom: true,
    record_delimiter: ['\r\n', '\n'],
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    raw: true,
    max_record_size: MAX_RECORD_BYTES,
  })
  const input = Readable.from(decodeUtf8(source))
  let inputError: unknown
  input.on('error', (error) => {
    inputError = error
    parser.destroy(error)
  })
  input.pipe(parser)
  let header: string[] | null = null
  try {
    for await (const out of parser as AsyncIterable<{
      record: string[]
      raw: string
      info: { lines: number }
    }>) {
      const { record, raw, info } = out
      if (header === null) {
        header = checkHeader(record, info.lines)
        continue
      }
      if (record.length !== header.length) {
        yield new UnreadableRecord(
          raw.replace(/\r?\n$/, ''),
          `has ${record.length} values where the header has ${header.length}`,
          info.lines,
        )
        continue
      }
      const object: Record<string, unknown> = {}
      for (let i = 0; i < header.length; i++) object[header[i] as string] = record[i]
      yield object
    }
  } catch (error) {
    if (inputError instanceof FileRefusedError) throw inputError
    if (error instanceof FileRefusedError) throw error
    const e = error as { message?: string; lines?: number; code?: string }
    throw new FileRefusedError(e.lines ?? null, `not readable as CSV: ${e.message ?? String(error)}`)
  } finally {
    input.destroy()
  }
  if (inputError instanceof FileRefusedError) throw inputError
  if (header === null) throw new FileRefusedError(null, EMPTY_FILE)
}

function checkHeader(names: string[], line: number): string[] {
  const cleaned = names.map((n) => n.replace(/^\uFEFF+/, ''))
  const seen = new Set<string>()
  cleaned.forEach((name, i) => {
    if (name.trim() === '') throw new FileRefusedError(line, `header column ${i + 1} has no name`)
    if (seen.has(name)) throw new FileRefusedError(line, `header names the column "${name}" twice`)
    seen.add(name)
  })
  if (!cleaned.some((n) => isFeedFieldName(n))) {
    throw new FileRefusedError(
      line,
      'the header names none of the feed fields (referral_id, force_code, crime_reference, …): is this a police referral feed file?',
    )
  }
  return cleaned
}

/**
 * JSON Lines: one JSON object per line; blank lines are not records. If the first record line is not
 * a JSON object the file is not JSON Lines and is refused; a bad line after that is one unreadable record.
 */
export async function* readJsonl(source: ByteSource): AsyncGenerator<FeedItem> {
  let pending = ''
  let lineNumber = 0
  let sawRecord = false
  const take = (text: string): FeedItem | null => {
    lineNumber++
    const line = text.endsWith('\r') ? text.slice(0, -1) : text
    if (line.trim() === '') return null
    let value: unknown
    let problem: string | null = null
    try {
      value = JSON.parse(line)
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        problem = 'is not a JSON object'
    } catch (error) {
      problem = `is not valid JSON (${(error as Error).message})`
    }
    if (problem !== null) {
      if (!sawRecord) {
        throw new FileRefusedError(lineNumber, `${problem}: this does not look like a JSON Lines feed file`)
      }
      return new UnreadableRecord(line, problem, lineNumber)
    }
    sawRecord = true
    return value as Record<string, unknown>
  }
  for await (const text of decodeUtf8(source)) {
    pending += text
    let start = 0
    for (let nl = pending.indexOf('\n'); nl !== -1; nl = pending.indexOf('\n', start)) {
      const item = take(pending.slice(start, nl))
      start = nl + 1
      if (item !== null) yield item
    }
    pending = pending.slice(start)
    if (pending.length > MAX_RECORD_BYTES) {
      throw new FileRefusedError(lineNumber + 1, 'line is longer than 1 MB: not a JSON Lines feed file')
    }
  }
  if (pending !== '') {
    const item = take(pending)
    if (item !== null) yield item
  }
  if (!sawRecord) throw new FileRefusedError(null, EMPTY_FILE)
}

export function readFeed(source: ByteSource, format: FeedFormat): AsyncGenerator<FeedItem> {
  return format === 'csv' ? readCsv(source) : readJsonl(source)
}

/** Reads a whole feed file once without storing anything: its sha256, record count, or why it is refused. */
export async function inspectFile(
  path: string,
  format: FeedFormat,
  onBytesRead?: (bytes: number) => void,
): Promise<{ sha256: string; records: number; bytes: number }> {
  const hash = createHash('sha256')
  let bytes = 0
  async function* hashed() {
    for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
      hash.update(chunk as Buffer)
      bytes += (chunk as Buffer).length
      onBytesRead?.(bytes)
      yield chunk as Buffer
    }
  }
  let records = 0
  for await (const _ of readFeed(hashed(), format)) records++
  return { sha256: hash.digest('hex'), records, bytes }
}

export function readFeedFile(path: string, format: FeedFormat): AsyncGenerator<FeedItem> {
  return readFeed(createReadStream(path, { highWaterMark: 256 * 1024 }), format)
}
