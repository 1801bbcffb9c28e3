// Who can deploy: the `if:` guards of deploy.yml evaluated by GitHub's own expression engine
// (@actions/expressions, from actions/languageservices) against the events that can start it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/deploy-kit.js';

interface Step {
  name?: string;
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  permissions: unknown;
  jobs: Record<string, { if: string; permissions: Record<string, string>; steps: Step[] }>;
}

const readWorkflow = (file: string) =>
  parse(readFileSync(join(REPO_ROOT, '.github/workflows', file), 'utf8')) as Workflow;
const deploy = readWorkflow('deploy.yml');
const job = deploy.jobs.deploy;
assert.ok(job !== undefined);

const REPOSITORY = 'pur-beurre/pur-beurre';

/** Evaluates a workflow `if:` as GitHub does (a bare expression, or one inside `${{ }}`). */
function evaluate(condition: string, github: object, inputs: object = {}): boolean {
  const expression = condition.replace(/^\s*\$\{\{([\s\S]*)\}\}\s*$/, '$1');
  const lexed = new Lexer(expression).lex();
  const tree = new Parser(lexed.tokens, ['github', 'inputs'], []).parse();
  const context = JSON.parse(JSON.stringify({ github, inputs }), data.reviver) as data.Dictionary;
  return truthy(new Evaluator(tree, context).evaluate());
}

function workflowRun(run: object) {
  return {
    event_name: 'workflow_run',
    repository: REPOSITORY,
    ref: 'refs/heads/main',
    event: {
      workflow_run: {
        id: 42,
        conclusion: 'success',
        event: 'push',
        head_branch: 'main',
        head_sha: 'a'.repeat(40),
        head_repository: { full_name: REPOSITORY },
        ...run,
      },
    },
  };
}

describe('deploy.yml: only a push to main can deploy', () => {
  test('a green CI run of a push to main deploys', () => {
    assert.equal(evaluate(job.if, workflowRun({})), true);
  });

  test('a red CI run, a pull request from a fork, or a fork branch named main does not', () => {
    assert.equal(evaluate(job.if, workflowRun({ conclusion: 'failure' })), false);
    assert.equal(evaluate(job.if, workflowRun({ event: 'pull_request' })), false);
    assert.equal(
      evaluate(
        job.if,
        workflowRun({ event: 'pull_request', head_repository: { full_name: 'mallory/pur-beurre' } }),
      ),
      false,
    );
    assert.equal(
      evaluate(job.if, workflowRun({ event: 'push', head_repository: { full_name: 'mallory/pur-beurre' } })),
      false,
    );
    assert.equal(evaluate(job.if, workflowRun({ head_branch: 'feature' })), false);
  });

  test('by hand, only from main', () => {
    const dispatch = (ref: string) => ({ event_name: 'workflow_dispatch', repository: REPOSITORY, ref });
    assert.equal(evaluate(job.if, dispatch('refs/heads/main'), { action: 'deploy' }), true);
    assert.equal(evaluate(job.if, dispatch('refs/heads/feature'), { action: 'deploy' }), false);
  });

  test('ships the artefact of the CI run that triggered it, never "the latest green one"', () => {
    const download = job.steps.find((step) => step.uses?.startsWith('actions/download-artifact@'));
    assert.ok(download?.with !== undefined, 'the release comes from actions/download-artifact');
    assert.match(String(download.with['run-id']), /github\.event\.workflow_run\.id/);
    const checkout = job.steps.find((step) => step.uses?.startsWith('actions/checkout@'));
    assert.match(String(checkout?.with?.ref), /github\.event\.workflow_run\.head_sha/);
  });

  test('least privilege: no permissions by default, read-only for the job', () => {
    assert.deepEqual(deploy.permissions, {});
    assert.deepEqual(job.permissions, { contents: 'read', actions: 'read' });
  });
});

test('every action in every workflow is pinned by commit', () => {
  for (const file of ['ci.yml', 'deploy.yml']) {
    const workflow = readWorkflow(file);
    for (const [name, { steps }] of Object.entries(workflow.jobs)) {
      for (const { uses } of steps) {
        if (uses === undefined) continue;
        assert.match(
          uses,
          /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/,
          `${file} ${name}: ${uses} is not pinned by commit`,
        );
      }
    }
  }
});
