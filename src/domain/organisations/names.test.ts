import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { findByName, nameKey, sameName } from './names.ts'

const organisations = [
  { id: 1, name: 'Warwickshire Police' },
  { id: 2, name: 'Victim Support Hub' },
  { id: 3, name: 'Rape & Sexual Abuse Support' },
]

describe('finding an organisation or team by name', () => {
  it('finds a name however it is capitalised or spaced', () => {
    assert.equal(findByName(organisations, 'Warwickshire Police')?.id, 1)
    assert.equal(findByName(organisations, 'warwickshire police')?.id, 1)
    assert.equal(findByName(organisations, '  WARWICKSHIRE   Police ')?.id, 1)
    assert.equal(findByName(organisations, 'Victim\u00a0Support Hub')?.id, 2)
  })

  it('finds nothing for a name no organisation has', () => {
    assert.equal(findByName(organisations, 'Warwickshire'), undefined)
    assert.equal(findByName(organisations, ''), undefined)
    assert.equal(findByName([], 'Warwickshire Police'), undefined)
  })

  it('prefers the exact spelling, and refuses to guess between two that read the same', () => {
    const twins = [
      { id: 1, name: 'County Police' },
      { id: 2, name: 'COUNTY POLICE' },
    ]
    assert.equal(findByName(twins, 'COUNTY POLICE')?.id, 2)
    assert.equal(findByName(twins, 'County Police')?.id, 1)
    assert.equal(findByName(twins, 'county police'), undefined)
  })

  it('property: a name found is one that reads the same, and every listed name finds an item so called', () => {
    const name = fc.stringMatching(/^[A-Za-z &'-]{1,30}$/)
    fc.assert(
      fc.property(fc.uniqueArray(name, { maxLength: 8 }), name, (names, typed) => {
        const items = names.map((n, i) => ({ id: i, name: n }))
        const found = findByName(items, typed)
        if (found) assert.ok(sameName(found.name, typed))
        for (const item of items) assert.ok(sameName(findByName(items, item.name)?.name ?? '', item.name))
      }),
    )
  })

  it('property: case and runs of spaces never change the key', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z]{1,10}( {1,3}[A-Za-z]{1,10}){0,3}$/), (n) => {
        assert.equal(nameKey(n.toUpperCase()), nameKey(n))
        assert.equal(nameKey(` ${n.replace(/ +/g, '   ')} `), nameKey(n))
      }),
    )
  })
})
