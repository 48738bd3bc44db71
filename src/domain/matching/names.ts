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
  const n = normaliseName(raw)
  return n === '' ? [] : n.split(' ')
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
  if (word === '') return []
  const [primary, alternate] = doubleMetaphone(word)
  const codes: string[] = []
  if (primary) codes.push(primary)
  if (alternate && alternate !== primary) codes.push(alternate)
  return codes
}

/**
 * Jaro-Winkler similarity in [0, 1]. Jaro counts characters that match within a window of half the
 * longer length and the transpositions among them; Winkler adds a bonus of 0.1 per common leading
 * character (up to 4), because spelling errors are rarer at the start of a name.
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : 1
  if (a === '' || b === '') return 0
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1)
  const aMatched = new Array<boolean>(a.length).fill(false)
  const bMatched = new Array<boolean>(b.length).fill(false)
  let matches = 0
  for (let i = 0; i < a.length; i++) {
    const from = Math.max(0, i - window)
    const to = Math.min(b.length - 1, i + window)
    for (let j = from; j <= to; j++) {
      if (!bMatched[j] && a[i] === b[j]) {
        aMatched[i] = true
        bMatched[j] = true
        matches++
        break
      }
    }
  }
  if (matches === 0) return 0
  let k = 0
  let halfTranspositions = 0
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue
    while (!bMatched[k]) k++
    if (a[i] !== b[k]) halfTranspositions++
    k++
  }
  const m = matches
  const jaro = (m / a.length + m / b.length + (m - halfTranspositions / 2) / m) / 3
  let prefix = 0
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++
  return jaro + prefix * 0.1 * (1 - jaro)
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
  let prevPrev: number[] = []
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (prevPrev[j - 2] as number) + 1)
      }
      row.push(best)
    }
    prevPrev = prev
    prev = row
  }
  return prev[b.length] as number
}
