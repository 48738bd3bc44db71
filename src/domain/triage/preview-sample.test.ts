import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { ageOn } from '../entitlements/age.ts'
import { londonDate } from '../referral-feed/dates.ts'
import { assessRecord } from '../referral-feed/validate.ts'
import { routingPreviewSample } from './preview-sample.ts'

const NOW = new Date('2026-12-01T08:30:00Z')
const sample = routingPreviewSample(NOW)
const field = (name: string) => sample.map((s) => String(s.record[name] ?? ''))

// Any moment from now to the 2060s, including the small hours and leap days.
const anyMoment = fc
  .date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2066-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => new Date(Math.floor(d.getTime() / 1000) * 1000))

describe('the routing preview sample', () => {
  test('is fifty-odd referrals, each with its own label and referral id', () => {
    assert.ok(sample.length >= 50 && sample.length <= 60, `${sample.length} referrals`)
    assert.equal(new Set(sample.map((s) => s.label)).size, sample.length)
    assert.equal(new Set(field('referral_id')).size, sample.length)
    assert.match(sample[0]?.label ?? '', /^Sample 01: Assault without injury, aged 34, Nuneaton$/)
  })

  test('passes every record check the feed applies, whatever day the preview is asked for', () => {
    fc.assert(
      fc.property(anyMoment, (now) => {
        for (const { label, record } of routingPreviewSample(now)) {
          const assessed = assessRecord(record, { now })
          assert.equal(assessed.outcome, 'passed', `${label}: ${assessed.reasons.join(', ')}`)
          assert.deepEqual(assessed.warnings, [], label)
        }
      }),
      { numRuns: 40 },
    )
  })

  test('each person is the age the label says on the day of the report, whatever the day', () => {
    fc.assert(
      fc.property(anyMoment, (now) => {
        for (const { label, record } of routingPreviewSample(now)) {
          const stated = Number(/aged (\d+)/.exec(label)?.[1])
          const reportedOn = londonDate(String(record.reported_at))
          assert.equal(ageOn(String(record.date_of_birth), reportedOn), stated, label)
          assert.ok(Date.parse(String(record.sent_at)) < now.getTime(), 'sent before the preview')
        }
      }),
      { numRuns: 40 },
    )
  })

  test('holds every fact the default routing rules look at in a police referral', () => {
    const categories = new Set(field('crime_category'))
    for (const category of [
      'rape',
      'sexual_offence_other',
      'death_by_driving',
      'computer_misuse',
      'fraud',
      'burglary_residential',
      'burglary_business',
    ]) {
      assert.ok(categories.has(category), category)
    }
    for (const flag of ['domestic_abuse', 'hate_crime', 'cse', 'cyber', 'rural']) {
      assert.ok(field(flag).includes('Y'), flag)
    }
    assert.ok(field('victim_type').includes('parent_guardian'), 'a child with a parent to contact')
    assert.ok(field('victim_type').includes('bereaved_relative'), 'a bereaved relative')
    assert.ok(field('victim_type').includes('business_contact'), 'a business victim')
    assert.ok(field('vulnerable').includes('Y') && field('intimidated').includes('Y'), 'enhanced victims')
    const ages = sample.map((s) => Number(/aged (\d+)/.exec(s.label)?.[1]))
    assert.ok(ages.some((age) => age < 18) && ages.some((age) => age >= 65), 'children and older victims')
  })

  test('is the same sample on the same day', () => {
    assert.deepEqual(routingPreviewSample(new Date('2026-12-01T23:59:00Z')), sample)
  })
})
