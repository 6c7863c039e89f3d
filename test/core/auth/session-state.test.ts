import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { hasUsableAccessToken, sessionStateOf } from '../../../main/core/auth/session-state';
import { parseStoredSession, TOKEN_KEY, writeStoredSession, type SsoTokenRecord } from '../../../main/core/auth/token-record';
import { MemorySecretStore } from '../../../main/core/secrets/secret-store';

const NOW = Date.UTC(2026, 0, 15, 9);
const MIN = 60_000;

const record = (over: Partial<SsoTokenRecord> = {}): SsoTokenRecord => ({
  kind: 'token',
  accessToken: 'access',
  expiresAt: NOW + 60 * MIN,
  refreshToken: 'refresh',
  sessionExpiresAt: NOW + 8 * 60 * MIN,
  method: 'device',
  clientId: 'client',
  signedInAt: NOW,
  accessTokenLifetimeMs: 60 * MIN,
  ...over,
});

describe('session state', () => {
  it('follows the session, not the access token, when a refresh token exists', () => {
    expect(sessionStateOf('acme', undefined, NOW, 10 * MIN)).toEqual({ instanceId: 'acme', status: 'signed-out' });
    expect(sessionStateOf('acme', record(), NOW, 10 * MIN)).toEqual({ instanceId: 'acme', status: 'active', expiresAt: NOW + 8 * 60 * MIN });
    expect(sessionStateOf('acme', record({ expiresAt: NOW + MIN }), NOW, 10 * MIN).status).toBe('active');
    expect(sessionStateOf('acme', record({ sessionExpiresAt: NOW + 5 * MIN, expiresAt: NOW + 5 * MIN }), NOW, 10 * MIN).status).toBe('ending-soon');
    const { refreshToken: _, ...noRefresh } = record({ expiresAt: NOW + 5 * MIN });
    expect(sessionStateOf('acme', noRefresh, NOW, 10 * MIN)).toMatchObject({ status: 'ending-soon', expiresAt: NOW + 5 * MIN });
    expect(sessionStateOf('acme', noRefresh, NOW + 6 * MIN, 10 * MIN).status).toBe('expired');
    expect(sessionStateOf('acme', { kind: 'ended', reason: 'revoked', endedAt: NOW }, NOW, 10 * MIN)).toMatchObject({ status: 'expired', message: expect.stringContaining('Sign in again') });
  });

  it('treats a stored value of another shape as absent', () => {
    expect(parseStoredSession(record())).toEqual(record());
    expect(parseStoredSession({ ...record(), expiresAt: 'soon' })).toBeUndefined();
    expect(parseStoredSession({ ...record(), method: 'password' })).toBeUndefined();
    expect(parseStoredSession({ kind: 'ended', reason: 'bored', endedAt: NOW })).toBeUndefined();
    expect(parseStoredSession('token')).toBeUndefined();
  });

  it('tells whether a usable access token is stored', async () => {
    const store = new MemorySecretStore();
    expect(await hasUsableAccessToken(store, 'acme', NOW)).toBe(false);
    await writeStoredSession(store, 'acme', record());
    expect(await hasUsableAccessToken(store, 'acme', NOW, 15 * MIN)).toBe(true);
    expect(await hasUsableAccessToken(store, 'acme', NOW + 50 * MIN, 15 * MIN)).toBe(false);
    await store.set('acme', TOKEN_KEY, 'not json');
    expect(await hasUsableAccessToken(store, 'acme', NOW)).toBe(false);
  });

  it('loads no AWS SDK module on the token fast path', async () => {
    // Bundle each module the CLI's hot path uses the way the CLI build does (code splitting):
    // whatever loads before the first dynamic import must not reach @aws-sdk.
    const root = join(import.meta.dirname, '../../..');
    const entries = ['main/core/auth/session-state.ts', 'main/core/auth/token-service.ts', 'main/core/secrets/keychain-store.ts', 'main/core/instances/instance-registry.ts'];
    const result = await build({
      absWorkingDir: root,
      entryPoints: entries,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      outdir: 'out',
      write: false,
      metafile: true,
      external: ['@napi-rs/keyring'],
      logLevel: 'silent',
    });
    const outputs = result.metafile.outputs;
    const staticClosure = (file: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(file)) return seen;
      seen.add(file);
      for (const imported of outputs[file]?.imports ?? []) if (imported.kind === 'import-statement' && outputs[imported.path]) staticClosure(imported.path, seen);
      return seen;
    };
    for (const [file, output] of Object.entries(outputs)) {
      if (!output.entryPoint || !entries.includes(output.entryPoint)) continue;
      const inputs = [...staticClosure(file)].flatMap((chunk) => Object.keys(outputs[chunk]?.inputs ?? {}));
      expect(inputs.filter((input) => input.includes('@aws-sdk') || input.includes('@smithy')), output.entryPoint).toEqual([]);
    }
    // The SDK is still there, behind a dynamic import, for refresh and sign-in.
    expect(Object.keys(result.metafile.inputs).some((input) => input.includes('@aws-sdk/client-sso-oidc'))).toBe(true);
  });
});
