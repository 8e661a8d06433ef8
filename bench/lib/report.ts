/** Printing shared by the benchmarks: a fixed-width table for people, one JSON line for machines. */

export type Cell = string | number | null;

/** Integers get thousands separators so 123456 reads as 123,456; null prints as a dash. */
export function formatCell(value: Cell): string {
  if (value === null) return '-';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(2);
  return value;
}

/** A plain-text table; numeric columns are right-aligned. Returns the text (and prints it unless quiet). */
export function printTable(title: string, rows: ReadonlyArray<Record<string, Cell>>, quiet = false): string {
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const numeric = headers.map((h) => rows.every((r) => typeof r[h] !== 'string'));
  const cells = rows.map((r) => headers.map((h) => formatCell(r[h] ?? null)));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (values: string[]): string =>
    values.map((v, i) => (numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join(' | ').trimEnd();
  const text = [title, line(headers), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
  if (!quiet) console.log(text);
  return text;
}

/** The machine-readable result: exactly one line of JSON, printed last by every benchmark. */
export function printJsonLine(result: unknown): string {
  const text = JSON.stringify(result);
  if (text.includes('\n')) throw new Error('the JSON line must be one line');
  console.log(text);
  return text;
}

/** Events per second as an integer. */
export function rate(events: number, nanoseconds: bigint): number {
  return Math.round(events / (Number(nanoseconds) / 1e9));
}

/** Runs `work` and returns its duration in nanoseconds. */
export async function time(work: () => void | Promise<void>): Promise<bigint> {
  const started = process.hrtime.bigint();
  await work();
  return process.hrtime.bigint() - started;
}
