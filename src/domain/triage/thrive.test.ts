import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { GRADES, type Grade } from './levels.ts'
import { parseGrade, type ThriveAssessment, thrivePriority } from './thrive.ts'

describe('parseGrade', () => {
  for (const [input, expected] of [
    ['low', 'low'],
    ['Medium', 'medium'],
    [' HIGH ', 'high'],
    ['', null],
    ['   ', null],
    [null, null],
    [undefined, null],
  ] as const) {
    it(`${JSON.stringify(input)} -> ${expected}`, () => assert.equal(parseGrade(input), expected))
  }
  it('throws on anything else', () => assert.throws(() => parseGrade('severe'), RangeError))
})

describe('thrivePriority: the highest graded element', () => {
  const cases: [ThriveAssessment, Grade | null, string[]][] = [
    [{}, null, []],
    [{ investigation: 'CCTV requested', engagement: 'victim keen' }, null, []],
    [
      { threat: 'low', harm: 'low', risk: 'low', vulnerability: 'low' },
      'low',
      ['threat', 'harm', 'risk', 'vulnerability'],
    ],
    [{ threat: 'low', harm: 'medium', risk: 'low', vulnerability: 'low' }, 'medium', ['harm']],
    [{ threat: 'medium', harm: 'medium', risk: 'high', vulnerability: 'low' }, 'high', ['risk']],
    [
      { threat: 'high', harm: 'low', risk: 'low', vulnerability: 'high' },
      'high',
      ['threat', 'vulnerability'],
    ],
    [{ vulnerability: 'high' }, 'high', ['vulnerability']],
    [{ threat: 'low', harm: null }, 'low', ['threat']],
  ]
  for (const [assessment, priority, drivenBy] of cases) {
    it(`${JSON.stringify(assessment)} -> ${priority}`, () => {
      const result = thrivePriority(assessment)
      assert.equal(result.priority, priority)
      assert.deepEqual(result.drivenBy, drivenBy)
    })
  }

  it('lists the elements left blank', () => {
    assert.deepEqual(thrivePriority({ threat: 'low', risk: 'high' }).missing, ['harm', 'vulnerability'])
  })

  it('never lower than any element, and equal to one of them (property)', () => {
    const grade = fc.option(fc.constantFrom(...GRADES), { nil: null })
    fc.assert(
      fc.property(grade, grade, grade, grade, (threat, harm, risk, vulnerability) => {
        const given = [threat, harm, risk, vulnerability].filter((g): g is Grade => g !== null)
        const { priority } = thrivePriority({ threat, harm, risk, vulnerability })
        if (given.length === 0) return priority === null
        assert.ok(priority !== null && given.includes(priority))
        for (const g of given) assert.ok(GRADES.indexOf(priority) >= GRADES.indexOf(g))
        return true
      }),
    )
  })
})
