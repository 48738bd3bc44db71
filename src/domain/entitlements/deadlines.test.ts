import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadDefaultCalendar } from '../calendar/bank-holidays.ts'
import { computeDeadlines, DEFAULT_DEADLINE_POLICY } from './deadlines.ts'

const calendar = loadDefaultCalendar()
const policy = { enhancedFirstContactDays: 1, standardFirstContactDays: 2 }

describe('computeDeadlines', () => {
  it('the spec example: reported Thu 24 Dec 2026, police due Wed 30 Dec', () => {
    const result = computeDeadlines(
      {
        reportedAt: '2026-12-24T10:00:00Z',
        sentAt: '2026-12-30T23:59:00Z',
        receivedAt: '2026-12-31T09:00:00Z',
        enhanced: false,
      },
      calendar,
      policy,
    )
    assert.deepEqual(result, {
      police_referral_due: '2026-12-30',
      police_referral_due_at: '2026-12-30T23:59:59.999Z',
      police_referral_on_time: true,
      first_contact_due: '2027-01-05', // Fri 1 Jan holiday, weekend: Mon 4 (1), Tue 5 (2)
      first_contact_due_at: '2027-01-05T23:59:59.999Z',
      warnings: [],
    })
  })

  for (const [sentAt, onTime] of [
    ['2026-12-24T10:05:00Z', true],
    ['2026-12-30T23:59:59.999Z', true],
    ['2026-12-31T00:00:00Z', false],
    ['2027-01-04T09:00:00Z', false],
  ] as const) {
    it(`sent ${sentAt} -> on time ${onTime}`, () => {
      const result = computeDeadlines(
        { reportedAt: '2026-12-24T10:00:00Z', sentAt, receivedAt: sentAt, enhanced: false },
        calendar,
        policy,
      )
      assert.equal(result.police_referral_on_time, onTime)
    })
  }

  it('on time is judged in London time (BST)', () => {
    const input = {
      reportedAt: '2026-07-01T10:00:00+01:00',
      receivedAt: '2026-07-03T09:00:00+01:00',
      enhanced: true,
    }
    const inTime = computeDeadlines({ ...input, sentAt: '2026-07-03T22:30:00Z' }, calendar, policy)
    assert.equal(inTime.police_referral_due, '2026-07-03')
    assert.equal(inTime.police_referral_on_time, true) // 23:30 BST on the due day
    const late = computeDeadlines({ ...input, sentAt: '2026-07-03T23:30:00Z' }, calendar, policy)
    assert.equal(late.police_referral_on_time, false) // 00:30 BST the next day
    const noOffset = computeDeadlines({ ...input, sentAt: '2026-07-03T23:30:00' }, calendar, policy)
    assert.equal(noOffset.police_referral_on_time, true) // no offset = London time
  })

  it('first contact: 1 working day for enhanced, 2 otherwise', () => {
    const input = { reportedAt: '2026-06-11T10:00:00+01:00', sentAt: '2026-06-12T09:00:00+01:00' }
    const received = '2026-06-12T16:00:00+01:00' // Friday
    assert.equal(
      computeDeadlines({ ...input, receivedAt: received, enhanced: true }, calendar, policy)
        .first_contact_due,
      '2026-06-15',
    )
    assert.equal(
      computeDeadlines({ ...input, receivedAt: received, enhanced: false }, calendar, policy)
        .first_contact_due,
      '2026-06-16',
    )
  })

  it('received late on Friday in UTC but Saturday in London counts from Saturday', () => {
    const result = computeDeadlines(
      { reportedAt: null, sentAt: null, receivedAt: '2026-06-12T23:30:00Z', enhanced: false },
      calendar,
      policy,
    )
    assert.equal(result.first_contact_due, '2026-06-16')
  })

  it('the policy is configurable', () => {
    const result = computeDeadlines(
      {
        reportedAt: '2026-06-08T10:00:00+01:00',
        sentAt: null,
        receivedAt: '2026-06-08T10:00:00+01:00',
        enhanced: false,
      },
      calendar,
      { enhancedFirstContactDays: 1, standardFirstContactDays: 5, policeReferralDays: 3 },
    )
    assert.equal(result.police_referral_due, '2026-06-11')
    assert.equal(result.first_contact_due, '2026-06-15')
  })

  it('uses the default policy when none is given', () => {
    assert.deepEqual(DEFAULT_DEADLINE_POLICY, {
      enhancedFirstContactDays: 1,
      standardFirstContactDays: 2,
      policeReferralDays: 2,
    })
    const result = computeDeadlines(
      { reportedAt: '2026-06-08', sentAt: null, receivedAt: '2026-06-08', enhanced: true },
      calendar,
    )
    assert.equal(result.police_referral_due, '2026-06-10')
    assert.equal(result.first_contact_due, '2026-06-09')
  })

  it('a self-referral with no police report has no police deadline and no warning', () => {
    const result = computeDeadlines(
      { reportedAt: null, sentAt: null, receivedAt: '2026-06-08T10:00:00+01:00', enhanced: false },
      calendar,
      policy,
    )
    assert.equal(result.police_referral_due, null)
    assert.equal(result.police_referral_due_at, null)
    assert.equal(result.police_referral_on_time, null)
    assert.equal(result.first_contact_due, '2026-06-10')
    assert.deepEqual(result.warnings, [])
  })

  it('no sent_at: on time unknown', () => {
    const result = computeDeadlines(
      { reportedAt: '2026-06-08', sentAt: null, receivedAt: '2026-06-08', enhanced: false },
      calendar,
      policy,
    )
    assert.equal(result.police_referral_due, '2026-06-10')
    assert.equal(result.police_referral_on_time, null)
  })

  it('beyond the bank-holiday data: left empty with warnings', () => {
    const result = computeDeadlines(
      {
        reportedAt: '2027-12-30T10:00:00Z',
        sentAt: '2027-12-31T10:00:00Z',
        receivedAt: '2027-12-31T10:00:00Z',
        enhanced: true,
      },
      calendar,
      policy,
    )
    assert.deepEqual(result, {
      police_referral_due: null,
      police_referral_due_at: null,
      police_referral_on_time: null,
      first_contact_due: null,
      first_contact_due_at: null,
      warnings: [
        'deadline_beyond_calendar:police_referral_due',
        'deadline_beyond_calendar:first_contact_due',
      ],
    })
  })

  it('only the deadline that falls beyond is left empty', () => {
    const result = computeDeadlines(
      {
        reportedAt: '2027-12-29T10:00:00Z',
        sentAt: '2027-12-29T11:00:00Z',
        receivedAt: '2027-12-30T10:00:00Z',
        enhanced: false,
      },
      calendar,
      policy,
    )
    assert.equal(result.police_referral_due, '2027-12-31')
    assert.equal(result.police_referral_on_time, true)
    assert.equal(result.first_contact_due, null)
    assert.deepEqual(result.warnings, ['deadline_beyond_calendar:first_contact_due'])
  })

  it('before the bank-holiday data: left empty with a warning', () => {
    const result = computeDeadlines(
      {
        reportedAt: '2018-12-28T10:00:00Z',
        sentAt: '2019-01-02T10:00:00Z',
        receivedAt: '2019-01-02',
        enhanced: false,
      },
      calendar,
      policy,
    )
    assert.equal(result.police_referral_due, null)
    assert.equal(result.police_referral_on_time, null)
    assert.equal(result.first_contact_due, '2019-01-04')
    assert.deepEqual(result.warnings, ['deadline_before_calendar:police_referral_due'])
  })
})
