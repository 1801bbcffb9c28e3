// Resident memory of another process, as the kernel counts it (/proc/<pid>/status, Linux only):
// what a VPS runs out of, heap and native memory (buffers, PostgreSQL client, V8 code) together.
import { readFileSync } from 'node:fs';

/** VmRSS of `pid` in MB. */
export function readRssMb(pid: number): number {
  const kb = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB$/m)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) / 1024;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
