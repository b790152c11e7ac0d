import { describe, expect, it } from 'vitest';
import { benchTimeMilliseconds, formatTable, summarize } from './harness.ts';
import { benchFiles } from './run.ts';

const rows = [
  {
    name: 'shared',
    opsPerSecond: 600_000,
    meanMicroseconds: 1.67,
    p50Microseconds: 1.6,
    p99Microseconds: 2.5,
  },
  { name: 'peer-a', opsPerSecond: 100_000, meanMicroseconds: 10, p50Microseconds: 9, p99Microseconds: 20 },
  { name: 'peer-b', opsPerSecond: 200_000, meanMicroseconds: 5, p50Microseconds: 4.5, p99Microseconds: 9 },
];

describe('benchmark summary', () => {
  it('compares the subject with the fastest other case and checks the target', () => {
    const summary = summarize({ title: 't', cases: {}, subject: 'shared', target: 5 }, rows);
    expect(summary.fastestOther).toBe('peer-b');
    expect(summary.ratioToFastestOther).toBe(3);
    expect(summary.targetMet).toBe(false);
  });

  it('uses the first case as the subject when none is named', () => {
    expect(summarize({ title: 't', cases: {} }, rows).subject).toBe('shared');
  });

  it('refuses a subject that is not one of the cases', () => {
    expect(() => summarize({ title: 't', cases: {}, subject: 'nope' }, rows)).toThrow(
      /"nope" is not one of the cases/,
    );
  });

  it('prints a table with ops/s, mean, median, p99, the ratio per row and the verdict', () => {
    const table = formatTable(summarize({ title: 'verify', cases: {}, target: 2 }, rows), 2);
    expect(table).toContain('verify');
    expect(table).toMatch(/peer-a\s+100,000\s+10\.00\s+9\.00\s+20\.00\s+6\.00/);
    expect(table).toContain('shared is 3.00× the fastest other (peer-b); target ≥ 2×: met');
  });
});

describe('benchmark runner', () => {
  it('runs bench files in name order, only those matching the filter', () => {
    const names = ['verifier.bench.ts', 'harness.ts', 'otp.bench.ts', 'run.ts', 'extension.bench.ts'];
    expect(benchFiles(names, undefined)).toEqual(['extension.bench.ts', 'otp.bench.ts', 'verifier.bench.ts']);
    expect(benchFiles(names, 'otp')).toEqual(['otp.bench.ts']);
  });

  it('reads the time per case from BENCH_TIME, falling back to 500 ms', () => {
    expect(benchTimeMilliseconds({ BENCH_TIME: '50' })).toBe(50);
    expect(benchTimeMilliseconds({ BENCH_TIME: 'x' })).toBe(500);
    expect(benchTimeMilliseconds({})).toBe(500);
  });
});
