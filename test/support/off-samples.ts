// The real Open Food Facts records in ../shared/off-samples (read there, never copied here).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { SHARED_DIR } from './shared.js';

export const OFF_SAMPLES = `${SHARED_DIR}off-samples/`;

export function samplePath(name: string): string {
  return `${OFF_SAMPLES}${name}`;
}

export function readSample(name: string): Buffer {
  return readFileSync(samplePath(name));
}

/** The records of a JSONL sample, gzip or not. */
export function readSampleRecords(name: string): unknown[] {
  const bytes = readSample(name);
  const text = (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}
