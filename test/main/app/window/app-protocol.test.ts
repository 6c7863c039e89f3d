import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, resolveAppAsset } from '../../../../main/app/window/app-protocol';
import { isAppUrl } from '../../../../main/app/window/app-location';
import { CONTENT_SECURITY_POLICY } from '../../../../main/app/window/content-security-policy';

let root: string;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rolecall-protocol-'));
  root = join(dir, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Rolecall</title>');
  await writeFile(join(root, 'app.js'), 'export {};');
  await writeFile(join(root, 'assets', 'logo.svg'), '<svg/>');
  await writeFile(join(dir, 'secret.txt'), 'outside the renderer folder');
  await writeFile(join(root, 'notes.txt'), 'not a served type');
});

describe('the app:// scheme', () => {
  it('serves the page with the CSP and nosniff headers', async () => {
    const handler = createAppProtocolHandler(root);
    const response = await handler({ url: 'app://rolecall/index.html', method: 'GET' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Rolecall</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves the entry page for the bare origin and scripts as JavaScript', async () => {
    const handler = createAppProtocolHandler(root);
    expect(await (await handler({ url: 'app://rolecall/' })).text()).toContain('Rolecall');
    expect((await handler({ url: 'app://rolecall/app.js' })).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await handler({ url: 'app://rolecall/assets/logo.svg' })).status).toBe(200);
  });

  it.each([
    'app://rolecall/%2e%2e/secret.txt',
    'app://rolecall/..%2fsecret.txt',
    'app://rolecall/assets/..%2f..%2fsecret.txt',
    'app://rolecall/%5c..%5csecret.txt',
    'app://rolecall/index.html%00.js',
    'app://rolecall/%E0%A4%A',
    'app://rolecall/notes.txt',
    'app://rolecall/missing.js',
    'app://other/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('answers %s with 404', async (url) => {
    const response = await createAppProtocolHandler(root)({ url, method: 'GET' });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('');
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await createAppProtocolHandler(root)({ url: 'app://rolecall/index.html', method: 'POST' })).status).toBe(405);
  });

  it('never resolves outside the renderer folder', () => {
    expect(resolveAppAsset(root, 'app://rolecall/../../secret.txt')).toBeNull();
    expect(resolveAppAsset(root, 'app://rolecall/assets/logo.svg')?.path).toBe(join(root, 'assets', 'logo.svg'));
  });

  it('recognises only its own pages as app URLs', () => {
    expect(isAppUrl('app://rolecall/index.html#/settings')).toBe(true);
    expect(isAppUrl('app://user:pw@rolecall/index.html')).toBe(false);
    expect(isAppUrl('app://rolecall.evil/index.html')).toBe(false);
    expect(isAppUrl('https://rolecall/index.html')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });
});
