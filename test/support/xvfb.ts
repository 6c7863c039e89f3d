import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

/** A private X server for tests that open real windows. */
export interface Xvfb {
  /** `:N`, for DISPLAY. */
  display: string;
  /** The WM_NAME titles of the top-level windows now open. */
  windowTitles(): string[];
  stop(): Promise<void>;
}

/** Starts Xvfb on a display number it picks itself; it writes the number to fd 3 once it accepts connections. */
export async function startXvfb(): Promise<Xvfb> {
  const child: ChildProcess = spawn('Xvfb', ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '800x600x24'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  const number = await new Promise<string>((resolve, reject) => {
    let text = '';
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdio[3]?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.trim());
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it was ready: ${errors.slice(-500)}`)));
  });
  const display = `:${number}`;
  return {
    display,
    windowTitles() {
      const tree = spawnSync('xwininfo', ['-root', '-children', '-display', display], { encoding: 'utf8' }).stdout;
      const ids = [...tree.matchAll(/^\s+(0x[0-9a-f]+) /gm)].map((m) => m[1] as string);
      return ids.map((id) => {
        const out = spawnSync('xprop', ['-display', display, '-id', id, 'WM_NAME'], { encoding: 'utf8' }).stdout.trim();
        return /^WM_NAME\([A-Z_0-9]+\) = "(.*)"$/s.exec(out)?.[1] ?? '';
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}
