/**
 * Fellegi–Sunter style scoring: each field comparison lands on an agreement level, and each level
 * carries a weight ≈ log2(m/u) (m = chance of that outcome for the same person, u = for two different
 * people among blocked candidates). The score is the sum; `decide` applies two thresholds. Hard rules sit
 * on top of the sum (`linkable`), because some mistakes must never be automatic however the weights add
 * up: a wrong link shows one victim's data to another person's worker.
 */
import { type MatchSubject, type PreparedDate, type PreparedSubject, prepare } from './candidate.ts'
import { areNicknames, isOneEditApart, jaroWinkler } from './names.ts'

export type NameLevel =
  | 'exact'
  | 'nickname'
  | 'phonetic'
  | 'typo'
  | 'partial'
  | 'initial'
  | 'swapped'
  | 'different'
  | 'missing'
export type DobLevel = 'exact' | 'transposed' | 'typo' | 'different' | 'missing'

/** Weights in bits (log2 likelihood ratios). Exported so a deployment can retune from its own data. */
export const DEFAULT_WEIGHTS = {
  forename: { exact: 4.5, nickname: 3.5, phonetic: 3, typo: 2.5, partial: 2, initial: 0.5, different: -7 },
  /**
   * `changed`: a different surname while the forename, the date of birth and the postcode or address
   * line agree. In the generated truth set that is a change of name (about 1,600 such blocked pairs on
   * seeds 1, 4 and 5, none of them two different people), so the pair links.
   */
  surname: { exact: 5, phonetic: 4, typo: 3.5, partial: 3, initial: 0, different: -3, changed: -0.5 },
  /** Both names matched crosswise (forename recorded as surname and vice versa). */
  swappedNames: 7,
  dob: { exact: 10, transposed: 7, typo: 5, different: -14 },
  /** A shared mobile is close to personal; a landline is shared by a household. */
  mobile: 7,
  landline: 3,
  phonesDiffer: -0.5,
  email: 7,
  emailsDiffer: -0.5,
  personRef: 5,
  personRefDiffers: -1.5,
  address: 4,
  postcodeOnly: 2,
  addressOnly: 2.5,
  sector: 0.5,
} as const

export type MatchWeights = typeof DEFAULT_WEIGHTS

export interface Thresholds {
  /** At or above: link automatically (if the hard rules allow). */
  link: number
  /** At or above (and below `link`, or blocked by a hard rule): create a "possible match" review task. */
  review: number
}

export const DEFAULT_THRESHOLDS: Thresholds = { link: 16, review: 11 }

/**
 * How many of the hub's victims are known by a full name (`fullNameOf`: 'john smith'); 0 for a name the
 * hub has not seen. Intake keeps these counts in the database (docs/adr/0030).
 */
export type NameCounts = (fullName: string) => number

/**
 * Dates of birth a hub's victims are spread over, as if evenly. Victims are 0 to 90 or so, but not
 * evenly: about 60 years' worth of days, which errs towards more coincidences, not fewer.
 */
export const BIRTH_DATES = 22_000

/**
 * Names and a date of birth, with nothing else in common, link only while the chance that some stranger
 * among the hub's victims shares both stays below this. Every victim with such a namesake becomes a
 * wrong link (the namesake's first record finds them and nothing disagrees), and a wrong link costs
 * about four wrong pairs of records against 1.6 true pairs a person: pairwise precision 0.999 allows an
 * average chance of about 0.0004 over the names that may link. With `BIRTH_DATES` this limit lets a
 * name held by up to 5 victims link on name and date of birth alone (docs/adr/0030).
 */
export const NAMESAKE_CHANCE_LIMIT = 0.0002

/**
 * The chance that a stranger among the hub's victims shares a name held by `victims` of them and a
 * date of birth agreeing at `dob` level (a transposed date could be either of two, a one-digit typo
 * any of a dozen or so).
 */
export function namesakeChance(victims: number, dob: DobLevel): number {
  const dates = dob === 'transposed' ? 2 : dob === 'typo' ? 12 : 1
  return (Math.max(0, victims - 1) * dates) / BIRTH_DATES
}

