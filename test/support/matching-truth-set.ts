/**
 * Seeded generator of a victim-matching evaluation set with known truth. It builds households of base
 * people (singles, couples with married names, families whose children's referrals carry the parent's
 * contact details, twins, fathers and sons of the same name, shared houses, very common names), then
 * derives referral records from them over time with the realities of police and partner data: nicknames,
 * typos, transposed and mistyped dates, missing fields, moved house, changed phones, duplicate and
 * wrongly reused police person ids. Every record carries the id of the person it really is.
 *
 * Name lists and nickname variants here are written independently of the model's nickname table, and a
 * few variants deliberately are not in that table, so the evaluation is not circular.
 */
import type { MatchSubject } from '../../src/domain/matching/candidate.ts'
import { jaroWinkler } from '../../src/domain/matching/names.ts'

export interface TruthPerson {
  personId: number
  forename: string
  middleName: string | null
  surname: string
  /** Surname before marriage, when the person's later records use a married name. */
  maidenSurname: string | null
  dateOfBirth: string
  tags: string[]
}

export interface TruthRecord {
  recordId: number
  personId: number
  subject: MatchSubject
  /** Perturbations applied, for error analysis. */
  tags: string[]
}

export interface TruthSet {
  seed: number
  people: TruthPerson[]
  /** In arrival order (time). */
  records: TruthRecord[]
}

export interface TruthSetOptions {
  people: number
  seed: number
  /**
   * Strangers who share a person's full name and date of birth (namesakes), at the rate a hub of this
   * many victims meets them: 'county' (100,000 victims), 'nation' (2,000,000) or none. The set itself
   * stays `people` strong: it stands for a sample of such a hub (see `NAMESAKE_HUB_VICTIMS`).
   */
  namesakes?: NamesakeScale
}

export type NamesakeScale = 'none' | 'county' | 'nation'

/** Victims in the hub each namesake scale stands for (docs/adr/0030-name-frequency-and-merges.md). */
export const NAMESAKE_HUB_VICTIMS: Readonly<Record<NamesakeScale, number>> = {
  none: 0,
  county: 100_000,
  nation: 2_000_000,
}

/**
 * Dates of birth the generated adults spread over evenly (1935 to 2004): two strangers of one name share
 * a birthday with a chance of 1 in this.
 */
export const ADULT_BIRTH_DATES = 25_567

