import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import {
  CASE_STATES,
  type CaseFacts,
  type CaseState,
  CLOSURE_REASONS,
  MOVES,
  movesFrom,
  transition,
} from './states.ts'

const at = (state: CaseState, contacted = false): CaseFacts => ({
  state,
  firstContactedAt: contacted ? new Date('2026-03-02T10:00:00Z') : null,
})
const move = (to: CaseState, reason = 'Spoke to the victim') => ({ kind: 'move' as const, to, reason })

describe('case state changes', () => {
  const allowed: [CaseState, CaseState][] = [
    ['awaiting_first_contact', 'contacting'],
    ['awaiting_first_contact', 'assessing'],
    ['contacting', 'assessing'],
    ['assessing', 'supported'],
    ['assessing', 'stepped_down'],
    ['supported', 'stepped_down'],
    ['supported', 'assessing'],
    ['stepped_down', 'supported'],
    ['stepped_down', 'assessing'],
  ]

  for (const [from, to] of allowed) {
    test(`${from} → ${to} is allowed with a reason`, () => {
      const result = transition(at(from), move(to))
      assert.deepEqual(result, { ok: true, state: to, closure: null })
    })
  }

  test('every other move between states is refused, naming both states', () => {
    for (const from of CASE_STATES)
      for (const to of CASE_STATES) {
        if (allowed.some(([f, t]) => f === from && t === to)) continue
        const result = transition(at(from), move(to))
        assert.equal(result.ok, false, `${from} → ${to}`)
        if (!result.ok) assert.equal(result.field, 'to')
      }
  })

  test('a move without a reason is refused', () => {
    const result = transition(at('awaiting_first_contact'), move('contacting', '  '))
    assert.deepEqual(result, { ok: false, field: 'reason', message: 'Say why the case is changing' })
  })

  test('a closed case cannot move, it must be reopened', () => {
    const result = transition(at('closed'), move('assessing'))
    assert.equal(result.ok, false)
    if (!result.ok) assert.match(result.message, /reopen it first/)
    assert.deepEqual(movesFrom('closed'), [])
  })

  test('the move table lists only open states', () => {
    for (const targets of Object.values(MOVES)) assert.ok(!targets.includes('closed' as never))
  })
})

describe('closing and reopening', () => {
  test('every open state can close, with every reason', () => {
    for (const state of CASE_STATES.filter((s) => s !== 'closed'))
      for (const reason of CLOSURE_REASONS) {
        const result = transition(at(state), { kind: 'close', reason, note: 'moved to Leeds' })
        assert.deepEqual(result, { ok: true, state: 'closed', closure: { reason, note: 'moved to Leeds' } })
      }
  })

  test('"other" needs its text; the other reasons do not', () => {
    assert.deepEqual(transition(at('contacting'), { kind: 'close', reason: 'other', note: ' ' }), {
      ok: false,
      field: 'note',
      message: 'Say why the case is closing',
    })
    assert.deepEqual(transition(at('contacting'), { kind: 'close', reason: 'declined_support', note: '' }), {
      ok: true,
      state: 'closed',
      closure: { reason: 'declined_support', note: null },
    })
  })

  test('an unknown closure reason is refused', () => {
    const result = transition(at('assessing'), { kind: 'close', reason: 'bored' as never, note: '' })
    assert.equal(result.ok, false)
  })

  test('a closed case cannot close again', () => {
    const result = transition(at('closed'), { kind: 'close', reason: 'support_completed', note: '' })
    assert.equal(result.ok, false)
  })

  test('reopening goes back to first contact if nobody reached the victim, else to assessment', () => {
    assert.deepEqual(transition(at('closed'), { kind: 'reopen', reason: 'Victim rang back' }), {
      ok: true,
      state: 'awaiting_first_contact',
      closure: null,
    })
    assert.deepEqual(transition(at('closed', true), { kind: 'reopen', reason: 'Victim rang back' }), {
      ok: true,
      state: 'assessing',
      closure: null,
    })
  })

  test('only a closed case reopens, and only with a reason', () => {
    assert.equal(transition(at('supported'), { kind: 'reopen', reason: 'x' }).ok, false)
    assert.equal(transition(at('closed'), { kind: 'reopen', reason: '' }).ok, false)
  })

  test('whatever the state and action, an allowed change never leaves the case where a rule forbids', () => {
    const action = fc.oneof(
      fc.record({
        kind: fc.constant('move' as const),
        to: fc.constantFrom(...CASE_STATES),
        reason: fc.string(),
      }),
      fc.record({
        kind: fc.constant('close' as const),
        reason: fc.constantFrom(...CLOSURE_REASONS),
        note: fc.string(),
      }),
      fc.record({ kind: fc.constant('reopen' as const), reason: fc.string() }),
    )
    fc.assert(
      fc.property(fc.constantFrom(...CASE_STATES), fc.boolean(), action, (state, contacted, a) => {
        const result = transition(at(state, contacted), a)
        if (!result.ok) return
        if (a.kind === 'close') assert.equal(result.state, 'closed')
        if (a.kind === 'reopen') assert.equal(state, 'closed')
        if (a.kind === 'move') assert.ok((movesFrom(state) as readonly string[]).includes(result.state))
        if (a.kind !== 'close') assert.notEqual(a.reason.trim(), '')
      }),
    )
  })
})
