// The kit beyond one server (deploy/README.md "Beyond one server"): which host does what for a
// given inventory (Ansible itself evaluates the topology role), the database server's network
// files read by PostgreSQL, the load balancer's config read by HAProxy, and deploy.sh across
// several web servers against a stand-in ssh.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import {
  DEPLOY_DIR,
  formatRun,
  makeSelfSignedCertificate,
  makeTempDir,
  missingTool,
  renderKit,
  run,
} from '../support/deploy-kit.js';

const ENV = { ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: 'false' };

interface Role {
  db_local: boolean;
  db_client_addresses: string[];
  database_url: string;
  app_runs_refresh: boolean;
  app_runs_backups: boolean;
  app_secrets_host: string;
  firewall_open_web: boolean;
}

/** Each host's role for an inventory, as provision.yml's topology role computes it. */
async function rolesFor(inventory: string): Promise<Record<string, Role>> {
  const dir = makeTempDir('topology');
  writeFileSync(join(dir, 'inventory.ini'), inventory);
  writeFileSync(
    join(dir, 'roles.yml'),
    `- hosts: all
  gather_facts: false
  connection: local
  roles: [topology]
  tasks:
    - ansible.builtin.copy:
        dest: "${dir}/{{ inventory_hostname }}.json"
        content: "{{ {'db_local': db_local | bool, 'db_client_addresses': db_client_addresses,
          'database_url': (db_url_host ~ db_url_params), 'app_runs_refresh': app_runs_refresh | bool,
          'app_runs_backups': app_runs_backups | bool, 'app_secrets_host': app_secrets_host,
          'firewall_open_web': firewall_open_web | bool} | to_json }}"
        mode: "0644"
      delegate_to: localhost
`,
  );
  const result = await run('ansible-playbook', ['-i', join(dir, 'inventory.ini'), join(dir, 'roles.yml')], {
    cwd: DEPLOY_DIR,
    env: { ...ENV, ANSIBLE_ROLES_PATH: join(DEPLOY_DIR, 'roles') },
  });
  assert.equal(result.code, 0, formatRun(result));
  const roles: Record<string, Role> = {};
  for (const host of ['web1', 'web2', 'db', 'pur-beurre']) {
    const file = join(dir, `${host}.json`);
    if (existsSync(file)) roles[host] = JSON.parse(readFileSync(file, 'utf8')) as Role;
  }
  return roles;
}

describe('topology', () => {
  test('one [app] server runs everything, PostgreSQL on loopback only, as before', async (t) => {
    const skip = await missingTool('ansible-playbook');
    if (skip) return t.skip(skip);
    const roles = await rolesFor('[app]\npur-beurre ansible_host=203.0.113.10\n');
    assert.deepEqual(roles['pur-beurre'], {
      db_local: true,
      db_client_addresses: [],
      database_url: '127.0.0.1',
      app_runs_refresh: true,
      app_runs_backups: true,
      app_secrets_host: 'pur-beurre',
      firewall_open_web: true,
    });
  });

  test('[web] + [db]: the database accepts the web hosts’ private addresses, over TLS checked against its CA; refresh on the first web host, backups on the database host', async (t) => {
    const skip = await missingTool('ansible-playbook');
    if (skip) return t.skip(skip);
    const roles = await rolesFor(
      [
        '[web]',
        'web1 ansible_host=203.0.113.11 private_address=10.114.0.3',
        'web2 ansible_host=203.0.113.12 private_address=10.114.0.4',
        '[db]',
        'db ansible_host=203.0.113.10 private_address=10.114.0.2',
        '',
      ].join('\n'),
    );
    const url = '10.114.0.2?sslmode=verify-full&sslrootcert=/etc/ssl/certs/pur-beurre-db-ca.pem';
    assert.deepEqual(roles.db, {
      db_local: true,
      db_client_addresses: ['10.114.0.3', '10.114.0.4'],
      database_url: '127.0.0.1',
      app_runs_refresh: false,
      app_runs_backups: true,
      app_secrets_host: 'db',
      firewall_open_web: false,
    });
    for (const [host, refresh] of [
      ['web1', true],
      ['web2', false],
    ] as const) {
      assert.deepEqual(roles[host], {
        db_local: false,
        db_client_addresses: [host === 'web1' ? '10.114.0.4' : '10.114.0.3'],
        database_url: url,
        app_runs_refresh: refresh,
        app_runs_backups: false,
        // One session secret for all web hosts: a session opened on one is valid on the others.
        app_secrets_host: 'db',
        firewall_open_web: true,
      });
    }
  });

  test('provision.yml provisions a [db]-only host without nginx or instances, and web hosts with PostgreSQL only when they are the [db] host', () => {
    const playbook = readFileSync(join(DEPLOY_DIR, 'provision.yml'), 'utf8');
    assert.match(
      playbook,
      /hosts: "db:!web:!app"[\s\S]*?roles:\n {4}- role: topology\n {4}- role: base\n {6}tags: \[base\]\n {4}- role: postgresql\n {2}tasks:[\s\S]*?tasks_from: backup\.yml/,
    );
    assert.match(
      playbook,
      /hosts: "app:web"[\s\S]*- role: postgresql\n {6}when: db_local \| bool\n {4}- role: app\n {4}- role: nginx/,
    );
  });
});

