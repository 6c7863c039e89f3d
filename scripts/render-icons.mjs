#!/usr/bin/env node
// Draws Rolecall's icons as SVG and renders them to PNG with the system Chromium:
//   assets/icon.svg, assets/icon.png (1024 px)      app icon (electron-builder makes .icns/.ico from it)
//   assets/icons/<N>x<N>.png                          Linux icon set
//   assets/tray/tray-<status>-template[@2x].png       macOS menu bar (monochrome template images)
//   assets/tray/tray-<status>-on-light[@2x].png       Windows/Linux, dark glyph for light taskbars
//   assets/tray/tray-<status>-on-dark[@2x].png        Windows/Linux, light glyph for dark taskbars
// Run `node scripts/render-icons.mjs` after changing the design and commit the PNGs.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const assets = join(root, 'assets');

export const TRAY_STATUSES = ['signed-out', 'ok', 'ending-soon', 'error'];
export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];

/** The app icon: an ID badge on a rounded square, with a "present" check. */
export function appIconSvg() {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1024 1024">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#5458f0"/>
      <stop offset="1" stop-color="#0c9b97"/>
    </linearGradient>
    <linearGradient id="ink" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#4b4fe0"/>
      <stop offset="1" stop-color="#2f3a9c"/>
    </linearGradient>
    <filter id="shadow" x="-20%" y="-20%" width="140%" height="140%">
      <feDropShadow dx="0" dy="18" stdDeviation="22" flood-color="#0b1030" flood-opacity="0.35"/>
    </filter>
    <mask id="slot">
      <rect width="1024" height="1024" fill="white"/>
      <rect x="452" y="232" width="120" height="30" rx="15" fill="black"/>
    </mask>
  </defs>
  <rect x="72" y="72" width="880" height="880" rx="200" fill="url(#bg)"/>
  <g filter="url(#shadow)">
    <rect x="302" y="190" width="420" height="600" rx="64" fill="#ffffff" mask="url(#slot)"/>
  </g>
  <circle cx="512" cy="420" r="92" fill="url(#ink)"/>
  <path d="M352 640 C352 548 428 500 512 500 C596 500 672 548 672 640 Z" fill="url(#ink)"/>
  <rect x="372" y="684" width="280" height="30" rx="15" fill="#c9cdf5"/>
  <g filter="url(#shadow)">
    <circle cx="706" cy="742" r="132" fill="#1fbf6a"/>
  </g>
  <path d="M640 744 L690 794 L780 694" fill="none" stroke="#ffffff" stroke-width="34" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;
}

/**
 * The tray glyph on a 16-unit grid: the same badge, hollow when signed out, solid with the
 * person cut out when signed in, plus a corner dot (a clock when ending soon, "!" on error).
 * `glyph` and `accent` are colours; template images use black for both, since macOS only
 * reads their alpha.
 */
export function traySvg(status, { glyph, accent }) {
  const indicator = status === 'ending-soon' || status === 'error';
  const badge =
    status === 'signed-out'
      ? `<rect x="3.2" y="1.7" width="9.6" height="12.6" rx="2" fill="none" stroke="${glyph}" stroke-width="1.4"/>
         <circle cx="8" cy="6.6" r="1.75" fill="none" stroke="${glyph}" stroke-width="1.2"/>
         <path d="M5.3 11.9 a2.7 2.3 0 0 1 5.4 0" fill="none" stroke="${glyph}" stroke-width="1.2" stroke-linecap="round"/>`
      : `<rect x="2.5" y="1" width="11" height="14" rx="2.3" fill="${glyph}"/>`;
  const personCut =
    status === 'signed-out'
      ? ''
      : `<circle cx="8" cy="6.4" r="2.05" fill="black"/><path d="M4.6 12.4 a3.4 2.9 0 0 1 6.8 0 z" fill="black"/>`;
  const dotMarks =
    status === 'error'
      ? `<rect x="11.55" y="9.6" width="1.3" height="3.1" rx="0.65" fill="black"/><circle cx="12.2" cy="14" r="0.72" fill="black"/>`
      : `<path d="M12.2 10 V12.3 H13.9" fill="none" stroke="black" stroke-width="1.15" stroke-linecap="round" stroke-linejoin="round"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">
  <defs>
    <mask id="badge" maskUnits="userSpaceOnUse" x="0" y="0" width="16" height="16">
      <rect width="16" height="16" fill="white"/>
      ${personCut}
      ${indicator ? '<circle cx="12.2" cy="12.2" r="4.3" fill="black"/>' : ''}
    </mask>
    <mask id="dot" maskUnits="userSpaceOnUse" x="0" y="0" width="16" height="16">
      <rect width="16" height="16" fill="white"/>
      ${dotMarks}
    </mask>
  </defs>
  <g mask="url(#badge)">${badge}</g>
  ${indicator ? `<circle cx="12.2" cy="12.2" r="3.5" fill="${accent}" mask="url(#dot)"/>` : ''}
</svg>`;
}

const VARIANTS = {
  template: { glyph: '#000000', accent: '#000000' },
  'on-light': { glyph: '#1f2430', accent: null },
  'on-dark': { glyph: '#f2f4f8', accent: null },
};
const ACCENTS = { 'ending-soon': '#f59e0b', error: '#ef4444' };

async function render(page, svg, size) {
  const sized = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`);
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const written = [];
  const save = async (relative, bytes) => {
    const file = join(assets, relative);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, bytes);
    written.push(relative);
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1024, height: 1024 }, deviceScaleFactor: 1 });
    const icon = appIconSvg();
    await save('icon.svg', `${icon}\n`);
    await save('icon.png', await render(page, icon, 1024));
    for (const size of LINUX_ICON_SIZES) await save(`icons/${size}x${size}.png`, await render(page, icon, size));
    for (const status of TRAY_STATUSES) {
      for (const [variant, colours] of Object.entries(VARIANTS)) {
        const svg = traySvg(status, { glyph: colours.glyph, accent: colours.accent ?? ACCENTS[status] ?? colours.glyph });
        await save(`tray/tray-${status}-${variant}.png`, await render(page, svg, 16));
        await save(`tray/tray-${status}-${variant}@2x.png`, await render(page, svg, 32));
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`rendered ${written.length} files into assets/`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
