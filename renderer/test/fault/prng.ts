/**
 * A small seeded PRNG (mulberry32): the same seed gives the same workload and the same fault
 * decisions, so a failing run can be replayed with KINDRED_FAULT_SEED. Timing still varies
 * between runs (real sockets, real processes), so a replay is likely, not certain, to fail alike.
 */
export interface Prng {
  /** a float in [0, 1) */
  next(): number;
  /** an integer in [min, max] */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** a key of `weights`, chosen in proportion to its weight */
  weighted<K extends string>(weights: Record<K, number>): K;
  /** an independent generator derived from this one (one per proxy, one for the workload) */
  fork(): Prng;
}

export function prng(seed: number): Prng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const self: Prng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted(weights) {
      const entries = Object.entries(weights) as Array<[keyof typeof weights, number]>;
      let roll = next() * entries.reduce((sum, [, w]) => sum + w, 0);
      for (const [key, weight] of entries) {
        roll -= weight;
        if (roll < 0) return key;
      }
      return entries[entries.length - 1]![0];
    },
    fork: () => prng(Math.floor(next() * 4294967296)),
  };
  return self;
}

/** The seed from KINDRED_FAULT_SEED, or a fresh one (printed by the test either way). */
export function seedFromEnv(): number {
  const given = process.env.KINDRED_FAULT_SEED;
  if (given !== undefined && given !== '') return Number(given) >>> 0;
  return Math.floor(Math.random() * 4294967296);
}
