// Two apps on one server (deploy/README.md, "A second app on the same server"): the kit rendered
// for Pur Beurre and for a second app, pur-beurre-demo. Nothing the second installs may carry the
// first's names, and the tools that read both apps' files together accept them: nginx -t with
// both sites, promtool with both apps' rules; the first app's alerts ignore the second's metrics.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { parse } from 'yaml';
import {
  DEPLOY_DIR,
  formatRun,
  installNginxServer,
  installNginxSite,
  makeSelfSignedCertificate,
  makeTempDir,
  missingTool,
  renderKit,
  run,
} from '../support/deploy-kit.js';

const FIRST = 'pur-beurre';
const SECOND = 'pur-beurre-demo';
const kits: Record<string, string> = {};

before(async () => {
  const certDir = makeTempDir('cert');
  const first = await makeSelfSignedCertificate(certDir, 'pur-beurre.test');
  const common = { tls_certificate: first.cert, tls_certificate_key: first.key, app_instances: 2 };
  kits[FIRST] = await renderKit({
    ...common,
    app_domains: ['pur-beurre.test', 'www.pur-beurre.test'],
    nginx_cache_dir: join(makeTempDir('nginx-cache'), FIRST),
  });
  kits[SECOND] = await renderKit({
    ...common,
    app_name: SECOND,
    app_domains: ['demo.pur-beurre.test'],
    app_base_port: 8011,
    app_surge_port: 8199,
    nginx_cache_dir: join(makeTempDir('nginx-cache'), SECOND),
  });
});

const kitFile = (app: string, role: string, file: string) =>
  readFileSync(join(kits[app] ?? '', role, file), 'utf8');

// Rendered once per server whatever the apps: the same content for both, by design.
const SHARED = new Set([
  'nginx/server-http.conf',
  'nginx/catch-all.conf',
  'monitoring/machine.rules.yml',
  'monitoring/prometheus.yml',
  'monitoring/alertmanager.yml',
  'postgresql/pur-beurre.conf',
  // The database server's network and TLS (issue 15's [db] host): one PostgreSQL, every app's.
  'postgresql/pur-beurre-network.conf',
  'base/sshd-hardening.conf',
  'base/jail.local',
  'base/sudoers-admin',
]);

function renderedFiles(kit: string): string[] {
  return readdirSync(kit, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(kit.length + 1));
}

