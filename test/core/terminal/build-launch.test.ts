import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildTerminalLaunch } from '../../../main/core/terminal/build-launch';
import type { DetectedTerminal, TerminalId, TerminalSession } from '../../../main/core/terminal/terminals';
import { terminalTitle } from '../../../main/core/terminal/terminals';

const PROFILE = `it's "prod" $HOME \`id\` $(id); a & b | c > d ü 名前`;
const TITLE = terminalTitle({ accountName: `acme "prod"; $(rm -rf ~) & 'x' % ü`, accountId: '111122223333', roleName: 'Admin;Access' });
const session = (overrides: Partial<TerminalSession> = {}): TerminalSession => ({ profile: PROFILE, region: 'eu-west-1', title: TITLE, shell: '/bin/bash', ...overrides });
const at = (id: TerminalId, executable: string, extra: Partial<DetectedTerminal> = {}): DetectedTerminal => ({ id, executable, ...extra });
const ENV_PREFIX = [
  '/usr/bin/env',
  '-u', 'AWS_ACCESS_KEY_ID', '-u', 'AWS_SECRET_ACCESS_KEY', '-u', 'AWS_SESSION_TOKEN', '-u', 'AWS_CREDENTIAL_EXPIRATION',
  `AWS_PROFILE=${PROFILE}`, 'AWS_REGION=eu-west-1', 'AWS_DEFAULT_REGION=eu-west-1',
];

function decodePowerShell(encoded: string): string {
  return Buffer.from(encoded, 'base64').toString('utf16le');
}

describe('terminal titles', () => {
  it('name the account (or its id) and the role', () => {
    expect(terminalTitle({ accountName: 'acme-prod', accountId: '1', roleName: 'ReadOnly' })).toBe('acme-prod / ReadOnly');
    expect(terminalTitle({ accountName: ' ', accountId: '111122223333', roleName: 'ReadOnly' })).toBe('111122223333 / ReadOnly');
  });
});

