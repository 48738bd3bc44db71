// A small seeded PRNG so demo data is the same on every machine and in every run for one seed.
// mulberry32: 32-bit state, good enough spread for test data, trivially portable.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number
  chance(probability: number): boolean
  pick<T>(items: readonly T[]): T
  /** Picks by relative weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T
  /** A new generator whose sequence depends only on this one's next value. */
  fork(): Rng
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list')
      return items[Math.floor(next() * items.length)] as (typeof items)[number]
    },
    weighted: (entries) => {
      const total = entries.reduce((s, [, w]) => s + w, 0)
      let r = next() * total
      for (const [value, w] of entries) {
        r -= w
        if (r < 0) return value
      }
      const last = entries[entries.length - 1]
      if (!last) throw new RangeError('weighted pick from an empty list')
      return last[0]
    },
    fork: () => createRng(Math.floor(next() * 4294967296)),
  }
  return rng
}
