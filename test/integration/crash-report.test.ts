import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { captureOutput } from '../support/cli.js';
import { type FakeSentry, startFakeSentry } from '../support/fake-sentry-server.js';
import { Resources } from '../support/resources.js';

const TSX = import.meta.resolve('tsx');
const CONFIG = import.meta.resolve('../../src/config.ts');
const SENTRY = import.meta.resolve('../../src/observability/sentry.ts');
const CRASHES = import.meta.resolve('../../src/observability/crash-reporter.ts');

/** A process wired as `serve` wires itself, that then fails the way `crash` says. */
function runCrashingProcess(dsn: string, crash: string): Promise<{ code: number | null; output: string }> {
  const script = `
    const { loadConfig } = await import(${JSON.stringify(CONFIG)});
    const { createSentryReporter } = await import(${JSON.stringify(SENTRY)});
    const { reportCrashes } = await import(${JSON.stringify(CRASHES)});
    const reporter = await createSentryReporter(loadConfig({ SENTRY_DSN: ${JSON.stringify(dsn)}, RELEASE: 'crash1' }, '/nonexistent/.env'));
    reportCrashes(reporter, { fatal: (_obj, msg) => process.stderr.write(msg + '\\n') });
    ${crash}
  `;
  const child = spawn(process.execPath, ['--import', TSX, '--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = captureOutput(child);
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, output: output() })));
}

describe('crash reports', () => {
  let sentry: FakeSentry;
  const resources = new Resources();
  before(async () => {
    sentry = resources.add(await startFakeSentry(), (s) => s.close());
  });
  after(() => resources.close());

  it('reports an uncaught exception to Sentry before exiting 1', async () => {
    const result = await runCrashingProcess(
      sentry.dsn,
      "setImmediate(() => { throw new RangeError('out of butter'); });",
    );
    assert.equal(result.code, 1, result.output);
    assert.match(result.output, /uncaught exception/);
    const event = sentry.events().find((e) => e.exception?.values[0]?.value === 'out of butter');
    assert.equal(event?.exception?.values[0]?.type, 'RangeError');
    assert.equal(event?.tags?.handled, 'no');
    assert.equal(event?.release, 'crash1');
  });

  it('reports an unhandled promise rejection the same way', async () => {
    const result = await runCrashingProcess(sentry.dsn, "Promise.reject(new Error('sour cream'));");
    assert.equal(result.code, 1, result.output);
    assert.ok(sentry.events().some((e) => e.exception?.values[0]?.value === 'sour cream'));
  });
});
