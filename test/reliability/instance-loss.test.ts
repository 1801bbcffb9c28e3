// Two real `pur-beurre serve` instances behind a real nginx (retrying idempotent requests on the
// other instance, as deployed): one is killed with SIGKILL during load, started again on its
// port (what the process manager does), then the other is stopped with SIGTERM and restarted (a
// rolling release). The client never sees a failed request.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { importCatalogue } from '../../src/catalogue/import.js';
import { openJsonlFile } from '../../src/off/record-source.js';
import { PRODUCTION_ENV, startCli, waitForExit, waitForOutput } from '../support/cli.js';
import { samplePath } from '../support/off-samples.js';
import { Resources } from '../support/resources.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const LONG = process.env.RELIABILITY_LONG === '1';
const ROUNDS = LONG ? 5 : 1;
const NGINX = '/usr/sbin/nginx';

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

function nginxConf(dir: string, port: number, upstreams: number[]): string {
  const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`;
  return `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  upstream app {
    ${upstreams.map((p) => `server 127.0.0.1:${p} max_fails=0;`).join('\n    ')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_max_temp_file_size 0;
      # As deployed (deploy/roles/nginx/templates/pur-beurre-*.conf.j2): never mark an instance
      # down (a refused connection on loopback costs nothing), try a GET that met a dead or
      # stopping instance on the other one; never a 503 (load shedding's).
      proxy_next_upstream error timeout http_502 http_504;
      proxy_next_upstream_tries 3;
      proxy_next_upstream_timeout 10s;
      proxy_connect_timeout 1s;
      proxy_read_timeout 10s;
    }
  }
}
`;
}

describe('instance loss and rolling restart behind nginx', {
  skip: !existsSync(NGINX) && 'nginx is not installed',
}, () => {
  let testDb: TestDb;
  let dir = '';
  let nginx: ChildProcess | undefined;
  const instances = new Map<number, ReturnType<typeof startCli>>();
  let env: Record<string, string>;
  let base = '';
  let failed = false;

  const startInstance = async (port: number) => {
    const server = startCli(['serve'], { ...env, PORT: String(port) });
    instances.set(port, server);
    await waitForOutput(server, /ready: http/);
  };

  const resources = new Resources();
  before(async () => {
    testDb = resources.add(await createTestDb('postgres'), (t) => t.drop());
    await importCatalogue(testDb.db, await openJsonlFile(samplePath('purbeurre-guillaumeoj-fixture.jsonl')));
    env = {
      DATABASE_URL: testDb.url ?? '',
      ...PRODUCTION_ENV,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '100000000',
      SHUTDOWN_TIMEOUT_MS: '5000',
    };
    const ports = [await findFreePort(), await findFreePort()];
    await Promise.all(ports.map(startInstance));
    dir = mkdtempSync(join(tmpdir(), 'pur-beurre-nginx-'));
    const port = await findFreePort();
    writeFileSync(join(dir, 'nginx.conf'), nginxConf(dir, port, ports));
    nginx = spawn(NGINX, ['-c', join(dir, 'nginx.conf'), '-p', dir, '-g', 'daemon off;'], {
      stdio: 'ignore',
    });
    base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 10_000;
    for (let attempt = 0; attempt < 500; attempt++) {
      const ok = await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      assert.ok(Date.now() < deadline, 'nginx answers');
      await delay(20);
    }
  });
  after(async () => {
    for (const server of instances.values()) {
      if (server.exitCode === null && server.signalCode === null) {
        server.kill('SIGTERM');
        await waitForExit(server);
      }
    }
    if (nginx !== undefined && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx?.once('exit', resolve));
      nginx.kill('SIGQUIT');
      await exited;
    }
    // What nginx saw, to tell a dead instance from a slow one when a request failed.
    if (failed && dir !== '')
      console.log(readFileSync(join(dir, 'error.log'), 'utf8').split('\n').slice(0, 30).join('\n'));
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
    await resources.close();
  });

  it('shows no failed request when an instance is killed, restarted, and the other one restarted', async () => {
    const [first, second] = [...instances.keys()];
    assert.ok(first !== undefined && second !== undefined);
    const failures: string[] = [];
    let served = 0;
    let n = 0;
    let loading = true;
    const visitor = async () => {
      for (let i = 0; i < 20_000 && loading; i++) {
        // New URLs: both instances render every page, none comes from a cache.
        const url = `${base}/recherche?q=${encodeURIComponent(`choco ${n++}`)}`;
        try {
          const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
          await response.arrayBuffer();
          if (response.status === 200 || response.status === 303) served++;
          else failures.push(`${url} → ${response.status}`);
        } catch (error) {
          failures.push(`${url} → ${(error as Error).message}`);
        }
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, visitor));
    const servedSince = async (count: number) => {
      const from = served;
      for (let attempt = 0; attempt < 1000 && served - from < count; attempt++) await delay(10);
    };
    try {
      for (let round = 0; round < ROUNDS; round++) {
        await servedSince(100);
        // Instance loss: kill -9, then the process manager starts it again on its port.
        const killed = instances.get(first);
        killed?.kill('SIGKILL');
        if (killed !== undefined) await waitForExit(killed);
        await servedSince(100);
        await startInstance(first);
        await servedSince(100);
        // Rolling release: the other one stops gracefully and comes back.
        const stopped = instances.get(second);
        stopped?.kill('SIGTERM');
        if (stopped !== undefined) assert.equal(await waitForExit(stopped), 0);
        await servedSince(100);
        await startInstance(second);
        await servedSince(100);
      }
    } finally {
      loading = false;
      await load;
    }
    console.log(`${served} pages served through nginx, ${failures.length} failed`);
    failed = failures.length > 0;
    assert.deepEqual(failures.slice(0, 10), [], 'no failed request seen by a client');
    assert.ok(served > 500);
  });
});