describe('two apps on one server', () => {
  test('every per-app file the second app renders names the second app only', () => {
    const kit = kits[SECOND] ?? '';
    const offenders: string[] = [];
    for (const file of renderedFiles(kit)) {
      if (SHARED.has(file)) continue;
      const text = readFileSync(join(kit, file), 'utf8')
        // The managed-by comment, the app's own metric names (emitted by the code, told apart
        // by the job label) and the release tarballs' prefix (the same code) are not app names.
        .replaceAll('Managed by the Pur Beurre deploy kit', '')
        // This test's own temporary paths and the test domains.
        .replace(/\/tmp\/pur-beurre-[\w-]+/g, '')
        .replaceAll('pur-beurre.test', '')
        .replace(/pur_beurre_(http_request_duration_seconds|load_shed_total)/g, '')
        .replaceAll("NAME_RE='^pur-beurre-", '')
        .replaceAll(': pur-beurre-<commit>', '');
      text.split('\n').forEach((line, index) => {
        if (/pur-beurre(?!-demo)|pur_beurre(?!_demo)/.test(line))
          offenders.push(`${file}:${index + 1}: ${line}`);
      });
    }
    assert.deepEqual(offenders, []);
  });

  test('the roles install per-app files under names derived from a variable, shared ones in server.yml', () => {
    const fixed: string[] = [];
    for (const role of ['app', 'nginx', 'monitoring', 'postgresql']) {
      const dir = join(DEPLOY_DIR, 'roles', role, 'tasks');
      for (const file of readdirSync(dir)) {
        if (file === 'server.yml') continue;
        const text = readFileSync(join(dir, file), 'utf8');
        for (const match of text.matchAll(/\b(dest|path): "?([^"\n]+)"?/g)) {
          const value = match[2] ?? '';
          if (!value.includes('{{')) fixed.push(`${role}/${file}: ${match[0]}`);
        }
      }
    }
    assert.deepEqual(fixed, []);
  });

  test('nginx -t accepts both apps’ sites, http settings and snippets beside one catch-all', async (t) => {
    const skip = await missingTool('nginx');
    if (skip) return t.skip(skip);
    const root = makeTempDir('nginx-two');
    installNginxServer(root, kits[FIRST] ?? '');
    installNginxSite(root, kits[FIRST] ?? '', FIRST);
    installNginxSite(root, kits[SECOND] ?? '', SECOND);
    const result = await run('nginx', ['-t', '-c', join(root, 'nginx.conf')]);
    assert.equal(result.code, 0, formatRun(result));
    const both = [FIRST, SECOND].map((app) => kitFile(app, 'nginx', 'pur-beurre.conf')).join('\n');
    assert.equal(both.match(/default_server/g), null, 'the catch-all is not in an app’s site');
    const second = kitFile(SECOND, 'nginx', 'pur-beurre-http.conf');
    assert.match(
      second,
      /upstream pur_beurre_demo \{\s+server 127\.0\.0\.1:8011 max_fails=0;\s+server 127\.0\.0\.1:8012/,
    );
    assert.match(second, /keys_zone=pur_beurre_demo_cache:/);
    assert.match(kitFile(SECOND, 'nginx', 'pur-beurre.conf'), /server_name demo\.pur-beurre\.test;/);
  });

  test('Prometheus: one job per app, rules of both apps and the machine’s load together', async (t) => {
    const skip = await missingTool('promtool');
    if (skip) return t.skip(skip);
    const dir = makeTempDir('prometheus-two');
    copyFileSync(join(kits[FIRST] ?? '', 'monitoring/machine.rules.yml'), join(dir, 'machine.rules.yml'));
    for (const app of [FIRST, SECOND]) {
      copyFileSync(join(kits[app] ?? '', 'monitoring/pur-beurre.rules.yml'), join(dir, `${app}.rules.yml`));
      mkdirSync(join(dir, 'apps'), { recursive: true });
      copyFileSync(
        join(kits[app] ?? '', 'monitoring/prometheus-targets.yml'),
        join(dir, 'apps', `${app}.yml`),
      );
    }
    const config = join(dir, 'prometheus.yml');
    writeFileSync(
      config,
      kitFile(FIRST, 'monitoring', 'prometheus.yml')
        .replace('/etc/prometheus/rules/', `${dir}/`)
        .replace('/etc/prometheus/apps/', `${dir}/apps/`),
    );
    const result = await run('promtool', ['check', 'config', config]);
    assert.equal(result.code, 0, formatRun(result));
    assert.doesNotMatch(result.stdout, /WARNING/);
    assert.match(result.stdout, /SUCCESS: 3 rule files found/);
    const targets = [FIRST, SECOND].map(
      (app) =>
        parse(kitFile(app, 'monitoring', 'prometheus-targets.yml')) as {
          labels: { job: string };
          targets: string[];
        }[],
    );
    assert.deepEqual(
      targets.map(([group]) => group?.labels.job),
      [FIRST, SECOND],
    );
    assert.deepEqual(
      targets.map(([group]) => group?.targets),
      [
        ['127.0.0.1:8001', '127.0.0.1:8002'],
        ['127.0.0.1:8011', '127.0.0.1:8012'],
      ],
    );
    const groups = [FIRST, SECOND].flatMap(
      (app) =>
        (parse(kitFile(app, 'monitoring', 'pur-beurre.rules.yml')) as { groups: { name: string }[] }).groups,
    );
    assert.deepEqual(
      groups.map((group) => group.name),
      ['pur-beurre-site', 'pur-beurre-jobs', 'pur-beurre-demo-site', 'pur-beurre-demo-jobs'],
    );

    // The second app failing and never backed up alerts for it, never for the first.
    writeFileSync(
      join(dir, 'two-apps.test.yml'),
      `rule_files: [${FIRST}.rules.yml, ${SECOND}.rules.yml]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'pur_beurre_http_request_duration_seconds_count{job="${FIRST}", status="200"}'
        values: "0+100x20"
      - series: 'pur_beurre_http_request_duration_seconds_count{job="${SECOND}", status="500"}'
        values: "0+100x20"
      - series: 'pur_beurre_backup_last_success_timestamp_seconds'
        values: "0x5000"
    alert_rule_test:
      - eval_time: 15m
        alertname: High5xxRatio
        exp_alerts:
          - exp_labels: { severity: critical, app: ${SECOND} }
            exp_annotations: { summary: "more than 5% of requests fail with a 5xx" }
      - eval_time: 3d
        alertname: BackupNeverSucceeded
        exp_alerts:
          - exp_labels: { severity: critical, app: ${SECOND} }
            exp_annotations: { summary: "no successful database backup recorded for 2 days" }
`,
    );
    const tested = await run('promtool', ['test', 'rules', 'two-apps.test.yml'], { cwd: dir });
    assert.equal(tested.code, 0, formatRun(tested));
  });

  test('each app has its own units, database, secrets, backups, lock and deploy gate', () => {
    const unit = kitFile(SECOND, 'app', 'pur-beurre@.service');
    for (const line of [
      'User=pur-beurre-demo',
      'EnvironmentFile=/etc/pur-beurre-demo/pur-beurre-demo.env',
      'StateDirectory=pur-beurre-demo',
      'ExecStart=/srv/pur-beurre-demo/current/node/bin/node --max-old-space-size=128 /srv/pur-beurre-demo/current/dist/cli/main.js serve',
    ])
      assert.ok(unit.split('\n').includes(line), `missing ${line}`);
    assert.match(
      kitFile(SECOND, 'app', 'pur-beurre.env'),
      /^DATABASE_URL=postgres:\/\/pur_beurre_demo:rendered-db-password@127\.0\.0\.1:5432\/pur_beurre_demo$/m,
    );
    assert.match(kitFile(SECOND, 'app', 'pur-beurre-backup.sh'), /^dir=\/var\/backups\/pur-beurre-demo$/m);
    assert.match(
      kitFile(SECOND, 'app', 'pur-beurre-release.sh'),
      /exec 9>\/run\/lock\/pur-beurre-demo-release\.lock/,
    );
    assert.match(kitFile(SECOND, 'app', 'pur-beurre-release.sh'), /^PORTS=\(8011 8012\)$/m);
    assert.match(
      kitFile(SECOND, 'base', 'sudoers-deploy'),
      /^deploy ALL=\(root\) NOPASSWD: \/usr\/local\/bin\/pur-beurre-demo-deploy ""$/m,
    );
    // The first app keeps the names it had before app_name was honoured (upgrade in place).
    assert.match(
      kitFile(FIRST, 'base', 'sudoers-deploy'),
      /NOPASSWD: \/usr\/local\/bin\/pur-beurre-deploy ""$/m,
    );
    assert.match(kitFile(FIRST, 'app', 'textfile-metric.sh'), /"\$dir\/pur_beurre_\$\{name\}\.prom"/);
    assert.match(kitFile(SECOND, 'app', 'textfile-metric.sh'), /"\$dir\/pur_beurre_demo_\$\{name\}\.prom"/);
  });
});
