import { readFileSync } from 'node:fs';

// Resolved from both `src/` (tsx) and `dist/` (compiled): each sits one level below the package root.
export const PACKAGE_ROOT = new URL('../', import.meta.url);

const manifest = JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')) as {
  version: string;
};

export const APP_NAME = 'PurBeurre';
export const APP_VERSION = manifest.version;