export interface MatchResult {
  score: number
  /** Human-readable reasons, in field order, for the review screen and the audit trail. */
  evidence: string[]
  /**
   * False when a hard rule forbids an automatic link whatever the score: forenames clearly differ
   * (twins, siblings, parent and child), dates of birth clearly differ, or nothing beyond names agrees
   * (and, with a date of birth missing, nothing personal: household evidence is not enough).
   */
  linkable: boolean
  /**
   * Something beyond names and the date of birth agrees: a personal identifier (mobile, email, person
   * id) or the home (postcode, address line, landline).
   */
  corroborated: boolean
  /**
   * Sure enough to merge two victims this record links to: linkable and corroborated, the forenames not
   * clearly different (a link despite that is the bad-typo exception, and twins look like it), and
   * dates of birth a digit apart only with a personal identifier (siblings share a home).
   */
  mergeable: boolean
}

export type Decision = 'link' | 'review' | 'new'

interface NameComparison {
  level: NameLevel
  detail: string
}

function compareForenames(a: PreparedSubject, b: PreparedSubject): NameComparison {
  const fa = a.forenameTokens
  const fb = b.forenameTokens
  const x = fa[0]
  const y = fb[0]
  if (x === undefined || y === undefined) return { level: 'missing', detail: '' }
  if (x === y || a.forenameJoined === b.forenameJoined) return { level: 'exact', detail: x }
  if (areNicknames(x, y)) return { level: 'nickname', detail: `${x} ~ ${y}` }
  const jw = jaroWinkler(x, y)
  if (x.length > 1 && y.length > 1) {
    const ca = a.forenameCodes[0] ?? []
    const cb = b.forenameCodes[0] ?? []
    // Metaphone codes collide for unrelated short names (Ann and John share "AN", Alfie and Olivia "ALF",
    // Lia and Leo "L"), so a phonetic match also needs some spelling similarity.
    if (phoneticAgree(ca, cb, jw)) {
      return { level: 'phonetic', detail: `${x} ~ ${y}` }
    }
    const singleTokens = fa.length === 1 && fb.length === 1
    if (
      jw >= 0.9 ||
      (Math.min(x.length, y.length) >= 4 && isOneEditApart(x, y)) ||
      (singleTokens ? jw : jaroWinkler(a.forenameJoined, b.forenameJoined)) >= 0.93
    ) {
      return { level: 'typo', detail: `${x} ~ ${y}` }
    }
  }
  if ((x.length === 1 || y.length === 1) && x[0] === y[0]) return { level: 'initial', detail: `${x} ~ ${y}` }
  // A middle name used as the given name: "John Paul" ~ "Paul". With one word each, the checks above
  // have already ruled this out.
  if (fa.length > 1 || fb.length > 1) {
    for (const s of fa) {
      for (const t of fb) {
        if (s.length > 1 && t.length > 1 && (s === t || areNicknames(s, t))) {
          return { level: 'partial', detail: `${fa.join(' ')} ~ ${fb.join(' ')}` }
        }
      }
    }
  }
  return { level: 'different', detail: `${x} / ${y}` }
}

function phoneticAgree(cx: readonly string[], cy: readonly string[], jw: number): boolean {
  const primary = cx[0]
  if (primary !== undefined && primary === cy[0] && primary.length >= 2 && jw >= 0.75) return true
  return jw >= 0.8 && cx.some((c) => c.length >= 2 && cy.includes(c))
}

function compareWords(x: string, y: string, cx: readonly string[], cy: readonly string[]): NameLevel {
  if (x === y) return 'exact'
  const jw = jaroWinkler(x, y)
  if (phoneticAgree(cx, cy, jw)) return 'phonetic'
  if (jw >= 0.9 || (Math.min(x.length, y.length) >= 4 && isOneEditApart(x, y))) return 'typo'
  return 'different'
}

function compareSurnames(a: PreparedSubject, b: PreparedSubject): NameComparison {
  const x = a.surnameJoined
  const y = b.surnameJoined
  if (x === '' || y === '') return { level: 'missing', detail: '' }
  const level = compareWords(x, y, a.surnameCodes, b.surnameCodes)
  if (level !== 'different') return { level, detail: `${x} ~ ${y}` }
  // Double-barrelled or added married name: Smith-Jones ~ Jones.
  if (a.surnameTokens.some((t) => t.length > 1 && b.surnameTokens.includes(t))) {
    return { level: 'partial', detail: `${a.surnameTokens.join('-')} ~ ${b.surnameTokens.join('-')}` }
  }
  return { level: 'different', detail: `${x} / ${y}` }
}

