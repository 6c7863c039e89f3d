/**
 * Figures about the shared AWS config file, for the credential-process benchmark:
 * - writing 6,000 Rolecall profiles into a user's config (lock, read, parse, plan, backup,
 *   atomic write with fsync), then rewriting all of them after the binary moved;
 * - what a 10,000-line config costs the credential_process hot path: the profile lookup timed
 *   inside a fresh process (cold code, as in a real call), and the wall time of a process that
 *   reads the config and looks a profile up, with a 10,000-line config against a small one.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { writeProfiles } from '../../main/core/aws-config/profile-writer';
import type { ProfilePlanRequest } from '../../main/core/aws-config/profile-plan';
import type { AccountWithRoles } from '../../main/core/model';
import { largeConfig } from '../../test/core/aws-config/support/large-config';
import { ceilingFigure, percentile, ratioFigure, round, type Figure } from '../figure';

const here = import.meta.dirname;

/** Time to write 6,000 profiles (2,000 accounts × 3 roles) into a config, and to rewrite them all. */
export async function profileWriteFigures({ quick }: { quick: boolean }): Promise<Figure[]> {
  const runs = quick ? 3 : 7;
  const dir = await mkdtemp(join(tmpdir(), 'rolecall-bench-config-'));
  try {
    const userConfig = await readFile(join(here, '..', '..', 'test', 'core', 'aws-config', 'corpus', '27-consultant.config'), 'utf8');
    const accounts: AccountWithRoles[] = Array.from({ length: 2000 }, (_, i) => ({
      instanceId: 'acme',
      accountId: String(300000000000 + i),
      accountName: `workload ${i} (prod)`,
      emailAddress: '',
      roles: ['AdministratorAccess', 'ReadOnlyAccess', 'Developer'],
    }));
    const request = (prefix: string): ProfilePlanRequest => ({
      catalogs: [{ instanceId: 'acme', accounts }],
      selection: { kind: 'all' },
      commandPrefix: [process.execPath, prefix],
      region: 'eu-west-1',
    });
    const fresh: number[] = [];
    const rewrite: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const path = join(dir, `config-${i}`);
      await writeFile(path, userConfig);
      let started = performance.now();
      const first = await writeProfiles(path, request('/opt/Rolecall/rolecall.js'));
      fresh.push(performance.now() - started);
      if (first.changes.length !== 6000 || !first.written) throw new Error(`wrote ${first.changes.length} profiles, expected 6000`);
      started = performance.now();
      const second = await writeProfiles(path, request('/Applications/Rolecall 2.app/rolecall.js'));
      rewrite.push(performance.now() - started);
      if (second.changes.some((c) => c.kind !== 'update')) throw new Error('the rewrite did not update every profile');
    }
    return [
      ceilingFigure('write 6,000 profiles into a config (p50)', round(percentile(fresh, 50), 1), 'ms', 300),
      ceilingFigure('rewrite 6,000 profiles after the binary moved (p50)', round(percentile(rewrite, 50), 1), 'ms', 300),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The hot-path lookup with a 10,000-line config against a small one. Each sample is a fresh
 * `node` process running the bundled lookup once, the way `rolecall credential-process` meets
 * it: cold code, one file read, one search.
 */
export async function configLookupFigures({ quick }: { quick: boolean }): Promise<Figure[]> {
  const samples = quick ? 15 : 41;
  const dir = await mkdtemp(join(tmpdir(), 'rolecall-bench-lookup-'));
  try {
    const entry = join(dir, 'lookup-entry.ts');
    await writeFile(
      entry,
      `import { readFileSync } from 'node:fs';
import { lookupManagedProfile } from ${JSON.stringify(join(here, '..', '..', 'main', 'core', 'aws-config', 'managed-profile-lookup.ts'))};
const [path, profile] = process.argv.slice(2);
const started = performance.now();
const found = lookupManagedProfile(readFileSync(path, 'utf8'), profile);
const ms = performance.now() - started;
if (found.status !== 'managed') process.exit(3);
process.stdout.write(String(ms));
`,
    );
    const bundle = join(dir, 'lookup.mjs');
    await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: bundle, logLevel: 'warning' });

    const large = largeConfig(10_000);
    const small = largeConfig(40);
    const largePath = join(dir, 'large-config');
    const smallPath = join(dir, 'small-config');
    await writeFile(largePath, large.text);
    await writeFile(smallPath, small.text);
    // The profile looked up sits in the middle of the Rolecall block, as a typical one would.
    const largeProfile = large.names[Math.floor(large.names.length / 2)] as string;
    const smallProfile = small.names[0] as string;

    const wall = { large: [] as number[], small: [] as number[] };
    const inside = { large: [] as number[], small: [] as number[] };
    // One warm-up of each, then paired samples so drift hits both sides alike.
    await timeProcess(bundle, largePath, largeProfile);
    await timeProcess(bundle, smallPath, smallProfile);
    // The first process of a pair runs measurably slower on a busy machine, so the order
    // alternates (large first, then small first) and the paired differences cancel it.
    for (let i = 0; i < samples; i += 1) {
      const largeFirst = i % 2 === 0;
      const first = await timeProcess(bundle, largeFirst ? largePath : smallPath, largeFirst ? largeProfile : smallProfile);
      const second = await timeProcess(bundle, largeFirst ? smallPath : largePath, largeFirst ? smallProfile : largeProfile);
      const [a, b] = largeFirst ? [first, second] : [second, first];
      wall.large.push(a.wallMs);
      inside.large.push(a.lookupMs);
      wall.small.push(b.wallMs);
      inside.small.push(b.lookupMs);
    }
    const lines = large.text.split('\n').length;
    const added = percentile(inside.large, 50) - percentile(inside.small, 50);
    return [
      ceilingFigure(`profile lookup, ${lines}-line config, cold in a fresh process (p50)`, round(percentile(inside.large, 50), 3), 'ms', 2),
      ceilingFigure(`profile lookup, ${small.text.split('\n').length}-line config, cold in a fresh process (p50)`, round(percentile(inside.small, 50), 3), 'ms', 2),
      // 5% of a ~40 ms credential_process call: what the larger file adds, timed inside the process.
      ceilingFigure(`time a ${lines}-line config adds to a lookup (file read included)`, round(added, 3), 'ms', 2),
      // The median of the paired differences cancels the drift of a busy machine better than
      // two separate medians.
      ratioFigure(
        `process reading a ${lines}-line config and looking a profile up (p50 wall, paired)`,
        round(percentile(wall.small, 50) + percentile(wall.large.map((ms, i) => ms - (wall.small[i] as number)), 50), 2),
        'ms',
        'same with a small config',
        round(percentile(wall.small, 50), 2),
        1.05,
      ),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function timeProcess(bundle: string, configPath: string, profile: string): Promise<{ wallMs: number; lookupMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bundle, configPath, profile], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) reject(new Error(`lookup process exited with ${code}`));
      else resolve({ wallMs, lookupMs: Number(out) });
    });
  });
}
