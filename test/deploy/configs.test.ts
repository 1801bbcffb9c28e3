// Every file the kit installs on a server, rendered with test values and checked by the tool
// that reads it there: nginx, systemd, promtool, amtool, supervisord, cron, shellcheck.
import assert from 'node:assert/strict';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { before, describe, test } from 'node:test';
import {
  DEPLOY_DIR,
  formatRun,
  installNginxServer,
  installNginxSite,
  makeSelfSignedCertificate,
  makeTempDir,
  missingTool,
  REPO_ROOT,
  renderKit,
  run,
} from '../support/deploy-kit.js';

const DOMAINS = ['pur-beurre.test', 'www.pur-beurre.test'];
const CI_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIC1kZXBsb3kta2V5LWZvci1wdXItYmV1cnJlLWNp ci@pur-beurre.test';
const OPERATOR_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG9wZXJhdG9yLWtleS1mb3ItcHVyLWJldXJyZQ ops@pur-beurre.test';
let kit = '';
let certificate = { cert: '', key: '' };

const read = (role: string, file: string) => readFileSync(join(kit, role, file), 'utf8');

before(async () => {
  const certDir = makeTempDir('cert');
  certificate = await makeSelfSignedCertificate(certDir, DOMAINS[0] ?? '');
  const rendered = await renderKit({
    app_domains: DOMAINS,
    app_instances: 2,
    tls_certificate: certificate.cert,
    tls_certificate_key: certificate.key,
    alert_email_to: 'ops@pur-beurre.test',
    alert_smtp_smarthost: 'smtp.pur-beurre.test:587',
    alert_smtp_from: 'alerts@pur-beurre.test',
    alert_webhook_url: 'https://hooks.pur-beurre.test/alerts',
    alert_deadmans_switch_url: 'https://hc-ping.pur-beurre.test/0f0e0d0c',
    backup_offsite_command: '/usr/local/bin/copy-offsite',
    backup_offsite_restic_repository: 'sftp:backup@backup.pur-beurre.test:/srv/restic/pur-beurre',
    sentry_dsn: 'https://public@sentry.pur-beurre.test/1',
    nginx_rate_limit_exempt: ['192.0.2.10', '198.51.100.0/24'],
    // nginx -t creates the cache directory (and gives it to www-data when run as root).
    nginx_cache_dir: join(makeTempDir('nginx-cache'), 'pur-beurre'),
    postgresql_ram_mb: 2048,
    admin_authorized_keys: [OPERATOR_KEY],
    deploy_authorized_keys: [CI_KEY],
  });
  kit = rendered;
  // promtool resolves rule_files relative to the config and the tests; keep them side by side.
  for (const file of ['alerts.test.yml', 'alerts-days.test.yml']) {
    copyFileSync(join(REPO_ROOT, 'test/deploy', file), join(kit, 'monitoring', file));
  }
});

