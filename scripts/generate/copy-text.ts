/**
 * PostgreSQL COPY text format: one line per row, columns separated by tabs, `\N` for
 * null, and backslash, tab, newline and carriage return escaped with a backslash.
 * Arrays are written as array literals (`{"a","b"}`) and then escaped like any text.
 */
export type CopyValue = string | number | boolean | null | readonly string[];

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function escapeCopyText(value: string): string {
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : value;
}

export function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

export function copyValue(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'string') return escapeCopyText(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return escapeCopyText(arrayLiteral(value));
}

export function copyLine(values: readonly CopyValue[]): string {
  let line = copyValue(values[0] ?? null);
  for (let k = 1; k < values.length; k += 1) line += `\t${copyValue(values[k] ?? null)}`;
  return `${line}\n`;
}

/** Rows gathered per table for one chunk, already in COPY text. */
export class CopyBatch {
  readonly #parts = new Map<string, string[]>();
  readonly #counts = new Map<string, number>();

  add(table: string, values: readonly CopyValue[]): void {
    let parts = this.#parts.get(table);
    if (!parts) {
      parts = [];
      this.#parts.set(table, parts);
    }
    parts.push(copyLine(values));
    this.#counts.set(table, (this.#counts.get(table) ?? 0) + 1);
  }

  text(table: string): string {
    return (this.#parts.get(table) ?? []).join('');
  }

  count(table: string): number {
    return this.#counts.get(table) ?? 0;
  }
}
