import type { ImportSummary } from '../catalogue/import.js';

const number = (value: number) => value.toLocaleString('en');

/** The end-of-run report an operator reads: counts, speed, and what was rejected and why. */
export function formatImportSummary(summary: ImportSummary, source: string): string {
  const rate = summary.seconds > 0 ? Math.round(summary.recordsRead / summary.seconds) : summary.recordsRead;
  const lines = [
    `Imported ${source}: ${number(summary.recordsRead)} records in ${summary.seconds.toFixed(1)} s (${number(rate)} records/s)`,
    `  added ${number(summary.productsAdded)}, updated ${number(summary.productsUpdated)}, unchanged ${number(summary.productsUnchanged)}, rejected ${number(summary.recordsRejected)}`,
  ];
  if (summary.rejections.length > 0) {
    lines.push(`  first rejected records:`);
    for (const { line, reason } of summary.rejections) lines.push(`    line ${line}: ${reason}`);
    lines.push('  rejected records by reason:');
    const byCount = [...summary.rejectionsByReason].sort((a, b) => b[1] - a[1]);
    for (const [reason, count] of byCount.slice(0, 10)) lines.push(`    ${number(count)} × ${reason}`);
  }
  return lines.join('\n');
}
