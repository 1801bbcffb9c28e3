// The deploy kit's static checks: each config is checked by the tool that will read it in
// production. Tools come from Debian packages that .ci/run installs; on a developer machine
// without one, its checks are skipped (in CI, CI=true, a missing tool fails instead).
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEPLOY_DIR = join(REPO_ROOT, 'deploy');

const execFileAsync = promisify(execFile);

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command; never throws on a non-zero exit (the caller asserts on the result). */
export async function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<RunResult> {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number | string; stdout?: string; stderr?: string };
    if (failure.code === 'ENOENT') throw new Error(`${command} is not installed`);
    return {
      code: typeof failure.code === 'number' ? failure.code : 1,
      stdout: failure.stdout ?? '',
      stderr: failure.stderr ?? '',
    };
  }
}

/** `false` when the tool is present; else the reason to skip (or a thrown error in CI). */
export async function missingTool(command: string): Promise<string | false> {
  const found = await run('sh', ['-c', `command -v ${command}`]);
  if (found.code === 0) return false;
  const reason = `${command} is not installed (Debian packages: see .ci/run)`;
  if (process.env.CI === 'true') throw new Error(reason);
  return reason;
}

export function formatRun(result: RunResult): string {
  return `exit ${result.code}\n${result.stdout}\n${result.stderr}`;
}

export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `pur-beurre-${prefix}-`));
}

/**
 * Renders every template of the kit (deploy/render-configs.yml) with the roles' defaults and
 * the given values into a fresh directory: <dir>/<role>/<file without .j2>.
 */
export async function renderKit(values: Record<string, unknown>): Promise<string> {
  const dir = makeTempDir('kit');
  const valuesFile = join(dir, 'values.json');
  writeFileSync(valuesFile, JSON.stringify({ out_dir: join(dir, 'out'), ...values }));
  // `-i localhost,` on the command line: as ANSIBLE_INVENTORY, the comma splits it into paths
  // and the empty one becomes the playbook's folder, whose executables Ansible would run as
  // inventory scripts (it ran test-server/e2e.sh --list).
  const result = await run(
    'ansible-playbook',
    ['-i', 'localhost,', 'render-configs.yml', '-e', `@${valuesFile}`],
    {
      cwd: DEPLOY_DIR,
      env: { ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: 'false' },
    },
  );
  if (result.code !== 0) throw new Error(`rendering the kit failed:\n${formatRun(result)}`);
  return join(dir, 'out');
}

/** A self-signed certificate for nginx -t (it loads the files). */
export async function makeSelfSignedCertificate(
  dir: string,
  host: string,
): Promise<{ cert: string; key: string }> {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const result = await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '2',
    '-subj',
    `/CN=${host}`,
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  if (result.code !== 0) throw new Error(`openssl failed:\n${formatRun(result)}`);
  return { cert, key };
}

export function writeFile(path: string, content: string): string {
  writeFileSync(path, content);
  return path;
}

/** nginx's directories under `root`, Debian's own nginx.conf pointed at them (the kit must fit
 * inside it as shipped), and what every app of a server shares: http settings, the catch-all. */
export function installNginxServer(root: string, kitDir: string): void {
  for (const dir of ['conf.d', 'sites-enabled', 'snippets']) mkdirSync(join(root, dir), { recursive: true });
  copyFileSync(join(kitDir, 'nginx/server-http.conf'), join(root, 'conf.d/server-http.conf'));
  copyFileSync(join(kitDir, 'nginx/catch-all.conf'), join(root, 'sites-enabled/catch-all.conf'));
  const debian = readFileSync('/etc/nginx/nginx.conf', 'utf8')
    .replaceAll('/etc/nginx/conf.d/', `${root}/conf.d/`)
    .replaceAll('/etc/nginx/sites-enabled/', `${root}/sites-enabled/`)
    .replace(/^pid .*$/m, `pid ${root}/nginx.pid;`);
  writeFileSync(join(root, 'nginx.conf'), debian);
}

/** One app's files where the role puts them (conf.d, snippets, sites-enabled), as the role names them. */
export function installNginxSite(root: string, kitDir: string, appName: string): void {
  copyFileSync(join(kitDir, 'nginx/pur-beurre-http.conf'), join(root, `conf.d/${appName}-http.conf`));
  for (const snippet of ['tls', 'headers', 'proxy']) {
    copyFileSync(
      join(kitDir, 'nginx', `pur-beurre-${snippet}.conf`),
      join(root, 'snippets', `${appName}-${snippet}.conf`),
    );
  }
  // `include snippets/...` is relative to nginx.conf's directory: root.
  copyFileSync(join(kitDir, 'nginx/pur-beurre.conf'), join(root, `sites-enabled/${appName}.conf`));
}
