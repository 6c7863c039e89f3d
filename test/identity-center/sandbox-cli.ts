// `npm run sandbox`: a demo Identity Center on 127.0.0.1 for trying Rolecall by hand.
// Besides the emulator, it prepares a private Rolecall setup for it (app data, AWS config file,
// keychain namespace, the instance added) and starts the app on it when Electron can run.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { demoOrganization, startIdentityCenter } from './index';
import { prepareSandboxApp } from './sandbox-app';

const USAGE = `usage: npm run sandbox -- [--port N] [--accounts N] [--roles-per-account N] [--throttle REQ_PER_S] [--latency MS] [--auto-approve allow|deny] [--app-dir DIR] [--no-app]`;
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

function fail(message: string): never {
  process.stderr.write(`sandbox: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) fail(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return Number(raw);
}

function positive(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !(n > 0)) fail(`--${name} must be a positive number, got "${raw}"`);
  return n;
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      accounts: { type: 'string' },
      'roles-per-account': { type: 'string' },
      throttle: { type: 'string' },
      latency: { type: 'string' },
      'auto-approve': { type: 'string' },
      'app-dir': { type: 'string' },
      'no-app': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail((error as Error).message);
}

if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const autoApprove = values['auto-approve'];
if (autoApprove !== undefined && autoApprove !== 'allow' && autoApprove !== 'deny') fail(`--auto-approve must be allow or deny, got "${autoApprove}"`);

const options = {
  port: integer('port', values.port, 0, 0, 65_535),
  organization: demoOrganization({
    accounts: integer('accounts', values.accounts, 12, 0, 100_000),
    rolesPerAccount: integer('roles-per-account', values['roles-per-account'], 3, 1, 12),
  }),
  throttle: positive('throttle', values.throttle) ?? null,
  latencyMs: values.latency === undefined ? 0 : integer('latency', values.latency, 0, 0, 60_000),
};

let ic;
try {
  ic = await startIdentityCenter(options);
} catch (error) {
  process.stderr.write(`sandbox: could not start: ${(error as Error).message}\n`);
  process.exit(1);
}
if (autoApprove) ic.autoApprove(autoApprove);

process.stdout.write(`${JSON.stringify({ startUrl: ic.startUrl, region: ic.region, endpoint: ic.endpoint, controlUrl: ic.controlUrl })}\n`);

// Everything below speaks on stderr: stdout carries only the JSON line.
const appDir = values['app-dir'] ?? join(repoRoot, '.cache', 'sandbox');
let app: import('./sandbox-app').SandboxApp | undefined;
try {
  app = await prepareSandboxApp(ic, appDir);
  if (app.keychainWarning) process.stderr.write(`sandbox: the previous sandbox's keychain items were not cleared: ${app.keychainWarning}\n`);
  const envLine = Object.entries(app.env).map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(' ');
  process.stderr.write(`sandbox: Rolecall is set up for it in ${appDir} (instance "${app.instance.id}").\n`);
  process.stderr.write(`sandbox: CLI: ${envLine} node dist/cli/rolecall.js login ${app.instance.id}\n`);
} catch (error) {
  process.stderr.write(`sandbox: could not prepare Rolecall for the sandbox: ${(error as Error).message}\n`);
}

let appProcess: import('node:child_process').ChildProcess | undefined;
if (app && !values['no-app']) {
  const { installedElectron } = (await import(join(repoRoot, 'scripts', 'start.mjs'))) as { installedElectron: () => string | undefined };
  if (installedElectron() === undefined) {
    process.stderr.write('sandbox: Electron is not installed here, so the app was not started; run `npm start -- --sandbox` where it can be.\n');
  } else {
    appProcess = spawn(process.execPath, [join(repoRoot, 'scripts', 'start.mjs'), '--sandbox-env', app.envFile], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    appProcess.once('exit', (code) => process.stderr.write(`sandbox: the app exited (${code ?? 'signal'}); the sandbox keeps running.\n`));
  }
}

const running = ic;
const stop = (): void => {
  appProcess?.kill('SIGTERM');
  running.close().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`sandbox: error while stopping: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
