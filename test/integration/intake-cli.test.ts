import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { toCsv, toJsonl } from '../../src/demo/feed-files.ts'
import { generateReferrals } from '../../src/demo/referrals.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'

const run = (args: string[], env: Record<string, string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['bin/victim-hub.js', ...args], {
      env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }))
  })

describe('victim-hub import referrals / export referrals', () => {
  let db: TestDatabase
  let dir: string
  let env: Record<string, string>
  const records = generateReferrals({
    seed: 5,
    count: 300,
    from: '2025-06-01T00:00:00Z',
    to: '2025-11-30T00:00:00Z',
  })

  before(async () => {
    db = await createTestDatabase()
    dir = await mkdtemp(join(tmpdir(), 'vh-intake-cli-'))
    env = { DATABASE_URL: db.url, VICTIM_HUB_DEMO: 'false' }
  })
  after(async () => {
    await db.drop()
    await rm(dir, { recursive: true, force: true })
  })

  it('imports a CSV file, prints the reconciliation, and re-importing changes nothing', async () => {
    const file = join(dir, 'feed.csv')
    await writeFile(file, toCsv(records.slice(0, 200), { bom: true }))
    const first = await run(['import', 'referrals', file, '--json'], env)
    assert.equal(first.code, 0, first.stderr)
    const [result] = JSON.parse(first.stdout)
    const c = result.reconciliation
    assert.equal(c.received, 200)
    assert.equal(c.accepted + c.duplicate + c.quarantined + c.consent_refused, 200)
    assert.ok(c.accepted > 0 && c.quarantined > 0)

    const again = await run(['import', 'referrals', file], env)
    assert.equal(again.code, 0, again.stderr)
    assert.match(again.stdout, /already imported/)
    assert.match(again.stdout, /received\s+200/)
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM referral_receipts')
    assert.equal(rows[0].n, 200)
  })

  it('imports JSON Lines; an unreadable line is quarantined, the rest go in', async () => {
    const file = join(dir, 'feed.jsonl')
    const lines = toJsonl(records.slice(200, 250), { jsonTypes: true }).split('\n')
    lines.splice(3, 0, '{"referral_id": "broken"')
    await writeFile(file, lines.join('\n'))
    const out = await run(['import', 'referrals', file, '--json'], env)
    assert.equal(out.code, 0, out.stderr)
    const c = JSON.parse(out.stdout)[0].reconciliation
    assert.equal(c.received, 51)
    const { rows } = await db.pool.query(
      "SELECT record_number FROM referral_receipts WHERE 'unreadable_record' = ANY(reasons)",
    )
    assert.deepEqual(
      rows.map((r) => r.record_number),
      [4],
    )
  })

  it('refuses a binary file or a broken CSV whole, naming the line, with exit code 2', async () => {
    const binary = join(dir, 'photo.csv')
    await writeFile(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe]))
    const broken = join(dir, 'broken.csv')
    const csv = toCsv(records.slice(250, 260)).split('\r\n')
    csv[5] = `"unclosed,${csv[5]}`
    await writeFile(broken, csv.join('\r\n'))
    const before = (await db.pool.query('SELECT count(*)::int AS n FROM referral_receipts')).rows[0].n
    const out = await run(['import', 'referrals', binary, broken], env)
    assert.equal(out.code, 2)
    assert.match(out.stdout, /photo\.csv: refused, nothing imported: line 1: /)
    assert.match(out.stdout, /broken\.csv: refused, nothing imported: line \d+: /)
    const afterCount = (await db.pool.query('SELECT count(*)::int AS n FROM referral_receipts')).rows[0].n
    assert.equal(afterCount, before)
  })

  it('exports every received record with its outcome as JSON Lines', async () => {
    const file = join(dir, 'export.jsonl')
    const out = await run(['export', 'referrals', '--format', 'jsonl', '--out', file], env)
    assert.equal(out.code, 0, out.stderr)
    const rows = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    assert.equal(rows.length, 251)
    for (const key of [
      'referral_id',
      'record_number',
      'received_at',
      'state',
      'reasons',
      'warnings',
      'victim_id',
      'enhanced',
      'enhanced_reasons',
      'police_referral_due',
      'police_referral_on_time',
      'first_contact_due',
    ]) {
      assert.ok(key in rows[0], key)
    }
    const accepted = rows.find((r) => r.state === 'accepted')
    assert.match(accepted.first_contact_due, /^\d{4}-\d{2}-\d{2}$/)
    assert.equal(typeof accepted.enhanced, 'boolean')
    // Triage fields: every accepted referral has been routed to a pathway by a versioned rule.
    for (const row of rows.filter((r) => r.state === 'accepted')) {
      assert.match(row.pathway, /^[a-z_]+$/, `pathway of ${row.referral_id}`)
      assert.match(row.offer, /^(targeted|universal)$/)
      assert.equal(row.routing_rule_set, 'default-routing@1')
      assert.ok(Array.isArray(row.triage_warnings))
    }
    const quarantined = rows.find((r) => r.state === 'quarantined')
    assert.equal(quarantined.pathway, null, 'only accepted referrals are triaged')
  })

  it('imports a CSV whose lines end in a mix of CRLF and LF, as when two exports are joined', async () => {
    const file = join(dir, 'joined.csv')
    const first = toCsv(records.slice(260, 275))
    const second = toCsv(records.slice(275, 290), { lineEnding: '\n' }).split('\n').slice(1).join('\n')
    await writeFile(file, first + second)
    const out = await run(['import', 'referrals', file, '--json'], env)
    assert.equal(out.code, 0, out.stdout + out.stderr)
    const [result] = JSON.parse(out.stdout)
    assert.equal(result.status, 'imported')
    assert.equal(result.reconciliation.received, 30)
  })

  it('refuses a Windows-1252 file naming the line and asking for UTF-8, and an empty file, storing nothing', async () => {
    const latin = join(dir, 'latin.csv')
    const lines = toCsv(records.slice(290, 295)).split('\r\n')
    await writeFile(
      latin,
      Buffer.concat([
        Buffer.from(`${lines.slice(0, 3).join('\r\n')}\r\n`),
        Buffer.from([0x22, 0x5a, 0x6f, 0xeb, 0x22, 0x0d, 0x0a]),
      ]),
    )
    const empty = join(dir, 'empty.jsonl')
    await writeFile(empty, '\n\n')
    const before = (await db.pool.query('SELECT count(*)::int AS n FROM import_batches')).rows[0].n
    const out = await run(['import', 'referrals', latin, empty], env)
    assert.equal(out.code, 2)
    assert.match(
      out.stdout,
      /latin\.csv: refused, nothing imported: line 4: the file is not UTF-8 .*save it as UTF-8/,
    )
    assert.match(out.stdout, /empty\.jsonl: refused, nothing imported: the file is empty/)
    const afterCount = (await db.pool.query('SELECT count(*)::int AS n FROM import_batches')).rows[0].n
    assert.equal(afterCount, before)
  })

  it('imports a JSON Lines file past records holding the escape \\u0000, a lone surrogate or 50,000 levels of nesting, and reruns cleanly', async () => {
    const file = join(dir, 'escapes.jsonl')
    const lines = toJsonl(records.slice(295, 300)).trimEnd().split('\n')
    lines[1] = (lines[1] as string).replace('"surname":', '"surname":"Jo\\u0000nes","was":')
    lines[2] = (lines[2] as string).replace('"forename":', '"forename":"\\ud800","was":')
    lines[3] = (lines[3] as string).replace(
      '"notes":',
      `"notes":${'['.repeat(50_000)}${']'.repeat(50_000)},"was":`,
    )
    await writeFile(file, `${lines.join('\n')}\n`)
    const first = await run(['import', 'referrals', file, '--json'], env)
    assert.equal(first.code, 0, first.stdout + first.stderr)
    const c = JSON.parse(first.stdout)[0].reconciliation
    assert.equal(c.received, 5)
    const { rows } = await db.pool.query(
      `SELECT r.record_number, r.reasons FROM referral_receipts r JOIN import_batches b ON b.id = r.batch_id
        WHERE b.file_name = 'escapes.jsonl' AND r.record_number IN (2, 3, 4) ORDER BY r.record_number`,
    )
    assert.deepEqual(
      rows.map((r) => r.reasons),
      [['unstorable_text:surname'], ['unstorable_text:forename'], ['nested_too_deep:notes']],
    )
    const again = await run(['import', 'referrals', file], env)
    assert.equal(again.code, 0, again.stderr)
    assert.match(again.stdout, /already imported/)
  })
})
