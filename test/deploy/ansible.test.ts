// The playbooks as Ansible reads them: syntax, and ansible-lint's production profile.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEPLOY_DIR, formatRun, missingTool, run } from '../support/deploy-kit.js';

const PLAYBOOKS = ['provision.yml', 'render-configs.yml'];
const ENV = { ANSIBLE_NOCOLOR: '1' };

test('ansible-playbook --syntax-check accepts the playbooks', async (t) => {
  const skip = await missingTool('ansible-playbook');
  if (skip) return t.skip(skip);
  const result = await run(
    'ansible-playbook',
    ['-i', 'inventory.example.ini', '--syntax-check', ...PLAYBOOKS],
    {
      cwd: DEPLOY_DIR,
      env: ENV,
    },
  );
  assert.equal(result.code, 0, formatRun(result));
});

test('ansible-lint finds nothing at the production profile', async (t) => {
  const skip = await missingTool('ansible-lint');
  if (skip) return t.skip(skip);
  const result = await run('ansible-lint', ['--profile=production', '--nocolor', ...PLAYBOOKS], {
    cwd: DEPLOY_DIR,
    env: ENV,
  });
  assert.equal(result.code, 0, formatRun(result));
});
