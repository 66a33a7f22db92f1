import { parseArgs } from 'node:util';
import { z } from 'zod';

export interface GeneratorOptions {
  cases: number | null;
  seed: number;
  years: number;
  batch: number;
  reset: boolean;
}

export const OPTIONS_SUMMARY = '--cases N, --seed S, --years Y, --reset, --batch N';

export const USAGE = `Usage: npm run generate -- --cases N [--seed S] [--years Y] [--batch N] [--reset]

Fills the configured database (DATABASE_URL, or PGlite in DATA_DIR) with synthetic data.

  --cases N   number of cases to generate (1 to 10,000,000)
  --seed S    seed: the same seed gives the same data (default 1)
  --years Y   cases are received over the last Y years (1 to 50, default 10)
  --batch N   cases written per transaction (1 to 50,000, default 2,000)
  --reset     remove previously generated data first (on its own: only remove it)

An interrupted run is resumed by running the same command again.`;

export type ParseResult = { ok: true; options: GeneratorOptions } | { ok: false; message: string };

const format = new Intl.NumberFormat('en-GB');

/** A whole number flag with a message that says what was wrong and what was given. */
function wholeNumber(flag: string, min: number, max: number) {
  return z.string().transform((raw, ctx) => {
    const text = raw.trim().replaceAll('_', '');
    const value = /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min) {
      ctx.addIssue({
        code: 'custom',
        message: `--${flag} must be a whole number of at least ${min} (you gave ${raw})`,
      });
      return z.NEVER;
    }
    if (value > max) {
      ctx.addIssue({ code: 'custom', message: `--${flag} must be at most ${format.format(max)} (you gave ${raw})` });
      return z.NEVER;
    }
    return value;
  });
}

const schema = z.object({
  cases: wholeNumber('cases', 1, 10_000_000).optional(),
  seed: wholeNumber('seed', 0, 2_147_483_647).default(1),
  years: wholeNumber('years', 1, 50).default(10),
  batch: wholeNumber('batch', 1, 50_000).default(2000),
  reset: z.boolean().default(false),
});

const FLAGS = {
  cases: { type: 'string' },
  seed: { type: 'string' },
  years: { type: 'string' },
  batch: { type: 'string' },
  reset: { type: 'boolean' },
} as const;

/** `--cases -5` would be read as a flag `-5`: join a value that looks like a negative number to its flag. */
function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < argv.length; k += 1) {
    const arg = argv[k]!;
    const next = argv[k + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : '';
    if (name in FLAGS && FLAGS[name as keyof typeof FLAGS].type === 'string' && next && /^-[\d.]/.test(next)) {
      out.push(`${arg}=${next}`);
      k += 1;
    } else out.push(arg);
  }
  return out;
}

function parseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    return `Unknown option ${option ?? message}. Options: ${OPTIONS_SUMMARY}`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
    return `Unexpected argument ${option ?? /'([^']+)'/.exec(message)?.[1] ?? message}. Options: ${OPTIONS_SUMMARY}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (option === '--reset') return '--reset takes no value';
    return `${option ?? 'An option'} needs a value, e.g. ${option ?? '--cases'} 1000`;
  }
  return message;
}

/** Parse the command line: the options, or a message saying what was wrong. */
export function parseGeneratorArgs(argv: readonly string[]): ParseResult {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: joinNegativeValues(argv),
      options: FLAGS,
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return { ok: false, message: parseError(error) };
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join('\n') };
  const { cases, ...rest } = parsed.data;
  if (cases === undefined && !rest.reset) {
    return {
      ok: false,
      message: 'Nothing to do: give --cases N to generate data, or --reset to remove generated data.',
    };
  }
  return { ok: true, options: { cases: cases ?? null, ...rest } };
}
