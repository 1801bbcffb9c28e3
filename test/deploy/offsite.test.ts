// The off-site copies (pur-beurre-offsite, rendered by the kit) with the real restic against a
// local repository standing in for the SFTP server or object store: encrypted, the retention
// applied, the newest dumps restored byte for byte, unreadable without the password.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatRun, makeTempDir, missingTool, renderKit, run } from '../support/deploy-kit.js';

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

test('the dumps go off-site encrypted, with retention, and come back intact', async (t) => {
  const skip = (await missingTool('restic')) || (await missingTool('ansible-playbook'));
  if (skip) return t.skip(skip);
  const work = makeTempDir('offsite');
  const repository = join(work, 'repository');
  const passwordFile = join(work, 'restic-password');
  writeFileSync(passwordFile, 'correct horse battery staple\n', { mode: 0o600 });
  const kit = await renderKit({
    backup_dir: join(work, 'backups'),
    backup_offsite_restic_repository: repository,
    backup_offsite_restic_password_file: passwordFile,
    backup_offsite_keep_daily: 2,
  });
  const script = join(kit, 'app/pur-beurre-offsite.sh');
  chmodSync(script, 0o755);
  const offsite = async (...args: string[]) => {
    const result = await run(script, args, { env: { RESTIC_CACHE_DIR: join(work, 'cache') } });
    assert.equal(result.code, 0, formatRun(result));
    return result.stdout;
  };
  const daily = join(work, 'backups/daily');
  mkdirSync(daily, { recursive: true });
  // Three nights (the same day here): a new dump each time, the oldest pruned as by pur-beurre-backup.
  const secret = 'colette@pur-beurre.test favourite 3017620422003';
  for (const night of [1, 2, 3]) {
    writeFileSync(join(daily, `pur_beurre-2026120${night}-023000.dump`), `dump ${night}: ${secret}\n`);
    await offsite('backup');
  }
  const snapshots = JSON.parse(
    (
      await run('restic', ['snapshots', '--json'], {
        env: {
          RESTIC_REPOSITORY: repository,
          RESTIC_PASSWORD_FILE: passwordFile,
          RESTIC_CACHE_DIR: join(work, 'cache'),
        },
      })
    ).stdout,
  ) as { hostname: string; tags: string[] }[];
  assert.equal(snapshots.length, 1, 'keep-daily 2: three snapshots of one day leave the newest');
  assert.deepEqual([snapshots[0]?.hostname, snapshots[0]?.tags], ['pur-beurre', ['pur-beurre']]);

  for (const file of filesUnder(repository))
    assert.doesNotMatch(
      readFileSync(file, 'latin1'),
      /colette@pur-beurre/,
      `${file} holds the data in clear`,
    );

  const restored = join(work, 'restored');
  await offsite('restore', restored);
  const dumps = filesUnder(restored)
    .filter((file) => file.endsWith('.dump'))
    .sort();
  assert.deepEqual(
    dumps.map((file) => readFileSync(file, 'utf8')),
    [1, 2, 3].map((night) => `dump ${night}: ${secret}\n`),
  );
  await offsite('check');

  writeFileSync(passwordFile, 'a wrong password\n');
  const refused = await run(script, ['snapshots'], { env: { RESTIC_CACHE_DIR: join(work, 'cache') } });
  assert.notEqual(refused.code, 0, 'readable without the password');
});
