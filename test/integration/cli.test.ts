import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PRODUCTION_ENV, runCli, startCli, waitForExit, waitForServer } from '../support/cli.js';
import { type FakeOff, startFakeOff } from '../support/fake-off-server.js';
import { readSample, readSampleRecords, samplePath, TAXONOMY_FIXTURE } from '../support/off-samples.js';
import { Resources } from '../support/resources.js';
import { createTestDb, databaseUrl, requireTestEnv, type TestDb, withAdmin } from '../support/test-db.js';

describe('the pur-beurre command on a PostgreSQL server', () => {
  let testDb: TestDb;
  let env: Record<string, string>;
  let off: FakeOff;

  const resources = new Resources();
  before(async () => {
    testDb = resources.add(await createTestDb('postgres'), (t) => t.drop());
    env = { ...PRODUCTION_ENV, DATABASE_URL: testDb.url ?? '' };
    off = resources.add(await startFakeOff(), (o) => o.close());
  });
  after(() => resources.close());

  it('imports an export file and ends with a summary', async () => {
    const result = await runCli(['import', '--file', samplePath('purbeurre-guillaumeoj-fixture.jsonl')], env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /49 records .* records\/s/);
    assert.match(result.stdout, /added 49, updated 0, unchanged 0, rejected 0/);
  });

  it('imports with OFF’s category taxonomy: display names become its tags, named in French', async () => {
    const result = await runCli(
      [
        'import',
        '--file',
        samplePath('purbeurre-guillaumeoj-fixture.jsonl'),
        '--taxonomy',
        samplePath(TAXONOMY_FIXTURE),
      ],
      env,
    );
    assert.equal(result.code, 0, result.stderr);
    const rows = await testDb.db.query<{ tag: string; name: string }>(
      `SELECT tag, name FROM categories WHERE tag IN ('fr:plant-based-foods', 'en:plant-based-foods') ORDER BY tag`,
    );
    // The fixture's `fr:Plant-based foods` (an English name) is OFF's en:plant-based-foods.
    assert.ok(
      rows.some((row) => row.tag === 'en:plant-based-foods' && row.name === "Aliments d'origine végétale"),
    );
    const [unmapped] = await testDb.db.query<{ products: number }>(
      `SELECT count(*)::int AS products FROM products p JOIN categories c ON c.id = ANY (p.category_ids)
       WHERE c.tag = 'fr:plant-based-foods'`,
    );
    assert.equal(unmapped?.products, 0);
  });

  it('refuses a taxonomy file it cannot read in one line, importing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pur-beurre-taxonomy-'));
    const bad = join(dir, 'categories.full.json');
    writeFileSync(bad, '["en:dairies"]');
    const result = await runCli(
      ['import', '--file', samplePath('purbeurre-guillaumeoj-fixture.jsonl'), '--taxonomy', bad],
      env,
    );
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^pur-beurre: --taxonomy: cannot read .*: not a category taxonomy: got an array, expected an object keyed by tag .*; nothing was imported\n$/,
    );
  });

  it('says which file it cannot read, without a stack trace', async () => {
    const result = await runCli(['import', '--file', '/nonexistent/export.jsonl.gz'], env);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, 'pur-beurre: cannot read /nonexistent/export.jsonl.gz: no such file\n');
  });

  it('refuses an input that is not OFF JSONL in one line, exit 1, catalogue unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pur-beurre-unreadable-'));
    const dump = readSampleRecords('off-dump-min-1000.jsonl.gz');
    const inputs = [
      // An API search reply (verbatim, from a former Pur Beurre app).
      [samplePath('api-search-v1-response-nunomars.json'), /got an Open Food Facts API search reply/],
      [
        writeFile(dir, 'export.parquet', Buffer.from('PAR1\u0000\u0001fake parquet')),
        /got a Parquet file \(magic bytes PAR1\)/,
      ],
      [
        writeFile(dir, 'pretty.json', JSON.stringify(dump[0], null, 2)),
        /got JSON spread over several lines \(pretty-printed\)/,
      ],
      [writeFile(dir, 'array.json', JSON.stringify(dump.slice(0, 2))), /got a JSON array/],
    ] as const;
    for (const [path, got] of inputs) {
      const result = await runCli(['import', '--file', path], env);
      assert.equal(result.code, 1, path);
      const lines = result.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, result.stderr);
      assert.match(lines[0] ?? '', got);
      assert.match(lines[0] ?? '', /expected Open Food Facts JSONL: one product object per line/);
    }
    const [row] = await testDb.db.query<{ count: number }>('SELECT count(*)::int AS count FROM products');
    assert.equal(row?.count, 49);
  });

  it('asks for exactly one source', async () => {
    const result = await runCli(['import'], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /exactly one source: --api, --file PATH or --url URL/);
  });

  it('exits non-zero and keeps the catalogue when a download is truncated', async () => {
    const dump = readSample('off-dump-min-1000.jsonl.gz');
    off.files.set('/data/truncated.jsonl.gz', dump.subarray(0, dump.length / 2));
    const result = await runCli(['import', '--url', `${off.url}/data/truncated.jsonl.gz`], env);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /import failed, the catalogue is unchanged \(run #\d+\): unexpected end of file/,
    );
    const [row] = await testDb.db.query<{ count: number }>('SELECT count(*)::int AS count FROM products');
    assert.equal(row?.count, 49);
  });

  it('imports from the OFF search API with the flags of the original', async () => {
    off.searchProducts = readSampleRecords('purbeurre-davidbarat-fr-2021.jsonl.gz');
    const result = await runCli(
      [
        'import',
        '--api',
        '--country',
        'france',
        '--page-size',
        '100',
        '--pages',
        '2',
        '--sort',
        'unique_scans_n',
      ],
      { ...env, OFF_BASE_URL: off.url },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /200 records/);
    assert.match(
      off.requests.at(-1)?.userAgent ?? '',
      /^PurBeurre\/\d+\.\d+\.\d+ \(tests@pur-beurre\.invalid\)$/,
    );
  });

  it('lists every invalid configuration key at once', async () => {
    const result = await runCli(['migrate'], {
      PORT: 'eighty',
      DATABASE_URL: 'mysql://nope',
      LOG_LEVEL: 'loud',
    });
    assert.equal(result.code, 1);
    for (const key of ['PORT', 'DATABASE_URL', 'LOG_LEVEL'])
      assert.match(result.stderr, new RegExp(`- ${key}:`));
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  it('refuses to serve an unmigrated database, and migrates only when asked', async () => {
    const adminUrl = requireTestEnv('TEST_DATABASE_URL');
    const name = `pur_beurre_cli_${process.pid}`;
    await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
    const freshEnv = { ...PRODUCTION_ENV, DATABASE_URL: databaseUrl(adminUrl, name), PORT: '0' };
    try {
      const serve = await runCli(['serve'], freshEnv);
      assert.equal(serve.code, 1);
      assert.match(
        serve.stderr,
        /schema is at version 0, this release needs \d+: run `pur-beurre migrate` first/,
      );

      assert.equal((await runCli(['migrate', '--status'], freshEnv)).code, 1);
      // Another migration (or the weekly refresh) holds the lock: the deploy's lock_timeout.
      const blocked = await withAdmin(databaseUrl(adminUrl, name), async (other) => {
        await other.query('SELECT pg_advisory_lock(718201)');
        return runCli(['migrate'], { ...freshEnv, PGOPTIONS: '-c lock_timeout=200ms' });
      });
      assert.equal(blocked.code, 1);
      assert.match(blocked.stderr, /gave up waiting for a lock \(lock timeout\).*nothing was applied/);
      assert.doesNotMatch(blocked.stderr, /\n\s+at /);
      assert.equal((await runCli(['migrate', '--status'], freshEnv)).code, 1);

      const migrate = await runCli(['migrate'], freshEnv);
      assert.equal(migrate.code, 0, migrate.stderr);
      assert.match(migrate.stdout, /Applied \d+ migration/);
      const status = await runCli(['migrate', '--status'], freshEnv);
      assert.equal(status.code, 0);
      assert.match(status.stdout, /0 pending/);
    } finally {
      await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  });
});

describe('the embedded first start', () => {
  let off: FakeOff;
  const resources = new Resources();
  before(async () => {
    off = resources.add(await startFakeOff(), (o) => o.close());
    off.searchProducts = readSampleRecords('purbeurre-aspidistras-fr-2019.jsonl.gz');
  });
  after(() => resources.close());

  it('imports the most-scanned French products, serves the site, and stops cleanly on Ctrl-C', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pur-beurre-data-'));
    const server = startCli(['serve'], { DATA_DIR: dataDir, PORT: '0', OFF_BASE_URL: off.url });
    try {
      const { url, output } = await waitForServer(server);
      assert.match(output, /importing a starter catalogue from Open Food Facts/);
      assert.match(output, /3,000 records/);
      // 15 of the first 3,000 records have no name in any language: rejected.
      const home = await (await fetch(url)).text();
      assert.match(home, /Du gras, oui, mais de qualité !/);
      assert.match(home, /2\u202f985 produits dans notre catalogue/);

      const second = await runCli(['import', '--api'], { DATA_DIR: dataDir, OFF_BASE_URL: off.url });
      assert.equal(second.code, 1);
      assert.match(second.stderr, /in use by process \d+ \(is the server running\?\)/);
    } finally {
      server.kill('SIGINT');
    }
    assert.equal(await waitForExit(server), 0);
  });

  it('imports a file into the embedded database, which keeps it for the next run', async () => {
    const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'pur-beurre-data-')) };
    const file = samplePath('purbeurre-guillaumeoj-fixture.jsonl');
    const first = await runCli(['import', '--file', file], env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /added 49, updated 0, unchanged 0, rejected 0/);
    // The import runs in a worker thread; its progress still reaches the operator's terminal.
    assert.match(first.stderr, /Saving the catalogue/);
    const second = await runCli(['import', '--file', file], env);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /added 0, updated 0, unchanged 49, rejected 0/);
  });

  it('falls back to the dated snapshot of real products when Open Food Facts is unreachable', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pur-beurre-data-'));
    const closedPort = await findClosedPort();
    const server = startCli(['serve'], {
      DATA_DIR: dataDir,
      PORT: '0',
      OFF_BASE_URL: `http://127.0.0.1:${closedPort}`,
    });
    try {
      const { url, output } = await waitForServer(server);
      const warnings = output.split('\n').filter((line) => /cannot be reached/.test(line));
      assert.equal(warnings.length, 1);
      assert.equal(
        warnings[0],
        `Open Food Facts cannot be reached (ECONNREFUSED 127.0.0.1:${closedPort}): loading the snapshot shipped with Pur Beurre instead (5,203 real French products, data of 2024-10-25).`,
      );
      const home = await (await fetch(url)).text();
      assert.match(
        home,
        /Catalogue hors ligne : un instantané de produits réels d’Open Food Facts, données du 25 octobre 2024/,
      );
      const nutella = await fetch(new URL('/produit/3017620422003', url));
      assert.equal(nutella.status, 200);
      assert.match(await nutella.text(), /<h1[^>]*>Nutella/);
    } finally {
      server.kill('SIGINT');
    }
    assert.equal(await waitForExit(server), 0);
  });
});

/** A loopback port nobody listens on: connections to it are refused at once. */
function writeFile(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function findClosedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
