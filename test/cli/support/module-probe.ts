import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The environment that makes a CLI process print, on its way out, which of Node's socket
 * modules (`net`, `stream`) it loaded: a JSON array on stderr, in load order. The probe is a
 * script preloaded with `--require`; it writes with `fs.writeSync`, because touching
 * `process.stderr` on a pipe would load `net` itself.
 */
export async function moduleProbeEnv(dir: string): Promise<NodeJS.ProcessEnv> {
  const probe = join(dir, 'module-probe.cjs');
  await writeFile(
    probe,
    "process.on('exit', () => require('node:fs').writeSync(2, JSON.stringify(process.moduleLoadList.filter((m) => /^NativeModule (net|stream)$/.test(m)))));\n",
  );
  return { NODE_OPTIONS: `--require "${probe}"` };
}

/** What the probe prints when the process loaded `net` (which brings `stream`). */
export const LOADED_NET = '["NativeModule stream","NativeModule net"]';
