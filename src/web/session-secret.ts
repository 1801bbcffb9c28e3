// The embedded mode needs no configuration: without SESSION_SECRET it makes one on the first start
// and keeps it in DATA_DIR (mode 0600), so sessions survive a restart. Production sets its own.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { createDataDir } from '../db/data-dir-lock.js';

export const SECRET_FILE = 'session-secret';

export function resolveSessionSecrets(config: Pick<Config, 'sessionSecrets' | 'dataDir'>): string[] {
  if (config.sessionSecrets.length > 0) return [...config.sessionSecrets];
  const path = join(config.dataDir, SECRET_FILE);
  if (existsSync(path)) {
    const stored = readFileSync(path, 'utf8').trim();
    if (stored.length >= 32) return [stored];
  }
  createDataDir(config.dataDir);
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return [secret];
}