/** Each of `lines` is a whole line of `text`. */
function assertHasLines(text: string, lines: readonly string[]): void {
  for (const line of lines) assert.ok(text.split('\n').includes(line), `missing ${line}`);
}
describe('nginx', () => {
  test('nginx -t accepts the site, its snippets and http settings inside Debian’s nginx.conf', async (t) => {
    const skip = await missingTool('nginx');
    if (skip) return t.skip(skip);
    const root = makeTempDir('nginx');
    installNginxServer(root, kit);
    installNginxSite(root, kit, 'pur-beurre');
    const result = await run('nginx', ['-t', '-c', join(root, 'nginx.conf')]);
    assert.equal(result.code, 0, formatRun(result));
    assert.match(result.stderr, /test is successful/);
  });

  test('redirects HTTP to HTTPS except ACME, hides /metrics and refuses unknown hosts', () => {
    // One catch-all per server, outside every app's site.
    assert.match(
      read('nginx', 'catch-all.conf'),
      /listen 443 ssl default_server;\s+listen \[::\]:443 ssl default_server;\s+ssl_reject_handshake on;\s+return 444;/,
    );
    const site = read('nginx', 'pur-beurre.conf');
    assert.doesNotMatch(site, /default_server/);
    assert.match(site, /location \^~ \/\.well-known\/acme-challenge\/ \{\s+root \/var\/www\/letsencrypt;/);
    assert.match(site, /return 301 https:\/\/pur-beurre\.test\$request_uri;/);
    assert.match(site, /location \^~ \/metrics \{\s+return 404;/);
    assert.match(site, /alias \/srv\/pur-beurre\/current\/public\/;\s+expires 7d;/);
    for (const domain of DOMAINS)
      assert.match(site, new RegExp(`server_name ${domain.replaceAll('.', '\\.')};`));
    const headers = read('nginx', 'pur-beurre-headers.conf');
    assert.match(headers, /Strict-Transport-Security "max-age=63072000"/);
  });

  test('proxies to every instance with keep-alive, retries idempotent requests on the next one, never a 503', () => {
    const http = read('nginx', 'pur-beurre-http.conf');
    assert.match(http, /server 127\.0\.0\.1:8001 [^;]*;\s+server 127\.0\.0\.1:8002 [^;]*;/);
    assert.match(http, /server 127\.0\.0\.1:8099 backup max_fails=0;/);
    assert.match(http, /keepalive 16;/);
    assert.match(read('nginx', 'pur-beurre.conf'), /client_max_body_size 1m;/);
    const proxy = read('nginx', 'pur-beurre-proxy.conf');
    assert.match(proxy, /proxy_http_version 1\.1;\s+proxy_set_header Connection "";/);
    assert.match(proxy, /^proxy_next_upstream error timeout http_502 http_504;$/m);
    assert.match(proxy, /^proxy_set_header X-Request-Id \$request_id;$/m);
    // The app sets its own HSTS, Referrer-Policy and nosniff: nginx adds none to its answers.
    assert.doesNotMatch(
      proxy.replace(/#.*$/gm, ''),
      /pur-beurre-headers|Strict-Transport-Security|Referrer-Policy/,
    );
    assert.doesNotMatch(proxy, /non_idempotent/);
    const tls = read('nginx', 'pur-beurre-tls.conf');
    assert.match(tls, /ssl_protocols TLSv1\.2 TLSv1\.3;/);
  });
});

describe('nginx rate limits', () => {
  test('limits pages and API per client address, with a burst, answering 429', () => {
    const http = read('nginx', 'pur-beurre-http.conf');
    assert.match(http, /limit_req_zone \$pur_beurre_client zone=pur_beurre_pages:10m rate=5r\/s;/);
    assert.match(read('nginx', 'server-http.conf'), /limit_req_status 429;/);
    assert.match(
      http,
      /map \$pur_beurre_rate_limited \$pur_beurre_client \{\s+0 "";\s+default \$binary_remote_addr;/,
    );
    assert.match(http, /192\.0\.2\.10 0;\s+198\.51\.100\.0\/24 0;/, 'exempt addresses are not counted');
    const site = read('nginx', 'pur-beurre.conf');
    assert.match(
      site,
      /location \/ \{\s+limit_req zone=pur_beurre_pages burst=40 nodelay;\s+include snippets\/pur-beurre-proxy\.conf;/,
    );
    assert.match(site, /error_page 429 \/429\.html;/);
    assert.match(site, /location = \/429\.html \{\s+internal;/);
    assert.match(site, /add_header Retry-After 10 always;/);
  });

  test('static files, ACME challenges and redirects are never limited', () => {
    const site = read('nginx', 'pur-beurre.conf');
    // Only the proxied locations carry limit_req; nothing at server level would be inherited.
    const blocks = [...site.matchAll(/location ([^{]+)\{([^}]*)\}/g)];
    const limited = blocks
      .filter(([, , body]) => body?.includes('limit_req'))
      .map(([, where]) => where?.trim());
    assert.deepEqual(limited, ['/', '~ ^/(connexion|inscription)$']);
    for (const server of site.split(/^server \{/m).slice(1)) {
      const serverLevel = server.replace(/location [^{]+\{[^}]*\}/g, '');
      assert.doesNotMatch(serverLevel, /limit_req /);
    }
  });

  test('log-in and sign-up POSTs get a much lower rate than pages', () => {
    const http = read('nginx', 'pur-beurre-http.conf');
    assert.match(
      http,
      /map \$request_method \$pur_beurre_auth_client \{\s+POST \$pur_beurre_client;\s+default "";/,
    );
    assert.match(http, /limit_req_zone \$pur_beurre_auth_client zone=pur_beurre_auth:10m rate=10r\/m;/);
    const site = read('nginx', 'pur-beurre.conf');
    assert.match(
      site,
      /location ~ \^\/\(connexion\|inscription\)\$ \{\s+limit_req zone=pur_beurre_pages burst=40 nodelay;\s+limit_req zone=pur_beurre_auth burst=10 nodelay;/,
    );
  });
});

describe('nginx shared page cache', () => {
  // Behaviour on the real nginx: nginx-cache.test.ts. Here, what it must never lose.
  test('keeps only what the app marks with X-Accel-Expires, never for a session', () => {
    const http = read('nginx', 'pur-beurre-http.conf');
    assert.match(
      http,
      /proxy_cache_path \S+ levels=1:2 keys_zone=pur_beurre_cache:10m max_size=256m inactive=2m use_temp_path=off;/,
    );
    const proxy = read('nginx', 'pur-beurre-proxy.conf');
    assertHasLines(proxy, [
      'proxy_cache pur_beurre_cache;',
      'proxy_cache_key $scheme$host$request_uri;',
      'proxy_ignore_headers Cache-Control Expires Vary;',
      'proxy_set_header Accept-Encoding gzip;',
      'gunzip on;',
      'proxy_hide_header Vary;',
      'proxy_cache_bypass $cookie_pb_session;',
      'proxy_no_cache $cookie_pb_session;',
      'add_header X-Cache-Status $upstream_cache_status always;',
    ]);
    // proxy_cache_valid would keep unmarked answers; ignoring X-Accel-Expires or Set-Cookie,
    // personal ones. (Vary is ignored on purpose: the app's only one is Accept-Encoding, on the
    // visitors' pages it gzips, and nginx keeps one copy of each: nginx-cache.test.ts.)
    assert.doesNotMatch(
      proxy.replace(/#.*$/gm, ''),
      /proxy_cache_valid|proxy_ignore_headers[^;]*(X-Accel-Expires|Set-Cookie)/,
    );
    const site = read('nginx', 'pur-beurre.conf');
    assert.doesNotMatch(site, /proxy_cache/, 'cache settings live in the proxy snippet only');
  });

  test('the role creates the cache directory for nginx’s workers only, and ships the 429 and maintenance pages', () => {
    const defaults = readFileSync(join(DEPLOY_DIR, 'roles/nginx/defaults/main.yml'), 'utf8');
    assert.match(defaults, /^nginx_cache_dir: \/var\/cache\/nginx\/\{\{ app_name \}\}$/m);
    const tasks = readFileSync(join(DEPLOY_DIR, 'roles/nginx/tasks/main.yml'), 'utf8');
    assert.match(
      tasks,
      /path: "\{\{ nginx_cache_dir \}\}"\s+state: directory\s+owner: www-data\s+group: www-data\s+mode: "0700"/,
    );
    assert.match(
      tasks,
      /src: "\{\{ item \}\}"\s+dest: "\{\{ nginx_error_pages_dir \}\}\/\{\{ item \}\}"\s+mode: "0644"\s+loop: \[429\.html, maintenance\.html\]/,
    );
  });
});

describe('PostgreSQL', () => {
  // Debian's server binary (not on PATH) and the sample its clusters' postgresql.conf comes from.
  const version = ['17', '16', '15'].find((v) => existsSync(`/usr/lib/postgresql/${v}/bin/postgres`));

  test('the settings drop-in is sized from the RAM and the instances', () => {
    const conf = read('postgresql', 'pur-beurre.conf');
    // 2048 MB, 2 instances: (2 + surge + 2 jobs) x 10 + 10 connections; a quarter, a half, ...
    assertHasLines(conf, [
      'max_connections = 60',
      'shared_buffers = 512MB',
      'effective_cache_size = 1024MB',
      'work_mem = 8MB',
      'maintenance_work_mem = 256MB',
      'random_page_cost = 1.1',
    ]);
  });

  test('PostgreSQL reads the drop-in from conf.d after Debian’s postgresql.conf (postgres -C)', async (t) => {
    if (!version) {
      if (process.env.CI === 'true') throw new Error('PostgreSQL server binaries are not installed');
      return t.skip('PostgreSQL server binaries are not installed');
    }
    const dir = makeTempDir('postgresql');
    const sample = readFileSync(`/usr/share/postgresql/${version}/postgresql.conf.sample`, 'utf8');
    // As on a Debian cluster: the sample, then `include_dir = 'conf.d'` (pg_createcluster).
    writeFileSync(join(dir, 'postgresql.conf'), `${sample}\ninclude_dir = 'conf.d'\n`);
    mkdirSync(join(dir, 'conf.d'));
    copyFileSync(join(kit, 'postgresql/pur-beurre.conf'), join(dir, 'conf.d/pur-beurre.conf'));
    // The server refuses to run as root, even to print a setting.
    const asOwner = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
    if (asOwner.length > 0) await run('chown', ['-R', 'postgres:', dir]);
    const show = async (name: string) => {
      const [command = '', ...args] = [
        ...asOwner,
        `/usr/lib/postgresql/${version}/bin/postgres`,
        '-D',
        dir,
        '-C',
        name,
      ];
      const result = await run(command, args);
      assert.equal(result.code, 0, formatRun(result));
      return result.stdout.trim();
    };
    // PostgreSQL 15 prints raw units (8 kB pages, kB), later versions with a unit.
    assert.match(await show('shared_buffers'), /^(65536|512MB)$/);
    assert.match(await show('max_connections'), /^60$/);
    assert.match(await show('effective_cache_size'), /^(131072|1GB)$/);
    assert.match(await show('work_mem'), /^(8192|8MB)$/);
    assert.match(await show('maintenance_work_mem'), /^(262144|256MB)$/);
    assert.match(await show('random_page_cost'), /^1\.1$/);
  });
});

describe('systemd', () => {
  test('systemd-analyze verify accepts every unit, with no warning', async (t) => {
    const skip = await missingTool('systemd-analyze');
    if (skip) return t.skip(skip);
    // A root with the system's own units and stand-ins for the commands the units run, since
    // verify checks that each ExecStart= binary exists.
    const root = makeTempDir('systemd');
    cpSync('/usr/lib/systemd/system', join(root, 'usr/lib/systemd/system'), { recursive: true });
    const unitDir = join(root, 'etc/systemd/system');
    mkdirSync(unitDir, { recursive: true });
    const units: string[] = [];
    for (const role of ['app', 'monitoring']) {
      for (const file of readdirSync(join(kit, role))) {
        if (!/\.(service|timer)$/.test(file)) continue;
        const text = readFileSync(join(kit, role, file), 'utf8');
        writeFileSync(join(unitDir, file), text);
        units.push(file.replace('@.service', '@8001.service'));
        for (const [, command] of text.matchAll(/^Exec\w+=[-+!@]*(\/\S+)/gm)) {
          const path = join(root, command ?? '');
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, '#!/bin/sh\n');
          chmodSync(path, 0o755);
        }
      }
    }
    assert.ok(units.length >= 8, `units found: ${units.join(', ')}`);
    const result = await run('systemd-analyze', ['verify', `--root=${root}`, '--man=no', ...units], {
      cwd: unitDir,
    });
    assert.equal(result.code, 0, formatRun(result));
    // Unknown keys and bad values are only warnings for systemd: treat them as failures.
    assert.equal(result.stderr.trim(), '', result.stderr);
  });

  test('the web instances run hardened, as their own user, restarted on failure', () => {
    const unit = read('app', 'pur-beurre@.service');
    assertHasLines(unit, [
      'User=pur-beurre',
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
      'PrivateTmp=yes',
      'Restart=on-failure',
      'RestartSec=1s',
      'StartLimitIntervalSec=2min',
      'StartLimitBurst=5',
      'EnvironmentFile=/etc/pur-beurre/pur-beurre.env',
      'Environment=HOST=127.0.0.1 PORT=%i',
      'ExecStart=/srv/pur-beurre/current/node/bin/node --max-old-space-size=128 /srv/pur-beurre/current/dist/cli/main.js serve',
    ]);
  });

  test('the weekly refresh is persistent, randomised and reports its failures', () => {
    const timer = read('app', 'pur-beurre-update.timer');
    assert.match(timer, /^OnCalendar=Mon \*-\*-\* 04:00:00$/m);
    assert.match(timer, /^Persistent=true$/m);
    assert.match(timer, /^RandomizedDelaySec=1h$/m);
    const service = read('app', 'pur-beurre-update.service');
    assert.match(service, /^OnFailure=pur-beurre-failure@%n\.service$/m);
    assert.match(service, /dist\/cli\/main\.js update$/m);
    assert.match(
      service,
      /^ExecStartPost=\+\/usr\/local\/lib\/pur-beurre\/textfile-metric update_last_success/m,
    );
  });

  test('each nightly backup is pushed off-site, as root outside the sandbox, and its success recorded', () => {
    const service = read('app', 'pur-beurre-backup.service');
    assertHasLines(service, [
      'User=postgres',
      'ExecStartPost=+/usr/local/sbin/pur-beurre-offsite backup',
      'ExecStartPost=+/usr/local/lib/pur-beurre/textfile-metric offsite_last_success_timestamp_seconds',
    ]);
    assert.match(
      read('app', 'pur-beurre-offsite.sh'),
      /^export RESTIC_REPOSITORY=sftp:backup@backup\.pur-beurre\.test:\/srv\/restic\/pur-beurre$/m,
    );
  });

  test('the environment file holds the production settings', () => {
    const env = read('app', 'pur-beurre.env');
    assert.match(
      env,
      /^DATABASE_URL=postgres:\/\/pur_beurre:rendered-db-password@127\.0\.0\.1:5432\/pur_beurre$/m,
    );
    assert.match(env, /^SESSION_SECRET=\S{32,}$/m);
    assert.match(env, /^OFF_USER_AGENT_CONTACT=\S+$/m);
    assert.match(env, /^SENTRY_DSN=https:\/\/public@sentry\.pur-beurre\.test\/1$/m);
    assert.doesNotMatch(env, /^PORT=/m, 'PORT is per instance, set by the unit');
  });
});

describe('Prometheus and Alertmanager', () => {
  test('promtool accepts the Prometheus config and its rules', async (t) => {
    const skip = await missingTool('promtool');
    if (skip) return t.skip(skip);
    const config = join(kit, 'monitoring/prometheus.yml');
    // Point rule_files at the rendered rules so `check config` checks them too.
    // The app's targets file where file_sd_configs reads it, so that `check config` reads it too.
    const apps = join(kit, 'monitoring/apps');
    mkdirSync(apps, { recursive: true });
    copyFileSync(join(kit, 'monitoring/prometheus-targets.yml'), join(apps, 'pur-beurre.yml'));
    writeFileSync(
      config,
      readFileSync(config, 'utf8')
        .replace('/etc/prometheus/rules/', `${join(kit, 'monitoring')}/`)
        .replace('/etc/prometheus/apps/', `${apps}/`),
    );
    const result = await run('promtool', ['check', 'config', config]);
    assert.equal(result.code, 0, formatRun(result));
    assert.doesNotMatch(result.stdout, /WARNING/);
    // The machine's rules (one file per server) and the app's.
    assert.match(result.stdout, /machine\.rules\.yml\n\s+SUCCESS: 5 rules found/);
    assert.match(result.stdout, /pur-beurre\.rules\.yml\n\s+SUCCESS: 8 rules found/);
    assert.match(
      read('monitoring', 'prometheus-targets.yml'),
      /job: "pur-beurre"\s+targets: \["127\.0\.0\.1:8001", "127\.0\.0\.1:8002"\]/,
    );
  });

  test('promtool test rules: each alert fires when it should, and only then', async (t) => {
    const skip = await missingTool('promtool');
    if (skip) return t.skip(skip);
    const result = await run('promtool', ['test', 'rules', 'alerts.test.yml', 'alerts-days.test.yml'], {
      cwd: join(kit, 'monitoring'),
    });
    assert.equal(result.code, 0, formatRun(result));
  });

  test('amtool accepts the Alertmanager config with e-mail and webhook receivers', async (t) => {
    const skip = await missingTool('amtool');
    if (skip) return t.skip(skip);
    const config = join(kit, 'monitoring/alertmanager.yml');
    const result = await run('amtool', ['check-config', config]);
    assert.equal(result.code, 0, formatRun(result));
    const text = readFileSync(config, 'utf8');
    assert.match(text, /to: "ops@pur-beurre\.test"/);
    assert.match(text, /url: "https:\/\/hooks\.pur-beurre\.test\/alerts"/);
  });

  test('amtool routes the Watchdog to the dead man’s switch only, every other alert to the operator', async (t) => {
    const skip = await missingTool('amtool');
    if (skip) return t.skip(skip);
    const config = join(kit, 'monitoring/alertmanager.yml');
    const route = async (...labels: string[]) => {
      const result = await run('amtool', ['config', 'routes', 'test', `--config.file=${config}`, ...labels]);
      assert.equal(result.code, 0, formatRun(result));
      return result.stdout.trim();
    };
    assert.equal(await route('alertname=Watchdog', 'severity=none'), 'deadmans-switch');
    assert.equal(await route('alertname=InstanceDown', 'severity=critical'), 'operator');
    assert.match(
      read('monitoring', 'alertmanager.yml'),
      /- name: deadmans-switch\s+webhook_configs:\s+- url: "https:\/\/hc-ping\.pur-beurre\.test\/0f0e0d0c"\s+send_resolved: false/,
    );
  });
});

describe('the CI key and the operator', () => {
  test('visudo accepts both sudo rules: the CI account may run the deploy gate only, without arguments', async (t) => {
    const skip = await missingTool('visudo');
    if (skip) return t.skip(skip);
    for (const file of ['sudoers-deploy', 'sudoers-admin']) {
      const result = await run('visudo', ['-cf', join(kit, 'base', file)]);
      assert.equal(result.code, 0, formatRun(result));
    }
    const rules = (file: string) =>
      read('base', file)
        .split('\n')
        .filter((line) => line !== '' && !line.startsWith('#'));
    assert.deepEqual(rules('sudoers-deploy'), [
      'Defaults!/usr/local/bin/pur-beurre-deploy env_keep += "SSH_ORIGINAL_COMMAND"',
      'deploy ALL=(root) NOPASSWD: /usr/local/bin/pur-beurre-deploy ""',
    ]);
    assert.deepEqual(rules('sudoers-admin'), ['admin ALL=(ALL) NOPASSWD:ALL']);
  });

  test('each CI key is forced to the deploy gate, with no shell, pty or forwarding', () => {
    const keys = read('base', 'deploy-authorized-keys')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'));
    assert.deepEqual(keys, [`command="sudo -n /usr/local/bin/pur-beurre-deploy",restrict ${CI_KEY}`]);
    const tasks = readFileSync(join(DEPLOY_DIR, 'roles/base/tasks/main.yml'), 'utf8');
    assert.match(tasks, /name: "\{\{ deploy_user \}\}"\s+shell: \/bin\/bash\s+groups: ""\s+append: false/);
  });

  test('the deploy gate refuses anything but deploy NAME [skip-migrations], rollback [NAME] and list', async () => {
    const gate = join(kit, 'base', 'pur-beurre-deploy.sh');
    chmodSync(gate, 0o755);
    const refused = [
      '', // ssh with no command: a shell
      'id',
      'bash',
      'pur-beurre-deploy',
      'pur-beurre-deploy list; id',
      'pur-beurre-deploy list && id',
      'pur-beurre-deploy deploy $(id)',
      'pur-beurre-deploy deploy pur-beurre-0123456789ab;id',
      'pur-beurre-deploy deploy ../../../etc/passwd',
      'pur-beurre-deploy deploy pur-beurre-../../x',
      'pur-beurre-deploy deploy pur-beurre-nothex',
      'pur-beurre-deploy deploy',
      'pur-beurre-deploy rollback ../../etc',
      'pur-beurre-deploy install /tmp/x.tar.gz',
      'pur-beurre-deploy restart',
      'deploy pur-beurre-0123456789ab extra',
      'pur-beurre-deploy deploy pur-beurre-0123456789ab skip',
      'pur-beurre-deploy list skip-migrations',
      'pur-beurre-deploy  list',
      'pur-beurre-deploy list\nid',
      'scp -t /tmp',
      'rsync --server . /tmp',
    ];
    for (const request of refused) {
      const result = await run(gate, [], { env: { SSH_ORIGINAL_COMMAND: request } });
      assert.equal(result.code, 2, `${JSON.stringify(request)}: ${formatRun(result)}`);
      assert.match(result.stderr, /^pur-beurre-deploy: refused: /, JSON.stringify(request));
      assert.equal(result.stdout, '');
    }
    // Arguments (an operator's call) are checked the same way.
    const result = await run(gate, ['deploy', '../x']);
    assert.equal(result.code, 2, formatRun(result));
    // What deploy.sh sends passes the gate (which then fails here, with no release script or
    // tarball: stdin is empty).
    const accepted = [
      'pur-beurre-deploy deploy pur-beurre-0123456789ab',
      'pur-beurre-deploy deploy pur-beurre-0123456789ab skip-migrations',
      'pur-beurre-deploy rollback pur-beurre-0123456789ab',
      'pur-beurre-deploy list',
    ];
    for (const request of accepted) {
      const passed = await run('sh', ['-c', 'exec "$0" </dev/null', gate], {
        env: { SSH_ORIGINAL_COMMAND: request },
      });
      assert.doesNotMatch(passed.stderr, /refused/, `${request}: ${formatRun(passed)}`);
    }
  });
});

describe('alternatives and scripts', () => {
  test('supervisord parses the supervisor alternative: one program per instance', async (t) => {
    const skip = await missingTool('supervisord');
    if (skip) return t.skip(skip);
    const dir = makeTempDir('supervisor');
    const main = join(dir, 'supervisord.conf');
    writeFileSync(
      main,
      `[supervisord]\nlogfile=${dir}/supervisord.log\n[include]\nfiles = ${join(kit, 'app/pur-beurre.supervisor.conf')}\n`,
    );
    const script = `from supervisor.options import ServerOptions
o = ServerOptions(); o.realize(['-c', '${main}'])
for g in o.process_group_configs:
    for p in g.process_configs: print(g.name, p.name, p.command)`;
    // supervisord's own Python (Debian's), whatever python3 comes first on PATH.
    const python = readFileSync((await run('sh', ['-c', 'command -v supervisord'])).stdout.trim(), 'utf8')
      .split('\n')[0]
      ?.replace(/^#!\s*/, '')
      .trim();
    const result = await run(python ?? 'python3', ['-c', script]);
    assert.equal(result.code, 0, formatRun(result));
    assert.match(
      result.stdout,
      /pur-beurre pur-beurre-8001 \/usr\/bin\/env HOST=127\.0\.0\.1 PORT=8001 NODE_OPTIONS=--max-old-space-size=128 \/usr\/local\/bin\/pur-beurre serve/,
    );
    assert.match(result.stdout, /pur-beurre pur-beurre-8002 /);
  });

  test('crontab -n accepts the cron alternative', async (t) => {
    const skip = await missingTool('crontab');
    if (skip) return t.skip(skip);
    const cronD = read('app', 'pur-beurre.cron');
    // /etc/cron.d lines carry a user field that user crontabs don't: check it, then drop it.
    const entries = cronD.split('\n').filter((line) => /^[\d*]/.test(line));
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.split(/\s+/)[5], 'root');
    // No mail transport on the server: no MAILTO promise; failures reported like the timer's.
    assert.match(cronD, /^MAILTO=""$/m);
    assert.match(
      entries[0] ?? '',
      /systemd-cat -t pur-beurre-update .*\|\| \/usr\/local\/lib\/pur-beurre\/on-failure pur-beurre-update\.service$/,
    );
    const asUserCrontab = cronD.replace(/^((?:\S+\s+){5})root\s+/m, '$1');
    const file = join(makeTempDir('cron'), 'crontab');
    writeFileSync(file, asUserCrontab);
    const result = await run('crontab', ['-n', file]);
    assert.equal(result.code, 0, formatRun(result));
  });

  test('shellcheck accepts every shell script of the kit', async (t) => {
    const skip = await missingTool('shellcheck');
    if (skip) return t.skip(skip);
    const scripts = [
      ...['base', 'app', 'monitoring'].flatMap((role) =>
        readdirSync(join(kit, role))
          .filter((file) => file.endsWith('.sh'))
          .map((file) => join(kit, role, file)),
      ),
      ...readdirSync(join(DEPLOY_DIR, 'release'))
        .filter((file) => file.endsWith('.sh'))
        .map((file) => join(DEPLOY_DIR, 'release', file)),
      ...readdirSync(join(DEPLOY_DIR, 'test-server'))
        .filter((file) => file.endsWith('.sh'))
        .map((file) => join(DEPLOY_DIR, 'test-server', file)),
    ];
    assert.ok(scripts.length >= 7, scripts.join(', '));
    const result = await run('shellcheck', ['--shell=bash', '--severity=style', ...scripts]);
    assert.equal(result.code, 0, formatRun(result));
  });
});
