/**
 * Account sync against an emulated Identity Center that throttles each operation to 50 req/s
 * and answers after 30 ms: 1,000 accounts × 3 roles (`--quick`: 200). Figures: the sync time
 * as a ratio to the floor the throttle imposes, failed calls, time to the first account shown,
 * and the time a restarted app (a fresh process) needs to show the cached list.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { systemClock } from '../main/core/clock';
import { CatalogSync } from '../main/core/sync/catalog-sync';
import { createPortalClientFactory } from '../main/core/sync/portal-client';
import { PortalLimiters } from '../main/core/sync/portal-limiters';
import { demoOrganization, startIdentityCenter } from '../test/identity-center';
import { emulatorInstance, EmulatorTokens } from '../test/core/sync/support/emulator-session';
import { ceilingFigure, exactFigure, percentile, ratioFigure, round, type Bench, type Figure } from './figure';

const THROTTLE = 50;
const LATENCY_MS = 30;
const PAGE_SIZE = 100;

const bench: Bench = async ({ quick }) => {
  const accounts = quick ? 200 : 1000;
  const ic = await startIdentityCenter({ organization: demoOrganization({ accounts, rolesPerAccount: 3 }), throttle: THROTTLE, latencyMs: LATENCY_MS });
  const dataDir = await mkdtemp(join(tmpdir(), 'rolecall-bench-sync-'));
  const portalClients = createPortalClientFactory();
  try {
    // Sign in with the throttle off, so that only the sync meets it.
    ic.setThrottle(null);
    const tokens = await EmulatorTokens.signIn(ic, systemClock);
    ic.setThrottle(THROTTLE);
    const instance = emulatorInstance(ic);
    const sync = new CatalogSync({ dataDir, portalClients, tokens, limiters: new PortalLimiters(), clock: systemClock, pageSize: PAGE_SIZE });

    const started = performance.now();
    let firstAccountMs: number | undefined;
    const { catalog, calls } = await sync.sync(instance, (event) => {
      if (event.type === 'account' && firstAccountMs === undefined) firstAccountMs = performance.now() - started;
    });
    const syncMs = performance.now() - started;
    tokens.close();
    if (catalog.accounts.length !== accounts) throw new Error(`sync listed ${catalog.accounts.length} accounts, expected ${accounts}`);

    // The floor: each operation has its own bucket, so the busiest one sets the pace.
    const needed = { ListAccounts: Math.ceil(accounts / PAGE_SIZE), ListAccountRoles: accounts };
    const floorMs = (Math.max(needed.ListAccounts, needed.ListAccountRoles) / THROTTLE) * 1000;
    const log = ic.requests().filter((r) => r.operation === 'ListAccounts' || r.operation === 'ListAccountRoles');
    const failedAtPortal = log.filter((r) => r.status !== 200 && r.status !== 429).length;
    const failed = calls.ListAccounts.failed + calls.ListAccountRoles.failed + failedAtPortal;
    const throttled = calls.ListAccounts.throttled + calls.ListAccountRoles.throttled;
    const sent = calls.ListAccounts.calls + calls.ListAccountRoles.calls;

    const restartMs = await cachedListOnRestart(dataDir, instance.id, accounts);

    const figures: Figure[] = [
      ratioFigure(`sync ${accounts} accounts × 3 roles (throttle ${THROTTLE}/s, ${LATENCY_MS} ms)`, round(syncMs / 1000, 2), 's', `floor ${needed.ListAccountRoles} calls ÷ ${THROTTLE}/s`, floorMs / 1000, 1.15),
      exactFigure('failed portal calls', failed, 'calls', 0),
      ceilingFigure('throttled responses (retried)', throttled, 'calls', Math.ceil(sent * 0.1)),
      ceilingFigure('first account shown', Math.round(firstAccountMs ?? Number.POSITIVE_INFINITY), 'ms', 1000),
      ceilingFigure('cached list shown on restart (fresh process, median of 5)', Math.round(restartMs), 'ms', 300),
    ];
    return figures;
  } finally {
    portalClients.destroy();
    await ic.close();
    await rm(dataDir, { recursive: true, force: true });
  }
};

export default bench;

/**
 * Starts a fresh Node process, as a restarted app or CLI would (bundled, as shipped), that
 * loads the cached catalog and reports how many accounts it has; the figure is the wall time
 * from spawn to that report.
 */
async function cachedListOnRestart(dataDir: string, instanceId: string, expected: number): Promise<number> {
  const entry = join(dataDir, 'show-cached.ts');
  const outfile = join(dataDir, 'show-cached.mjs');
  const { writeFile } = await import('node:fs/promises');
  await writeFile(
    entry,
    `import { loadCachedCatalog } from ${JSON.stringify(join(process.cwd(), 'main/core/sync/catalog-cache.ts'))};
const catalog = await loadCachedCatalog(process.argv[2], process.argv[3]);
process.stdout.write(String(catalog ? catalog.accounts.length : -1) + '\\n');\n`,
  );
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'silent' });
  const times: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    const started = performance.now();
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [outfile, dataDir, instanceId], { stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.endsWith('\n')) resolve(text.trim());
      });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`cached-list process exited with ${code}`))));
    });
    times.push(performance.now() - started);
    if (Number(output) !== expected) throw new Error(`the restarted process showed ${output} accounts, expected ${expected}`);
  }
  return percentile(times, 50);
}