/** mulberry32: tiny, fast, good enough for test data, reproducible from a 32-bit seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const MALE = (
  'oliver george harry jack jacob noah charlie muhammad thomas oscar william james leo alfie henry ' +
  'joshua freddie archie ethan isaac alexander joseph edward samuel max daniel arthur lucas mohammed ' +
  'logan theo harrison benjamin mason sebastian finley adam dylan zachary riley teddy david toby ' +
  'jake louie elijah reuben arlo hugo luca jaxon matthew harvey reggie michael harley jude albert ' +
  'tommy luke stanley jenson frankie jayden gabriel elliot ronnie robert john richard christopher ' +
  'anthony paul mark andrew steven kevin gary ian peter stephen simon neil craig darren wayne ' +
  'lee carl stuart martin kieran ryan rhys callum connor liam shane dean ali imran bilal hassan ' +
  'tariq kwame tomasz piotr marek ravi sanjay arjun'
).split(' ')

const FEMALE = (
  'olivia amelia isla ava mia ivy lily isabella rosie sophia grace freya willow florence emily ' +
  'ella poppy evie elsie charlotte evelyn sienna sofia daisy phoebe sophie alice harper matilda ' +
  'ruby emilia maya millie isabelle eva layla esme luna imogen elizabeth margaret sarah susan ' +
  'karen julie helen claire nicola michelle joanne emma rebecca jennifer victoria rachel laura ' +
  'amy hannah jessica katherine samantha stephanie natalie kelly lisa donna tracey dawn angela ' +
  'patricia deborah alison caroline jacqueline gemma hayley chloe megan leah zoe fatima ayesha ' +
  'aisha zainab maryam amina priya anjali agnieszka katarzyna ewa anna joan barbara dorothy'
).split(' ')

const SURNAMES = (
  'smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson thompson ' +
  'wright walker white edwards hughes green hall lewis harris clarke patel jackson wood turner ' +
  'martin cooper hill ward morris moore clark lee king baker harrison morgan allen james scott ' +
  'phillips watson davis parker price bennett young griffiths mitchell kelly cook carter richardson ' +
  'bailey collins bell shaw murphy miller cox richards khan marshall anderson simpson ellis adams ' +
  'singh begum wilkinson foster chapman powell webb rogers gray mason ali hussain campbell matthews ' +
  'owen palmer holmes mills barnes knight lloyd butler russell barker fisher stevens jenkins ' +
  'murray dixon harvey graham pearson ahmed fletcher walsh kaur gibson howard andrews stewart ' +
  'elliott reynolds saunders payne fox ford pearce day brooks west lawrence cole atkinson bradley ' +
  'spencer gill dawson ball burton obrien watts rose booth perry ryan grant wells armstrong ' +
  'francis rees hayes hunt mcdonald macdonald oconnor nowak kowalski okafor mensah chowdhury ' +
  'fernandes da-silva smith-jones ap-rhys wojcik'
).split(' ')

/** Full names that collide often in England and Wales; a share of people get one of them. */
const COMMON_FULL_NAMES: readonly [string, string, 'm' | 'f'][] = [
  ['john', 'smith', 'm'],
  ['mohammed', 'khan', 'm'],
  ['sarah', 'jones', 'f'],
  ['david', 'jones', 'm'],
  ['mohammed', 'ali', 'm'],
  ['james', 'smith', 'm'],
  ['emma', 'williams', 'f'],
  ['michael', 'brown', 'm'],
  ['muhammad', 'hussain', 'm'],
  ['lisa', 'taylor', 'f'],
]

/**
 * Informal variants as they appear in referrals. Mostly common English usage; a few (tone, suzi, kaz,
 * becs) are deliberately absent from the model's table.
 */
const INFORMAL: Readonly<Record<string, readonly string[]>> = {
  robert: ['bob', 'rob', 'robbie'],
  william: ['bill', 'will', 'billy'],
  elizabeth: ['liz', 'beth', 'lizzie'],
  margaret: ['maggie', 'peggy'],
  katherine: ['kate', 'kathy', 'katie'],
  james: ['jim', 'jamie'],
  john: ['jack', 'johnny'],
  michael: ['mike', 'mick'],
  richard: ['rick', 'rich', 'dick'],
  thomas: ['tom', 'tommy'],
  christopher: ['chris'],
  joseph: ['joe'],
  daniel: ['dan', 'danny'],
  david: ['dave'],
  anthony: ['tony', 'tone'],
  andrew: ['andy'],
  alexander: ['alex'],
  edward: ['ed', 'eddie', 'ted'],
  samuel: ['sam'],
  samantha: ['sam', 'sammy'],
  stephen: ['steve'],
  steven: ['steve'],
  matthew: ['matt'],
  benjamin: ['ben'],
  jennifer: ['jen', 'jenny'],
  susan: ['sue', 'suzi'],
  rebecca: ['becky', 'becs'],
  victoria: ['vicky', 'tori'],
  joshua: ['josh'],
  jacob: ['jake'],
  frederick: ['fred'],
  alfred: ['alf'],
  charlotte: ['lottie', 'charlie'],
  caroline: ['kaz', 'carrie'],
  jessica: ['jess'],
  jacqueline: ['jackie'],
  deborah: ['debbie'],
  patricia: ['pat', 'trish'],
  nicola: ['nicky'],
  natalie: ['nat'],
  isabella: ['bella', 'izzy'],
  harrison: ['harry'],
  oliver: ['ollie'],
  gabriel: ['gabe'],
  zachary: ['zach'],
  stephanie: ['steph'],
  hannah: ['hanna'],
  muhammad: ['mohammed', 'mohamed'],
  mohammed: ['muhammad', 'mohammad'],
  ali: ['aly'],
  dorothy: ['dot'],
  barbara: ['babs'],
  sophia: ['sophie'],
  theo: ['theodore'],
  alice: ['ally'],
}

