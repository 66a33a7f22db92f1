/**
 * Deterministic random numbers for the generator. Every case draws from its own stream,
 * keyed by (seed, case number, purpose), so a case is the same whichever chunk writes it
 * and however often the run is interrupted and resumed.
 */

/** murmur3's 32-bit finaliser: spreads the bits of a 32-bit integer. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Purposes of the streams a case draws from: independent of each other. */
export const STREAM = {
  family: 1,
  timeline: 2,
  organisation: 3,
  pools: 4,
  safeguarding: 5,
  afterFirstHearing: 6,
  work: 7,
} as const;

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An unsigned 32-bit integer. */
  uint32(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** An index chosen with probability proportional to its weight. */
  weighted(weights: readonly number[]): number;
}

/** sfc32 (Chris Doty-Humphrey's small fast counting generator), seeded from the keys. */
export function createRandom(...keys: number[]): Random {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = 1;
  for (const key of keys) {
    const k = mix32(key >>> 0);
    a = mix32(a ^ k);
    b = mix32(b + k + 0x7f4a7c15);
    c = mix32(c ^ Math.imul(k, 0x165667b1));
    d = (d + 0x6d2b79f5) >>> 0;
  }
  const uint32 = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i += 1) uint32();
  const next = () => uint32() / 4294967296;
  return {
    next,
    uint32,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (probability) => next() < probability,
    weighted: (weights) => {
      let total = 0;
      for (const w of weights) total += w;
      let r = next() * total;
      for (let i = 0; i < weights.length; i += 1) {
        r -= weights[i]!;
        if (r < 0) return i;
      }
      return weights.length - 1;
    },
  };
}

/** The random stream of one case (or of the organisation: index 0, purpose organisation). */
export function streamFor(seed: number, index: number, purpose: number): Random {
  return createRandom(seed, index, purpose);
}
