// Synthetic people for demo and test data: realistic enough to exercise matching (nicknames,
// Welsh and multi-ethnic names, apostrophes, hyphens, diacritics) and contact rules, but
// unreachable: Ofcom drama phone ranges, example.org/example.com email, fictional streets.
import { DateTime } from 'luxon'
import type { Rng } from './random.ts'

export const FEMALE_FORENAMES: readonly string[] = [
  'Olivia',
  'Amelia',
  'Isla',
  'Ava',
  'Emily',
  'Sophie',
  'Grace',
  'Jessica',
  'Charlotte',
  'Hannah',
  'Elizabeth',
  'Margaret',
  'Susan',
  'Patricia',
  'Catherine',
  'Rebecca',
  'Victoria',
  'Samantha',
  'Jennifer',
  'Deborah',
  'Bethan',
  'Cerys',
  'Sian',
  'Angharad',
  'Ffion',
  'Gwen',
  'Nia',
  'Rhiannon',
  'Priya',
  'Aisha',
  'Fatima',
  'Harpreet',
  'Anjali',
  'Zainab',
  'Nusrat',
  'Simran',
  'Adaeze',
  'Abena',
  'Chiamaka',
  'Shanice',
  'Aaliyah',
  'Agnieszka',
  'Zofia',
  'Ioana',
  'Siobhan',
  'Aoife',
  'Mei',
  'Hodan',
  'Zoë',
]

export const MALE_FORENAMES: readonly string[] = [
  'Oliver',
  'George',
  'Harry',
  'Jack',
  'Thomas',
  'James',
  'William',
  'Robert',
  'Michael',
  'David',
  'Richard',
  'Christopher',
  'Daniel',
  'Matthew',
  'Anthony',
  'Joseph',
  'Benjamin',
  'Alexander',
  'Edward',
  'Samuel',
  'Rhys',
  'Dafydd',
  'Gareth',
  'Ioan',
  'Owain',
  'Gruffydd',
  'Huw',
  'Emyr',
  'Mohammed',
  'Imran',
  'Amir',
  'Ravi',
  'Sanjay',
  'Gurpreet',
  'Arjun',
  'Bilal',
  'Kwame',
  'Chidi',
  'Tunde',
  'Kofi',
  'Jermaine',
  'Piotr',
  'Mateusz',
  'Andrei',
  'Cian',
  'Seán',
  'Wei',
  'Abdirahman',
  'José',
]

/** Common short and familiar forms: the same person often appears under both. */
export const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  Elizabeth: ['Liz', 'Beth', 'Lizzie', 'Betty'],
  Margaret: ['Maggie', 'Peggy', 'Meg'],
  Susan: ['Sue', 'Susie'],
  Patricia: ['Pat', 'Trish'],
  Catherine: ['Cath', 'Kate', 'Cathy'],
  Rebecca: ['Becky', 'Becca'],
  Victoria: ['Vicky', 'Tori'],
  Samantha: ['Sam', 'Sammy'],
  Jennifer: ['Jen', 'Jenny'],
  Deborah: ['Debbie', 'Deb'],
  Jessica: ['Jess'],
  Charlotte: ['Lottie', 'Charlie'],
  Hannah: ['Han'],
  Rhiannon: ['Rhi'],
  Angharad: ['Hari'],
  Gwen: ['Gwenno'],
  Oliver: ['Ollie'],
  Harry: ['Haz'],
  Thomas: ['Tom', 'Tommy'],
  James: ['Jim', 'Jamie', 'Jimmy'],
  William: ['Will', 'Bill', 'Billy', 'Liam'],
  Robert: ['Rob', 'Bob', 'Bobby', 'Robbie'],
  Michael: ['Mike', 'Mick', 'Mikey'],
  David: ['Dave', 'Davey'],
  Richard: ['Rich', 'Rick', 'Dick'],
  Christopher: ['Chris', 'Kit'],
  Daniel: ['Dan', 'Danny'],
  Matthew: ['Matt'],
  Anthony: ['Tony', 'Ant'],
  Joseph: ['Joe', 'Joey'],
  Benjamin: ['Ben', 'Benny'],
  Alexander: ['Alex', 'Sandy'],
  Edward: ['Ed', 'Eddie', 'Ted'],
  Samuel: ['Sam', 'Sammy'],
  Dafydd: ['Dai', 'Dave'],
  Gruffydd: ['Gruff'],
  Mohammed: ['Mo', 'Mohamed', 'Muhammad'],
  Gurpreet: ['Gary'],
  Mateusz: ['Matt'],
  Andrei: ['Andy'],
  Abdirahman: ['Abdi'],
  Piotr: ['Peter'],
}

