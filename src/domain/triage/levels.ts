// Ordered levels used across triage: needs levels and THRIVE grades compare on one scale.

export const NEED_LEVELS = ['none', 'low', 'medium', 'high'] as const
export type NeedLevel = (typeof NEED_LEVELS)[number]

export const GRADES = ['low', 'medium', 'high'] as const
export type Grade = (typeof GRADES)[number]

export function levelRank(level: NeedLevel): number {
  return NEED_LEVELS.indexOf(level)
}

export function atLeast(level: NeedLevel, threshold: NeedLevel): boolean {
  return levelRank(level) >= levelRank(threshold)
}

export function highestLevel(levels: Iterable<NeedLevel>): NeedLevel {
  let best: NeedLevel = 'none'
  for (const level of levels) if (levelRank(level) > levelRank(best)) best = level
  return best
}
