import type { Page } from 'playwright-core';
import { DEMO_NOW } from './demo-organisation';
import { mainProcessFor } from './main-process';
import type { OpenOptions, RendererHarness, RendererPage } from './renderer-page';
import type { ScriptedCore } from './scripted-core';

/** Opens the window over the shell's handlers for `core`, with the page clock at DEMO_NOW, once it has loaded. */
export async function openWindow(harness: RendererHarness, core: ScriptedCore, options: Omit<OpenOptions, 'main'> = {}): Promise<RendererPage> {
  const app = await harness.open({ fixedTime: DEMO_NOW, ...options, main: mainProcessFor(core, core.clipboard) });
  await app.page.locator('.app:not(.app--loading)').waitFor();
  return app;
}

/** The texts of the list's rows in order, `# Section`, `@ Account`, `Role · Account` or `  Role`. */
export async function listedRows(page: Page): Promise<string[]> {
  return page.$$eval('#role-grid [role=row]', (rows) =>
    rows
      .map((row) => ({ index: Number(row.getAttribute('aria-rowindex')), row }))
      .sort((a, b) => a.index - b.index)
      .map(({ row }) => {
        if (row.classList.contains('row--section')) return `# ${row.querySelector('.row__section-title')?.firstChild?.textContent?.trim()}`;
        if (row.classList.contains('row--account')) return `@ ${row.querySelector('.row__account-name')?.textContent}`;
        // The role name is the title's text without its profile badge.
        const title = Array.from(row.querySelector('.row__title')?.childNodes ?? [])
          .filter((n) => !(n instanceof Element && n.classList.contains('badge')))
          .map((n) => n.textContent)
          .join('');
        const account = row.querySelector('.row__account')?.textContent;
        return account ? `${title} · ${account}` : `  ${title}`;
      }),
  );
}

/** Moves the page's clock (timers keep running, so what ticks on screen catches up within a second). */
export async function setPageTime(app: RendererPage, time: number): Promise<void> {
  await app.page.clock.setFixedTime(time);
}

/** Waits until `text` is on screen (in an element that is visible). */
export async function seeText(page: Page, text: string | RegExp): Promise<void> {
  await page.getByText(text).first().waitFor({ state: 'visible' });
}
