/**
 * Victim-matching quality benchmark. Generates a known-truth set, runs every record in arrival order
 * through blocking (a Map from key to records stands in for the database index) and scoring, and
 * reports pairwise precision, recall and F1 for the model and for an exact-match baseline (same
 * forename + surname + date of birth, compared lower-cased and trimmed), candidate comparisons per record
 * (blocking keeps it flat as the set grows) and records per second.
 *
 *   node --import tsx bench/matching-quality.ts [--people 20000] [--seeds 1,2] [--cap 1000] [--verbose]
 *   (--verbose prints miss reasons, sample misses and wrong links; MISSED_FILTER=text narrows the samples)
 *
 * Seed 1 is the seed the weights were tuned on; seed 2 (and any other) is held out.
 * Two model figures are given: "model (auto)" counts only automatic links (reviews become new victims),
 * "model (+review)" assumes a reviewer resolves each review task correctly.
 */
import { blockingKeys } from '../src/domain/matching/candidate.ts'
import {
  DEFAULT_THRESHOLDS,
  decide,
  type MatchResult,
  resolveCandidates,
  scoreMatch,
  type Thresholds,
} from '../src/domain/matching/score.ts'
import { generateTruthSet, type TruthRecord } from '../test/support/matching-truth-set.ts'

interface Args {
  people: number
  seeds: number[]
  cap: number
  verbose: boolean
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { people: 20000, seeds: [1, 2], cap: 1000, verbose: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const next = (): string => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${a} needs a value`)
      return v
    }
    if (a === '--people') args.people = Number(next())
    else if (a === '--seeds' || a === '--seed') args.seeds = next().split(',').map(Number)
    else if (a === '--cap') args.cap = Number(next())
    else if (a === '--verbose') args.verbose = true
    else throw new Error(`unknown argument ${a}`)
  }
  if (!Number.isInteger(args.people) || args.people < 10) throw new Error('--people must be an integer >= 10')
  return args
}

interface PairScores {
  precision: number
  recall: number
  f1: number
  truePairs: number
  predictedPairs: number
  correctPairs: number
}

/** Pairwise metrics: every pair of records put in one victim, against every pair that is one person. */
function pairwise(records: readonly TruthRecord[], predicted: ArrayLike<number>): PairScores {
  const pairs = (counts: Map<string | number, number>): number => {
    let total = 0
    for (const n of counts.values()) total += (n * (n - 1)) / 2
    return total
  }
  const byTruth = new Map<string | number, number>()
  const byPredicted = new Map<string | number, number>()
  const byBoth = new Map<string | number, number>()
  records.forEach((r, i) => {
    const p = predicted[i] as number
    byTruth.set(r.personId, (byTruth.get(r.personId) ?? 0) + 1)
    byPredicted.set(p, (byPredicted.get(p) ?? 0) + 1)
    const both = `${p}|${r.personId}`
    byBoth.set(both, (byBoth.get(both) ?? 0) + 1)
  })
  const truePairs = pairs(byTruth)
  const predictedPairs = pairs(byPredicted)
  const correctPairs = pairs(byBoth)
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { precision, recall, f1, truePairs, predictedPairs, correctPairs }
}

function baseline(records: readonly TruthRecord[]): Int32Array {
  const clusters = new Int32Array(records.length)
  const byKey = new Map<string, number>()
  records.forEach((r, i) => {
    const s = r.subject
    const key = s.dateOfBirth
      ? `${s.forename.trim().toLowerCase()}|${s.surname.trim().toLowerCase()}|${s.dateOfBirth}`
      : null
    const found = key === null ? undefined : byKey.get(key)
    if (found !== undefined) clusters[i] = found
    else {
      clusters[i] = i
      if (key !== null) byKey.set(key, i)
    }
  })
  return clusters
}

interface ModelRun {
  clusters: Int32Array
  comparisons: number
  seconds: number
  links: number
  reviews: number
  reviewsTrue: number
  stopKeyHits: number
  blockingRecall: number
  wrongLinks: { record: TruthRecord; other: TruthRecord; result: MatchResult }[]
  missed: Map<string, number>
  missedExamples: { record: TruthRecord; other: TruthRecord | null; result: MatchResult | null }[]
  repeatRecords: Map<string, number>
}

const RANK = { link: 2, review: 1, new: 0 } as const

function runModel(
  records: readonly TruthRecord[],
  withReview: boolean,
  thresholds: Thresholds,
  cap: number,
): ModelRun {
  const clusters = new Int32Array(records.length)
  const clusterPerson: number[] = []
  const index = new Map<string, number[]>()
  const seenPeople = new Set<number>()
  let comparisons = 0
  let links = 0
  let reviews = 0
  let reviewsTrue = 0
  let stopKeyHits = 0
  let repeats = 0
  let repeatsBlocked = 0
  const wrongLinks: ModelRun['wrongLinks'] = []
  const missed = new Map<string, number>()
  const missedExamples: ModelRun['missedExamples'] = []
  const repeatRecords = new Map<string, number>()
  const started = performance.now()
  records.forEach((record, i) => {
    const keys = blockingKeys(record.subject)
    const candidates = new Set<number>()
    for (const key of keys) {
      const bucket = index.get(key)
      if (!bucket) continue
      // A huge bucket (shared switchboard number, hostel postcode) is a stop key, as in the database.
      if (bucket.length > cap) {
        stopKeyHits++
        continue
      }
      for (const id of bucket) candidates.add(id)
    }
    const best = new Map<number, { result: MatchResult; recordIndex: number }>()
    let blockedTruth = false
    let truthBest: { result: MatchResult; recordIndex: number } | null = null
    for (const id of candidates) {
      comparisons++
      const other = records[id] as TruthRecord
      if (other.personId === record.personId) blockedTruth = true
      const result = scoreMatch(record.subject, other.subject)
      if (other.personId === record.personId && (!truthBest || result.score > truthBest.result.score)) {
        truthBest = { result, recordIndex: id }
      }
      const cluster = clusters[id] as number
      const prev = best.get(cluster)
      if (
        !prev ||
        RANK[decide(result, thresholds)] > RANK[decide(prev.result, thresholds)] ||
        (RANK[decide(result, thresholds)] === RANK[decide(prev.result, thresholds)] &&
          result.score > prev.result.score)
      ) {
        best.set(cluster, { result, recordIndex: id })
      }
    }
    const isRepeat = seenPeople.has(record.personId)
    if (isRepeat) {
      repeats++
      if (blockedTruth) repeatsBlocked++
    }
    const resolution = resolveCandidates(
      [...best].map(([victimId, b]) => ({ victimId, result: b.result })),
      thresholds,
    )
    let cluster = -1
    if (resolution.decision === 'link' && resolution.victimId !== undefined) {
      cluster = resolution.victimId
      links++
      if (clusterPerson[cluster] !== record.personId) {
        const b = best.get(cluster)
        if (b) wrongLinks.push({ record, other: records[b.recordIndex] as TruthRecord, result: b.result })
      }
    } else if (resolution.decision === 'review') {
      reviews++
      const truthCluster = resolution.contenders.find((c) => clusterPerson[c.victimId] === record.personId)
      if (truthCluster) reviewsTrue++
      if (withReview && truthCluster) cluster = truthCluster.victimId
    }
    const outcome =
      cluster >= 0 && clusterPerson[cluster] === record.personId ? 'matched' : resolution.decision
    if (isRepeat) {
      repeatRecords.set(outcome, (repeatRecords.get(outcome) ?? 0) + 1)
      if (outcome !== 'matched' && !withReview) {
        const tb = truthBest as { result: MatchResult; recordIndex: number } | null
        missedExamples.push({
          record,
          other: tb ? (records[tb.recordIndex] as TruthRecord) : null,
          result: tb ? tb.result : null,
        })
        for (const tag of record.tags.length > 0 ? record.tags : ['(none)']) {
          missed.set(tag, (missed.get(tag) ?? 0) + 1)
        }
      }
    }
    if (cluster < 0) {
      cluster = clusterPerson.length
      clusterPerson.push(record.personId)
    }
    clusters[i] = cluster
    seenPeople.add(record.personId)
    for (const key of keys) {
      const bucket = index.get(key)
      if (bucket) bucket.push(i)
      else index.set(key, [i])
    }
  })
  return {
    clusters,
    comparisons,
    seconds: (performance.now() - started) / 1000,
    links,
    reviews,
    reviewsTrue,
    stopKeyHits,
    blockingRecall: repeats === 0 ? 1 : repeatsBlocked / repeats,
    wrongLinks,
    missed,
    missedExamples,
    repeatRecords,
  }
}

function fmt(n: number, digits = 4): string {
  return n.toFixed(digits)
}

function main(): void {
  const args = parseArgs(process.argv.slice(2))
  for (const seed of args.seeds) {
    const set = generateTruthSet({ people: args.people, seed })
    const records = set.records
    const base = pairwise(records, baseline(records))
    const auto = runModel(records, false, DEFAULT_THRESHOLDS, args.cap)
    const autoScores = pairwise(records, auto.clusters)
    const reviewed = runModel(records, true, DEFAULT_THRESHOLDS, args.cap)
    const reviewedScores = pairwise(records, reviewed.clusters)
    const rows: [string, PairScores][] = [
      ['exact baseline', base],
      ['model (auto)', autoScores],
      ['model (+review)', reviewedScores],
    ]
    const role = seed === 1 ? 'tuning seed' : 'held-out seed'
    console.log(
      `\nseed ${seed} (${role}): ${set.people.length} people, ${records.length} records, ` +
        `${base.truePairs} true pairs; thresholds link >= ${DEFAULT_THRESHOLDS.link}, review >= ${DEFAULT_THRESHOLDS.review}`,
    )
    console.log('method            precision  recall   F1       predicted pairs  correct pairs')
    for (const [name, s] of rows) {
      console.log(
        `${name.padEnd(17)} ${fmt(s.precision).padEnd(10)} ${fmt(s.recall).padEnd(8)} ${fmt(s.f1).padEnd(8)} ` +
          `${String(s.predictedPairs).padEnd(16)} ${s.correctPairs}`,
      )
    }
    const perRecord = auto.comparisons / records.length
    const rate = records.length / auto.seconds
    console.log(
      `blocking: ${fmt(perRecord, 1)} candidate comparisons per record, record-level blocking recall ` +
        `${fmt(auto.blockingRecall)}, stop-key hits ${auto.stopKeyHits}; ${Math.round(rate)} records/s`,
    )
    console.log(
      `decisions: ${auto.links} auto links (${auto.wrongLinks.length} wrong), ${auto.reviews} review tasks ` +
        `(${auto.reviewsTrue} with the true person among contenders)`,
    )
    console.log(`repeat records by outcome: ${JSON.stringify(Object.fromEntries(auto.repeatRecords))}`)
    if (args.verbose) {
      const missed = [...auto.missed].sort((x, y) => y[1] - x[1])
      console.log(`tags on repeat records not auto-linked: ${JSON.stringify(Object.fromEntries(missed))}`)
      const reasons = new Map<string, number>()
      for (const m of auto.missedExamples) {
        const ev = m.result?.evidence.join('; ') ?? ''
        const reason = !m.result
          ? 'not blocked'
          : m.result.linkable && m.result.score >= DEFAULT_THRESHOLDS.link
            ? 'ambiguous (two victims at link level)'
            : ev.includes('date of birth differs;')
              ? 'date of birth differs'
              : ev.includes('forename differs')
                ? 'forename differs'
                : ev.includes('date of birth missing') && !m.result.linkable
                  ? 'no date of birth and nothing personal'
                  : 'below link threshold'
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
      }
      console.log(`repeat records not auto-linked, by reason: ${JSON.stringify(Object.fromEntries(reasons))}`)
      const only = process.env.MISSED_FILTER
      for (const m of auto.missedExamples
        .filter((m) => !only || (m.result?.evidence.join('; ') ?? 'not blocked').includes(only))
        .filter((_, i) => i % 7 === 0)
        .slice(0, 25)) {
        console.log('MISSED', JSON.stringify(m.record.subject), m.record.tags.join(','))
        if (m.other) console.log('  best', JSON.stringify(m.other.subject), m.other.tags.join(','))
        console.log(
          '      ',
          m.result ? `${m.result.score} ${m.result.linkable} ${m.result.evidence.join('; ')}` : 'not blocked',
        )
      }
      for (const w of auto.wrongLinks.slice(0, 15)) {
        console.log('WRONG LINK', JSON.stringify(w.record.subject), w.record.tags.join(','))
        console.log('      with', JSON.stringify(w.other.subject), w.other.tags.join(','))
        console.log('          ', w.result.score, w.result.evidence.join('; '))
      }
    }
    console.log(
      JSON.stringify({
        bench: 'matching-quality',
        seed,
        people: set.people.length,
        records: records.length,
        truePairs: base.truePairs,
        thresholds: DEFAULT_THRESHOLDS,
        baseline: { precision: base.precision, recall: base.recall, f1: base.f1 },
        model: { precision: autoScores.precision, recall: autoScores.recall, f1: autoScores.f1 },
        modelWithReview: {
          precision: reviewedScores.precision,
          recall: reviewedScores.recall,
          f1: reviewedScores.f1,
        },
        comparisonsPerRecord: perRecord,
        blockingRecall: auto.blockingRecall,
        reviews: auto.reviews,
        wrongLinks: auto.wrongLinks.length,
        recordsPerSecond: rate,
      }),
    )
  }
}

main()
