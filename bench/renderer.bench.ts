/**
 * The window with a large organisation: 6,000 roles (2,000 accounts × 3 permission sets;
 * `--quick`: the same, fewer repetitions) in Chromium, served and wired exactly as the window
 * tests run it (shell preload, shell IPC layer). Figures:
 * - first render: from the snapshot reaching the window to the role list laid out on screen
 *   (User Timing marks the app sets), median of several loads;
 * - filter per keystroke (p95): typing realistic queries character by character (and clearing
 *   them) in every load, from the input event to the list re-rendered and laid out;
 * - JS heap after loading, searching and clearing, after a garbage collection (DevTools protocol).
 */
import { acmeOnly } from '../test/e2e/harness/demo-scenario';
import { DEMO_NOW, largeOrganisation } from '../test/e2e/harness/demo-organisation';
import { mainProcessFor } from '../test/e2e/harness/main-process';
import { RendererHarness } from '../test/e2e/harness/renderer-page';
import { ceilingFigure, percentile, round, type Bench } from './figure';

const ACCOUNTS = 2000;
const ROLES_PER_ACCOUNT = 3;
/** What people type: account words, role words, fuzzy initials, account ids, e-mail fragments. */
const QUERIES = [
  'payments prod admin',
  'readonly',
  'search staging',
  'prd adm',
  '1000',
  'aws-fraud-qa',
  'poweruser ledger',
  'sec aud',
  'checkout canary',
  'dbadmin',
  'zzz',
];

const bench: Bench = async ({ quick }) => {
  const harness = await RendererHarness.start();
  const loads = quick ? 3 : 7;
  try {
    const firstRenders: number[] = [];
    const keystrokes: number[] = [];
    let heapBytes = 0;
    for (let load = 0; load < loads; load += 1) {
      const core = acmeOnly();
      core.snapshotState.catalogs = [{ instanceId: 'acme', accounts: largeOrganisation('acme', ACCOUNTS, ROLES_PER_ACCOUNT), syncedAt: DEMO_NOW }];
      // No page clock here: Playwright's fake clock replaces `performance`, which the marks need.
      const app = await harness.open({ main: mainProcessFor(core, core.clipboard) });
      await app.page.getByText(`${(ACCOUNTS * ROLES_PER_ACCOUNT).toLocaleString('en')} roles in`).waitFor();
      // tsx keeps function names with a `__name` helper that page.evaluate does not carry along.
      await app.page.evaluate('globalThis.__name ??= (target) => target');
      const marks = await app.page.evaluate(() => {
        const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
        return { received: at('rolecall:snapshot-received'), rendered: at('rolecall:roles-rendered') };
      });
      firstRenders.push(marks.rendered - marks.received);

      // The app's window is made at start and shown on demand: by the time someone types, the
      // list has long been on screen and the page idle.
      await app.page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 3000 })));
      keystrokes.push(...(await app.page.evaluate(typeQueries, QUERIES)));
      if (load === loads - 1) {
        const cdp = await app.context.newCDPSession(app.page);
        await cdp.send('HeapProfiler.collectGarbage');
        heapBytes = ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
        await cdp.detach();
      }
      await app.close();
    }
    const roles = ACCOUNTS * ROLES_PER_ACCOUNT;
    return [
      ceilingFigure(`first render of ${roles.toLocaleString('en')} roles (median of ${loads})`, round(percentile(firstRenders, 50), 1), 'ms', 100),
      ceilingFigure(`filter per keystroke, p95 of ${keystrokes.length}`, round(percentile(keystrokes, 95), 2), 'ms', 16),
      ceilingFigure('JS heap with 6,000 roles loaded and searched', round(heapBytes / 1024 / 1024, 1), 'MB', 40),
      ceilingFigure(`filter per keystroke, median of ${keystrokes.length}`, round(percentile(keystrokes, 50), 2), 'ms', 16),
    ];
  } finally {
    await harness.close();
  }
};

export default bench;

/**
 * Runs in the page: types each query one character at a time into the search field, then
 * clears it, timing every change from the input event to the list re-rendered and laid out.
 */
async function typeQueries(queries: string[]): Promise<number[]> {
  const input = document.getElementById('role-search') as HTMLInputElement;
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  // A macrotask after the input event: Preact has rendered (it renders on a microtask).
  const nextTask = () =>
    new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    });
  const change = async (value: string) => {
    const started = performance.now();
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await nextTask();
    document.getElementById('role-grid')?.getBoundingClientRect();
    void document.body.offsetHeight;
    return performance.now() - started;
  };
  // Between two keys the page gets a frame, as it does when a person types (a key every 100 ms
  // or so): work a keystroke leaves for later (painting, effects) is not billed to the next one.
  const settle = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const times: number[] = [];
  for (const query of queries) {
    for (let i = 1; i <= query.length; i += 1) {
      times.push(await change(query.slice(0, i)));
      await settle();
    }
    times.push(await change(''));
    await settle();
  }
  return times;
}
