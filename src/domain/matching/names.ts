/**
 * Name handling for victim matching: normalisation, a nickname table, phonetic codes and string
 * similarity. Pure functions, no I/O.
 *
 * String similarity is Jaro-Winkler rather than Damerau-Levenshtein: names are short, most real-world
 * typos are in the middle or end of a name (the Winkler prefix bonus rewards the stable start), and a
 * similarity in [0, 1] is easier to threshold consistently across names of different lengths than an
 * edit count.
 */
import { doubleMetaphone } from 'double-metaphone'
import { BoundedMemo } from './bounded-memo.ts'

/** Honorifics that police systems and forms put into name fields; they say nothing about identity. */
const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'master',
  'dr',
  'prof',
  'professor',
  'rev',
  'revd',
  'reverend',
  'sir',
  'dame',
  'lord',
  'lady',
])

/** Generational suffixes are dropped: they are rarely recorded consistently between referrals. */
const SUFFIXES = new Set(['jr', 'jnr', 'junior', 'sr', 'snr', 'senior', 'ii', 'iii', 'iv'])

/**
 * Lower-case, strip accents, drop apostrophes (O'Brien = OBrien), turn hyphens and other punctuation into
 * spaces (Smith-Jones = Smith Jones), drop leading titles and trailing generational suffixes, collapse
 * spaces. A title or suffix is kept when it is the only word, so a name never normalises to nothing
 * just because someone is really called "Lord".
 */
