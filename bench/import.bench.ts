// Importer benchmark: `pur-beurre import --file` of a synthetic OFF catalogue into PGlite and
// PostgreSQL, each beside a same-run baseline (parsing and validating the file, no database).
//
//   npm run bench:import -- [--n 200000]
//
// Runs through test/support/with-postgres.ts, which provides a throwaway PostgreSQL server.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createTestDb } from '../test/support/test-db.js';
import { ensureCatalogueFile } from './support/catalogue-file.js';
import { type ProcessCost, timeProcess } from './support/time-process.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({ options: { n: { type: 'string', default: '200000' } } });
const n = Number(values.n);

const file = await ensureCatalogueFile(n);
const sizeMb = statSync(file).size / 1024 / 1024;
const cli = join(ROOT, 'dist/cli/main.js');
const results: ProcessCost[] = [];

results.push(
  await timeProcess(
    'baseline: parse + validate, no database',
    ['--import', import.meta.resolve('tsx'), join(ROOT, 'bench/support/parse-only.ts'), file],
    {},
  ),
);

const dataDir = mkdtempSync(join(tmpdir(), 'pur-beurre-bench-pglite-'));
try {
  // The embedded database's first open runs initdb (a few seconds): done before timing the import.
  await timeProcess('pglite: migrate', [cli, 'migrate'], { DATA_DIR: dataDir });
  results.push(
    await timeProcess('PGlite: pur-beurre import --file', [cli, 'import', '--file', file], {
      DATA_DIR: dataDir,
    }),
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

const testDb = await createTestDb('postgres');
try {
  results.push(
    await timeProcess('PostgreSQL: pur-beurre import --file', [cli, 'import', '--file', file], {
      DATABASE_URL: testDb.url ?? '',
      SESSION_SECRET: 'bench-secret-bench-secret-bench-secret!',
      OFF_USER_AGENT_CONTACT: 'bench@pur-beurre.invalid',
    }),
  );
  const [size] = await testDb.db.query<{ size: string }>(
    'SELECT pg_size_pretty(pg_database_size(current_database())) AS size',
  );
  console.log(`PostgreSQL database size after import: ${size?.size}`);
} finally {
  await testDb.drop();
}

const baseline = results[0] as ProcessCost;
const lines = [
  `Import of ${n.toLocaleString('en')} synthetic OFF products (${sizeMb.toFixed(0)} MB JSONL), ${new Date().toISOString().slice(0, 10)}`,
  '',
  '| run | seconds | products/s | × baseline time | peak RSS (MB) |',
  '|---|---:|---:|---:|---:|',
  ...results.map(
    (r) =>
      `| ${r.label} | ${r.seconds.toFixed(1)} | ${Math.round(n / r.seconds).toLocaleString('en')} | ${(r.seconds / baseline.seconds).toFixed(2)} | ${r.maxRssMb.toFixed(0)} |`,
  ),
];
console.log(lines.join('\n'));
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(ROOT, 'bench/results', `import-${n}.md`), `${lines.join('\n')}\n`);