/** The forename levels that count as the same given name (a middle name or an initial does not). */
function forenameAgrees(level: NameLevel): boolean {
  return level === 'exact' || level === 'nickname' || level === 'phonetic' || level === 'typo'
}

/** Forename of one recorded as surname of the other and vice versa (a common keying error). */
function namesSwapped(a: PreparedSubject, b: PreparedSubject): boolean {
  const fa = a.forenameTokens[0]
  const fb = b.forenameTokens[0]
  const sa = a.surnameTokens[0]
  const sb = b.surnameTokens[0]
  if (!fa || !fb || !sa || !sb) return false
  return (fa === sb || jaroWinkler(fa, sb) >= 0.92) && (sa === fb || jaroWinkler(sa, fb) >= 0.92)
}

function compareDob(a: PreparedDate | null, b: PreparedDate | null): DobLevel {
  if (!a || !b) return 'missing'
  if (a.iso === b.iso) return 'exact'
  if (a.year === b.year && a.month === b.day && a.day === b.month) return 'transposed'
  let diffs = 0
  let first = -1
  for (let i = 0; i < 8; i++) {
    if (a.digits[i] !== b.digits[i]) {
      if (first < 0) first = i
      diffs++
    }
  }
  if (diffs === 1) return 'typo'
  // Two adjacent digits swapped: 1985 keyed as 1958.
  if (
    diffs === 2 &&
    first < 7 &&
    a.digits[first] === b.digits[first + 1] &&
    a.digits[first + 1] === b.digits[first]
  ) {
    return 'typo'
  }
  return 'different'
}

/**
 * Score how likely `incoming` and `existing` are the same person. Symmetric in its arguments.
 */
