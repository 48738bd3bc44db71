/**
 * Seeds a national-size hub quickly: generated victims and referrals written straight into the tables
 * with COPY (one connection per table, all at once), not through the import. Each victim has an
 * identity snapshot with the blocking keys the matcher would have stored for it, and is counted in
 * victim_name_counts; each referral has its received record, and (unless still new) its triage row, as
 * the staff pages read them. Names follow a long-tailed frequency (a few very common surnames, many
 * rare ones) so candidate counts and name counts look like a nation's; phones and e-mail addresses are
 * unique to a person, postcodes spread over the country. The indexes are built after the rows are in,
 * then ANALYZE.
 */
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { FEMALE_FORENAMES, MALE_FORENAMES, SURNAMES } from '../../src/demo/people/names.ts'
import { createRng, type Rng } from '../../src/demo/random.ts'
import { DAY } from '../../src/demo/referral-feed/state.ts'
import { blockingKeys, fullNameOf, type MatchSubject } from '../../src/domain/matching/candidate.ts'
import { CRIME_CATEGORY_CODES } from '../../src/domain/referral-feed/fields.ts'
import { PATHWAYS, PROVIDERS } from '../../src/domain/triage/pathways.ts'
import { seedDirectory } from '../../src/repositories/providers.ts'

export interface SeedOptions {
  victims: number
  referrals: number
  seed?: number
  /** Called now and then with what is done. */
  progress?: (line: string) => void
}

export interface SeedFacts {
  /** A surname many victims share, a date of birth, a phone number and a victim that exist. */
  commonSurname: string
  dateOfBirth: string
  phone: string
  victimId: string
  seconds: number
}

const TABLES = [
  'victims',
  'victim_identities',
  'victim_match_keys',
  'referral_receipts',
  'referrals',
  'triage',
  'victim_name_counts',
] as const

const COLUMNS: Record<(typeof TABLES)[number], string> = {
  victims:
    'id, title, forename, surname, date_of_birth, gender, address_line1, town, postcode, phone_mobile, email, force_code, victim_person_ref, created_at, updated_at',
  victim_identities: 'id, victim_id, receipt_id, subject, created_at',
  victim_match_keys: 'victim_id, identity_id, key',
  referral_receipts:
    'id, batch_id, record_number, received_at, source, referral_id, force_code, crime_reference, fingerprint, raw, normalised, state, reasons, victim_id, original_victim_id, referral_uuid, quarantine_reasons, resolution, resolved_by_label, resolved_at',
  referrals:
    'id, receipt_id, victim_id, original_victim_id, source, referral_id, force_code, crime_reference, crime_category, offence_description, domestic_abuse, flags, victim_type, reported_at, sent_at, received_at, record, postcode, phone_mobile, email, safe_to_call, safe_channels, consent_to_refer, thrive_threat, thrive_harm, thrive_risk, thrive_vulnerability, status, enhanced, entitlements, repeat_count, police_referral_due, first_contact_due, created_at',
  triage:
    'referral_id, police_thrive, thrive_priority, priority_rank, pathway_id, offer, provider_id, matched_rule_id, rule_set_version, explanation, received_at, routed_at, triaged_at, closed_at',
  victim_name_counts: 'full_name, victims',
}

// Postcode areas of England and Wales, so postcodes (and the pc:/pf: blocking keys) spread as a nation's.
const AREAS =
  'AL B BA BB BD BH BL BN BR BS CA CB CF CH CM CO CR CT CV CW DA DE DH DL DN DT DY E EC EN EX FY GL GU HA HD HG HP HR HU HX IP KT L LA LD LE LL LN LS LU M ME MK N NE NG NN NP NR NW OL OX PE PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO'.split(
    ' ',
  )
const UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ'
const FORCES = ['WAR', 'WMP', 'WMC', 'LEI', 'MET', 'GMP', 'WYP', 'TVP', 'KEN', 'HAM', 'AVS', 'DEV']
const SYLLABLES =
  'ab ad al an ar ash bel ber bri cal car col dar den dor el en far fen gar hal ham har ing kel ken lan ler lin mar mel mor nel nor oak ow pen per ral ren rid ros sal sel ston tal ter thorn val ver wat wel wick win wor'.split(
    ' ',
  )

