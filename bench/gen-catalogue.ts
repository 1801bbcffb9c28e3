// The command line of test/support/catalogue-generator.ts: a synthetic Open Food Facts catalogue.
//
//   npx tsx bench/gen-catalogue.ts --n 100000 --seed 1 > products.jsonl   one OFF product JSON a line
//   npx tsx bench/gen-catalogue.ts --n 30000 --seed 1 --queries [--count 2000] > queries.tsv
//        "kind<TAB>term" search terms (exact/typed/partial/word/brand/noaccent/typo/upper), then
//        autocomplete prefixes (kind "prefix")
//   npx tsx bench/gen-catalogue.ts --n 30000 --seed 1 --codes [--count 1000] > codes.txt
//        codes of products a visitor can reach (graded, named), shuffled
//   npx tsx bench/gen-catalogue.ts --n 30000 --stats      a JSON summary of the distributions
//   npx tsx bench/gen-catalogue.ts --taxonomy             the categories, as OFF's categories.full.json
//
// --jobs J generates products in J worker threads, in blocks written in order: the output is the
// same whatever J. The default is 1 (no worker): on the shared 2-core machine, under load, 2 jobs
// were no faster (1,000,000 products: 76 s wall and 28 s CPU with 1 job, 96 s and 37 s with 2);
// on idle cores, more jobs divide the wall time.
import { once } from 'node:events';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import {
  catalogueStats,
  generateJsonlBlock,
  generateJsonlChunks,
  generateTaxonomy,
  listCodes,
  listQueries,
  MAX_PRODUCTS,
} from '../test/support/catalogue-generator.js';

const USAGE =
  'usage: tsx bench/gen-catalogue.ts [--n N] [--seed S] [--queries|--codes|--stats|--taxonomy] [--count K] [--jobs J]';
/** Products a worker generates per request: ~10 MB of JSONL. */
const BLOCK = 4000;

interface BlockRequest {
  seed: string;
  start: number;
  end: number;
}

type Mode = 'products' | 'queries' | 'codes' | 'stats' | 'taxonomy';

function parseArgs(argv: readonly string[]): {
  n: number;
  seed: string;
  count: number | undefined;
  mode: Mode;
  jobs: number;
} {
  const options = {
    n: 1000,
    seed: '1',
    count: undefined as number | undefined,
    mode: 'products' as Mode,
    jobs: 1,
  };
  const value = (i: number) => {
    const given = argv[i];
    if (given === undefined) throw new Error(`${argv[i - 1]} needs a value\n${USAGE}`);
    return given;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--n') options.n = Number(value(++i));
    else if (arg === '--seed') options.seed = value(++i);
    else if (arg === '--count') options.count = Number(value(++i));
    else if (arg === '--jobs') options.jobs = Number(value(++i));
    else if (arg === '--queries' || arg === '--codes' || arg === '--stats' || arg === '--taxonomy') {
      options.mode = arg.slice(2) as Mode;
    } else if (arg === '-h' || arg === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  if (!Number.isSafeInteger(options.n) || options.n <= 0 || options.n > MAX_PRODUCTS) {
    throw new Error(`--n must be an integer from 1 to ${MAX_PRODUCTS}`);
  }
  if (options.count !== undefined && !(Number.isSafeInteger(options.count) && options.count > 0)) {
    throw new Error('--count must be a positive integer');
  }
  if (!(Number.isSafeInteger(options.jobs) && options.jobs > 0))
    throw new Error('--jobs must be a positive integer');
  return options;
}

async function write(text: string | Buffer): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

/**
 * Writes the catalogue's blocks in order while `jobs` worker threads generate the next ones (at
 * most two blocks ahead per worker, so memory stays bounded).
 */
async function writeProductsInParallel(n: number, seed: string, jobs: number): Promise<void> {
  // A worker does not inherit the TypeScript loader that tsx registered in this thread (nor does
  // `--import tsx` in its execArgv take on Node 20): it registers tsx itself, then loads this file.
  const bootstrap = [
    `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};`,
    'register();',
    `await import(${JSON.stringify(import.meta.url)});`,
  ].join('\n');
  const script = new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`);
  const workers = Array.from({ length: jobs }, () => new Worker(script));
  const waiting = new Map<number, (block: Buffer) => void>();
  for (const worker of workers) {
    worker.on(
      'message',
      ({ start, bytes, length }: { start: number; bytes: ArrayBuffer; length: number }) => {
        waiting.get(start)?.(Buffer.from(bytes, 0, length));
        waiting.delete(start);
      },
    );
    worker.on('error', (error) => {
      console.error(error);
      process.exit(1);
    });
  }
  const blocks = Math.ceil(n / BLOCK);
  const request = (block: number) =>
    new Promise<Buffer>((resolve) => {
      const start = block * BLOCK;
      waiting.set(start, resolve);
      const message: BlockRequest = { seed, start, end: Math.min(n, start + BLOCK) };
      workers[block % jobs]?.postMessage(message);
    });
  const ahead: Promise<Buffer>[] = [];
  let requested = 0;
  for (; requested < Math.min(blocks, 2 * jobs); requested++) ahead.push(request(requested));
  for (let block = 0; block < blocks; block++) {
    const buffer = await ahead.shift();
    if (requested < blocks) ahead.push(request(requested++));
    if (buffer) await write(buffer);
  }
  await Promise.all(workers.map((worker) => worker.terminate()));
}

if (!isMainThread) {
  parentPort?.on('message', ({ seed, start, end }: BlockRequest) => {
    const block = generateJsonlBlock(seed, start, end);
    // A block has its own memory (it is larger than Buffer's pool), so it can be handed over whole.
    const bytes = (
      block.byteOffset === 0 ? block.buffer : block.buffer.slice(block.byteOffset)
    ) as ArrayBuffer;
    parentPort?.postMessage({ start, bytes, length: block.length }, [bytes]);
  });
} else {
  // A reader that has seen enough (`| head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  const { n, seed, count, mode, jobs } = parseArgs(process.argv.slice(2));
  if (mode === 'products' && jobs > 1 && n > BLOCK) {
    await writeProductsInParallel(n, seed, jobs);
  } else if (mode === 'products') {
    for (const chunk of generateJsonlChunks(n, seed)) await write(chunk);
  } else if (mode === 'queries') {
    await write(`${listQueries(n, seed, count ?? 2000).join('\n')}\n`);
  } else if (mode === 'codes') {
    await write(`${listCodes(n, seed, count).join('\n')}\n`);
  } else if (mode === 'stats') {
    await write(`${JSON.stringify(catalogueStats(n, seed), null, 1)}\n`);
  } else {
    await write(`${JSON.stringify(generateTaxonomy(), null, 1)}\n`);
  }
}
