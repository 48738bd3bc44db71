import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { monthParts, parse } from './forms.ts'

describe('needs assessment months', () => {
  it('reads the months from GOV.UK date inputs of month and year', () => {
    const parsed = parse({
      force: 'warwickshire',
      'from-month': '1',
      'from-year': '2025',
      'to-month': '6',
      'to-year': '2025',
    })
    assert.deepEqual(parsed, {
      ok: true,
      force: 'warwickshire',
      from: '2025-01',
      to: '2025-06',
      assumptions: {},
    })
  })

  it('still reads YYYY-MM from links and bookmarks', () => {
    const parsed = parse({ force: 'warwickshire', from: '2025-01', to: '2025-06' })
    assert.equal(parsed?.ok && parsed.from, '2025-01')
    assert.deepEqual(monthParts({ from: '2025-01' }, 'from'), { month: '1', year: '2025' })
  })

  it('names a month that is not one, pointing at the month box', () => {
    const parsed = parse({
      force: 'warwickshire',
      'from-month': '13',
      'from-year': '2025',
      'to-month': '6',
      'to-year': '25',
    })
    assert.deepEqual(parsed?.ok === false && parsed.errors.map((e) => e.href), ['#from-month', '#to-month'])
    assert.deepEqual(monthParts({ 'from-month': '13', 'from-year': '2025' }, 'from'), {
      month: '13',
      year: '2025',
    })
  })

  it('asks for nothing before the form is sent', () => {
    assert.equal(parse({}), undefined)
  })
})
