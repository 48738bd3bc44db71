// The crime behind each referral and the person it happened to: a new victim, a child with a parent to
// contact, a bereaved relative, a business contact, or someone referred in the last year coming back.
import { DateTime } from 'luxon'
import { LONDON, londonDate } from '../../domain/referral-feed/dates.ts'
import type { CrimeCategory } from '../../domain/referral-feed/fields.ts'
import { randomMobile } from '../people/contact.ts'
import { generatePerson, type Person } from '../people/person.ts'
import { CATEGORY_WEIGHTS, DA_RATE, HATE_RATE, HATE_STRAND_WEIGHTS, OFFENCES } from './crime-mix.ts'
import { type Crime, DAY, type FeedState, HOUR, type PersonEntry, type Victim } from './state.ts'
import { minute } from './written-forms.ts'

/** A crime reported a little before the referral is sent, with its flags. */
export function newCrime(state: FeedState, sentMs: number, category?: CrimeCategory): Crime {
  const rng = state.rng
  const cat = category ?? rng.weighted(CATEGORY_WEIGHTS)
  const lagHours = rng.weighted([
    [() => rng.int(1, 48), 70],
    [() => rng.int(48, 120), 25],
    [() => rng.int(120, 336), 5],
  ] as const)()
  const reportedMs = minute(sentMs - lagHours * HOUR - rng.int(0, 59) * 60_000)
  const recordedMs = rng.chance(0.9) ? Math.min(sentMs, reportedMs + rng.int(5, 360) * 60_000) : null
  const force = rng.weighted([
    ['WARKS', 94],
    ['WMERC', 4],
    ['BTP', 2],
  ] as const)
  const prefix = force === 'WARKS' ? 'WK' : force === 'WMERC' ? 'WM' : 'BTP'
  state.crimeSeq += rng.int(1, 40)
  const yy = DateTime.fromMillis(reportedMs, { zone: LONDON }).toFormat('yy')
  const hate = rng.chance(HATE_RATE[cat] ?? 0.002) ? [rng.weighted(HATE_STRAND_WEIGHTS)] : []
  if (hate.length > 0 && rng.chance(0.1)) hate.push('religion')
  return {
    id: state.crimeCount++,
    force,
    crimeReference: `${prefix}/${String(state.crimeSeq).padStart(6, '0')}/${yy}`,
    category: cat,
    offence: rng.pick(OFFENCES[cat]),
    reportedMs,
    recordedMs,
    da: rng.chance(DA_RATE[cat] ?? 0.01),
    hate: [...new Set(hate)],
    cse: cat === 'sexual_offence_other' && rng.chance(0.1),
    cyber: cat === 'fraud' || cat === 'computer_misuse' || (cat === 'stalking_harassment' && rng.chance(0.3)),
    rural: rng.chance(0.03),
  }
}

/** Someone the force now holds a record for (most get a person reference). */
export function newPersonEntry(
  state: FeedState,
  person: Person,
  force: string,
  reportedMs: number,
): PersonEntry {
  state.personRefSeq += state.rng.int(1, 500)
  const entry: PersonEntry = {
    id: state.people.length,
    person,
    force,
    personRef: state.rng.chance(0.92) ? `P${String(state.personRefSeq).padStart(7, '0')}` : null,
    lastReportedMs: reportedMs,
  }
  state.people.push(entry)
  return entry
}

/** Who the crime happened to, and whom the hub should contact about it. */
export function victimFor(state: FeedState, crime: Crime): Victim {
  const rng = state.rng
  const onDate = londonDate(new Date(crime.reportedMs).toISOString())
  const cat = crime.category
  if (cat === 'homicide' || cat === 'death_by_driving') {
    const relative = generatePerson(rng, { age: rng.int(25, 80), onDate })
    return {
      entry: newPersonEntry(state, relative, crime.force, crime.reportedMs),
      victimType: rng.chance(0.8) ? 'bereaved_relative' : 'family_spokesperson',
      contact: relative,
      repeat: false,
    }
  }
  if ((cat === 'burglary_business' && rng.chance(0.7)) || (cat === 'shoplifting' && rng.chance(0.95))) {
    const contact = generatePerson(rng, { age: rng.int(22, 64), onDate })
    return {
      entry: newPersonEntry(state, contact, crime.force, crime.reportedMs),
      victimType: 'business_contact',
      contact,
      repeat: false,
    }
  }
  // About one victim in five was referred in the previous twelve months.
  // People are created in roughly report order, so those seen in the last year are a suffix.
  while (
    state.windowStart < state.people.length &&
    crime.reportedMs - (state.people[state.windowStart] as PersonEntry).lastReportedMs > 365 * DAY
  ) {
    state.windowStart += 1
  }
  if (state.people.length > state.windowStart && rng.chance(0.2)) {
    for (let attempt = 0; attempt < 6; attempt++) {
      const entry = state.people[rng.int(state.windowStart, state.people.length - 1)] as PersonEntry
      const eligible =
        entry.force === crime.force &&
        entry.lastReportedMs < crime.reportedMs &&
        crime.reportedMs - entry.lastReportedMs < 365 * DAY
      if (!eligible) continue
      entry.lastReportedMs = crime.reportedMs
      const age = ageOn(entry.person.dateOfBirth, onDate)
      return {
        entry,
        victimType: age < 16 ? 'parent_guardian' : 'direct',
        contact: entry.person,
        repeat: true,
      }
    }
  }
  const child =
    cat !== 'fraud' && cat !== 'computer_misuse' && rng.chance(cat === 'sexual_offence_other' ? 0.35 : 0.09)
  const age = child
    ? rng.int(4, 17)
    : rng.weighted([
        [() => rng.int(18, 34), 4],
        [() => rng.int(35, 59), 4],
        [() => rng.int(60, 94), 2],
      ] as const)()
  const person = generatePerson(rng, { age, onDate })
  const entry = newPersonEntry(state, person, crime.force, crime.reportedMs)
  if (age < 16) {
    const parent = generatePerson(rng, {
      age: rng.int(26, 55),
      onDate,
      surname: rng.chance(0.8) ? person.surname : undefined,
      address: person.address,
    })
    entry.person = {
      ...person,
      mobile: parent.mobile ?? randomMobile(rng),
      landline: parent.landline,
      email: parent.email,
    }
    return { entry, victimType: 'parent_guardian', contact: entry.person, repeat: false }
  }
  return { entry, victimType: 'direct', contact: person, repeat: false }
}

function ageOn(dateOfBirth: string, onDate: string): number {
  let age = Number(onDate.slice(0, 4)) - Number(dateOfBirth.slice(0, 4))
  if (onDate.slice(5) < dateOfBirth.slice(5)) age -= 1
  return age
}
