// The droplet's user data (deploy/cloud-init.yml) as cloud-init itself reads it: `cloud-init
// schema`, from Debian's cloud-init package (.ci/run installs it).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEPLOY_DIR, formatRun, makeTempDir, missingTool, run } from '../support/deploy-kit.js';

const USER_DATA = join(DEPLOY_DIR, 'cloud-init.yml');

test('cloud-init accepts the user data: the admin account with a key and sudo, no root or password login', async (t) => {
  const skip = await missingTool('cloud-init');
  if (skip) return t.skip(skip);
  const result = await run('cloud-init', ['schema', '--config-file', USER_DATA]);
  assert.equal(result.code, 0, formatRun(result));
  assert.match(result.stdout, /Valid cloud-config/);
  const text = readFileSync(USER_DATA, 'utf8');
  assert.match(text, /^#cloud-config\n/);
  assert.match(text, /- name: admin\n\s+groups: \[sudo\]/);
  assert.match(text, /^disable_root: true$/m);
  assert.match(text, /^ssh_pwauth: false$/m);
});

test('the schema check catches broken user data', async (t) => {
  const skip = await missingTool('cloud-init');
  if (skip) return t.skip(skip);
  const broken = join(makeTempDir('cloud-init'), 'user-data.yml');
  writeFileSync(broken, readFileSync(USER_DATA, 'utf8').replace('disable_root: true', 'disable_root: 3'));
  const result = await run('cloud-init', ['schema', '--config-file', broken]);
  assert.notEqual(result.code, 0, formatRun(result));
  assert.match(result.stdout + result.stderr, /disable_root: 3 is not of type 'boolean'/);
});
