import { describe, expect, it } from 'vitest';
import { openTerminal, userShell } from '../../../main/core/terminal/open-terminal';
import type { LaunchOptions, ProcessLauncher } from '../../../main/core/browser/process-launcher';
import { createLogger, type LogRecord } from '../../../main/core/logger';

function recorder() {
  const launches: { command: string; args: readonly string[]; options?: LaunchOptions }[] = [];
  const launcher: ProcessLauncher = { launch: async (command, args, options) => void launches.push({ command, args, options }) };
  return { launches, launcher };
}

describe('openTerminal', () => {
  it('starts the chosen terminal with our environment, less leftover keys, plus the profile', async () => {
    const { launches, launcher } = recorder();
    const records: LogRecord[] = [];
    const env = { PATH: '/usr/bin', HOME: '/home/me', AWS_ACCESS_KEY_ID: 'ASIA-LEFT-OVER', AWS_SESSION_TOKEN: 'left-over', AWS_PROFILE: 'old', DISPLAY: ':7' };
    const result = await openTerminal(
      'auto',
      { profile: 'acme-prod/Admin', region: 'eu-west-1', title: 'acme-prod / Admin', shell: '/bin/bash' },
      { platform: 'linux', env, exists: (p) => p === '/usr/bin/xterm', launcher, logger: createLogger((r) => records.push(r)) },
    );
    expect(result).toEqual({ terminal: 'xterm' });
    expect(launches).toEqual([
      {
        command: '/usr/bin/xterm',
        args: ['-T', 'acme-prod / Admin', '-e', '/bin/bash'],
        options: {
          env: { PATH: '/usr/bin', HOME: '/home/me', DISPLAY: ':7', AWS_PROFILE: 'acme-prod/Admin', AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1' },
          windowsVerbatimArguments: undefined,
        },
      },
    ]);
    expect(records.map((r) => [r.message, r.fields])).toEqual([['terminal opened', { terminal: 'xterm', profile: 'acme-prod/Admin' }]]);
  });

  it('starts nothing when no terminal is found or the input is bad', async () => {
    const { launches, launcher } = recorder();
    const deps = { platform: 'linux' as const, env: { PATH: '/usr/bin' }, launcher, logger: createLogger(() => undefined) };
    await expect(openTerminal('auto', { profile: 'p', title: 't', shell: '/bin/sh' }, { ...deps, exists: () => false })).rejects.toMatchObject({ code: 'terminal-not-found' });
    await expect(openTerminal('auto', { profile: 'p\n', title: 't', shell: '/bin/sh' }, { ...deps, exists: () => true })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(openTerminal('warp', { profile: 'p', title: 't', shell: '/bin/sh' }, { ...deps, exists: () => true })).rejects.toMatchObject({ code: 'unknown-terminal' });
    expect(launches).toEqual([]);
  });
});

describe('userShell', () => {
  it('is $SHELL when absolute, else the platform default', () => {
    expect(userShell({ SHELL: '/usr/bin/fish' }, 'linux')).toBe('/usr/bin/fish');
    expect(userShell({ SHELL: 'fish' }, 'linux')).toBe('/bin/sh');
    expect(userShell({}, 'darwin')).toBe('/bin/zsh');
  });
});
