import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { credentialsEnvSnippet, profileEnvSnippet, SNIPPET_SHELLS } from '../../../main/core/shell/env-snippets';

/** Names a user may really have: quotes, spaces, every shell metacharacter, unicode. */
const HOSTILE_NAMES = [
  `it's "prod"`,
  'dev $HOME `whoami` $(id)',
  'a;b & c | d < e > f ( g ) ^ h % i ! j * k ? l ~ m # n',
  String.raw`back\slash \\ and \' and \"`,
  'ünïcødé 名前 ‘smart’ “quotes” ‛x‚',
  '%PATH% !USERNAME! ^& %%',
  '-starts-with-dash',
];

function shellsOnThisMachine(names: string[]): string[] {
  return names.filter((name) => ['/bin', '/usr/bin', '/usr/local/bin'].some((dir) => existsSync(`${dir}/${name}`)));
}

/** Runs `snippet` in `shell`, then prints the named variables (`<unset>` when unset), one a line. */
function evaluate(shell: string, snippet: string, names: string[], env: Record<string, string> = {}): string[] {
  const print = names.map((n) => `if [ -n "\${${n}+x}" ]; then printf '%s\\n' "$${n}"; else printf '<unset>\\n'; fi`).join('\n');
  // bash reads ~/.bashrc when it thinks it was started by a remote shell daemon: not here.
  const startup = shell === 'bash' ? ['--norc', '--noprofile'] : shell === 'zsh' ? ['-f'] : [];
  const result = spawnSync(shell, [...startup, '-c', `${snippet}\n${print}`], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout.split('\n').slice(0, names.length);
}

describe('profile snippets', () => {
  it.each(shellsOnThisMachine(['bash', 'sh', 'dash', 'zsh', 'ksh']))('%s reads every hostile profile name back exactly', (shell) => {
    for (const name of HOSTILE_NAMES) {
      const snippet = profileEnvSnippet(shell === 'zsh' ? 'zsh' : 'bash', name, { region: 'eu-west-2' });
      const values = evaluate(shell, snippet, ['AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SESSION_TOKEN'], {
        AWS_ACCESS_KEY_ID: 'ASIA-LEFT-OVER',
        AWS_SESSION_TOKEN: 'left-over',
      });
      // Keys already in the environment would win over AWS_PROFILE: the snippet clears them.
      expect(values).toEqual([name, 'eu-west-2', 'eu-west-2', '<unset>', '<unset>']);
    }
  });

  it('writes the exact bash/zsh lines', () => {
    expect(profileEnvSnippet('bash', `it's`)).toBe(
      "unset AWS_ACCESS_KEY_ID\nunset AWS_SECRET_ACCESS_KEY\nunset AWS_SESSION_TOKEN\nunset AWS_CREDENTIAL_EXPIRATION\nexport AWS_PROFILE='it'\\''s'\n",
    );
    expect(profileEnvSnippet('zsh', 'x y')).toBe(profileEnvSnippet('bash', 'x y'));
  });

  it('quotes for fish: only \\\\ and \\\' are special inside single quotes', () => {
    expect(profileEnvSnippet('fish', String.raw`a'b\c $HOME`, { region: 'us-east-1' })).toBe(
      [
        'set -e AWS_ACCESS_KEY_ID',
        'set -e AWS_SECRET_ACCESS_KEY',
        'set -e AWS_SESSION_TOKEN',
        'set -e AWS_CREDENTIAL_EXPIRATION',
        String.raw`set -gx AWS_PROFILE 'a\'b\\c $HOME'`,
        "set -gx AWS_REGION 'us-east-1'",
        "set -gx AWS_DEFAULT_REGION 'us-east-1'",
        '',
      ].join('\n'),
    );
  });

  it('quotes for PowerShell, doubling straight and typographic single quotes', () => {
    expect(profileEnvSnippet('powershell', 'it’s $env:HOME `n ‘x’')).toBe(
      [
        'Remove-Item Env:AWS_ACCESS_KEY_ID -ErrorAction SilentlyContinue',
        'Remove-Item Env:AWS_SECRET_ACCESS_KEY -ErrorAction SilentlyContinue',
        'Remove-Item Env:AWS_SESSION_TOKEN -ErrorAction SilentlyContinue',
        'Remove-Item Env:AWS_CREDENTIAL_EXPIRATION -ErrorAction SilentlyContinue',
        "$Env:AWS_PROFILE = 'it’’s $env:HOME `n ‘‘x’’'",
        '',
      ].join('\n'),
    );
  });

  it('escapes every cmd metacharacter with a caret, and % so no variable expands', () => {
    expect(profileEnvSnippet('cmd', 'a&b|c<d>e(f)g^h"i"%PATH% !x!')).toBe(
      [
        'set AWS_ACCESS_KEY_ID=',
        'set AWS_SECRET_ACCESS_KEY=',
        'set AWS_SESSION_TOKEN=',
        'set AWS_CREDENTIAL_EXPIRATION=',
        'set AWS_PROFILE=a^&b^|c^<d^>e^(f^)g^^h^"i^"^%PATH^% !x!',
        '',
      ].join('\n'),
    );
  });

  it('runs in fish and PowerShell too when they are installed', () => {
    const shells = shellsOnThisMachine(['fish', 'pwsh']);
    for (const shell of shells) {
      for (const name of HOSTILE_NAMES) {
        const kind = shell === 'fish' ? 'fish' : 'powershell';
        const print = shell === 'fish' ? "printf '%s' $AWS_PROFILE" : '[Console]::Out.Write($Env:AWS_PROFILE)';
        const args = shell === 'fish' ? ['-c', `${profileEnvSnippet(kind, name)}${print}`] : ['-NoProfile', '-Command', `${profileEnvSnippet(kind, name)}${print}`];
        expect(spawnSync(shell, args, { encoding: 'utf8' }).stdout).toBe(name);
      }
    }
    // Whatever is installed, every shell gets a snippet.
    expect(SNIPPET_SHELLS.map((s) => profileEnvSnippet(s, 'p').includes('p'))).toEqual([true, true, true, true, true]);
  });

  it('refuses names with control characters and regions that are not region names, with a clear error', () => {
    expect(() => profileEnvSnippet('bash', 'two\nlines')).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(() => profileEnvSnippet('cmd', 'tab\there')).toThrow(/control character/);
    expect(() => profileEnvSnippet('bash', 'p', { region: 'eu-west-2; rm -rf ~' })).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(() => profileEnvSnippet('bash', '')).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(() => profileEnvSnippet('tcsh' as never, 'p')).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });
});

describe('credential snippets', () => {
  const credentials = {
    accessKeyId: 'ASIAEXAMPLE0000CANARY',
    secretAccessKey: 'wJalr/XUtnFEMI+K7MDENG/bPxRfiCY=CANARY',
    sessionToken: `IQoJb3JpZ2luX2VjE+/=="'$\`CANARY`,
    expiration: Date.UTC(2026, 0, 15, 10, 30, 0),
  };

  it.each(shellsOnThisMachine(['bash', 'sh']))('%s gets the keys, expiry and region exactly, and no AWS_PROFILE', (shell) => {
    const values = evaluate(
      shell,
      credentialsEnvSnippet('bash', credentials, { region: 'ap-southeast-2' }),
      ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE'],
      { AWS_PROFILE: 'some-other-profile' },
    );
    expect(values).toEqual([
      credentials.accessKeyId,
      credentials.secretAccessKey,
      credentials.sessionToken,
      '2026-01-15T10:30:00.000Z',
      'ap-southeast-2',
      'ap-southeast-2',
      '<unset>',
    ]);
  });

  it('writes each shell’s syntax', () => {
    expect(credentialsEnvSnippet('fish', credentials)).toContain(`set -gx AWS_SESSION_TOKEN 'IQoJb3JpZ2luX2VjE+/=="\\'$\`CANARY'`);
    expect(credentialsEnvSnippet('powershell', credentials)).toContain(`$Env:AWS_SESSION_TOKEN = 'IQoJb3JpZ2luX2VjE+/=="''$\`CANARY'`);
    expect(credentialsEnvSnippet('cmd', credentials)).toContain('set AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjE+/==^"\'$`CANARY');
    expect(credentialsEnvSnippet('cmd', credentials).split('\n')[0]).toBe('set AWS_PROFILE=');
  });

  it('refuses incomplete credentials', () => {
    expect(() => credentialsEnvSnippet('bash', { ...credentials, sessionToken: '' })).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(() => credentialsEnvSnippet('bash', { ...credentials, expiration: Number.NaN })).toThrow(expect.objectContaining({ code: 'invalid-input' }));
  });
});
