// The matching truth set with its namesakes (strangers who share a full name and date of birth, at the
// rates a county's and a nation's hub meets them) run through the model as the benchmark runs it: no
// namesake is linked or merged with the person whose name they share, and their own records still
// come together. bench/matching-quality.ts gives the full figures on 20,000 people a seed.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DEFAULT_THRESHOLDS } from '../src/domain/matching/score.ts'
import { pairwise, runModel } from './support/matching-run.ts'
import { generateTruthSet, NAMESAKE_HUB_VICTIMS, type NamesakeScale } from './support/matching-truth-set.ts'

const PEOPLE = 5000

describe('the matching truth set with namesakes', () => {
  for (const [scale, seed] of [
    ['nation', 2],
    ['nation', 3],
    ['county', 2],
  ] as [NamesakeScale, number][]) {
    it(`keeps every namesake apart at a ${scale}'s hub (held-out seed ${seed})`, () => {
      const set = generateTruthSet({ people: PEOPLE, seed, namesakes: scale })
      const namesakes = set.people.filter((p) => p.tags.includes('namesake'))
      assert.ok(namesakes.length > (scale === 'nation' ? 20 : 0), `${namesakes.length} namesakes`)
      const run = runModel(set.records, {
        withReview: false,
        thresholds: DEFAULT_THRESHOLDS,
        cap: 1000,
        nameScale: NAMESAKE_HUB_VICTIMS[scale] / PEOPLE,
      })
      const isNamesake = (personId: number) => set.people[personId]?.tags.includes('namesake') === true
      const wrong = run.wrongLinks.filter(
        (w) => isNamesake(w.record.personId) || isNamesake(w.other.personId),
      )
      assert.deepEqual(
        wrong.map(
          (w) => `${w.record.subject.forename} ${w.record.subject.surname}: ${w.result.evidence.join('; ')}`,
        ),
        [],
      )
      // The namesakes' own records still come together: each is one victim, as the others are.
      const scores = pairwise(
        set.records.filter((r) => isNamesake(r.personId)),
        run.clusters.filter((_, i) => isNamesake((set.records[i] as (typeof set.records)[number]).personId)),
      )
      assert.ok(scores.precision === 1, `namesakes' pairwise precision ${scores.precision}`)
      assert.ok(scores.recall >= 0.85, `namesakes' automatic recall ${scores.recall}`)
    })
  }
})
