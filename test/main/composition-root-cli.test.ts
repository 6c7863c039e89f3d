/**
 * main/index.ts started as the `rolecall` command (`--rolecall-cli -- …`): it runs the bundled
 * CLI in the main process and exits with its code, without window, tray or single-instance lock.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleMainWithStandIn } from './support/bundle-main';

describe('main/index.ts started with --rolecall-cli', () => {
  it('runs the CLI with the arguments after --, tells it how to run itself, and exits with its code', async () => {
    const { dir: bundleDir, dist } = await bundleMainWithStandIn('test-main-cli-');
    // Stands in for dist/cli/rolecall.js: records what it saw and sets its exit code.
    const seen = join(dist, 'seen.json');
    mkdirSync(join(dist, 'cli'), { recursive: true });
    writeFileSync(
      join(dist, 'cli', 'rolecall.js'),
      `import { writeFileSync } from 'node:fs';
writeFileSync(${JSON.stringify(seen)}, JSON.stringify({ args: process.argv.slice(2), command: JSON.parse(process.env.ROLECALL_CLI_COMMAND) }));
process.exitCode = 4;
`,
    );
    const saved = { argv: process.argv, exitCode: process.exitCode, command: process.env.ROLECALL_CLI_COMMAND };
    process.argv = ['/opt/Rolecall/rolecall-app', '--ozone-platform=headless', '--disable-gpu', '--rolecall-cli', '--', 'ls', '--json'];
    try {
      await import(`${pathToFileURL(join(dist, 'main', 'index.js')).href}?cli`);
      const electron = (globalThis as any).__electron;
      for (let i = 0; i < 100 && electron.exitCode === undefined; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(electron.exitCode).toBe(4);
      expect(JSON.parse(readFileSync(seen, 'utf8'))).toEqual({
        args: ['ls', '--json'],
        // process.execPath is the app binary inside Electron (Node's here).
        command: process.platform === 'linux'
          ? [process.execPath, '--ozone-platform=headless', '--disable-gpu', '--rolecall-cli', '--']
          : [process.execPath, '--rolecall-cli', '--'],
      });
      expect(electron.calls).toEqual(['disableHardwareAcceleration']);
      expect(electron.windows).toEqual([]);
      expect(electron.trays).toEqual([]);
    } finally {
      rmSync(bundleDir, { recursive: true, force: true });
      process.argv = saved.argv;
      process.exitCode = saved.exitCode;
      if (saved.command === undefined) delete process.env.ROLECALL_CLI_COMMAND;
      else process.env.ROLECALL_CLI_COMMAND = saved.command;
    }
  });
});
