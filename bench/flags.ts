/** What a flag's handler reads its value with (the next argument). */
export interface FlagValue {
  text(): string;
  /** A whole number from min to max, or an error naming the flag. */
  count(min: number, max: number): number;
}

/**
 * Reads the command line of a bench script: each flag has a handler, which reads its value
 * (if it takes one) with `value`. An unknown flag or a missing or bad value is an error.
 */
export function readFlags(argv: readonly string[], handlers: Record<string, (value: FlagValue) => void>): void {
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i]!;
    const handler = handlers[flag];
    if (!handler) throw new Error(`unknown option ${flag}`);
    const text = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    handler({
      text,
      count(min, max) {
        const n = Number(text());
        if (!Number.isInteger(n) || n < min || n > max)
          throw new Error(`${flag} takes a whole number from ${min} to ${max}`);
        return n;
      },
    });
  }
}
