/**
 * Benchmark harness behind `npm run bench`.
 *
 * Every `bench/*.bench.ts` file exports a default async function that receives a `Harness`:
 *
 *   export default async function (harness: Harness): Promise<void> {
 *     await harness.compare({
 *       title: 'verify TOTP, window ±1',
 *       subject: 'shared',                 // whose speed the ratios describe (default: first case)
 *       target: 5,                         // optional: subject must be >= 5x the fastest other case
 *       cases: { shared: () => ..., peer: () => ... },
 *     });
 *   }
 *
 * `compare` runs the cases one after another with tinybench and prints a table of ops/s, mean,
 * median and p99 latency, and "subject ×" (how many times faster the subject is than each row).
 * ops/s and the ratios come from the median latency, which other processes on a shared machine
 * disturb far less than the mean.
 * Check outside the timed cases that every case computes the same result, so a misconfigured
 * peer is never measured. BENCH_TIME (milliseconds per case, default 500) trades precision
 * for duration. Figures, never timed assertions: this is not a test.
 */
import { Bench } from 'tinybench';

export type BenchCase = () => unknown;

export interface Comparison {
  title: string;
  /** Insertion order is the row order. */
  cases: Record<string, BenchCase>;
  /** Case the ratios are about; defaults to the first case. */
  subject?: string;
  /** Expected minimum of subject ops/s ÷ fastest other case's ops/s; reported as met or short. */
  target?: number;
}

export interface CaseResult {
  name: string;
  /** 1 / median latency. */
  opsPerSecond: number;
  meanMicroseconds: number;
  p50Microseconds: number;
  p99Microseconds: number;
}

export interface ComparisonResult {
  title: string;
  subject: string;
  rows: CaseResult[];
  /** Subject ops/s ÷ fastest other case's ops/s (Infinity when there is no other case). */
  ratioToFastestOther: number;
  fastestOther: string | null;
  targetMet: boolean | null;
}

export interface Harness {
  compare(comparison: Comparison): Promise<ComparisonResult>;
  /** Prints one line under the current file's heading. */
  note(text: string): void;
}

export function benchTimeMilliseconds(env: Record<string, string | undefined> = process.env): number {
  const configured = Number(env.BENCH_TIME);
  return Number.isFinite(configured) && configured > 0 ? configured : 500;
}

/** Pure summary of measured rows; separated from measuring so it can be tested. */
export function summarize(comparison: Comparison, rows: CaseResult[]): ComparisonResult {
  const subject = comparison.subject ?? rows[0]?.name ?? '';
  const subjectRow = rows.find((row) => row.name === subject);
  if (subjectRow === undefined) throw new Error(`The subject "${subject}" is not one of the cases.`);
  let fastestOther: CaseResult | null = null;
  for (const row of rows) {
    if (row.name !== subject && (fastestOther === null || row.opsPerSecond > fastestOther.opsPerSecond)) {
      fastestOther = row;
    }
  }
  const ratioToFastestOther =
    fastestOther === null ? Infinity : subjectRow.opsPerSecond / fastestOther.opsPerSecond;
  return {
    title: comparison.title,
    subject,
    rows,
    ratioToFastestOther,
    fastestOther: fastestOther?.name ?? null,
    targetMet: comparison.target === undefined ? null : ratioToFastestOther >= comparison.target,
  };
}

function formatNumber(value: number, fractionDigits: number): string {
  return value.toLocaleString('en-US', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  });
}

/** Renders a summary as the plain-text table `npm run bench` prints. */
export function formatTable(result: ComparisonResult, target?: number): string {
  const subjectOps = result.rows.find((row) => row.name === result.subject)?.opsPerSecond ?? Number.NaN;
  const header = ['case', 'ops/s', 'mean µs', 'p50 µs', 'p99 µs', `${result.subject} ×`];
  const body = result.rows.map((row) => [
    row.name,
    formatNumber(row.opsPerSecond, 0),
    formatNumber(row.meanMicroseconds, 2),
    formatNumber(row.p50Microseconds, 2),
    formatNumber(row.p99Microseconds, 2),
    formatNumber(subjectOps / row.opsPerSecond, 2),
  ]);
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...body.map((line) => (line[column] ?? '').length)),
  );
  const render = (line: string[]) =>
    line
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  const lines = [`  ${result.title}`, `    ${render(header)}`, ...body.map((line) => `    ${render(line)}`)];
  if (result.fastestOther !== null) {
    const verdict =
      target === undefined ? '' : `; target ≥ ${target}×: ${result.targetMet ? 'met' : 'SHORT'}`;
    lines.push(
      `    → ${result.subject} is ${formatNumber(result.ratioToFastestOther, 2)}× the fastest other (${result.fastestOther})${verdict}`,
    );
  }
  return lines.join('\n');
}

export function createHarness(print: (line: string) => void = console.log): Harness {
  const time = benchTimeMilliseconds();
  return {
    async compare(comparison) {
      // Subtracting the timer's own cost matters for operations of a few microseconds.
      const bench = new Bench({
        name: comparison.title,
        time,
        warmupTime: Math.min(200, time),
        subtractTimerOverhead: true,
      });
      for (const [name, fn] of Object.entries(comparison.cases)) bench.add(name, fn);
      await bench.run();
      const rows = bench.tasks.map((task): CaseResult => {
        const result = task.result;
        if (result.state === 'errored')
          throw new Error(`Benchmark case "${task.name}" failed`, { cause: result.error });
        if (result.state !== 'completed')
          throw new Error(`Benchmark case "${task.name}" did not complete (${result.state}).`);
        return {
          name: task.name,
          opsPerSecond: 1000 / result.latency.p50,
          meanMicroseconds: result.latency.mean * 1000,
          p50Microseconds: result.latency.p50 * 1000,
          p99Microseconds: result.latency.p99 * 1000,
        };
      });
      const summary = summarize(comparison, rows);
      print(formatTable(summary, comparison.target));
      return summary;
    },
    note(text) {
      print(`  ${text}`);
    },
  };
}
