// The Chromium the end-to-end tests drive with playwright-core (which downloads no browser): the
// machine's (Debian's /usr/bin/chromium, or chromium, chromium-browser, google-chrome on PATH, or
// macOS' apps), else the one the npm package @sparticuz/chromium ships (linux-x64, brotli-packed:
// unpacked once into a cache folder in the temporary directory). TEST_BINARIES=npm forces the npm
// one, TEST_BINARIES=system forbids it (as for PostgreSQL, see postgres-cluster.ts).
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { binariesChoice } from './postgres-cluster.js';

/** The flags the tests launch Chromium with. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** A browser that has not started by then will not: fail the test instead of waiting 3 minutes. */
const LAUNCH_TIMEOUT_MS = 30_000;

export interface ChromiumBinary {
  executablePath: string;
  source: 'system' | 'npm';
  /** Extra environment for the browser process (the npm build's libraries and fonts). */
  env: Record<string, string>;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function systemChromium(): string | undefined {
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir !== '')
    .flatMap((dir) =>
      ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'].map((name) =>
        join(dir, name),
      ),
    );
  return [
    '/usr/bin/chromium',
    ...onPath,
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ].find(isExecutable);
}

const NPM_PACKAGE = '@sparticuz/chromium';

/**
 * Unpacks @sparticuz/chromium's browser (about 4 s the first time) into
 * <tmpdir>/pur-beurre-chromium-<version>-<uid>, made whole in a folder of its own then renamed,
 * so an interrupted run never leaves half a browser behind for the next.
 */
export async function npmChromium(): Promise<ChromiumBinary | undefined> {
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  let entry: string;
  try {
    entry = fileURLToPath(import.meta.resolve(NPM_PACKAGE));
  } catch {
    return undefined;
  }
  const root = packageRoot(entry);
  const packed = join(root, 'bin');
  if (!existsSync(join(packed, 'chromium.br'))) return undefined;
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const cache = join(tmpdir(), `pur-beurre-chromium-${version}-${process.getuid?.() ?? 0}`);
  const env = {
    // The build's own NSS and expat (a machine with only Node has none), and its fonts.
    LD_LIBRARY_PATH: [join(cache, 'al2023', 'lib'), process.env.LD_LIBRARY_PATH ?? '']
      .filter((dir) => dir !== '')
      .join(':'),
    FONTCONFIG_FILE: join(cache, 'fonts.conf'),
  };
  const executablePath = join(cache, 'chromium');
  if (existsSync(executablePath)) return { executablePath, source: 'npm', env };

  const partial = `${cache}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  // The package's own unpacker: its main module unpacks the system libraries only on Amazon Linux.
  const { inflate } = (await import(pathToFileURL(join(root, 'build', 'esm', 'lambdafs.js')).href)) as {
    inflate: (file: string) => Promise<string>;
  };
  // inflate() unpacks into os.tmpdir(): point it at the folder being made, for this call only.
  const savedTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = partial;
  try {
    await Promise.all(
      ['chromium.br', 'fonts.tar.br', 'swiftshader.tar.br', 'al2023.tar.br'].map((file) =>
        inflate(join(packed, file)),
      ),
    );
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  } finally {
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
  }
  writeFileSync(
    join(partial, 'fonts.conf'),
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>${join(cache, 'fonts')}</dir>
  <dir>/usr/share/fonts</dir>
  <dir>/usr/local/share/fonts</dir>
  <cachedir>${join(cache, 'fonts-cache')}</cachedir>
</fontconfig>
`,
  );
  try {
    renameSync(partial, cache);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    // Another process made it first.
    if (!existsSync(executablePath)) throw error;
  }
  return { executablePath, source: 'npm', env };
}

/** The folder of the package an entry file belongs to (its layout under it changes between versions). */
function packageRoot(entry: string): string {
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && basename(dirname(dir)) === '@sparticuz') return dir;
  }
  throw new Error(`${NPM_PACKAGE}: no package folder above ${entry}`);
}

export async function findChromium(): Promise<ChromiumBinary> {
  const choice = binariesChoice();
  if (choice !== 'npm') {
    const executablePath = systemChromium();
    if (executablePath !== undefined) return { executablePath, source: 'system', env: {} };
  }
  if (choice !== 'system') {
    const binary = await npmChromium();
    if (binary !== undefined) return binary;
  }
  const where = {
    auto: `not /usr/bin/chromium, nor chromium, chromium-browser or google-chrome on PATH, and the npm package ${NPM_PACKAGE} (a devDependency, linux-x64 only) is not installed`,
    system:
      'not /usr/bin/chromium, nor chromium, chromium-browser or google-chrome on PATH (TEST_BINARIES=system)',
    npm: `the npm package ${NPM_PACKAGE} (a devDependency, linux-x64 only) is not installed (TEST_BINARIES=npm)`,
  }[choice];
  throw new Error(
    `No Chromium for the end-to-end tests: ${where}. ${
      choice === 'system'
        ? 'Install Chromium (Debian: apt-get install chromium), or unset TEST_BINARIES to use the npm package’s.'
        : 'Run `npm ci`, or install Chromium (Debian: apt-get install chromium).'
    }`,
  );
}

/**
 * Launches Chromium headless with CHROMIUM_ARGS and `extraArgs` (e.g. fake-camera.ts's); fails
 * within LAUNCH_TIMEOUT_MS saying which browser would not start.
 */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  const binary = await findChromium();
  try {
    return await chromium.launch({
      executablePath: binary.executablePath,
      args: [...CHROMIUM_ARGS, ...extraArgs],
      env: { ...process.env, ...binary.env },
      timeout: LAUNCH_TIMEOUT_MS,
    });
  } catch (error) {
    throw new Error(
      `Chromium (${binary.source}: ${binary.executablePath}) did not launch: ${(error as Error).message}\n` +
        (binary.source === 'npm'
          ? `Its unpacked copy can be deleted (${dirname(binary.executablePath)}) to unpack it again; or install Chromium (Debian: apt-get install chromium).`
          : 'Set TEST_BINARIES=npm to use the npm package @sparticuz/chromium instead.'),
    );
  }
}