export const SURNAMES: readonly string[] = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Robinson',
  'Wright',
  'Thompson',
  'Evans',
  'Walker',
  'White',
  'Roberts',
  'Green',
  'Hall',
  'Wood',
  'Jackson',
  'Clarke',
  'Hughes',
  'Edwards',
  'Lewis',
  'Morgan',
  'Griffiths',
  'Price',
  'Pritchard',
  'Llewellyn',
  'Rees',
  'Powell',
  'Patel',
  'Khan',
  'Singh',
  'Kaur',
  'Ahmed',
  'Hussain',
  'Begum',
  'Ali',
  'Shah',
  'Sharma',
  'Mistry',
  'Chauhan',
  'Okafor',
  'Adeyemi',
  'Mensah',
  'Campbell',
  'Baptiste',
  'Boateng',
  'Francis',
  'Kowalski',
  'Nowak',
  'Wiśniewska',
  'Popescu',
  'Ionescu',
  "O'Brien",
  'Murphy',
  'Kelly',
  "O'Connor",
  'McCarthy',
  'Chen',
  'Wang',
  'Li',
  'Nguyen',
  'Mohamud',
  'Warsame',
  'Smith-Jones',
  'Hughes-Davies',
  'Ap Rhys',
]

/** Warwickshire (and neighbouring) towns with their real postcode districts. */
export const TOWNS: readonly { town: string; districts: readonly string[] }[] = [
  { town: 'Warwick', districts: ['CV34', 'CV35'] },
  { town: 'Leamington Spa', districts: ['CV31', 'CV32', 'CV33'] },
  { town: 'Kenilworth', districts: ['CV8'] },
  { town: 'Rugby', districts: ['CV21', 'CV22', 'CV23'] },
  { town: 'Nuneaton', districts: ['CV10', 'CV11', 'CV13'] },
  { town: 'Bedworth', districts: ['CV12'] },
  { town: 'Stratford-upon-Avon', districts: ['CV37'] },
  { town: 'Shipston-on-Stour', districts: ['CV36'] },
  { town: 'Southam', districts: ['CV47'] },
  { town: 'Atherstone', districts: ['CV9'] },
  { town: 'Coleshill', districts: ['B46'] },
  { town: 'Alcester', districts: ['B49'] },
  { town: 'Studley', districts: ['B80'] },
  { town: 'Henley-in-Arden', districts: ['B95'] },
  { town: 'Polesworth', districts: ['B78'] },
  { town: 'Coventry', districts: ['CV1', 'CV2', 'CV3', 'CV5', 'CV6'] },
  { town: 'Hinckley', districts: ['LE10'] },
  { town: 'Lutterworth', districts: ['LE17'] },
]
// Weight the county's large towns as the population does.
const TOWN_WEIGHTS = [8, 9, 4, 9, 10, 5, 5, 1, 1, 2, 2, 1, 1, 1, 1, 6, 2, 1]

