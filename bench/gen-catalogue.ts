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
import { once } from 'node:events';
import {
  catalogueStats,
  generateJsonlChunks,
  generateTaxonomy,
  listCodes,
  listQueries,
  MAX_PRODUCTS,
} from '../test/support/catalogue-generator.js';

const USAGE =
  'usage: tsx bench/gen-catalogue.ts [--n N] [--seed S] [--queries|--codes|--stats|--taxonomy] [--count K]';

type Mode = 'products' | 'queries' | 'codes' | 'stats' | 'taxonomy';

function parseArgs(argv: readonly string[]): {
  n: number;
  seed: string;
  count: number | undefined;
  mode: Mode;
} {
  const options = { n: 1000, seed: '1', count: undefined as number | undefined, mode: 'products' as Mode };
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
  return options;
}

async function write(text: string | Buffer): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

const { n, seed, count, mode } = parseArgs(process.argv.slice(2));
if (mode === 'products') {
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