/** COPY text format: tab-separated, `\N` for null, backslash escapes. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N'
  const text =
    typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value)
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
}
const line = (values: readonly unknown[]) => `${values.map(field).join('\t')}\n`
const pgArray = (items: readonly string[]) => `{${items.map((i) => `"${i}"`).join(',')}}`

/** Zipf-like pick: index i with weight 1/(i+1)^s, from a precomputed cumulative table. */
function zipf(count: number, s: number): (rng: Rng) => number {
  const cumulative = new Float64Array(count)
  let total = 0
  for (let i = 0; i < count; i++) {
    total += 1 / (i + 1) ** s
    cumulative[i] = total
  }
  return (rng) => {
    const target = rng.next() * total
    let lo = 0
    let hi = count - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((cumulative[mid] as number) < target) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

interface Person {
  id: string
  forename: string
  surname: string
  dob: string
  postcode: string
  phone: string
  email: string | null
  force: string
  personRef: string
  line1: string
}

/** One victim, deterministic by index: common surnames about half the time, a rare made-up one otherwise. */
function personAt(index: number, seed: number, pickSurname: (rng: Rng) => number, dayZero: number): Person {
  const rng = createRng(seed * 7_919 + index * 2_654_435_761)
  const female = rng.chance(0.52)
  const forenames = female ? FEMALE_FORENAMES : MALE_FORENAMES
  const forename = forenames[pickSurname(rng) % forenames.length] as string
  let surname: string
  if (rng.chance(0.55)) surname = SURNAMES[pickSurname(rng) % SURNAMES.length] as string
  else {
    const parts = rng.int(2, 3)
    let s = ''
    for (let p = 0; p < parts; p++) s += rng.pick(SYLLABLES)
    surname = s.charAt(0).toUpperCase() + s.slice(1)
  }
  const age = rng.int(0, 90)
  const dob = isoDay(dayZero - age * 365.25 * DAY - rng.int(0, 364) * DAY)
  const postcode = `${rng.pick(AREAS)}${rng.int(1, 30)} ${rng.int(0, 9)}${rng.pick([...UNIT_LETTERS])}${rng.pick([...UNIT_LETTERS])}`
  // Unique to the person: 07 then nine digits from the index (no two victims share a phone by chance).
  const phone = `+447${pad((index * 48_271 + seed) % 1_000_000_000, 9)}`
  const email = rng.chance(0.6) ? `${forename}.${surname}.${index}@example.net`.toLowerCase() : null
  const force = rng.pick(FORCES)
  return {
    id: randomUUID(),
    forename,
    surname,
    dob,
    postcode,
    phone,
    email,
    force,
    personRef: `P${pad(index, 9)}`,
    line1: `${rng.int(1, 200)} ${rng.pick(SYLLABLES)}${rng.pick(SYLLABLES)} Road`,
  }
}

type Sink = { write: (text: string) => Promise<void>; end: () => Promise<void> }

async function openCopy(url: string, table: (typeof TABLES)[number]): Promise<Sink & { client: pg.Client }> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query('SET session_replication_role = replica') // the rows are consistent by construction
  const stream = client.query(copyFrom(`COPY ${table} (${COLUMNS[table]}) FROM STDIN`))
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve)
    stream.on('error', reject)
  })
  let buffer = ''
  return {
    client,
    write: async (text) => {
      buffer += text
      if (buffer.length < 1 << 20) return
      const chunk = buffer
      buffer = ''
      if (!stream.write(chunk)) await new Promise((r) => stream.once('drain', r))
    },
    end: async () => {
      if (buffer) stream.write(buffer)
      stream.end()
      await done
      await client.end()
    },
  }
}

