import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { EMPTY_FILE, type FeedItem, FileRefusedError, readCsv, readJsonl } from './readers.ts'

const runs = { numRuns: 200 }
const HEADER = ['referral_id', 'force_code', 'notes'] as const

async function collect(items: AsyncIterable<FeedItem>): Promise<FeedItem[]> {
  const out: FeedItem[] = []
  for await (const item of items) out.push(item)
  return out
}

/** The bytes cut into pieces at the given points, as a stream delivers them (a character may be split). */
function pieces(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
  const out: Buffer[] = []
  let from = 0
  for (const p of points) {
    out.push(bytes.subarray(from, p))
    from = p
  }
  out.push(bytes.subarray(from))
  return out
}

const eol = fc.constantFrom('\r\n', '\n')
// Any text a field may hold (NUL aside, which refuses the file), with the characters CSV must quote.
const value = fc
  .oneof(
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.constantFrom('', ' ', '"', '""', ',', 'a\r\nb', 'a\nb', 'a\rb', 'Zoë Ångström', '🙂', '\uFEFF'),
    fc.array(fc.constantFrom('x', ',', '"', '\n', '\r\n', ' '), { maxLength: 6 }).map((a) => a.join('')),
  )
  .filter((v) => !v.includes('\u0000'))
const needsQuotes = (v: string) => /[",\r\n]/.test(v) || v.startsWith('\uFEFF') || v === ''

// A field as a sender writes it: quoted when it must be (its inner line breaks each LF or CRLF as that
// system wrote them), quoted or bare at the sender's whim otherwise.
const written = (v: string, quote: boolean) => (needsQuotes(v) || quote ? `"${v.replaceAll('"', '""')}"` : v)

const csvFile = fc
  .record({
    rows: fc.array(fc.tuple(value, value, value), { maxLength: 12 }),
    quoteEach: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
    endings: fc.array(eol, { minLength: 14, maxLength: 14 }),
    bom: fc.boolean(),
    lastLineEnds: fc.boolean(),
    blankLinesAfter: fc.array(eol, { maxLength: 3 }),
    cuts: fc.array(fc.nat(), { maxLength: 5 }),
  })
  .map((f) => {
    const lines = [
      HEADER.join(','),
      ...f.rows.map((row, r) =>
        row.map((v, i) => written(v, f.quoteEach[(r * 3 + i) % 40] as boolean)).join(','),
      ),
    ]
    let text = f.bom ? '\uFEFF' : ''
    lines.forEach((line, i) => {
      const last = i === lines.length - 1
      text += line
      if (!last || f.lastLineEnds || f.blankLinesAfter.length > 0) text += f.endings[i % 14]
    })
    text += f.blankLinesAfter.join('')
    return { ...f, bytes: pieces(Buffer.from(text, 'utf8'), f.cuts) }
  })

describe('reading feed files', () => {
  test('CSV: every record reads, whatever mix of LF and CRLF ends its lines, inside quotes or out', async () => {
    await fc.assert(
      fc.asyncProperty(csvFile, async (file) => {
        const items = await collect(readCsv(file.bytes))
        assert.deepEqual(
          items,
          file.rows.map(([a, b, c]) => ({ referral_id: a, force_code: b, notes: c })),
        )
      }),
      runs,
    )
  })

  test('CSV: the file from the issue, lines ending CRLF then LF, reads every record', async () => {
    const text =
      'referral_id,force_code,notes\r\n"R1","WARKS","first export"\r\n"R2","WARKS","line one\nline two"\n"R3","WARKS","joined on"\n'
    const items = await collect(readCsv([Buffer.from(text)]))
    assert.deepEqual(
      items.map((i) => (i as Record<string, string>).referral_id),
      ['R1', 'R2', 'R3'],
    )
    assert.equal((items[1] as Record<string, string>).notes, 'line one\nline two')
  })

  test('JSON Lines: every record reads, whatever mix of LF and CRLF, BOM, blank lines and last line', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.dictionary(fc.constantFrom(...HEADER), value).map((d) => ({ ...d })),
          { minLength: 1, maxLength: 8 },
        ),
        fc.array(eol, { minLength: 8, maxLength: 8 }),
        fc.boolean(),
        fc.boolean(),
        fc.array(eol, { maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        async (records, endings, bom, lastLineEnds, blanks, cuts) => {
          let text = bom ? '\uFEFF' : ''
          records.forEach((r, i) => {
            text += JSON.stringify(r)
            if (i < records.length - 1 || lastLineEnds || blanks.length > 0) text += endings[i]
          })
          text += blanks.join('')
          assert.deepEqual(await collect(readJsonl(pieces(Buffer.from(text), cuts))), records)
        },
      ),
      runs,
    )
  })

  test('a Windows-1252 file is refused whole, naming the line, and asks for UTF-8', async () => {
    // "Zoë" written by a system that saves Windows-1252: ë is the single byte 0xEB.
    const bytes = Buffer.concat([
      Buffer.from('referral_id,force_code,notes\r\nR1,WARKS,fine\nR2,WARKS,Zo'),
      Buffer.from([0xeb]),
      Buffer.from('\r\n'),
    ])
    for (const read of [readCsv, readJsonl]) {
      await assert.rejects(collect(read([bytes])), (error: unknown) => {
        assert.ok(error instanceof FileRefusedError)
        assert.equal(error.line, 3)
        assert.match(error.problem, /not UTF-8.*Windows-1252.*save it as UTF-8/)
        return true
      })
    }
  })

  test('a byte that is not UTF-8 is reported on its own line, wherever the stream cuts the file', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc
            .string({ unit: 'grapheme', maxLength: 10 })
            .filter((v) => !/[\r\n"]/.test(v) && !v.includes('\u0000')),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        fc.nat(),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom(0x80, 0xe9, 0xff),
        async (notes, at, cuts, bad) => {
          const lines = ['referral_id,notes', ...notes.map((n, i) => `R${i},"${n}"`)]
          const badLine = 2 + (at % notes.length)
          const bytes = Buffer.concat(
            lines.map((l, i) =>
              i + 1 === badLine
                ? Buffer.concat([Buffer.from(l), Buffer.from([bad]), Buffer.from('\n')])
                : Buffer.from(`${l}\n`),
            ),
          )
          await assert.rejects(collect(readCsv(pieces(bytes, cuts))), (error: unknown) => {
            assert.ok(error instanceof FileRefusedError)
            assert.equal(error.line, badLine)
            return true
          })
        },
      ),
      runs,
    )
  })

  test('an empty file, or one of blank lines only, is refused with a clear message', async () => {
    for (const text of ['', '\n', '\r\n\n\r\n', '\uFEFF']) {
      for (const read of [readCsv, readJsonl]) {
        await assert.rejects(collect(read([Buffer.from(text)])), (error: unknown) => {
          assert.ok(error instanceof FileRefusedError)
          assert.equal(error.problem, EMPTY_FILE)
          return true
        })
      }
    }
  })
})
