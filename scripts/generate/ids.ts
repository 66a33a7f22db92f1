import { mix32 } from './random.ts';

/**
 * Deterministic identifiers in the UUID version 4 layout. The case number and a slot
 * (the kind of row and its position in the case) make every id unique within a run; bits
 * derived from the seed make runs with different seeds differ. Ids of one case sort
 * together, so index pages fill in order instead of at random.
 */
export const ID_KIND = {
  person: 0x1,
  case: 0x2,
  child: 0x3,
  party: 0x4,
  contact: 0x5,
  allocation: 0x6,
  emergencyAccess: 0x7,
  /** The private-law work to the first hearing (slots in safeguarding.ts). */
  firstHearing: 0x8,
  /** The private-law work after the first hearing (slots in after-first-hearing.ts and work-records.ts). */
  afterFirstHearing: 0x9,
  staff: 0xf,
} as const;

export type IdKind = (typeof ID_KIND)[keyof typeof ID_KIND];

export interface IdTag {
  readonly high: number;
  readonly low: number;
}

export function idTag(seed: number): IdTag {
  return { high: mix32(seed ^ 0x5bd1e995), low: mix32((seed + 0x27d4eb2f) >>> 0) };
}

const hex = (value: number, digits: number) => (value >>> 0).toString(16).padStart(digits, '0').slice(-digits);

/** Up to 4,096 rows of each kind per case (n), and any 32-bit case number (index). */
export function generatedId(tag: IdTag, kind: IdKind, index: number, n: number, random: number): string {
  if (n > 0xfff) throw new Error(`too many rows of kind ${kind} in case ${index}`);
  return (
    `${hex(index, 8)}-${hex((kind << 12) | n, 4)}-4${hex(tag.high >>> 20, 3)}-` +
    `${hex(0x8000 | ((tag.high >>> 6) & 0x3fff), 4)}-${hex(tag.low >>> 16, 4)}${hex(random, 8)}`
  );
}
