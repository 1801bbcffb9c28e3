// The team's read-only folder (off-samples, gen-off.mjs): `../shared` beside the repository, or
// PUR_BEURRE_SHARED for a checkout that lives elsewhere (.ci/run sets it for a clone in /tmp).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED_DIR = `${
  process.env.PUR_BEURRE_SHARED === undefined || process.env.PUR_BEURRE_SHARED === ''
    ? fileURLToPath(new URL('../../../shared', import.meta.url))
    : resolve(process.env.PUR_BEURRE_SHARED)
}/`;
