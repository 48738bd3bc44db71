import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { loadDefaultCalendar } from '../calendar/bank-holidays.ts'
import { workingDaysBetween } from '../calendar/working-days.ts'
import { DEFAULT_ATTEMPT_POLICY, nextStep } from './attempt-policy.ts'

const calendar = loadDefaultCalendar()
// Thursday 2 April 2026, 10:00 London (BST): Good Friday and Easter Monday follow.
const thursday = new Date('2026-04-02T09:00:00Z')
const all = ['call', 'text', 'email', 'letter'] as const

describe('the attempt policy', () => {
  test('by default: three attempts over five working days, at a different time of day, untried channels first', () => {
    const second = nextStep(DEFAULT_ATTEMPT_POLICY, [{ at: thursday, channel: 'call' }], all, calendar)
    assert.deepEqual(second, {
      kind: 'attempt',
      number: 2,
      due: '2026-04-09', // 3 working days on, over Good Friday and Easter Monday
      partOfDay: 'afternoon',
      channels: ['text', 'email', 'letter', 'call'],
    })
    const afternoon = new Date('2026-04-09T14:00:00Z')
    const third = nextStep(
      DEFAULT_ATTEMPT_POLICY,
      [
        { at: thursday, channel: 'call' },
        { at: afternoon, channel: 'text' },
      ],
      all,
      calendar,
    )
    assert.deepEqual(third, {
      kind: 'attempt',
      number: 3,
      due: '2026-04-13', // 5 working days after the first
      partOfDay: 'morning',
      channels: ['email', 'letter', 'call', 'text'],
    })
  })

  test('after the last attempt: a closing letter where writing is safe, or none', () => {
    const three = [
      { at: thursday, channel: 'call' as const },
      { at: new Date('2026-04-09T14:00:00Z'), channel: 'call' as const },
      { at: new Date('2026-04-13T09:00:00Z'), channel: 'call' as const },
    ]
    assert.deepEqual(nextStep(DEFAULT_ATTEMPT_POLICY, three, all, calendar), {
      kind: 'closing_letter',
      due: '2026-04-14',
    })
    assert.deepEqual(nextStep(DEFAULT_ATTEMPT_POLICY, three, ['call', 'text'], calendar), {
      kind: 'close',
      due: '2026-04-14',
    })
    const letter = { at: new Date('2026-04-14T10:00:00Z'), channel: 'letter' as const }
    assert.deepEqual(
      nextStep(DEFAULT_ATTEMPT_POLICY, [...three, letter], all, calendar),
      {
        kind: 'close',
        due: '2026-04-15',
      },
      'once the closing letter is sent, the case is due to close',
    )
  })

  test('a configured policy is followed: five attempts over ten working days', () => {
    const step = nextStep(
      { attempts: 5, overWorkingDays: 10 },
      [{ at: thursday, channel: null }],
      ['call'],
      calendar,
    )
    assert.equal(step.kind, 'attempt')
    if (step.kind === 'attempt')
      assert.equal(workingDaysBetween(calendar, thursday, `${step.due}T12:00:00Z`), 3)
  })

  test('for any policy and any failed attempts, the attempts never run past the policy’s working days', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 8 }),
        (attempts, overWorkingDays, made) => {
          const failed = Array.from({ length: made }, () => ({ at: thursday, channel: 'call' as const }))
          const step = nextStep({ attempts, overWorkingDays }, failed, all, calendar)
          if (made >= attempts) assert.notEqual(step.kind, 'attempt')
          else {
            assert.equal(step.kind, 'attempt')
            if (step.kind === 'attempt') {
              const days = workingDaysBetween(calendar, thursday, `${step.due}T12:00:00Z`)
              assert.ok(typeof days === 'number' && days <= overWorkingDays)
              assert.equal(step.number, made + 1)
            }
          }
        },
      ),
    )
  })
})
