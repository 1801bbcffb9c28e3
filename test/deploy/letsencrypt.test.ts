// The nginx role's certificate tasks (roles/nginx/tasks/certificate.yml), run by Ansible on this
// machine against a stand-in for certbot that records its arguments and issues a self-signed
// certificate for the names asked: a domain added later gets the certificate expanded, and the
// switch to Let's Encrypt's staging server (and back) replaces it.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { DEPLOY_DIR, formatRun, makeTempDir, missingTool, run } from '../support/deploy-kit.js';

const FAKE_CERTBOT = `#!/bin/bash
# Records its arguments, then "issues" a certificate for the -d names under --cert-name.
set -euo pipefail
echo "$*" >>"$CERTBOT_LOG"
names=() name='' issuer='Fake Lets Encrypt'
while [ $# -gt 0 ]; do
  case $1 in
    -d) names+=("DNS:$2"); shift 2 ;;
    --cert-name) name=$2; shift 2 ;;
    --test-cert) issuer='(STAGING) Fake Lets Encrypt'; shift ;;
    *) shift ;;
  esac
done
dir=$LIVE_DIR/$name
mkdir -p "$dir"
san=$(IFS=,; echo "\${names[*]}")
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \\
  -subj "/CN=$issuer" -addext "subjectAltName=$san" -keyout "$dir/privkey.pem" -out "$dir/fullchain.pem" 2>/dev/null
`;

describe('Let’s Encrypt certificate', () => {
  let skip: string | false = false;
  let work = '';
  const log = () =>
    existsSync(join(work, 'certbot.log')) ? readFileSync(join(work, 'certbot.log'), 'utf8') : '';

  /** Runs the role's certificate tasks; returns the certbot calls they made. */
  const provision = async (values: Record<string, unknown>): Promise<string[]> => {
    const before = log().split('\n').filter(Boolean).length;
    const valuesFile = join(work, 'values.json');
    writeFileSync(
      valuesFile,
      JSON.stringify({
        letsencrypt_webroot: join(work, 'webroot'),
        letsencrypt_email: 'ops@pur-beurre.test',
        letsencrypt_live_dir: join(work, 'live'),
        letsencrypt_staging: false,
        ...values,
      }),
    );
    const result = await run(
      'ansible-playbook',
      ['-i', 'localhost,', '-c', 'local', join(work, 'playbook.yml'), '-e', `@${valuesFile}`],
      {
        cwd: work,
        env: {
          ANSIBLE_NOCOLOR: '1',
          ANSIBLE_LOCALHOST_WARNING: 'false',
          PATH: `${join(work, 'bin')}:${process.env.PATH ?? ''}`,
          CERTBOT_LOG: join(work, 'certbot.log'),
          LIVE_DIR: join(work, 'live'),
        },
      },
    );
    assert.equal(result.code, 0, formatRun(result));
    return log().split('\n').filter(Boolean).slice(before);
  };

  before(async () => {
    skip = (await missingTool('ansible-playbook')) || (await missingTool('openssl'));
    if (skip) return;
    work = makeTempDir('letsencrypt');
    for (const dir of ['bin', 'webroot']) mkdirSync(join(work, dir));
    writeFileSync(join(work, 'bin/certbot'), FAKE_CERTBOT);
    chmodSync(join(work, 'bin/certbot'), 0o755);
    writeFileSync(
      join(work, 'playbook.yml'),
      `- hosts: localhost
  gather_facts: false
  tasks:
    - ansible.builtin.include_tasks: ${join(DEPLOY_DIR, 'roles/nginx/tasks/certificate.yml')}
`,
    );
  });

  test('asks once, expands when a domain is added, switches to staging and back', async (t) => {
    if (skip) return t.skip(skip);
    const first = await provision({ app_domains: ['pur-beurre.test'] });
    assert.equal(first.length, 1, first.join('\n'));
    assert.match(
      first[0] ?? '',
      /^certonly --webroot .*--cert-name pur-beurre\.test --expand -d pur-beurre\.test$/,
    );

    assert.deepEqual(await provision({ app_domains: ['pur-beurre.test'] }), [], 'nothing to ask again');

    const added = await provision({ app_domains: ['pur-beurre.test', 'www.pur-beurre.test'] });
    assert.equal(added.length, 1, added.join('\n'));
    assert.match(added[0] ?? '', /--expand -d pur-beurre\.test -d www\.pur-beurre\.test$/);
    assert.deepEqual(await provision({ app_domains: ['pur-beurre.test', 'www.pur-beurre.test'] }), []);

    const domains = ['pur-beurre.test', 'www.pur-beurre.test'];
    const staging = await provision({ app_domains: domains, letsencrypt_staging: true });
    assert.equal(staging.length, 1, staging.join('\n'));
    assert.match(staging[0] ?? '', /--expand --test-cert --break-my-certs --force-renewal -d /);
    assert.deepEqual(await provision({ app_domains: domains, letsencrypt_staging: true }), []);

    const production = await provision({ app_domains: domains });
    assert.equal(production.length, 1, production.join('\n'));
    assert.doesNotMatch(production[0] ?? '', /--test-cert/);
    assert.match(production[0] ?? '', /--expand --force-renewal -d /);
  });
});
