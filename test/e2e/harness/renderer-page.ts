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

/** One window of the app, in a fresh browser context. */
export interface RendererPage {
  page: Page;
  context: BrowserContext;
  /** Everything main sent to the page. */
  traffic: TrafficRecord[];
  /** Requests to anything but the loopback server, refused. */
  refusedRequests: string[];
  /** Uncaught errors and console errors in the page. */
  pageErrors: string[];
  /** Resolves once every event sent so far has reached the page. */
  eventsDelivered(): Promise<void>;
  cspViolations(): Promise<{ directive: string; blocked: string; sample: string }[]>;
  close(): Promise<void>;
}

let nextWebContentsId = 1;

/**
 * The built renderer in Chromium, with the shell's preload bundle whose IPC reaches the
 * shell's registration layer (sender policy, argument validation, handlers) in this Node
 * process, and main's events forwarded by the shell's own `forwardEventsToWindow`. Only
 * Electron's transport is replaced. One harness (one browser) per test file; one context per test.
 */
export class RendererHarness {
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
    const origin = this.server.origin;
    const context = await this.browser.newContext({
      viewport: options.viewport ?? { width: 1200, height: 760 },
      colorScheme: options.colorScheme ?? 'light',
      reducedMotion: 'reduce',
      deviceScaleFactor: 1,
    });
    // A step that cannot happen should fail the test quickly, with the locator in the message.
    context.setDefaultTimeout(8000);
    const traffic: TrafficRecord[] = [];
    const refusedRequests: string[] = [];
    const pageErrors: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`)) return route.continue();
      refusedRequests.push(url);
      return route.abort('blockedbyclient');
    });

    // Main's side: the shell's registration with its sender policy, for this one window.
    const webContentsId = nextWebContentsId++;
    const ipcMain = new HarnessIpcMain();
    const senderPolicy = createAppSenderPolicy({
      windowWebContentsId: () => webContentsId,
      isAppUrl: (url) => URL.canParse(url) && new URL(url).origin === origin,
    });
    const stopIpc = registerIpcHandlers(ipcMain, options.main.handlers, senderPolicy);
    await context.exposeBinding(INVOKE_BINDING, async (source, channel: string, args: unknown[]) => {
      const event = { sender: { id: webContentsId }, senderFrame: { url: source.frame.url(), parent: source.frame.parentFrame() } };
      const answer = await ipcMain.invoke(channel, event, args);
      traffic.push({ kind: 'answer', channel, answer });
      return answer;
    });
    await context.addInitScript({ content: this.initScript });
    const page = await context.newPage();
    if (options.fixedTime !== undefined) await page.clock.setFixedTime(options.fixedTime);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });

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
        traffic.push({ kind: 'event', channel, payload });
        queued.push([channel, payload]);
        if (queued.length > 1) return;
        delivery = delivery.then(deliver).catch((error: unknown) => {
          if (!closed) pageErrors.push(`events not delivered: ${String(error)}`);
        });
      },
    };
    const stopEvents = forwardEventsToWindow(options.main.events, createEventSender(() => target), systemClock);

    await page.goto(this.url);
    return {
      page,
      context,
      traffic,
      refusedRequests,
      pageErrors,
      eventsDelivered: () => delivery,
      cspViolations: () => page.evaluate(() => (window as any).__rolecallHarness.violations()),
      async close() {
        closed = true;
        stopEvents();
        stopIpc();
        await context.close();
      },
    };
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server.close();
  }
}