const STREET_STEMS: readonly string[] = [
  'Larkspur',
  'Kingfisher',
  'Foxglove',
  'Meadowsweet',
  'Chantry',
  'Tannery',
  'Ropewalk',
  'Lime Kiln',
  'Saxon Mill',
  'Brindley',
  'Quarry Bank',
  'Harebell',
  'Old Forge',
  'Wharf',
  'Clover',
  'Ashlawn',
  'Bramcote',
  'Oakenshaw',
  'Sorrel',
  'Arden Vale',
  'Fennel',
  'Tithe Barn',
  'Willowherb',
  'Dovecote',
]
const STREET_TYPES: readonly string[] = [
  'Close',
  'Road',
  'Lane',
  'Way',
  'Drive',
  'Avenue',
  'Crescent',
  'Grove',
  'Gardens',
  'Mews',
  'Court',
]
// Inward-code letters Royal Mail uses (no C, I, K, M, O, V).
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ'

export type Sex = 'female' | 'male'

export interface Address {
  line1: string
  line2: string
  town: string
  /** Canonical `CV34 4AB` form. */
  postcode: string
}

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

export function randomPostcode(rng: Rng, district?: string): string {
  const d =
    district ?? rng.pick(rng.weighted(TOWNS.map((t, i) => [t, TOWN_WEIGHTS[i] ?? 1] as const)).districts)
  return `${d} ${rng.int(1, 9)}${rng.pick([...INWARD_LETTERS])}${rng.pick([...INWARD_LETTERS])}`
}

export function randomAddress(rng: Rng): Address {
  const t = rng.weighted(TOWNS.map((x, i) => [x, TOWN_WEIGHTS[i] ?? 1] as const))
  const street = `${rng.pick(STREET_STEMS)} ${rng.pick(STREET_TYPES)}`
  const flat = rng.chance(0.12)
  return {
    line1: flat
      ? `Flat ${rng.int(1, 24)}, ${rng.pick(['Avon', 'Arden', 'Leam', 'Stour'])} House`
      : `${rng.int(1, 180)} ${street}`,
    line2: flat ? `${rng.int(1, 90)} ${street}` : '',
    town: t.town,
    postcode: randomPostcode(rng, rng.pick(t.districts)),
  }
}

/** A mobile in Ofcom's drama range 07700 900000–900999. */
export function randomMobile(rng: Rng): string {
  return `07700900${String(rng.int(0, 999)).padStart(3, '0')}`
}

/** A landline in one of Ofcom's drama ranges. */
export function randomLandline(rng: Rng): string {
  const prefix = rng.weighted([
    ['01214960', 4], // Birmingham
    ['01164960', 2], // Leicester
    ['01632960', 2], // no real area
    ['02079460', 1], // London
  ] as const)
  return `${prefix}${String(rng.int(0, 999)).padStart(3, '0')}`
}

/** The ways people write one number: `07700 900123`, `+44 7700 900123`, `0121 496 0123`… */
export function formatPhone(rng: Rng, national: string): string {
  const rest = national.slice(1)
  const geographic3 = /^0(1\d1|11\d)/.test(national) // 0121, 0116: 3-digit-area style
  const style = rng.weighted([
    ['spaced', 6],
    ['compact', 3],
    ['intl', 2],
    ['intl0', 1],
  ] as const)
  const spaced = national.startsWith('02')
    ? `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`
    : geographic3
      ? `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`
      : `${national.slice(0, 5)} ${national.slice(5)}`
  switch (style) {
    case 'spaced':
      return spaced
    case 'compact':
      return national
    case 'intl':
      return `+44 ${spaced.slice(1)}`
    default:
      return `+44 (0)${rest}`
  }
}

const ascii = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase()

export function emailFor(rng: Rng, forename: string, surname: string): string {
  const domain = rng.pick(['example.org', 'example.com', 'mail.example.org'])
  const f = ascii(forename)
  const s = ascii(surname)
  const local = rng.weighted([
    [`${f}.${s}`, 4],
    [`${f[0] ?? 'x'}${s}`, 2],
    [`${f}${s}${rng.int(1, 99)}`, 2],
    [`${s}.${f}${rng.int(60, 99)}`, 1],
  ] as const)
  return `${local}@${domain}`
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

/** The name a person may be recorded under on another occasion. */
export function knownAs(rng: Rng, forename: string): string {
  const nicks = NICKNAMES[forename]
  return nicks && nicks.length > 0 ? rng.pick(nicks) : forename
}