export function normaliseName(raw: string): string {
  const cleaned = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2018\u2019`]/g, '')
    .replace(/[^a-z]+/g, ' ')
    .trim()
  if (cleaned === '') return ''
  const words = cleaned.split(' ')
  while (words.length > 1 && TITLES.has(words[0] as string)) words.shift()
  while (words.length > 1 && SUFFIXES.has(words[words.length - 1] as string)) words.pop()
  return words.join(' ')
}

/** The words of a normalised name (double-barrelled and hyphenated names give several). */
export function nameTokens(raw: string): string[] {
  return [...nameForm(raw).tokens]
}

/** A raw name normalised, split and phonetically coded once. Shared between callers: read-only. */
export interface NameForm {
  readonly tokens: readonly string[]
  /** The tokens run together ('smithjones'), so a double-barrelled name also compares as one word. */
  readonly joined: string
  /** Phonetic codes of each token (same index). */
  readonly tokenCodes: readonly (readonly string[])[]
  /** Phonetic codes of `joined`. */
  readonly joinedCodes: readonly string[]
}

/**
 * Names repeat heavily across referrals (a county has a few thousand distinct forenames and surnames),
 * and normalising (Unicode decomposition, four regular expressions) and Double Metaphone cost more than
 * the comparisons that follow, so each distinct raw string is worked on once. The cap keeps memory flat
 * on a long import while holding a county's working set: the matcher's name memos together stay near
 * 13 MB even when every name differs (measured over 200,000 subjects).
 */
export const NAME_MEMO_CAPACITY = 10_000
const formsByRawName = new BoundedMemo<string, NameForm>(NAME_MEMO_CAPACITY)

/** The `NameForm` of a raw name, worked out once per distinct string (see the memo above). */
export function nameForm(raw: string): NameForm {
  const known = formsByRawName.get(raw)
  if (known) return known
  const normalised = normaliseName(raw)
  const tokens: readonly string[] = normalised === '' ? [] : normalised.split(' ')
  // One word is its own joined form: sharing the string keeps later lookups and comparisons cheap.
  const joined = tokens.length === 1 ? (tokens[0] as string) : tokens.join('')
  const form: NameForm = {
    tokens,
    joined,
    tokenCodes: tokens.map((token) => sharedPhoneticCodes(token)),
    joinedCodes: sharedPhoneticCodes(joined),
  }
  formsByRawName.set(raw, form)
  return form
}

/**
 * Nickname and spelling-variant groups of common English given names (plus a few common spelling
 * families of names used in England and Wales). The first word is the group's canonical name, used in
 * blocking keys; a word may appear in several groups (Chris, Al, Alex, Sam, Jo...). Written for this
 * project; it favours recall of genuine variants, because name agreement alone never links.
 */
const NICKNAME_LINES = [
  'robert rob robbie robby bob bobby bert bertie',
  'roberta bobbie robbie bobby',
  'william will bill billy willie willy liam wil wills',
  'elizabeth liz lizzie lizzy beth betty bette betsy bess bessie eliza libby lisa elspeth elisabeth',
  'margaret maggie meg peggy marge margie maisie greta madge mags rita',
  'catherine kate katie katy kathy cathy cath kath kat kitty kay katherine kathryn katharine catharine',
  'kathleen kath kathy kay kathleen',
  'james jim jimmy jimbo jamie jem',
  'john jack johnny johnnie jon jonny',
  'jonathan jon jonny jonty',
  'michael mike mikey mick mickey micky mic',
  'richard rich richie rick ricky dick dickie',
  'thomas tom tommy thom',
  'christopher chris kit topher',
  'christine chris chrissy chrissie tina',
  'christina chris chrissy tina',
  'christian chris',
  'joseph joe joey jos',
  'josephine jo josie',
  'joanne jo jojo joanna joann joan',
  'daniel dan danny dannie',
  'danielle dani elle',
  'david dave davey davy dai',
  'anthony tony ant antony',
  'andrew andy drew andi',
  'alexander alex al alec lex sasha sandy xander alexandre',
  'alexandra alex alexa lexi lexie sasha sandy',
  'alan al allan allen alun',
  'albert al bert bertie',
  'alfred alf alfie',
  'frederick fred freddie freddy frederic',
  'edward ed eddie eddy ted teddy ned',
  'edmund ed eddie ned',
  'edwin ed eddie',
  'theodore theo ted teddy',
  'charles charlie chas chaz chuck',
  'charlotte charlie lottie lotty lotte',
  'samuel sam sammy',
  'samantha sam sammy sammie',
  'stephen steven steve stevie stephan',
  'stephanie steph stephie steff',
  'matthew matt matty mat',
  'nicholas nick nicky nico nic nicolas',
  'nicola nicky nikki nic nichola',
  'nicole nicky nikki nic',
  'patrick pat paddy',
  'patricia pat patty trish tricia patsy',
  'peter pete',
  'benjamin ben benny benji',
  'benedict ben',
  'jennifer jen jenny jennie',
  'susan sue susie suzy suzie',
  'susannah sue susie suzanne susanna',
  'deborah debbie deb debs debra',
  'rebecca becky becca bex becki rebekah',
  'victoria vicky vicki vikki tori vic',
  'abigail abby abbie gail',
  'gabrielle gabby gabi gabriella',
  'gabriel gabe',
  'timothy tim timmy',
  'gregory greg',
  'kenneth ken kenny',
  'ronald ron ronnie',
  'donald don donnie',
  'douglas doug dougie',
  'gerald gerry jerry ged',
  'geraldine gerry geri',
  'leonard len lenny leo',
  'terence terry tel terrance terrence',
  'lawrence larry laurie laurence',
  'raymond ray',
  'nathaniel nat nate nathan',
  'harold harry hal',
  'henry harry hank hal',
  'harrison harry',
  'harriet hattie',
  'dorothy dot dotty dottie dolly',
  'mary molly polly mae may',
  'anne ann anna annie nan nancy',
  'hannah hanna',
  'helen nell nellie helena',
  'eleanor ellie nell nora elle eleanore elinor',
  'ellen nell ellie',
  'isabel isabella isobel izzy izzie issy bella',
  'jacqueline jackie jacqui jacky',
  'jessica jess jessie',
  'joshua josh',
  'jacob jake',
  'louise lou louisa lulu',
  'louis lou lewis',
  'madeleine maddie maddy madeline madelyn',
  'natalie nat tally nathalie',
  'natasha tash tasha nat',
  'olivia liv livvy livia',
  'oliver ollie olly',
  'philip phil pip phillip',
  'philippa pippa pip phillipa',
  'rachel rach rachael',
  'sarah sara sally sadie sal',
  'sophie sophia soph',
  'teresa tess tessa terri theresa',
  'valerie val',
  'vincent vince vinny',
  'walter walt wally',
  'zachary zach zack zak',
  'martin marty',
  'kimberley kim kimmy kimberly',
  'geoffrey geoff jeff jeffrey',
  'francis frank frankie',
  'frances fran frankie fanny',
  'cynthia cindy',
  'reginald reg reggie',
  'bernard bernie',
  'stanley stan',
  'sidney sid sydney',
  'archibald archie',
  'rosemary rosie rose ros',
  'rosalind ros roz',
  'caroline carrie caz carol carole carolyn',
  'gillian gill jill gilly jillian',
  'janet jan jane janice',
  'penelope penny pen',
  'pamela pam',
  'beverley bev beverly',
  'barbara barb babs',
  'sandra sandy',
  'amanda mandy manda',
  'melanie mel',
  'melissa mel',
  'amelia millie milly',
  'emily em emmy millie milly',
  'emma em emmie',
  'camilla millie milly cam',
  'maureen mo',
  'mohammed mohammad mohamed muhammad muhammed mohamad mo',
  'ahmed ahmad',
  'neil neal niall',
  'sean shaun shawn',
  'stuart stewart stu',
  'graham graeme',
  'ian iain',
  'zoe zoey',
  'jasmine jasmin yasmin yasmine jas jaz',
  'aidan aiden ayden',
  'kieran ciaran',
  'connor conor',
  'lee leigh',
  'gemma jemma',
  'hayley haley hailey',
  'tracey tracy',
  'stacey stacy',
  'lindsay lindsey',
  'kirsty kirstie kirsten',
  'kerry kerri',
  'karen karin caron',
  'carl karl',
  'alison allison alyson ali ally',
  'alistair alasdair alastair ali al',
  'elliot elliott eliot',
  'rhys reece reese',
  'bradley brad',
  'jeremy jez jerry',
  'georgina georgie gina',
  'george georgie geordie',
  'angela angie ange',
  'beatrice bea trixie',
  'constance connie',
  'diana diane dianne di',
  'dominic dom',
  'evelyn evie eve',
  'felicity flick fliss',
  'florence flo florrie',
  'judith judy jude',
  'julia julie jules juliet',
  'julian jules',
  'lillian lily lilian lil lilly',
  'matilda tilly tilda',
  'sebastian seb',
  'tobias toby',
  'wilfred wilf',
  'barry baz barrie',
  'brian bryan',
  'callum calum cal',
  'darren daz',
  'declan dec',
  'dennis denis den',
  'derek derrick del',
  'desmond des',
  'gareth gaz',
  'kevin kev',
  'malcolm mal',
  'mark marc marcus',
  'mitchell mitch',
  'trevor trev',
  'victor vic',
] as const

/** The nickname groups, canonical name first. */
export const NICKNAME_GROUPS: readonly (readonly string[])[] = NICKNAME_LINES.map((line) => [
  ...new Set(line.split(' ')),
])

const GROUPS_BY_NAME: ReadonlyMap<string, readonly number[]> = (() => {
  const map = new Map<string, number[]>()
  NICKNAME_GROUPS.forEach((group, index) => {
    for (const name of group) {
      const list = map.get(name)
      if (list) list.push(index)
      else map.set(name, [index])
    }
  })
  return map
})()

/** Canonical names of every nickname group a (single, normalised) given name belongs to. */
export function canonicalGivenNames(name: string): string[] {
  const groups = GROUPS_BY_NAME.get(name)
  if (!groups) return []
  return groups.map((i) => NICKNAME_GROUPS[i]?.[0] as string)
}

/** True when two different normalised given names are known variants of each other (Bob ~ Robert). */
export function areNicknames(a: string, b: string): boolean {
  if (a === b) return false
  const ga = GROUPS_BY_NAME.get(a)
  const gb = GROUPS_BY_NAME.get(b)
  if (!ga || !gb) return false
  return ga.some((g) => gb.includes(g))
}

/** Double Metaphone codes (primary first, duplicates and empties removed) of one normalised word. */
export function phoneticCodes(word: string): string[] {
  return [...sharedPhoneticCodes(word)]
}

/** Double Metaphone is the dearest step of preparing a name, and the same words recur constantly. */
const codesByWord = new BoundedMemo<string, readonly string[]>(NAME_MEMO_CAPACITY)

/** `phoneticCodes` without the copy: the array is shared between callers, so it must not be changed. */
export function sharedPhoneticCodes(word: string): readonly string[] {
  const hit = codesByWord.get(word)
  if (hit) return hit
  const codes: string[] = []
  if (word !== '') {
    const [primary, alternate] = doubleMetaphone(word)
    if (primary) codes.push(primary)
    if (alternate && alternate !== primary) codes.push(alternate)
  }
  codesByWord.set(word, codes)
  return codes
}

/**
 * Scratch space for `jaroWinkler` and `editDistance`, reused across calls: they run several times per
 * candidate comparison, and fresh arrays per call made the garbage collector a visible cost of an import.
 * Grown (never shrunk) when a longer string arrives; the functions are synchronous, so sharing is safe.
 */
let matchedInA = new Uint8Array(64)
let matchedInB = new Uint8Array(64)
let editRows = new Int32Array(3 * 65)

/**
 * Jaro-Winkler similarity in [0, 1]. Jaro counts characters that match within a window of half the
 * longer length and the transpositions among them; Winkler adds a bonus of 0.1 per common leading
 * character (up to 4), because spelling errors are rarer at the start of a name.
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : 1
  const aLength = a.length
  const bLength = b.length
  if (aLength === 0 || bLength === 0) return 0
  if (matchedInA.length < aLength) matchedInA = new Uint8Array(aLength * 2)
  if (matchedInB.length < bLength) matchedInB = new Uint8Array(bLength * 2)
  const aMatched = matchedInA
  const bMatched = matchedInB
  aMatched.fill(0, 0, aLength)
  bMatched.fill(0, 0, bLength)
  const window = Math.max(0, Math.floor(Math.max(aLength, bLength) / 2) - 1)
  let matches = 0
  for (let i = 0; i < aLength; i++) {
    const code = a.charCodeAt(i)
    const from = Math.max(0, i - window)
    const to = Math.min(bLength - 1, i + window)
    for (let j = from; j <= to; j++) {
      if (bMatched[j] === 0 && code === b.charCodeAt(j)) {
        aMatched[i] = 1
        bMatched[j] = 1
        matches++
        break
      }
    }
  }
  if (matches === 0) return 0
  let k = 0
  let halfTranspositions = 0
  for (let i = 0; i < aLength; i++) {
    if (aMatched[i] === 0) continue
    while (bMatched[k] === 0) k++
    if (a.charCodeAt(i) !== b.charCodeAt(k)) halfTranspositions++
    k++
  }
  const m = matches
  const jaro = (m / aLength + m / bLength + (m - halfTranspositions / 2) / m) / 3
  let prefix = 0
  while (
    prefix < 4 &&
    prefix < aLength &&
    prefix < bLength &&
    a.charCodeAt(prefix) === b.charCodeAt(prefix)
  ) {
    prefix++
  }
  return jaro + prefix * 0.1 * (1 - jaro)
}

/**
 * Whether `editDistance(a, b) === 1`, in one pass and without allocating: the matcher only ever asks
 * whether two names are a single keying error apart (one letter changed, added, dropped or two adjacent
 * letters swapped).
 */
export function isOneEditApart(a: string, b: string): boolean {
  const aLength = a.length
  const bLength = b.length
  if (aLength === bLength) {
    let firstMismatch = -1
    let mismatches = 0
    for (let i = 0; i < aLength; i++) {
      if (a.charCodeAt(i) !== b.charCodeAt(i)) {
        if (++mismatches > 2) return false
        if (firstMismatch < 0) firstMismatch = i
      }
    }
    if (mismatches === 1) return true
    return (
      mismatches === 2 &&
      a.charCodeAt(firstMismatch) === b.charCodeAt(firstMismatch + 1) &&
      a.charCodeAt(firstMismatch + 1) === b.charCodeAt(firstMismatch)
    )
  }
  if (aLength - bLength !== 1 && bLength - aLength !== 1) return false
  const shorter = aLength < bLength ? a : b
  const longer = aLength < bLength ? b : a
  let i = 0
  while (i < shorter.length && shorter.charCodeAt(i) === longer.charCodeAt(i)) i++
  for (; i < shorter.length; i++) {
    if (shorter.charCodeAt(i) !== longer.charCodeAt(i + 1)) return false
  }
  return true
}

/**
 * Optimal-string-alignment edit distance (Damerau-Levenshtein without repeated edits of one substring):
 * insertions, deletions, substitutions and adjacent transpositions each cost 1. Used beside Jaro-Winkler
 * because a single keying error in a short name ("Stlven") can pull Jaro-Winkler under its threshold.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0
  if (a.length === 0) return b.length
  if (b.length === 0) return a.length
  const width = b.length + 1
  if (editRows.length < 3 * width) editRows = new Int32Array(6 * width)
  const rows = editRows
  // Three rows laid end to end and rotated by offset: two rows back, the previous row, this row.
  let prevPrev = 0
  let prev = width
  let row = 2 * width
  for (let j = 0; j < width; j++) rows[prev + j] = j
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1)
    const aBefore = i > 1 ? a.charCodeAt(i - 2) : -1
    rows[row] = i
    for (let j = 1; j < width; j++) {
      const bj = b.charCodeAt(j - 1)
      const cost = ai === bj ? 0 : 1
      let best = Math.min(
        (rows[prev + j] as number) + 1,
        (rows[row + j - 1] as number) + 1,
        (rows[prev + j - 1] as number) + cost,
      )
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && aBefore === bj) {
        best = Math.min(best, (rows[prevPrev + j - 2] as number) + 1)
      }
      rows[row + j] = best
    }
    const spare = prevPrev
    prevPrev = prev
    prev = row
    row = spare
  }
  return rows[prev + b.length] as number
}