const STREETS = (
  'warwick kenilworth coventry birmingham church station park mill high victoria albert queens ' +
  'kings manor orchard meadow willow beech oak elm chestnut rugby leamington stratford avon ' +
  'priory abbey castle bridge brook grange hawthorn holly ivy lime maple rowan spring sycamore'
).split(' ')
const STREET_KINDS = ['Road', 'Street', 'Avenue', 'Lane', 'Close', 'Drive', 'Crescent', 'Way', 'Grove']
const OUTWARD = [
  'CV1',
  'CV2',
  'CV3',
  'CV4',
  'CV5',
  'CV6',
  'CV7',
  'CV8',
  'CV9',
  'CV10',
  'CV11',
  'CV12',
  'CV21',
  'CV22',
  'CV23',
  'CV31',
  'CV32',
  'CV33',
  'CV34',
  'CV35',
  'CV37',
  'B49',
  'B50',
  'B78',
  'B79',
  'B80',
]
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ'
const FORCES = ['WARKS', 'WMP'] as const

interface Address {
  line1: string
  postcode: string
}

interface Person extends TruthPerson {
  gender: 'm' | 'f'
  addresses: { from: number; address: Address }[]
  mobiles: { from: number; phone: string }[]
  email: string | null
  landline: string | null
  /** The parent whose contact details a child's referrals carry. */
  guardian: Person | null
  marriedFrom: number
  personRefs: Map<string, string>
}

