/**
 * Seeds a national-size hub (generated victims and referrals written with COPY, not through the
 * import: bench/support/national-seed.ts) into a scratch database, and says how long it took and how
 * big the tables are. The other scale benchmarks (import-at-scale, staff-pages) seed the same way.
 *
 *   node --import tsx bench/national-seed.ts [--victims 2000000] [--referrals 5000000] [--seed 1]
 */
import { openBenchDatabase } from './support/database.ts'
import { seedNational } from './support/national-seed.ts'

export function parseScale(argv: readonly string[]) {
  const args = { victims: 2_000_000, referrals: 5_000_000, seed: 1, rest: [] as string[] }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string
    const value = () => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${a} needs a value`)
      return Number(v)
    }
    if (a === '--victims') args.victims = value()
    else if (a === '--referrals') args.referrals = value()
    else if (a === '--seed') args.seed = value()
    else args.rest.push(a)
  }
  for (const [name, n] of Object.entries({ victims: args.victims, referrals: args.referrals })) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number`)
  }
  if (args.referrals < args.victims) throw new Error('--referrals must be at least --victims')
  return args
}

if (import.meta.filename === process.argv[1]) {
  const args = parseScale(process.argv.slice(2))
  const db = await openBenchDatabase()
  try {
    console.log(`seeding ${args.victims} victims, ${args.referrals} referrals (${db.kind} PostgreSQL)`)
    const facts = await seedNational(db.url, { ...args, progress: (l) => console.log(l) })
    const { rows } = await db.pool.query<{ relname: string; rows: string; size: string }>(
      `SELECT relname, n_live_tup::text AS rows, pg_size_pretty(pg_total_relation_size(relid)) AS size
       FROM pg_stat_user_tables WHERE n_live_tup > 0 ORDER BY pg_total_relation_size(relid) DESC`,
    )
    for (const r of rows) console.log(`  ${r.relname.padEnd(22)} ${r.rows.padStart(10)} rows  ${r.size}`)
    const size = await db.pool.query<{ s: string }>(
      'SELECT pg_size_pretty(pg_database_size(current_database())) AS s',
    )
    console.log(`  seeded in ${facts.seconds.toFixed(0)} s; database ${size.rows[0]?.s}`)
  } catch (error) {
    console.error(error)
    process.exitCode = 1
  } finally {
    await db.close()
  }
}
