/**
 * Victim matching: pure model, no I/O. Intake prepares a `MatchSubject`, asks the repository for victims
 * sharing any `blockingKeys`, scores each with `scoreMatch` and lets `resolveCandidates` decide.
 */
export {
  blockingKeys,
  forenameKeyCodes,
  fullNameOf,
  type MatchSubject,
  normaliseAddressLine,
  normalisePostcode,
  type PreparedSubject,
  prepare,
  sameSubject,
  surnameKeyCodes,
} from './candidate.ts'
export {
  areNicknames,
  canonicalGivenNames,
  jaroWinkler,
  NICKNAME_GROUPS,
  nameTokens,
  normaliseName,
  phoneticCodes,
} from './names.ts'
export {
  BIRTH_DATES,
  DEFAULT_THRESHOLDS,
  DEFAULT_WEIGHTS,
  type Decision,
  type DobLevel,
  decide,
  type MatchResult,
  type MatchWeights,
  NAMESAKE_CHANCE_LIMIT,
  type NameCounts,
  type NameLevel,
  namesakeChance,
  type Resolution,
  resolveCandidates,
  type ScoredCandidate,
  scoreMatch,
  type Thresholds,
} from './score.ts'
