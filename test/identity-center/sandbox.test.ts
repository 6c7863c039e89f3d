import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ListAccountsCommand, SSOClient, UnauthorizedException } from '@aws-sdk/client-sso';
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

interface SandboxLine {
  startUrl: string;
  region: string;
  endpoint: string;
  controlUrl: string;
}

/** Starts `npm run sandbox` in its own process group; resolves with its JSON line. */
function startSandbox(args: string[], deadlineMs: number): Promise<{ child: ChildProcess; line: SandboxLine; lines: string[]; stderr: () => string }> {
  const child = spawn('npm', ['run', 'sandbox', '--', ...args], { cwd: repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no JSON line within ${deadlineMs} ms; stdout: ${lines.join('\n')}`)), deadlineMs);
    createInterface({ input: child.stdout! }).on('line', (text) => {
      lines.push(text);
      // npm itself prints a banner of "> script" lines before the script's own output.
      if (text.startsWith('{')) {
        clearTimeout(timer);
        resolve({ child, line: JSON.parse(text) as SandboxLine, lines, stderr: () => stderr });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited with ${code}`));
    });
  });
}

function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function stopGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid !== undefined && running(child)) process.kill(-child.pid, signal);
}

describe('npm run sandbox', () => {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let appDir: string;

  beforeAll(async () => {
    appDir = await mkdtemp(join(tmpdir(), 'rolecall-sandbox-app-'));
    // The promise: the line is out within 5 s of start, tsx start-up included.
    sandbox = await startSandbox(['--accounts', '4', '--roles-per-account', '2', '--latency', '1', '--app-dir', appDir], 5_000);
  });

  afterAll(async () => {
    if (sandbox && running(sandbox.child)) {
      stopGroup(sandbox.child, 'SIGKILL');
      await once(sandbox.child, 'exit');
    }
  });

  it('prints one JSON line with startUrl, region, endpoint and controlUrl', () => {
    const { line, lines } = sandbox;
    expect(Object.keys(line).sort()).toEqual(['controlUrl', 'endpoint', 'region', 'startUrl']);
    expect(line.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(line.controlUrl).toBe(`${line.endpoint}/_control`);
    expect(line.startUrl).toMatch(/^https:\/\/d-[0-9a-f]{10}\.awsapps\.com\/start$/);
    expect(lines.filter((l) => l.startsWith('{'))).toHaveLength(1);
  });

  it('serves the official clients and obeys the control API', async () => {
    const { line } = sandbox;
    const oidc = new SSOOIDCClient({ region: line.region, endpoint: line.endpoint, maxAttempts: 1 });
    const sso = new SSOClient({ region: line.region, endpoint: line.endpoint, maxAttempts: 1 });
    try {
      const client = await oidc.send(new RegisterClientCommand({ clientName: 'sandbox-test', clientType: 'public', scopes: ['sso:account:access'] }));
      const device = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId!, clientSecret: client.clientSecret!, startUrl: line.startUrl }));
      const approve = await fetch(`${line.controlUrl}/approve`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userCode: device.userCode, allow: true }),
      });
      expect(approve.status).toBe(200);
      const token = await oidc.send(new CreateTokenCommand({
        clientId: client.clientId!, clientSecret: client.clientSecret!, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: device.deviceCode!,
      }));
      const accounts = await sso.send(new ListAccountsCommand({ accessToken: token.accessToken! }));
      expect(accounts.accountList).toHaveLength(4);

      const stats = await (await fetch(`${line.controlUrl}/stats`)).json();
      expect(stats).toEqual({
        operations: {
          RegisterClient: 1, StartDeviceAuthorization: 1, CreateToken: 1, ListAccounts: 1, ListAccountRoles: 0,
          GetRoleCredentials: 0, Logout: 0, GetSigninToken: 0, GetCallerIdentity: 0,
        },
        throttled: 0,
      });

      // A day later the access token is long dead.
      const clock = await fetch(`${line.controlUrl}/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceSeconds: 24 * 3600 }) });
      expect(clock.status).toBe(200);
      await expect(sso.send(new ListAccountsCommand({ accessToken: token.accessToken! }))).rejects.toBeInstanceOf(UnauthorizedException);

      const unknown = await fetch(`${line.controlUrl}/approve`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userCode: 'ZZZZ-ZZZZ' }) });
      expect(unknown.status).toBe(409);
      const bad = await fetch(`${line.controlUrl}/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"advanceSeconds":"soon"}' });
      expect(bad.status).toBe(400);
    } finally {
      oidc.destroy();
      sso.destroy();
    }
  });

  it('sets Rolecall up for the sandbox, and says why the app did not start where Electron cannot run', async () => {
    await expect.poll(() => sandbox.stderr(), { timeout: 10_000 }).toContain('Rolecall is set up for it');
    const { env } = JSON.parse(await readFile(join(appDir, 'app-env.json'), 'utf8')) as { env: Record<string, string> };
    expect(env).toEqual({
      ROLECALL_HOME: join(appDir, 'home'),
      ROLECALL_KEYCHAIN_SERVICE: 'Rolecall-sandbox',
      AWS_CONFIG_FILE: join(appDir, 'aws-config'),
    });
    const { instances } = JSON.parse(await readFile(join(appDir, 'home', 'instances.json'), 'utf8')) as { instances: unknown[] };
    expect(instances).toEqual([
      { id: 'sandbox', name: 'sandbox', startUrl: sandbox.line.startUrl, region: sandbox.line.region, endpointUrl: sandbox.line.endpoint },
    ]);
    // No Electron binary can be downloaded on this machine.
    await expect.poll(() => sandbox.stderr(), { timeout: 10_000 }).toContain('Electron is not installed here');
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = once(sandbox.child, 'exit');
    stopGroup(sandbox.child, 'SIGTERM');
    await exited;
    await expect(fetch(`${sandbox.line.controlUrl}/stats`)).rejects.toThrow();
  });

  it('refuses a bad flag with a clear message and exit code 2', async () => {
    const child = spawn('npm', ['run', 'sandbox', '--', '--throttle', 'fast'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(2);
    expect(stderr).toContain('--throttle must be a positive number, got "fast"');
  });
});
