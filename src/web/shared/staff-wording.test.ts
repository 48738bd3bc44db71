import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { PATHWAY_IDS } from '../../domain/triage/pathways.ts'
import { languageItems, languageName } from './languages.ts'
import {
  auditActionLabel,
  crimeReferenceLabel,
  pathwayName,
  phoneForPeople,
  referralStateLabel,
  riskChecklistLabel,
  ruleSetLabel,
  serviceNamer,
  withNames,
} from './staff-wording.ts'

describe('staff wording', () => {
  it('names every pathway without an underscore', () => {
    assert.equal(pathwayName('sexual_violence'), 'Sexual abuse and violence')
    for (const id of PATHWAY_IDS) assert.doesNotMatch(pathwayName(id), /_/)
  })

  it('names a service from the services given, never by its id', () => {
    const name = serviceNamer([{ id: 'rosa-isva', name: 'ROSA independent sexual violence advisers' }])
    assert.equal(name('rosa-isva'), 'ROSA independent sexual violence advisers')
    assert.equal(name('unknown-service'), 'Unknown service')
  })

  it('reads a rule set version in words', () => {
    assert.equal(ruleSetLabel('default-routing@1'), 'Default routing rules, version 1')
    assert.equal(ruleSetLabel('county-rules@12'), 'County rules, version 12')
  })

  it('never shows a stand-in crime reference', () => {
    assert.equal(crimeReferenceLabel('NONE-SR-ABCD2345'), 'Self-referral (no crime reference)')
    assert.equal(crimeReferenceLabel('NONE-PR-ABCD2345'), 'Partner referral (no crime reference)')
    assert.equal(crimeReferenceLabel('WK/012345/26'), 'WK/012345/26')
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (rest) => {
        assert.doesNotMatch(crimeReferenceLabel(`NONE-${rest}`), /NONE-/)
      }),
    )
  })

  it('says statuses, actions and checklist results in words', () => {
    assert.equal(referralStateLabel('triaged'), 'Routed, waiting for first contact')
    assert.equal(auditActionLabel('sign_in.failed'), 'Sign in failed')
    assert.equal(riskChecklistLabel('not_completed', 0), 'Not completed')
    assert.equal(riskChecklistLabel('high', 15), 'High risk (15 yes)')
  })

  it('replaces whole codes inside a sentence, and nothing else', () => {
    const names = new Map([
      ['burglary_residential', '“residential burglary”'],
      ['victim-support-burglary', 'Victim Support burglary support'],
    ])
    assert.equal(
      withNames('because crime category burglary_residential: offered to victim-support-burglary.', names),
      'because crime category “residential burglary”: offered to Victim Support burglary support.',
    )
  })

  it('writes phone numbers as people do', () => {
    assert.equal(phoneForPeople('+447700900123'), '07700 900123')
    assert.equal(phoneForPeople('+48123456789'), '+48 12 345 67 89')
    assert.equal(phoneForPeople(null), null)
  })

  it('names languages from ISO 639-1 and lists them by name', () => {
    assert.equal(languageName('pl'), 'Polish')
    assert.equal(languageName('cy'), 'Welsh')
    assert.equal(languageName(''), 'Not given')
    const items = languageItems('pa')
    assert.equal(items[0]?.value, '')
    assert.deepEqual(
      items.filter((i) => i.selected).map((i) => i.text),
      ['Panjabi'],
    )
    const names = items.slice(1).map((i) => i.text)
    assert.deepEqual(
      names,
      [...names].sort((a, b) => a.localeCompare(b, 'en-GB')),
    )
  })
})