describe('database server', () => {
  let kit = '';
  const version = ['17', '16', '15'].find((v) => existsSync(`/usr/lib/postgresql/${v}/bin/postgres`));

  before(async () => {
    kit = await renderKit({
      private_address: '10.114.0.2',
      db_client_addresses: ['10.114.0.3', '10.114.0.4'],
    });
  });

  test('pg_hba.conf: TLS and scram-sha-256 from each web host, for the app’s database and role only', () => {
    const lines = readFileSync(join(kit, 'postgresql/pg_hba.conf'), 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => line.split(/\s+/).join(' '));
    assert.deepEqual(lines, [
      'local all postgres peer',
      'local all all peer',
      'host all all 127.0.0.1/32 scram-sha-256',
      'host all all ::1/128 scram-sha-256',
      'local replication all peer',
      'hostssl pur_beurre pur_beurre 10.114.0.3/32 scram-sha-256',
      'hostssl pur_beurre pur_beurre 10.114.0.4/32 scram-sha-256',
    ]);
  });

  test('PostgreSQL parses pg_hba.conf and the network drop-in with no error (a real server)', async (t) => {
    if (!version) {
      if (process.env.CI === 'true') throw new Error('PostgreSQL server binaries are not installed');
      return t.skip('PostgreSQL server binaries are not installed');
    }
    const dir = makeTempDir('pg-hba');
    const data = join(dir, 'data');
    const certificate = await makeSelfSignedCertificate(dir, '10.114.0.2');
    const network = readFileSync(join(kit, 'postgresql/pur-beurre-network.conf'), 'utf8');
    // The drop-in as written, with this machine's stand-ins for the address and the files.
    const asOwner = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
    if (asOwner.length > 0) await run('chown', ['-R', 'postgres:', dir]);
    const bin = `/usr/lib/postgresql/${version}/bin`;
    const as = (command: string, args: string[]) => {
      const [first = '', ...rest] = [...asOwner, command, ...args];
      return run(first, rest);
    };
    const init = await as(`${bin}/initdb`, ['-D', data, '--auth=peer', '-U', 'postgres']);
    assert.equal(init.code, 0, formatRun(init));
    writeFileSync(
      join(data, 'postgresql.auto.conf'),
      network
        .replace(/^listen_addresses = .*$/m, "listen_addresses = ''")
        .replace(/^ssl_cert_file = .*$/m, `ssl_cert_file = '${certificate.cert}'`)
        .replace(/^ssl_key_file = .*$/m, `ssl_key_file = '${certificate.key}'`)
        .replace(/^port = .*$/m, 'port = 5432'),
    );
    writeFileSync(join(data, 'pg_hba.conf'), readFileSync(join(kit, 'postgresql/pg_hba.conf')));
    if (asOwner.length > 0) await run('chown', ['-R', 'postgres:', dir]);
    chmodSync(certificate.key, 0o600);
    const start = await as(`${bin}/pg_ctl`, [
      '-D',
      data,
      '-o',
      `-k ${dir}`,
      '-l',
      join(dir, 'log'),
      '-w',
      'start',
    ]);
    assert.equal(start.code, 0, `${formatRun(start)}\n${readFileSync(join(dir, 'log'), 'utf8')}`);
    try {
      const query = await as(`${bin}/psql`, [
        '-h',
        dir,
        '-U',
        'postgres',
        '-tA',
        '-c',
        "select coalesce(string_agg(line_number || ': ' || error, '; '), 'none') from pg_hba_file_rules where error is not null; show ssl; show password_encryption",
      ]);
      assert.equal(query.code, 0, formatRun(query));
      assert.deepEqual(query.stdout.trim().split('\n'), ['none', 'on', 'scram-sha-256']);
    } finally {
      await as(`${bin}/pg_ctl`, ['-D', data, '-m', 'immediate', 'stop']);
    }
  });
});

describe('web server', () => {
  test('the environment file gives bash (the release script, the pur-beurre command) the whole TLS URL, as systemd reads it', async (t) => {
    const skip = await missingTool('ansible-playbook');
    if (skip) return t.skip(skip);
    const params = '?sslmode=verify-full&sslrootcert=/etc/ssl/certs/pur-beurre-db-ca.pem';
    const kit = await renderKit({ db_url_host: '10.114.0.2', db_url_params: params });
    // Unquoted, the `&` ended the assignment: the migration ran on the embedded database while
    // the instances (systemd) read the server's, still at version 0.
    const sourced = await run('bash', [
      '-c',
      'set -a; . "$1"; set +a; printf %s "$DATABASE_URL"',
      'bash',
      join(kit, 'app/pur-beurre.env'),
    ]);
    assert.equal(sourced.code, 0, formatRun(sourced));
    assert.equal(
      sourced.stdout,
      `postgres://pur_beurre:rendered-db-password@10.114.0.2:5432/pur_beurre${params}`,
    );
  });
});

