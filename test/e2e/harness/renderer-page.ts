import type { Browser, BrowserContext, Page } from 'playwright-core';
import { forwardEventsToWindow } from '../../../main/app/window/window-events';
import { systemClock } from '../../../main/core/clock';
import { createEventSender } from '../../../main/ipc/event-sender';
import { registerIpcHandlers } from '../../../main/ipc/register';
import { createAppSenderPolicy } from '../../../main/ipc/sender-policy';
import { launchChromium } from './chromium';
import { INVOKE_BINDING, preloadInitScript } from './electron-shim';
import { HarnessIpcMain, type MainProcessSide } from './main-process';
import { buildWindow } from './renderer-build';
import { serveRenderer, type StaticServer } from './static-server';

/** What crossed from main to the window: answers to requests, and events. */
export type TrafficRecord = { kind: 'answer'; channel: string; answer: unknown } | { kind: 'event'; channel: string; payload: unknown };

export interface OpenOptions {
  main: MainProcessSide;
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /** Fixes `Date.now()` in the page (timers still run), for deterministic times on screen. */
  fixedTime?: number;
}

/** The app loaded afresh in the harness's window, wired to one main side. */
export interface RendererPage {
  page: Page;
  context: BrowserContext;
  /** Everything main sent to the page. */
  traffic: TrafficRecord[];
  /** Requests the page made to anything but the loopback server (its CSP should leave none to refuse). */
  refusedRequests: string[];
  /** Uncaught errors and console errors in the page. */
  pageErrors: string[];
  /** Resolves once every event sent so far has reached the page. */
  eventsDelivered(): Promise<void>;
  cspViolations(): Promise<{ directive: string; blocked: string; sample: string }[]>;
  close(): Promise<void>;
}

/** Where the one window of a harness sends its IPC calls and errors: the test that has it open. */
interface WindowSession {
  ipcMain: HarnessIpcMain;
  traffic: TrafficRecord[];
  pageErrors: string[];
  offLoopback: string[];
}

const WEB_CONTENTS_ID = 1;

/**
 * The built renderer in Chromium, with the shell's preload bundle whose IPC reaches the
 * shell's registration layer (sender policy, argument validation, handlers) in this Node
 * process, and main's events forwarded by the shell's own `forwardEventsToWindow`. Only
 * Electron's transport is replaced. One harness (one browser, one window) per test file; each
 * `open` loads the app afresh in that window against the main side it is given.
 */
export class RendererHarness {
  private window: { context: BrowserContext; page: Page } | null = null;
  private session: WindowSession | null = null;

  private constructor(
    readonly browser: Browser,
    private readonly server: StaticServer,
    private readonly initScript: string,
  ) {}

  static async start(): Promise<RendererHarness> {
    const { files, preload } = await buildWindow();
    const [server, browser] = await Promise.all([serveRenderer(files), launchChromium()]);
    return new RendererHarness(browser, server, preloadInitScript(preload));
  }

  get url(): string {
    return `${this.server.origin}/index.html`;
  }

  async open(options: OpenOptions): Promise<RendererPage> {
    const { context, page } = await this.openWindow();
    const origin = this.server.origin;
    const session: WindowSession = { ipcMain: new HarnessIpcMain(), traffic: [], pageErrors: [], offLoopback: [] };
    this.session = session;
    await this.configure(page, options);

    // Main's side: the shell's registration with its sender policy, for this window.
    const senderPolicy = createAppSenderPolicy({
      windowWebContentsId: () => WEB_CONTENTS_ID,
      isAppUrl: (url) => URL.canParse(url) && new URL(url).origin === origin,
    });
    const stopIpc = registerIpcHandlers(session.ipcMain, options.main.handlers, senderPolicy);

    // webContents.send, carried in order by page.evaluate; events sent while one delivery is
    // under way travel together in the next (each still reaches the listeners on its own).
    let closed = false;
    let queued: [string, unknown][] = [];
    let delivery = Promise.resolve();
    const deliver = async () => {
      const batch = queued;
      queued = [];
      if (batch.length === 0 || closed) return;
      await page.evaluate((events) => {
        for (const [c, p] of events) (window as any).__rolecallHarness.emit(c, p);
      }, batch);
    };
    const target = {
      isDestroyed: () => closed,
      send(channel: string, payload: unknown) {
        session.traffic.push({ kind: 'event', channel, payload });
        queued.push([channel, payload]);
        if (queued.length > 1) return;
        delivery = delivery.then(deliver).catch((error: unknown) => {
          if (!closed) session.pageErrors.push(`events not delivered: ${String(error)}`);
        });
      },
    };
    const stopEvents = forwardEventsToWindow(options.main.events, createEventSender(() => target), systemClock);

    // The caller waits for what it needs to see; the load event adds nothing to that.
    await page.goto(this.url, { waitUntil: 'commit' });
    return {
      page,
      context,
      traffic: session.traffic,
      refusedRequests: session.offLoopback,
      pageErrors: session.pageErrors,
      eventsDelivered: () => delivery,
      cspViolations: () => page.evaluate(() => (window as any).__rolecallHarness.violations()),
      close: async () => {
        closed = true;
        stopEvents();
        stopIpc();
        if (this.session === session) this.session = null;
        await page.goto('about:blank');
      },
    };
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server.close();
  }

  // Settings that outlive a page load, changed only when a test asks for different ones.
  private configured: { colorScheme: string; viewport: string; fixedTime: number | undefined } | null = null;

  private async configure(page: Page, options: OpenOptions): Promise<void> {
    const wanted = { colorScheme: options.colorScheme ?? 'light', viewport: JSON.stringify(options.viewport ?? { width: 1200, height: 760 }), fixedTime: options.fixedTime };
    const had = this.configured;
    if (had?.colorScheme !== wanted.colorScheme) await page.emulateMedia({ colorScheme: wanted.colorScheme, reducedMotion: 'reduce' });
    if (had?.viewport !== wanted.viewport) await page.setViewportSize(JSON.parse(wanted.viewport) as { width: number; height: number });
    // Every test moves the clock from where it starts, so it is set again each time.
    if (wanted.fixedTime !== undefined) await page.clock.setFixedTime(wanted.fixedTime);
    this.configured = wanted;
  }

  /** The window's context and page, made once: a fresh page load per test is isolation enough. */
  private async openWindow(): Promise<{ context: BrowserContext; page: Page }> {
    if (this.window !== null) return this.window;
    const origin = this.server.origin;
    const context = await this.browser.newContext({ viewport: { width: 1200, height: 760 }, deviceScaleFactor: 1 });
    // A step that cannot happen should fail the test quickly, with the locator in the message.
    context.setDefaultTimeout(8000);
    // The page's CSP already forbids every other origin; anything that still tries is recorded.
    context.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(`${origin}/`) && url !== 'about:blank' && !url.startsWith('data:')) this.session?.offLoopback.push(url);
    });
    await context.exposeBinding(INVOKE_BINDING, async (source, channel: string, args: unknown[]) => {
      const session = this.session;
      if (session === null) throw new Error('No test has this window open.');
      const event = { sender: { id: WEB_CONTENTS_ID }, senderFrame: { url: source.frame.url(), parent: source.frame.parentFrame() } };
      const answer = await session.ipcMain.invoke(channel, event, args);
      session.traffic.push({ kind: 'answer', channel, answer });
      return answer;
    });
    await context.addInitScript({ content: this.initScript });
    const page = await context.newPage();
    page.on('pageerror', (error) => this.session?.pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') this.session?.pageErrors.push(message.text());
    });
    this.window = { context, page };
    return this.window;
  }
}
