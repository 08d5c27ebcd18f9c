/**
 * A seeded pseudo-random source (mulberry32), so two runs of the seed produce the same rows.
 * Only integer and exactly-rounded float operations are used (no Math.log/exp), so the sequence
 * is the same on every platform.
 */
export class Random {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Cannot pick from nothing')
    return items[this.int(0, items.length - 1)] as T
  }

  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0)
    let roll = this.next() * total
    for (const [item, w] of items) {
      roll -= w
      if (roll < 0) return item
    }
    return (items[items.length - 1] as readonly [T, number])[0]
  }

  /** An amount in minor units between lo and hi major units, with paisa/cents that are never 00. */
  minor(loMajor: number, hiMajor: number): bigint {
    return BigInt(this.int(loMajor, hiMajor)) * 100n + BigInt(this.int(1, 99))
  }
}