describe('load balancer', () => {
  test('haproxy -c accepts the front’s config: TCP to every web server, retried elsewhere on a failed connection', async (t) => {
    const skip = (await missingTool('haproxy')) || (await missingTool('ansible'));
    if (skip) return t.skip(skip);
    const dir = makeTempDir('front');
    const values = join(dir, 'values.json');
    writeFileSync(
      values,
      JSON.stringify({
        front_web_servers: [
          { name: 'web1', address: '10.114.0.3' },
          { name: 'web2', address: '10.114.0.4' },
        ],
        front_bind: '127.0.0.1',
        front_ports: [{ listen: 18443, to: 443 }],
      }),
    );
    const config = join(dir, 'haproxy.cfg');
    const rendered = await run(
      'ansible',
      [
        'localhost',
        '-c',
        'local',
        '-m',
        'template',
        '-a',
        `src=${join(DEPLOY_DIR, 'front/haproxy.cfg.j2')} dest=${config}`,
        '-e',
        `@${values}`,
      ],
      { env: ENV },
    );
    assert.equal(rendered.code, 0, formatRun(rendered));
    const checked = await run('haproxy', ['-c', '-f', config]);
    assert.equal(checked.code, 0, formatRun(checked));
    const text = readFileSync(config, 'utf8');
    assert.match(text, /mode tcp/);
    assert.match(text, /option redispatch\n\s+retries 3\n\s+timeout connect 1s/);
    assert.match(
      text,
      /bind 127\.0\.0\.1:18443\n\s+balance roundrobin\n\s+server web1 10\.114\.0\.3:443\n\s+server web2 10\.114\.0\.4:443/,
    );
  });
});

describe('deploy.sh across web servers', () => {
  /**
   * deploy.sh with a stand-in ssh that records each request and plays a server: `list` stars
   * its current release, `deploy` switches it (or fails where FAIL_ON names the host).
   */
  async function deployWith(hosts: string[], failOn = '') {
    const dir = makeTempDir('deploy-sh');
    const ssh = join(dir, 'ssh');
    writeFileSync(
      ssh,
      `#!/bin/bash
while [[ $1 == -* ]]; do shift 2; done
host=$1; shift
echo "$host $*" >>"${dir}/requests"
state="${dir}/$host.current"; [ -f "$state" ] || echo pur-beurre-0000000-old >"$state"
read -r verb name skip <<<"$*"
case $verb in
  pur-beurre-deploy)
    read -r _ verb name skip <<<"$*"
    case $verb in
      list) echo "* $(cat "$state")" ;;
      deploy) cat >/dev/null; [ "$host" != "${failOn}" ] || exit 1; echo "$name" >"$state" ;;
      rollback) echo "$name" >"$state" ;;
    esac ;;
esac
`,
    );
    chmodSync(ssh, 0o755);
    const tarball = join(dir, 'pur-beurre-1234567.tar.gz');
    writeFileSync(tarball, 'release');
    const args = hosts.flatMap((host) => ['--host', host]);
    const result = await run('bash', [join(DEPLOY_DIR, 'release/deploy.sh'), ...args, tarball], {
      env: { PATH: `${dir}:${process.env.PATH ?? ''}`, DEPLOY_SSH_OPTS: '' },
    });
    const requests = readFileSync(join(dir, 'requests'), 'utf8').trim().split('\n');
    const current = Object.fromEntries(
      hosts.map((host) => [host, readFileSync(join(dir, `${host}.current`), 'utf8').trim()]),
    );
    return { result, requests, current };
  }

  test('ships to each web server in turn; the first migrates, the others skip it', async () => {
    const { result, requests, current } = await deployWith(['deploy@web1', 'deploy@web2']);
    assert.equal(result.code, 0, formatRun(result));
    assert.deepEqual(
      requests.filter((request) => !request.endsWith(' list')),
      [
        'deploy@web1 pur-beurre-deploy deploy pur-beurre-1234567',
        'deploy@web2 pur-beurre-deploy deploy pur-beurre-1234567 skip-migrations',
      ],
    );
    assert.deepEqual(current, {
      'deploy@web1': 'pur-beurre-1234567',
      'deploy@web2': 'pur-beurre-1234567',
    });
  });

  test('a failure on the second server takes the first back to what it served before', async () => {
    const { result, requests, current } = await deployWith(
      ['deploy@web1', 'deploy@web2', 'deploy@web3'],
      'deploy@web2',
    );
    assert.equal(result.code, 1, formatRun(result));
    assert.match(result.stderr, /failed on deploy@web2/);
    assert.ok(requests.includes('deploy@web1 pur-beurre-deploy rollback pur-beurre-0000000-old'));
    assert.ok(!requests.some((request) => request.startsWith('deploy@web3 pur-beurre-deploy deploy')));
    assert.deepEqual(current, {
      'deploy@web1': 'pur-beurre-0000000-old',
      'deploy@web2': 'pur-beurre-0000000-old',
      'deploy@web3': 'pur-beurre-0000000-old',
    });
  });
});
