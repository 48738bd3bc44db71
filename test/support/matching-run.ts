/**
 * The matching benchmark's run of a truth set through the model (bench/matching-quality.ts), shared with
 * the tests that hold the model to the truth set: pairwise precision and recall, an exact-match
 * baseline, and the model with its blocking, name counts and merges.
 */
import { blockingKeys, fullNameOf } from '../../src/domain/matching/candidate.ts'
import {
  DEFAULT_WEIGHTS,
  decide,
  type MatchResult,
  resolveCandidates,
  scoreMatch,
  type Thresholds,
} from '../../src/domain/matching/score.ts'
import type { TruthRecord } from './matching-truth-set.ts'

export interface PairScores {
  precision: number
  recall: number
  f1: number
  truePairs: number
  predictedPairs: number
  correctPairs: number
}

/** Pairwise metrics: every pair of records put in one victim, against every pair that is one person. */
export function pairwise(records: readonly TruthRecord[], predicted: ArrayLike<number>): PairScores {
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

export function baseline(records: readonly TruthRecord[]): Int32Array {
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

export interface ModelRun {
  clusters: Int32Array
  comparisons: number
  seconds: number
  links: number
  /** Victims merged because a record linked to both; and how many of those were two people. */
  merges: number
  wrongMerges: number
  /** Each wrong merge: the record, and the merged victim's record it matched best. */
  wrongMergeExamples: { record: TruthRecord; other: TruthRecord; result: MatchResult }[]
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

export interface ModelOptions {
  withReview: boolean
  thresholds: Thresholds
  /** Blocking keys shared by more records than this are skipped, as the database skips them. */
  cap: number
  /**
   * Victims in the hub per victim in the set: name counts are the set's times this, as a hub of that
   * size would hold them (1 when the set stands for itself).
   */
  nameScale: number
}

/**
 * Runs every record in arrival order through blocking (a Map from key to records stands in for the
 * database index), scoring with the name counts intake keeps, and the resolution, merging victims a
 * record links to both of, as intake does.
 */
export function runModel(records: readonly TruthRecord[], options: ModelOptions): ModelRun {
  const { withReview, thresholds, cap, nameScale } = options
  const nameVictims = new Map<string, number>()
  const victimNames = new Set<string>()
  const nameCounts = (name: string) => (nameVictims.get(name) ?? 0) * nameScale
  let merges = 0
  let wrongMerges = 0
  const wrongMergeExamples: ModelRun['wrongMergeExamples'] = []
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
      const result = scoreMatch(record.subject, other.subject, DEFAULT_WEIGHTS, nameCounts)
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
      for (const other of resolution.mergeWith) {
        merges++
        if (clusterPerson[other.victimId] !== clusterPerson[cluster]) {
          wrongMerges++
          const b = best.get(other.victimId)
          const merged = b ? (records[b.recordIndex] as TruthRecord) : null
          if (b && merged) wrongMergeExamples.push({ record, other: merged, result: b.result })
        }
        for (let j = 0; j < i; j++) if (clusters[j] === other.victimId) clusters[j] = cluster
      }
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
    const name = fullNameOf(record.subject)
    if (name !== null && !victimNames.has(`${cluster}|${name}`)) {
      victimNames.add(`${cluster}|${name}`)
      nameVictims.set(name, (nameVictims.get(name) ?? 0) + 1)
    }
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
    merges,
    wrongMerges,
    wrongMergeExamples,
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
