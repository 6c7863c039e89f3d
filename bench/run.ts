/**
 * `npm run bench -- [NAME…] [--json] [--quick]`: runs bench/NAME.bench.ts (all when none is
 * named) and prints each figure with its ratio to the baseline measured in the same run.
 * `--json` prints one JSON object per figure.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bench, Figure } from './figure';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const available = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, '')).sort();
const named = args.filter((a) => !a.startsWith('--'));
const unknown = named.filter((n) => !available.includes(n));
if (unknown.length > 0) {
  process.stderr.write(`Unknown benchmark: ${unknown.join(', ')}. Available: ${available.join(', ')}\n`);
  process.exit(2);
}

let missed = 0;
for (const name of named.length > 0 ? named : available) {
  const module = (await import(pathToFileURL(join(here, `${name}.bench.ts`)).href)) as { default: Bench };
  if (!json) process.stdout.write(`\n${name}\n`);
  const figures: Figure[] = await module.default({ quick });
  for (const figure of figures) {
    if (!figure.met) missed += 1;
    if (json) process.stdout.write(`${JSON.stringify(figure)}\n`);
    else {
      const ratio = figure.ratio === null ? '' : `  ratio ${figure.ratio.toFixed(3)} to ${figure.baseline}`;
      process.stdout.write(`  ${figure.met ? 'ok    ' : 'MISSED'} ${figure.name}: ${figure.value} ${figure.unit}${ratio}  (target ${figure.target})\n`);
    }
  }
}
if (!json) process.stdout.write(`\n${missed === 0 ? 'all targets met' : `${missed} target(s) missed`}\n`);