/** Seeds an empty, migrated database at `url`. */
export async function seedNational(url: string, options: SeedOptions): Promise<SeedFacts> {
  const t0 = performance.now()
  const seed = options.seed ?? 1
  const say = options.progress ?? (() => {})
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  admin.on('error', () => {})
  const directory = new pg.Pool({ connectionString: url, max: 1 })
  await seedDirectory(directory, PATHWAYS, PROVIDERS)
  await directory.end()
  const batch = await admin.query<{ id: string }>(
    `INSERT INTO import_batches (source, file_name, status, received, accepted, quarantined, started_by, finished_at)
     VALUES ('police_feed', 'national-seed', 'finished', 0, 0, 0, 'bench', now()) RETURNING id`,
  )
  const batchId = batch.rows[0]?.id as string
  // Build indexes after the rows are in (much faster); keep the ones behind constraints.
  const { rows: indexes } = await admin.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [TABLES],
  )
  for (const index of indexes) await admin.query(`DROP INDEX ${index.name}`)

  const sinks = Object.fromEntries(
    await Promise.all(TABLES.map(async (t) => [t, await openCopy(url, t)] as const)),
  ) as unknown as Record<(typeof TABLES)[number], Sink>
  const nameCounts = new Map<string, number>()
  const pickSurname = zipf(SURNAMES.length, 1.1)
  const now = Date.now()
  const span = 3 * 365 * DAY
  const people: { id: string; index: number }[] = []
  const providersByPathway = new Map<string, string>()
  for (const p of PROVIDERS) if (!providersByPathway.has(p.pathway)) providersByPathway.set(p.pathway, p.id)
  const pathwayIds = PATHWAYS.map((p) => p.id)
  let facts: Omit<SeedFacts, 'seconds' | 'commonSurname'> | undefined
  let identityId = 0
  let recordNumber = 0
  let quarantined = 0

  const rngRef = createRng(seed)
  const writeReferral = async (person: Person | { id: string; index: number }, p: Person) => {
    recordNumber++
    const receiptId = randomUUID()
    const referralId = randomUUID()
    // Spread over three years, newest last, so the newest are still waiting for first contact.
    const receivedMs = now - span + Math.floor((span * recordNumber) / options.referrals)
    const received = new Date(receivedMs).toISOString()
    const crime = `${p.force}/${pad(recordNumber, 8)}/${new Date(receivedMs).getUTCFullYear()}`
    const category = CRIME_CATEGORY_CODES[recordNumber % CRIME_CATEGORY_CODES.length] as string
    const sender = `${p.force}-${pad(recordNumber, 9)}`
    if (rngRef.chance(0.02)) {
      // A record held for data quality (about 2% are).
      quarantined++
      const reasons = ['crime_category_unknown']
      // Data quality officers keep up: only the last 60 days' held records are still open.
      const resolved =
        now - receivedMs > 60 * DAY ? ['rejected', 'Data quality officer', received] : [null, null, null]
      await sinks.referral_receipts.write(
        line([
          receiptId,
          batchId,
          recordNumber,
          received,
          'police_feed',
          sender,
          p.force,
          crime,
          null,
          {
            referral_id: sender,
            victim_forename: p.forename,
            victim_surname: p.surname,
            crime_category: 'burglary?',
          },
          null,
          'quarantined',
          pgArray(reasons),
          null,
          null,
          null,
          pgArray(reasons),
          ...resolved,
        ]),
      )
      return
    }
    const ageDays = (now - receivedMs) / DAY
    const status = ageDays < 10 ? (ageDays < 1 ? 'new' : 'triaged') : 'contacted'
    const normalised = {
      referralId: sender,
      crimeReference: crime,
      crimeCategory: category,
      victim: { forename: p.forename, surname: p.surname, dateOfBirth: p.dob },
    }
    await sinks.referral_receipts.write(
      line([
        receiptId,
        batchId,
        recordNumber,
        received,
        'police_feed',
        sender,
        p.force,
        crime,
        `fp${recordNumber}`,
        {
          referral_id: sender,
          crime_reference: crime,
          victim_forename: p.forename,
          victim_surname: p.surname,
          victim_dob: p.dob,
          victim_postcode: p.postcode,
        },
        normalised,
        'accepted',
        '{}',
        person.id,
        person.id,
        referralId,
        null,
        null,
        null,
        null,
      ]),
    )
    const due = isoDay(receivedMs + 5 * DAY)
    await sinks.referrals.write(
      line([
        referralId,
        receiptId,
        person.id,
        person.id,
        'police_feed',
        sender,
        p.force,
        crime,
        category,
        'Generated offence',
        recordNumber % 9 === 0 ? 'Y' : 'N',
        '{}',
        'direct',
        received,
        received,
        received,
        normalised,
        p.postcode,
        p.phone,
        p.email,
        'Y',
        '{phone}',
        'Y',
        'low',
        'low',
        'low',
        'low',
        status,
        recordNumber % 7 === 0,
        {},
        0,
        isoDay(receivedMs + 2 * DAY),
        due,
        received,
      ]),
    )
    if (status !== 'new') {
      const pathway = pathwayIds[recordNumber % 4 === 0 ? recordNumber % pathwayIds.length : 0] as string
      const rank = recordNumber % 4
      await sinks.triage.write(
        line([
          referralId,
          { threat: 'low', harm: 'low', risk: 'low', vulnerability: 'low' },
          ['low', 'low', 'medium', 'high'][rank],
          rank,
          pathway,
          'universal',
          providersByPathway.get(pathway) ?? null,
          'default',
          '1',
          'Generated',
          received,
          received,
          received,
          status === 'contacted' && ageDays > 90 ? received : null,
        ]),
      )
    }
  }

  for (let i = 0; i < options.victims; i++) {
    const p = personAt(i, seed, pickSurname, now)
    const created = new Date(now - span + Math.floor((span * i) / options.victims)).toISOString()
    await sinks.victims.write(
      line([
        p.id,
        null,
        p.forename,
        p.surname,
        p.dob,
        'unknown',
        p.line1,
        'Town',
        p.postcode,
        p.phone,
        p.email,
        p.force,
        p.personRef,
        created,
        created,
      ]),
    )
    const subject: MatchSubject = {
      forename: p.forename,
      surname: p.surname,
      dateOfBirth: p.dob,
      phones: [p.phone],
      emails: p.email ? [p.email] : [],
      postcode: p.postcode,
      addressLine1: p.line1,
      forceCode: p.force,
      personRef: p.personRef,
    }
    identityId++
    await sinks.victim_identities.write(line([identityId, p.id, null, subject, created]))
    let keys = ''
    for (const key of blockingKeys(subject)) keys += line([p.id, identityId, key])
    await sinks.victim_match_keys.write(keys)
    const full = fullNameOf(p)
    if (full) nameCounts.set(full, (nameCounts.get(full) ?? 0) + 1)
    if (i === Math.floor(options.victims / 2)) facts = { dateOfBirth: p.dob, phone: p.phone, victimId: p.id }
    people.push({ id: p.id, index: i })
    if ((i + 1) % 100_000 === 0) say(`  victims ${i + 1} / ${options.victims}`)
  }
  // Referrals: one for each victim, the rest repeat victims (a random earlier victim), in time order.
  const rng = createRng(seed + 1)
  for (let r = 0; r < options.referrals; r++) {
    const who = r < options.victims ? r : rng.int(0, options.victims - 1)
    const person = people[who] as { id: string; index: number }
    const p = { ...personAt(person.index, seed, pickSurname, now), id: person.id }
    await writeReferral(person, p)
    if ((r + 1) % 100_000 === 0) say(`  referrals ${r + 1} / ${options.referrals}`)
  }
  let names = ''
  for (const [name, count] of nameCounts) names += line([name, count])
  await sinks.victim_name_counts.write(names)
  await Promise.all(Object.values(sinks).map((s) => s.end()))
  say(
    `  rows written in ${((performance.now() - t0) / 1000).toFixed(0)} s; building ${indexes.length} indexes`,
  )
  await admin.query(`SELECT setval('victim_identities_id_seq', $1)`, [identityId])
  await admin.query(
    'UPDATE import_batches SET received = $2::int, accepted = $2::int - $3::int, quarantined = $3::int WHERE id = $1',
    [batchId, recordNumber, quarantined],
  )
  await admin.query("SET maintenance_work_mem = '256MB'")
  for (const index of indexes) {
    try {
      await admin.query(index.definition)
    } catch (error) {
      throw new Error(`${index.definition}: ${(error as Error).message}`)
    }
  }
  say('  ANALYZE')
  await admin.query('ANALYZE')
  const common = await admin.query<{ surname: string }>(
    'SELECT surname FROM victims GROUP BY surname ORDER BY count(*) DESC LIMIT 1',
  )
  await admin.end()
  if (!facts) throw new Error('no victims seeded')
  return {
    ...facts,
    commonSurname: common.rows[0]?.surname ?? 'Smith',
    seconds: (performance.now() - t0) / 1000,
  }
}