describe('Linux terminals', () => {
  it('puts the profile and region in the spawned environment, clearing keys that would win over it', () => {
    const launch = buildTerminalLaunch(at('xterm', '/usr/bin/xterm'), session());
    expect(launch.setEnv).toEqual({ AWS_PROFILE: PROFILE, AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1' });
    expect(launch.unsetEnv).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION']);
    expect(buildTerminalLaunch(at('xterm', '/usr/bin/xterm'), session({ region: undefined })).setEnv).toEqual({ AWS_PROFILE: PROFILE });
  });

  it.each([
    ['xterm', ['-T', TITLE, '-e', '/bin/bash']],
    ['x-terminal-emulator', ['-T', TITLE, '-e', ...ENV_PREFIX, '/bin/bash']],
    ['gnome-terminal', ['--window', `--title=${TITLE}`, '--', ...ENV_PREFIX, '/bin/bash']],
    ['konsole', ['--separate', '-p', `tabtitle=${TITLE.replace(/;/g, ',')}`, '-e', '/bin/bash']],
    ['kitty', [`--title=${TITLE}`, '--', '/bin/bash']],
    ['alacritty', [`--title=${TITLE}`, '-e', '/bin/bash']],
    ['wezterm', ['start', '--always-new-process', '--', '/bin/sh', '-c', `printf '\\033]2;%s\\007' "$1"; shift; exec "$@"`, 'rolecall-title', TITLE, '/bin/bash']],
  ] as const)('%s gets exact argv, every name one untouched argument', (id, args) => {
    const launch = buildTerminalLaunch(at(id, `/usr/bin/${id}`), session());
    expect(launch.command).toBe(`/usr/bin/${id}`);
    expect(launch.args).toEqual(args);
    expect(launch.windowsVerbatimArguments).toBeUndefined();
  });

  it('keeps konsole from reading a ; in the title as another property', () => {
    const launch = buildTerminalLaunch(at('konsole', '/usr/bin/konsole'), session({ title: 'a;Command=/bin/evil;b' }));
    expect(launch.args.slice(0, 3)).toEqual(['--separate', '-p', 'tabtitle=a,Command=/bin/evil,b']);
  });

  it('the env wrapper and the title wrapper really deliver exact values', () => {
    const command = ['/bin/sh', '-c', 'printf "%s|%s|%s" "$AWS_PROFILE" "$AWS_REGION" "${AWS_ACCESS_KEY_ID-unset}"'];
    const gnome = buildTerminalLaunch(at('gnome-terminal', 'gnome-terminal'), session({ command }));
    const inner = gnome.args.slice(gnome.args.indexOf('--') + 1);
    const run = spawnSync(inner[0]!, inner.slice(1), { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', AWS_ACCESS_KEY_ID: 'ASIA-LEFT-OVER' } });
    expect(run.stdout).toBe(`${PROFILE}|eu-west-1|unset`);

    const wezterm = buildTerminalLaunch(at('wezterm', 'wezterm'), session({ command: ['/bin/sh', '-c', 'printf "[%s]" "$0"', 'arg $0 `id`'] }));
    const titled = wezterm.args.slice(wezterm.args.indexOf('--') + 1);
    const osc = spawnSync(titled[0]!, titled.slice(1), { encoding: 'utf8' });
    expect(osc.stdout).toBe(`\u001b]2;${TITLE}\u0007[arg $0 \`id\`]`);
  });
});

describe('macOS terminals', () => {
  it.each(['terminal-app', 'iterm2'] as const)('%s runs osascript with the line and title as script arguments, never as AppleScript source', (id) => {
    const launch = buildTerminalLaunch(at(id, '/usr/bin/osascript'), session({ shell: '/bin/zsh' }));
    expect(launch.command).toBe('/usr/bin/osascript');
    expect(launch.args).toHaveLength(4);
    const [flag, script, line, title] = launch.args;
    expect(flag).toBe('-e');
    expect(script).toContain(id === 'iterm2' ? 'application id "com.googlecode.iterm2"' : 'application id "com.apple.Terminal"');
    expect(script).not.toContain(PROFILE);
    expect(script).not.toContain('prod');
    expect(title).toBe(TITLE);
    expect(line).toBe(
      `exec /usr/bin/env '-u' 'AWS_ACCESS_KEY_ID' '-u' 'AWS_SECRET_ACCESS_KEY' '-u' 'AWS_SESSION_TOKEN' '-u' 'AWS_CREDENTIAL_EXPIRATION' ` +
        `'AWS_PROFILE=it'\\''s "prod" $HOME \`id\` $(id); a & b | c > d ü 名前' 'AWS_REGION=eu-west-1' 'AWS_DEFAULT_REGION=eu-west-1' '/bin/zsh' '-l'`,
    );
  });

  it('types a line a POSIX shell reads back exactly', () => {
    const launch = buildTerminalLaunch(at('terminal-app', '/usr/bin/osascript'), session({ shell: '/bin/bash', command: ['/bin/sh', '-c', 'printf "%s" "$AWS_PROFILE"'] }));
    for (const shell of ['bash', 'sh']) {
      const run = spawnSync(shell, ['-c', launch.args[2]!], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
      expect(run.stdout).toBe(PROFILE);
    }
  });

  it('quotes the typed line for fish when that is the login shell', () => {
    const launch = buildTerminalLaunch(at('iterm2', '/usr/bin/osascript'), session({ shell: '/opt/homebrew/bin/fish', profile: String.raw`a'b\c`, region: undefined }));
    expect(launch.args[2]).toBe(
      `exec /usr/bin/env '-u' 'AWS_ACCESS_KEY_ID' '-u' 'AWS_SECRET_ACCESS_KEY' '-u' 'AWS_SESSION_TOKEN' '-u' 'AWS_CREDENTIAL_EXPIRATION' ` +
        String.raw`'AWS_PROFILE=a\'b\\c' '/opt/homebrew/bin/fish' '-l'`,
    );
  });
});

describe('Windows terminals', () => {
  it('cmd: the title is caret-escaped on a command line cmd reads verbatim', () => {
    const launch = buildTerminalLaunch(at('cmd', 'C:\\Windows\\System32\\cmd.exe'), session());
    expect(launch).toEqual({
      command: 'C:\\Windows\\System32\\cmd.exe',
      args: ['/d', '/v:off', '/k', `title acme ^"prod^"; $^(rm -rf ~^) ^& 'x' ^% ü / Admin;Access`],
      windowsVerbatimArguments: true,
      setEnv: { AWS_PROFILE: PROFILE, AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1' },
      unsetEnv: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION'],
    });
  });

  it('PowerShell: the title travels base64-encoded, the profile in the environment', () => {
    const launch = buildTerminalLaunch(at('powershell', 'C:\\Program Files\\PowerShell\\7\\pwsh.exe'), session());
    expect(launch.args.slice(0, 3)).toEqual(['-NoExit', '-NoLogo', '-EncodedCommand']);
    expect(launch.args[3]).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(decodePowerShell(launch.args[3]!)).toBe(`$Host.UI.RawUI.WindowTitle = 'acme "prod"; $(rm -rf ~) & ''x'' % ü / Admin;Access'`);
    expect(launch.setEnv.AWS_PROFILE).toBe(PROFILE);
  });

  it('Windows Terminal: a new window whose PowerShell sets the profile itself; ; in the title escaped for wt', () => {
    const launch = buildTerminalLaunch(at('windows-terminal', 'C:\\Users\\me\\AppData\\Local\\Microsoft\\WindowsApps\\wt.exe', { innerShell: 'pwsh.exe' }), session());
    expect(launch.args.slice(0, 10)).toEqual([
      '-w', 'new', 'new-tab',
      `--title=acme "prod"\\; $(rm -rf ~) & 'x' % ü / Admin\\;Access`,
      '--suppressApplicationTitle', '--', 'pwsh.exe', '-NoExit', '-NoLogo', '-EncodedCommand',
    ]);
    expect(launch.args).toHaveLength(11);
    expect(launch.args[10]).not.toMatch(/[;\s"]/);
    expect(decodePowerShell(launch.args[10]!)).toBe(
      [
        'Remove-Item Env:AWS_ACCESS_KEY_ID -ErrorAction SilentlyContinue',
        'Remove-Item Env:AWS_SECRET_ACCESS_KEY -ErrorAction SilentlyContinue',
        'Remove-Item Env:AWS_SESSION_TOKEN -ErrorAction SilentlyContinue',
        'Remove-Item Env:AWS_CREDENTIAL_EXPIRATION -ErrorAction SilentlyContinue',
        `$Env:AWS_PROFILE = 'it''s "prod" $HOME \`id\` $(id); a & b | c > d ü 名前'`,
        "$Env:AWS_REGION = 'eu-west-1'",
        "$Env:AWS_DEFAULT_REGION = 'eu-west-1'",
        `$Host.UI.RawUI.WindowTitle = 'acme "prod"; $(rm -rf ~) & ''x'' % ü / Admin;Access'`,
      ].join('; '),
    );
  });
});

describe('bad input', () => {
  it('is refused with a clear error', () => {
    expect(() => buildTerminalLaunch(at('xterm', 'xterm'), session({ profile: 'a\nb' }))).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(() => buildTerminalLaunch(at('xterm', 'xterm'), session({ profile: '' }))).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(() => buildTerminalLaunch(at('xterm', 'xterm'), session({ region: 'eu-west-1;id' }))).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(() => buildTerminalLaunch(at('xterm', 'xterm'), session({ shell: 'bash' }))).toThrow(/absolute path/);
    expect(() => buildTerminalLaunch(at('gnome-terminal', 'g'), session({ command: ['/opt/a=b/run'] }))).toThrow(/contains "="/);
    expect(() => buildTerminalLaunch(at('cmd', 'cmd.exe'), session({ command: ['dir'] }))).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(() => buildTerminalLaunch(at('nope' as TerminalId, 'x'), session())).toThrow(expect.objectContaining({ code: 'unknown-terminal' }));
  });

  it('turns control characters in a title into spaces', () => {
    expect(buildTerminalLaunch(at('xterm', 'xterm'), session({ title: 'a\u001b]0;evil\u0007b' })).args[1]).toBe('a ]0;evil b');
  });
});
