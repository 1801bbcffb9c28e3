// The baseline: read, parse and validate the same file with the importer's own code, no database.
import { toCatalogueProduct } from '../../src/off/off-record.js';
import { openJsonlFile } from '../../src/off/record-source.js';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: parse-only.ts FILE');
const started = performance.now();
let records = 0;
let valid = 0;
for await (const record of (await openJsonlFile(path)).records) {
  records++;
  if ('raw' in record && toCatalogueProduct(record.raw).ok) valid++;
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${records} records in ${seconds.toFixed(1)} s (${valid} valid)\n`);
