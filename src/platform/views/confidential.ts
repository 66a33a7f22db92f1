/**
 * A confidential contact detail (FPR 2010 r.29.1). It cannot be printed by accident:
 * turning it into text throws, so a template that prints one directly fails instead of
 * leaking it. Templates print it only through the `reveal` filter, which checks that the
 * page's viewer may see confidential details and otherwise prints the withheld message.
 */
export class Confidential {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  toString(): string {
    throw new Error('A confidential value was printed without the reveal filter.');
  }
  toJSON(): string {
    throw new Error('A confidential value was serialised.');
  }
  /** Only for the reveal filter and for document scanning. */
  unwrap(): string {
    return this.#value;
  }
}

export function revealFilter(this: { ctx: Record<string, unknown> }, value: unknown): string {
  if (!(value instanceof Confidential)) return value == null ? '' : String(value);
  const page = this.ctx.page as { canSeeConfidential?: boolean } | undefined;
  const t = this.ctx.t as ((key: string) => string) | undefined;
  if (page?.canSeeConfidential === true) return value.unwrap();
  return t ? t('contact.withheld') : 'Confidential';
}
