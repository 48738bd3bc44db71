// One synthetic person: name, date of birth, address and contact details, realistic enough for matching
// and contact rules, but unreachable.
import { DateTime } from 'luxon'
import type { Rng } from '../random.ts'
import { emailFor, randomLandline, randomMobile } from './contact.ts'
import { FEMALE_FORENAMES, MALE_FORENAMES, SURNAMES } from './names.ts'
import { type Address, randomAddress } from './places.ts'

export type Sex = 'female' | 'male'

export interface Person {
  sex: Sex
  title: string
  forename: string
  surname: string
  /** `YYYY-MM-DD`. */
  dateOfBirth: string
  address: Address
  /** 11-digit national form, e.g. `07700900123`; null when the person has none. */
  mobile: string | null
  landline: string | null
  email: string | null
}

/** A date of birth giving `age` whole years on `onDate` (`YYYY-MM-DD`). */
export function dateOfBirthForAge(rng: Rng, age: number, onDate: string): string {
  const on = DateTime.fromISO(onDate, { zone: 'utc' })
  const latest = on.minus({ years: age })
  const earliest = on.minus({ years: age + 1 }).plus({ days: 1 })
  const span = Math.max(0, Math.floor(latest.diff(earliest, 'days').days))
  return earliest.plus({ days: rng.int(0, span) }).toISODate() as string
}

export interface PersonOptions {
  /** Whole years on `onDate`. */
  age: number
  onDate: string
  sex?: Sex
  surname?: string
  address?: Address
}

export function generatePerson(rng: Rng, options: PersonOptions): Person {
  const sex = options.sex ?? (rng.chance(0.52) ? 'female' : 'male')
  const forename = rng.pick(sex === 'female' ? FEMALE_FORENAMES : MALE_FORENAMES)
  const surname = options.surname ?? rng.pick(SURNAMES)
  const adult = options.age >= 18
  const title = !adult
    ? ''
    : sex === 'male'
      ? rng.weighted([
          ['Mr', 10],
          ['Dr', 1],
          ['', 3],
        ] as const)
      : rng.weighted([
          ['Mrs', 4],
          ['Ms', 4],
          ['Miss', 3],
          ['Dr', 1],
          ['', 3],
        ] as const)
  return {
    sex,
    title,
    forename,
    surname,
    dateOfBirth: dateOfBirthForAge(rng, options.age, options.onDate),
    address: options.address ?? randomAddress(rng),
    mobile: rng.chance(adult ? 0.9 : 0.5) ? randomMobile(rng) : null,
    landline: rng.chance(0.25) ? randomLandline(rng) : null,
    email: rng.chance(adult ? 0.62 : 0.2) ? emailFor(rng, forename, surname) : null,
  }
}