export function generateTruthSet(options: TruthSetOptions): TruthSet {
  const random = rng(options.seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  // Zipf-like pick (weight 1/(rank+15)): the lists are roughly in frequency order, so the top names
  // come up a few per cent of the time each and collide as they do in a real county.
  const cumulative = new Map<readonly string[], number[]>()
  const pickSkewed = (list: readonly string[]): string => {
    let cum = cumulative.get(list)
    if (!cum) {
      let total = 0
      cum = list.map((_, i) => {
        total += 1 / (i + 15)
        return total
      })
      cumulative.set(list, cum)
    }
    const target = random() * (cum[cum.length - 1] as number)
    let lo = 0
    let hi = cum.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((cum[mid] as number) < target) lo = mid + 1
      else hi = mid
    }
    return list[lo] as string
  }
  const chance = (p: number): boolean => random() < p
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1))

  const usedPhones = new Set<string>()
  const newPhone = (mobile: boolean): string => {
    for (;;) {
      const phone = mobile
        ? `+447${int(100000000, 999999999)}`
        : `+44${pick(['1926', '1788', '2476', '1789'])}${int(100000, 999999)}`
      if (!usedPhones.has(phone)) {
        usedPhones.add(phone)
        return phone
      }
    }
  }
  const usedAddresses = new Set<string>()
  const newAddress = (): Address => {
    for (;;) {
      const street = pick(STREETS)
      const line1 = `${int(1, 180)} ${street[0]?.toUpperCase()}${street.slice(1)} ${pick(STREET_KINDS)}`
      const postcode = `${pick(OUTWARD)} ${int(1, 9)}${pick([...INWARD_LETTERS])}${pick([...INWARD_LETTERS])}`
      const key = `${line1}|${postcode}`
      if (!usedAddresses.has(key)) {
        usedAddresses.add(key)
        return { line1, postcode }
      }
    }
  }
  const dateIn = (fromYear: number, toYear: number): string => {
    const year = int(fromYear, toYear)
    const month = int(1, 12)
    const day = int(1, new Date(Date.UTC(year, month, 0)).getUTCDate())
    return `${year}-${pad(month)}-${pad(day)}`
  }
  let refCounter = 1000000
  const newRef = (): string => `P${refCounter++ + int(0, 9) * 10000000}`

  const people: Person[] = []
  const makePerson = (
    gender: 'm' | 'f',
    surname: string,
    dateOfBirth: string,
    address: Address,
    landline: string | null,
    tags: string[],
    forename?: string,
  ): Person => {
    const adult = Number(dateOfBirth.slice(0, 4)) <= 2006
    // Members of one household have different given names (the father-and-son case passes one in).
    let fn = forename ?? pickSkewed(gender === 'm' ? MALE : FEMALE)
    while (forename === undefined && householdNames.has(fn)) fn = pickSkewed(gender === 'm' ? MALE : FEMALE)
    householdNames.add(fn)
    const p: Person = {
      personId: people.length,
      gender,
      forename: fn,
      middleName: chance(0.4) ? pick(gender === 'm' ? MALE : FEMALE) : null,
      surname,
      maidenSurname: null,
      dateOfBirth,
      tags,
      addresses: [{ from: 0, address }],
      mobiles: [],
      email: null,
      landline,
      guardian: null,
      marriedFrom: 2,
      personRefs: new Map(),
    }
    if (adult || chance(0.4)) p.mobiles.push({ from: 0, phone: newPhone(true) })
    if (adult && chance(0.6)) {
      p.email = `${fn}.${surname.replace(/[^a-z]/g, '')}${int(1, 999)}@${pick(['gmail.com', 'outlook.com', 'yahoo.co.uk', 'btinternet.com', 'icloud.com'])}`
    }
    if (chance(0.25)) {
      const from = random()
      p.addresses.push({ from, address: newAddress() })
      p.tags.push('moved')
    }
    if (p.mobiles.length > 0 && chance(0.2)) p.mobiles.push({ from: random(), phone: newPhone(true) })
    if (chance(0.75)) p.personRefs.set('WARKS', newRef())
    if (chance(0.15)) p.personRefs.set('WMP', newRef())
    people.push(p)
    return p
  }
  const adultDob = (): string => dateIn(1935, 2004)
  const childDob = (): string => dateIn(2007, 2022)

  let householdNames = new Set<string>()
  while (people.length < options.people) {
    householdNames = new Set<string>()
    const address = newAddress()
    const landline = chance(0.3) ? newPhone(false) : null
    const r = random()
    const surname = pickSkewed(SURNAMES)
    if (r < 0.04) {
      const [fn, sn, g] = pick(COMMON_FULL_NAMES)
      makePerson(g, sn, adultDob(), address, landline, ['common-name'], fn)
    } else if (r < 0.44) {
      makePerson(chance(0.5) ? 'm' : 'f', surname, adultDob(), address, landline, ['single'])
    } else if (r < 0.62) {
      makeCouple(address, landline, surname)
    } else if (r < 0.9) {
      const parents = chance(0.6) ? makeCouple(address, landline, surname) : [makeParent(address, landline)]
      const parent = parents[parents.length - 1] as Person
      const childSurname = parents[0]?.surname ?? surname
      const children = int(1, 3)
      for (let i = 0; i < children; i++) {
        const child = makePerson(chance(0.5) ? 'm' : 'f', childSurname, childDob(), address, landline, [
          'child',
        ])
        child.guardian = parent
      }
      if (chance(0.12)) makeTwins(address, landline, childSurname, parent)
    } else if (r < 0.915) {
      // Father and son of the same name at the same address: names and address agree, DOB does not.
      const father = makePerson('m', surname, dateIn(1940, 1970), address, landline, ['jr-sr'])
      makePerson('m', surname, dateIn(1985, 2004), address, landline, ['jr-sr'], father.forename)
    } else {
      // A shared house: unrelated adults at one address.
      const n = int(2, 4)
      for (let i = 0; i < n; i++) {
        makePerson(chance(0.5) ? 'm' : 'f', pickSkewed(SURNAMES), adultDob(), address, null, ['shared-house'])
      }
    }
  }

  function makeParent(address: Address, landline: string | null): Person {
    return makePerson(chance(0.7) ? 'f' : 'm', pickSkewed(SURNAMES), dateIn(1965, 2000), address, landline, [
      'parent',
    ])
  }

  function makeCouple(address: Address, landline: string | null, surname: string): Person[] {
    const husband = makePerson('m', surname, dateIn(1940, 2000), address, landline, ['couple'])
    const wife = makePerson('f', surname, dateIn(1940, 2000), address, landline, ['couple'])
    if (chance(0.5)) {
      // Her earlier referrals carry her maiden name.
      wife.maidenSurname = pickSkewed(SURNAMES)
      wife.marriedFrom = random()
      wife.tags.push('married-name')
    }
    return [husband, wife]
  }

  function makeTwins(address: Address, landline: string | null, surname: string, parent: Person): void {
    const dob = childDob()
    const first = makePerson(chance(0.5) ? 'm' : 'f', surname, dob, address, landline, ['twin'])
    let second: Person
    do {
      if (people[people.length - 1] !== first) people.pop()
      second = makePerson(chance(0.5) ? 'm' : 'f', surname, dob, address, landline, ['twin'])
      // Twins with near-identical names (Daniel/Danielle) are out of scope: see the bench notes.
    } while (
      second.forename.slice(0, 3) === first.forename.slice(0, 3) ||
      jaroWinkler(first.forename, second.forename) >= 0.85
    )
    first.guardian = parent
    second.guardian = parent
  }

  addNamesakes(NAMESAKE_HUB_VICTIMS[options.namesakes ?? 'none'])

  /**
   * A person of a hub this big shares their full name and date of birth with (n - 1) / D others, n being
   * the hub's victims of that name and D the dates of birth in use. The set samples `people` of the
   * hub's victims, so a name held by k of them is held by about k * hub / people in the hub. Each adult
   * gets a namesake with that chance: a stranger in another town, with no phone, email, address or
   * person id in common, who in half the cases later moves into the first one's postcode sector.
   */
  function addNamesakes(hubVictims: number): void {
    if (hubVictims === 0) return
    const fullName = (p: Person) => `${p.forename} ${p.surname}`
    const byName = new Map<string, number>()
    for (const p of people) byName.set(fullName(p), (byName.get(fullName(p)) ?? 0) + 1)
    const originals = people.filter(
      (p) => Number(p.dateOfBirth.slice(0, 4)) <= 2004 && p.maidenSurname === null,
    )
    for (const original of originals) {
      const inHub = ((byName.get(fullName(original)) ?? 1) * hubVictims) / options.people
      if (!chance(Math.min(0.5, (inHub - 1) / ADULT_BIRTH_DATES))) continue
      householdNames = new Set<string>()
      const home = original.addresses[0]?.address as Address
      let address = newAddress()
      while (address.postcode.split(' ')[0] === home.postcode.split(' ')[0]) address = newAddress()
      const namesake = makePerson(
        original.gender,
        original.surname,
        original.dateOfBirth,
        address,
        chance(0.3) ? newPhone(false) : null,
        ['namesake'],
        original.forename,
      )
      // A namesake moves (or not) as the rule below says, and never shares the other's email.
      namesake.addresses = [{ from: 0, address }]
      namesake.tags = ['namesake']
      if (namesake.email !== null && namesake.email === original.email) namesake.email = null
      if (chance(0.5)) {
        namesake.addresses.push({ from: random(), address: newAddressInSector(home.postcode) })
        namesake.tags.push('namesake-moved')
      }
      original.tags.push('has-namesake')
    }
  }

  function newAddressInSector(postcode: string): Address {
    for (;;) {
      const { line1 } = newAddress()
      const moved = `${postcode.slice(0, -2)}${pick([...INWARD_LETTERS])}${pick([...INWARD_LETTERS])}`
      const key = `${line1}|${moved}`
      if (!usedAddresses.has(key)) {
        usedAddresses.add(key)
        return { line1, postcode: moved }
      }
    }
  }

  // Records: each person is referred one or more times, spread over time.
  const pending: { t: number; person: Person }[] = []
  for (const person of people) {
    let k = 1
    while (k < 6 && chance(0.48)) k++
    for (let i = 0; i < k; i++) pending.push({ t: random(), person })
  }
  pending.sort((x, y) => x.t - y.t)

  const records: TruthRecord[] = pending.map(({ t, person }, recordId) => {
    const tags: string[] = []
    const subject = deriveRecord(person, t, tags)
    return { recordId, personId: person.personId, subject, tags }
  })

  function deriveRecord(p: Person, t: number, tags: string[]): MatchSubject {
    // Forename as written on this referral.
    let forename = p.forename
    const r = random()
    const informal = INFORMAL[p.forename]
    if (informal && r < 0.2) {
      forename = pick(informal)
      tags.push('nickname')
    } else if (r < 0.25) {
      forename = typo(forename)
      tags.push('forename-typo')
    } else if (p.middleName && r < 0.28) {
      forename = `${forename} ${p.middleName}`
      tags.push('middle-name')
    }
    let surname = p.maidenSurname && t < p.marriedFrom ? p.maidenSurname : p.surname
    if (p.maidenSurname && t >= p.marriedFrom) tags.push('married-name')
    if (p.maidenSurname && t >= p.marriedFrom && chance(0.1)) {
      surname = `${p.maidenSurname}-${p.surname}`
      tags.push('double-barrelled')
    }
    if (chance(0.04)) {
      surname = typo(surname)
      tags.push('surname-typo')
    }
    forename = styleName(forename)
    surname = styleName(surname)
    if (chance(0.05))
      forename = `${pick(p.gender === 'm' ? ['Mr', 'MR'] : ['Mrs', 'Ms', 'Miss'])} ${forename}`
    if (chance(0.01)) {
      ;[forename, surname] = [surname, forename]
      tags.push('names-swapped')
    }

    // Date of birth.
    let dateOfBirth: string | null = p.dateOfBirth
    const d = random()
    const [y, m, dd] = p.dateOfBirth.split('-') as [string, string, string]
    if (d < 0.08) {
      dateOfBirth = null
      tags.push('dob-missing')
    } else if (d < 0.11 && Number(dd) <= 12 && dd !== m) {
      dateOfBirth = `${y}-${dd}-${m}`
      tags.push('dob-transposed')
    } else if (d < 0.13) {
      dateOfBirth = dobTypo(p.dateOfBirth)
      tags.push('dob-typo')
    } else if (d < 0.135) {
      dateOfBirth = dateIn(1935, 2015)
      tags.push('dob-wrong')
    }

    // Contact details: a child's referral usually carries the parent's (parent_guardian victim type).
    const proxy = p.guardian && Number(p.dateOfBirth.slice(0, 4)) + 18 > 2025 && chance(0.7) ? p.guardian : p
    if (proxy !== p) tags.push('guardian-contact')
    // The feed's victim_type (parent_guardian) says so, except on a few partner referrals that do not.
    const proxyContact = proxy !== p && chance(0.9)
    if (proxy !== p && !proxyContact) tags.push('unflagged-proxy')
    const phones: string[] = []
    const mobile = current(proxy.mobiles, t)
    if (mobile && chance(0.75)) phones.push(chance(0.01) ? phoneTypo(mobile.phone) : mobile.phone)
    if (p.landline && chance(0.35)) phones.push(p.landline)
    const emails: string[] = proxy.email && chance(0.5) ? [proxy.email] : []

    const address = (current(p.addresses, t) as { address: Address }).address
    if (p.addresses.length > 1 && t >= (p.addresses[1]?.from ?? 2)) tags.push('new-address')
    let postcode: string | null = address.postcode
    if (chance(0.08)) postcode = null
    else if (chance(0.01))
      postcode = `${address.postcode.slice(0, -2)}${pick([...INWARD_LETTERS])}${pick([...INWARD_LETTERS])}`
    const addressLine1 = chance(0.05) ? null : styleAddress(address.line1)

    const forceCode = chance(0.85) ? FORCES[0] : FORCES[1]
    let personRef: string | null = null
    const known = p.personRefs.get(forceCode)
    const pr = random()
    if (pr < 0.005) {
      // A person id wrongly reused from someone else in the same force.
      const other = pick(people)
      personRef = other.personRefs.get(forceCode) ?? null
      tags.push('ref-reused')
    } else if (pr < 0.1) {
      personRef = newRef()
      tags.push('ref-duplicate')
    } else if (known && pr < 0.7) {
      personRef = known
    }

    return {
      forename,
      surname,
      dateOfBirth,
      phones,
      emails,
      postcode,
      addressLine1,
      forceCode,
      personRef,
      proxyContact,
    }
  }

  function current<T extends { from: number }>(list: readonly T[], t: number): T | undefined {
    let found: T | undefined
    for (const item of list) if (item.from <= t) found = item
    return found
  }

  function typo(word: string): string {
    if (word.length < 3) return word
    const i = int(1, word.length - 1)
    const kind = random()
    const letters = 'abcdefghijklmnopqrstuvwxyz'
    if (kind < 0.3) return word.slice(0, i) + word.slice(i + 1)
    if (kind < 0.55) return word.slice(0, i) + pick([...letters]) + word.slice(i)
    if (kind < 0.8) return word.slice(0, i) + pick([...letters]) + word.slice(i + 1)
    if (i < word.length - 1) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)
    return word
  }

  function dobTypo(iso: string): string {
    for (;;) {
      const digits = iso.replace(/-/g, '').split('')
      const i = int(2, 7)
      digits[i] = String(int(0, 9))
      const s = digits.join('')
      const candidate = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6)}`
      const [yy, mm, dd] = candidate.split('-').map(Number) as [number, number, number]
      const valid = mm >= 1 && mm <= 12 && dd >= 1 && dd <= new Date(Date.UTC(yy, mm, 0)).getUTCDate()
      if (valid && candidate !== iso && yy <= 2024) return candidate
    }
  }

  function phoneTypo(phone: string): string {
    const i = int(5, phone.length - 1)
    return `${phone.slice(0, i)}${(Number(phone[i]) + 1) % 10}${phone.slice(i + 1)}`
  }

  function styleName(name: string): string {
    const s = random()
    const words = name.split(/([ -])/)
    const capital = words.map((w) => (w.length > 0 ? (w[0]?.toUpperCase() ?? '') + w.slice(1) : w)).join('')
    let out = s < 0.15 ? name.toUpperCase() : s < 0.2 ? name : capital
    if (out.toLowerCase().startsWith('obrien') || out.toLowerCase().startsWith('oconnor')) {
      out = chance(0.5) ? `${out[0]}'${out.slice(1)}` : out
    }
    if (out.includes('-') && chance(0.3)) out = out.replace('-', ' ')
    return out
  }

  function styleAddress(line1: string): string {
    const s = random()
    if (s < 0.15)
      return line1
        .replace(/ Road$/, ' Rd')
        .replace(/ Street$/, ' St')
        .replace(/ Avenue$/, ' Ave')
    if (s < 0.25) return line1.replace(/^(\d+) /, '$1, ')
    if (s < 0.35) return line1.toUpperCase()
    return line1
  }

  return {
    seed: options.seed,
    people: people.map(({ personId, forename, middleName, surname, maidenSurname, dateOfBirth, tags }) => ({
      personId,
      forename,
      middleName,
      surname,
      maidenSurname,
      dateOfBirth,
      tags,
    })),
    records,
  }
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}
