import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { DISTRICTS, distanceMetres, findDistrict, postcodeDistrict, servesDistrict } from './places.ts'

describe('where someone lives', () => {
  it('reads a full postcode, a district or a town, in any case and spacing', () => {
    assert.equal(findDistrict('cv34 4ab')?.code, 'CV34')
    assert.equal(findDistrict('CV344AB')?.code, 'CV34')
    assert.equal(findDistrict(' cv21 ')?.code, 'CV21')
    assert.equal(findDistrict('stratford-upon-avon')?.code, 'CV37')
    assert.equal(findDistrict('Leamington Spa')?.code, 'CV31')
    assert.equal(findDistrict('SW1A 1AA'), undefined)
    assert.equal(findDistrict('Atlantis'), undefined)
    assert.equal(findDistrict(''), undefined)
  })

  it('gives the district of every postcode in it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DISTRICTS.map((d) => d.code)),
        fc.integer({ min: 0, max: 9 }),
        fc.stringMatching(/^[A-Z]{2}$/),
        (district, digit, letters) => {
          assert.equal(postcodeDistrict(`${district} ${digit}${letters}`), district)
          assert.equal(postcodeDistrict(`${district}${digit}${letters}`.toLowerCase()), district)
        },
      ),
    )
  })

  it('serves a district named or its whole postcode area, nothing else', () => {
    assert.equal(servesDistrict(['CV34'], 'CV34'), true)
    assert.equal(servesDistrict(['CV'], 'CV34'), true)
    assert.equal(servesDistrict(['CV3'], 'CV34'), false)
    assert.equal(servesDistrict(['B49'], 'CV34'), false)
  })

  it('measures Warwick to Rugby at about 25 km', () => {
    const km =
      distanceMetres({ latitude: 52.28, longitude: -1.58 }, { latitude: 52.37, longitude: -1.26 }) / 1000
    assert.ok(km > 22 && km < 26, String(km))
  })
})
