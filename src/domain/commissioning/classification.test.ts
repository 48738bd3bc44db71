import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  allKnownCrimeTypes,
  CURRENT_CRIME_TYPES,
  classifyCrimeType,
  compareCrimeTypes,
  isKnownCrimeType,
} from './classification.ts'

describe('police.uk crime type classification', () => {
  it('puts each current police.uk category in the Home Office group', () => {
    const expected: Record<string, string> = {
      'Violence and sexual offences': 'victim-based',
      'Criminal damage and arson': 'victim-based',
      Burglary: 'victim-based',
      Robbery: 'victim-based',
      'Vehicle crime': 'victim-based',
      'Theft from the person': 'victim-based',
      'Bicycle theft': 'victim-based',
      Shoplifting: 'victim-based',
      'Other theft': 'victim-based',
      Drugs: 'society',
      'Possession of weapons': 'society',
      'Public order': 'society',
      'Other crime': 'society',
      'Anti-social behaviour': 'asb',
    }
    assert.equal(CURRENT_CRIME_TYPES.length, 14)
    for (const type of CURRENT_CRIME_TYPES) assert.equal(classifyCrimeType(type), expected[type], type)
  })

  it('accepts the two pre-2013 categories', () => {
    assert.equal(classifyCrimeType('Violent crime'), 'victim-based')
    assert.equal(classifyCrimeType('Public disorder and weapons'), 'society')
  })

  it('is exact: case or spacing changes are not silently accepted', () => {
    assert.equal(classifyCrimeType('burglary'), undefined)
    assert.equal(classifyCrimeType('Burglary '), undefined)
  })

  it('property: any string is either a known type with one category, or unknown', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...allKnownCrimeTypes())), (s) => {
        const c = classifyCrimeType(s)
        assert.equal(c !== undefined, isKnownCrimeType(s))
        if (c !== undefined) assert.ok(['victim-based', 'society', 'asb'].includes(c))
      }),
    )
  })

  it('property: ordering is a total order consistent with police.uk order', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom(...CURRENT_CRIME_TYPES))), (xs) => {
        const sorted = [...xs].sort(compareCrimeTypes)
        const known = sorted.filter((x) => (CURRENT_CRIME_TYPES as readonly string[]).includes(x))
        assert.deepEqual(sorted.slice(0, known.length), known)
      }),
    )
  })
})
