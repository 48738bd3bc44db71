/**
 * A memo for the matcher's string work whose memory stays flat however long an import runs. Entries live
 * in two generations: when the newer one reaches `capacity` the older one is dropped whole, and a hit in
 * the older one is copied forward. So whatever is in use keeps hitting, at most `2 × capacity` entries are
 * held, and there is no per-hit bookkeeping as a strict LRU list would need.
 */
export class BoundedMemo<K, V> {
  #newer = new Map<K, V>()
  #older = new Map<K, V>()
  readonly capacity: number

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error('capacity must be a positive integer')
    this.capacity = capacity
  }

  get(key: K): V | undefined {
    const hit = this.#newer.get(key)
    if (hit !== undefined) return hit
    const old = this.#older.get(key)
    if (old !== undefined) this.set(key, old)
    return old
  }

  set(key: K, value: V): void {
    if (this.#newer.size >= this.capacity) {
      this.#older = this.#newer
      this.#newer = new Map()
    }
    this.#newer.set(key, value)
  }

  /** Entries held now (both generations; a promoted entry may be counted twice). */
  get size(): number {
    return this.#newer.size + this.#older.size
  }
}