export function scoreMatch(
  incoming: MatchSubject,
  existing: MatchSubject,
  weights: MatchWeights = DEFAULT_WEIGHTS,
  nameCounts?: NameCounts,
): MatchResult {
  const a = prepare(incoming)
  const b = prepare(existing)
  const evidence: string[] = []
  let score = 0

  // Date of birth and address are compared first because they tell how much a surname disagreement
  // weighs; their evidence is still listed in field order.
  const dob = compareDob(a.dob, b.dob)
  const postcodeAgrees = a.postcode !== null && a.postcode === b.postcode
  const addressAgrees =
    a.address !== null &&
    b.address !== null &&
    (a.address === b.address ||
      (a.houseNumber !== null && a.houseNumber === b.houseNumber && jaroWinkler(a.address, b.address) >= 0.9))
  const sameHome = postcodeAgrees || (addressAgrees && a.houseNumber !== null)

  // Names
  let forename = compareForenames(a, b)
  let surname = compareSurnames(a, b)
  if (forename.level === 'different' && surname.level === 'different' && namesSwapped(a, b)) {
    forename = { level: 'swapped', detail: '' }
    surname = { level: 'swapped', detail: '' }
    score += weights.swappedNames
    evidence.push('forename and surname swapped')
  } else {
    switch (forename.level) {
      case 'exact':
        score += weights.forename.exact
        evidence.push('forename agrees')
        break
      case 'nickname':
        score += weights.forename.nickname
        evidence.push(`forename nickname (${forename.detail})`)
        break
      case 'phonetic':
        score += weights.forename.phonetic
        evidence.push(`forename sounds alike (${forename.detail})`)
        break
      case 'typo':
        score += weights.forename.typo
        evidence.push(`forename spelt similarly (${forename.detail})`)
        break
      case 'partial':
        score += weights.forename.partial
        evidence.push(`forename matches a middle name (${forename.detail})`)
        break
      case 'initial':
        score += weights.forename.initial
        evidence.push(`forename initial agrees (${forename.detail})`)
        break
      case 'different':
        score += weights.forename.different
        evidence.push(`forename differs (${forename.detail})`)
        break
      default:
        evidence.push('forename missing')
    }
    switch (surname.level) {
      case 'exact':
        score += weights.surname.exact
        evidence.push('surname agrees')
        break
      case 'phonetic':
        score += weights.surname.phonetic
        evidence.push(`surname sounds alike (${surname.detail})`)
        break
      case 'typo':
        score += weights.surname.typo
        evidence.push(`surname spelt similarly (${surname.detail})`)
        break
      case 'partial':
        score += weights.surname.partial
        evidence.push(`surname partly agrees (${surname.detail})`)
        break
      case 'different':
        // A new surname after marriage (or divorce) is common. With forename, date of birth and home all
        // agreeing it is the likely reason. Without the home, a shared given name and birthday is as
        // likely a coincidence between strangers, who are many once the victims number 100,000.
        if (forenameAgrees(forename.level) && (dob === 'exact' || dob === 'transposed') && sameHome) {
          score += weights.surname.changed
          evidence.push(
            `surname differs (${surname.detail}); forename, date of birth and home agree: a change of name?`,
          )
        } else {
          score += weights.surname.different
          evidence.push(`surname differs (${surname.detail})`)
        }
        break
      default:
        evidence.push('surname missing')
    }
  }

  // Date of birth
  switch (dob) {
    case 'exact':
      score += weights.dob.exact
      evidence.push('date of birth agrees')
      break
    case 'transposed':
      score += weights.dob.transposed
      evidence.push('date of birth day/month transposed')
      break
    case 'typo':
      score += weights.dob.typo
      evidence.push('date of birth differs by one digit')
      break
    case 'different':
      score += weights.dob.different
      evidence.push('date of birth differs')
      break
    default:
      evidence.push('date of birth missing on one side')
  }

  // Phones: a shared mobile is close to personal; a shared landline is household evidence.
  // A parent's contact details on a child's referral are household evidence, not personal.
  const proxy = a.proxyContact || b.proxyContact
  let mobileAgrees = false
  let landlineAgrees = false
  for (const phone of a.phones) {
    if (b.phones.includes(phone)) {
      if (phone.startsWith('+447') && !proxy) mobileAgrees = true
      else landlineAgrees = true
    }
  }
  if (mobileAgrees) {
    score += weights.mobile
    evidence.push('mobile phone agrees')
  } else if (landlineAgrees && proxy) {
    score += weights.landline
    evidence.push("phone agrees (a parent's or guardian's)")
  } else if (landlineAgrees) {
    score += weights.landline
    evidence.push('landline phone agrees')
  } else if (a.phones.length > 0 && b.phones.length > 0) {
    score += weights.phonesDiffer
    evidence.push('phones differ')
  }

  // Email
  const emailShared = a.emails.some((e) => b.emails.includes(e))
  const emailAgrees = emailShared && !proxy
  if (emailAgrees) {
    score += weights.email
    evidence.push('email agrees')
  } else if (emailShared) {
    score += weights.landline
    evidence.push("email agrees (a parent's or guardian's)")
  } else if (a.emails.length > 0 && b.emails.length > 0) {
    score += weights.emailsDiffer
    evidence.push('emails differ')
  }

  // Police person id, meaningful only within one force.
  let personRefAgrees = false
  if (a.personKey && b.personKey) {
    if (a.personKey === b.personKey) {
      personRefAgrees = true
      score += weights.personRef
      evidence.push('police person id agrees')
    } else if (a.personKeyForce === b.personKeyForce) {
      score += weights.personRefDiffers
      evidence.push('police person id differs')
    }
  }

  // Address: people move, so disagreement costs nothing; agreement is household-level evidence.
  if (postcodeAgrees && addressAgrees) {
    score += weights.address
    evidence.push('address agrees')
  } else if (postcodeAgrees) {
    score += weights.postcodeOnly
    evidence.push('postcode agrees')
  } else if (addressAgrees && a.houseNumber !== null) {
    score += weights.addressOnly
    evidence.push('address line agrees, postcode differs')
  } else if (a.sector !== null && a.sector === b.sector) {
    score += weights.sector
    evidence.push('postcode sector agrees')
  }

  const dobAgrees = dob === 'exact' || dob === 'transposed' || dob === 'typo'
  const personal = mobileAgrees || emailAgrees || personRefAgrees
  // A clearly different forename blocks a link (twins, siblings, parent and child share everything
  // else) unless a personal identifier and the date of birth both agree: then the forename is a bad typo.
  const strongDob = dob === 'exact' || dob === 'transposed'
  const namesOk =
    (forename.level !== 'different' && forename.level !== 'missing') ||
    (strongDob &&
      (mobileAgrees || emailAgrees) &&
      surname.level !== 'different' &&
      a.forenameTokens[0]?.[0] === b.forenameTokens[0]?.[0])
  // Agreement beyond names must be the date of birth or something personal (mobile, email, person id).
  // Address and landline are household evidence: twins, siblings and a father and son of the same name
  // share them, so on their own they can take a pair to review but never to a link.
  let linkable = namesOk && dob !== 'different' && (dobAgrees || personal)
  const household =
    postcodeAgrees || (addressAgrees && a.houseNumber !== null) || landlineAgrees || emailShared
  const corroborated = personal || household

  // Name frequency: names and a date of birth with nothing else in common tell two people apart from
  // every stranger in the hub only when few victims have that name. Among 2,000,000 victims, dozens of
  // strangers share a common name and a birthday: then the pair goes to a person, with the evidence.
  if (linkable && !corroborated && nameCounts) {
    const victims = Math.max(
      a.fullName === null ? 0 : nameCounts(a.fullName),
      b.fullName === null ? 0 : nameCounts(b.fullName),
    )
    const chance = namesakeChance(victims, dob)
    if (chance > NAMESAKE_CHANCE_LIMIT) {
      linkable = false
      evidence.push(
        `${victims} victims have this name: with only the name and date of birth in common, these may be two people`,
      )
    }
  }

  // Twins pass `namesOk` only by the bad-typo exception, and siblings may share a home and differ by a
  // digit of their birth date: neither is sure enough to merge two victims on.
  const mergeable =
    linkable &&
    corroborated &&
    forename.level !== 'different' &&
    forename.level !== 'missing' &&
    (dob !== 'typo' || personal)

  return { score: Math.round(score * 100) / 100, evidence, linkable, corroborated, mergeable }
}

/** Apply the two thresholds; a result blocked by a hard rule can reach review but never link. */
export function decide(result: MatchResult | number, thresholds: Thresholds = DEFAULT_THRESHOLDS): Decision {
  const score = typeof result === 'number' ? result : result.score
  const linkable = typeof result === 'number' ? true : result.linkable
  if (score >= thresholds.link && linkable) return 'link'
  if (score >= thresholds.review) return 'review'
  return 'new'
}

export interface ScoredCandidate<Id> {
  victimId: Id
  result: MatchResult
}

export interface Resolution<Id> {
  decision: Decision
  /** The linked victim, or the best possible match for review; absent for 'new'. */
  victimId?: Id
  /** Every victim at review level or above, best first (for the review task). */
  contenders: ScoredCandidate<Id>[]
  /**
   * Other victims this record also links to, every link `mergeable`: the same person recorded twice by
   * an earlier miss, to be merged into `victimId`. Empty unless the decision is 'link'.
   */
  mergeWith: ScoredCandidate<Id>[]
}

/**
 * Two victims both at link level within this many bits of each other (4 times as likely), when one of
 * the links is not sure enough to merge on, is doubt. Beyond it the best is linked.
 */
export const AMBIGUITY_MARGIN = 2

/**
 * Choose among scored candidates (one entry per victim: pass the best snapshot score of each). A record
 * that links to two victims, each `mergeable` (a personal identifier among the evidence), shows them to
 * be one person split by an earlier miss: the record links to the best and the others are merged into
 * it. Two victims both at link level and close in score, one of them not mergeable, is doubt: it
 * becomes a review, never a guess.
 */
export function resolveCandidates<Id>(
  candidates: readonly ScoredCandidate<Id>[],
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): Resolution<Id> {
  const contenders = candidates
    .filter((c) => c.result.score >= thresholds.review)
    .sort((x, y) => y.result.score - x.result.score)
  const best = contenders[0]
  if (!best) return { decision: 'new', contenders, mergeWith: [] }
  const decision = decide(best.result, thresholds)
  if (decision !== 'link') return { decision, victimId: best.victimId, contenders, mergeWith: [] }
  const others = contenders.filter((c) => c !== best && decide(c.result, thresholds) === 'link')
  if (best.result.mergeable && others.every((c) => c.result.mergeable)) {
    return { decision, victimId: best.victimId, contenders, mergeWith: others }
  }
  const runnerUp = others[0]
  if (runnerUp && best.result.score - runnerUp.result.score < AMBIGUITY_MARGIN) {
    return { decision: 'review', victimId: best.victimId, contenders, mergeWith: [] }
  }
  return { decision, victimId: best.victimId, contenders, mergeWith: [] }
}
