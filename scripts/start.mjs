#!/usr/bin/env node
// `npm start`: builds Rolecall, makes sure Electron's binary is there, and starts the app.
//
//   node scripts/start.mjs [--no-build] [--sandbox | --sandbox-env FILE] [-- ELECTRON_ARGS…]
//
// package.json's allowScripts keeps Electron's postinstall (its download) from running, so
// `npm ci` works offline; the binary is fetched here, on first start, by Electron's own
// installer. When that download fails, one line says what to do.
//
// --sandbox starts the app configured for the local Identity Center sandbox: the sandbox
// writes the environment the app needs (ROLECALL_HOME, ROLECALL_KEYCHAIN_SERVICE,
// AWS_CONFIG_FILE, …) as {"env": {…}} into .cache/sandbox/app-env.json (or FILE), and this
// script starts Electron with it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronPackage = join(root, 'node_modules', 'electron');
export const DEFAULT_SANDBOX_ENV_FILE = join(root, '.cache', 'sandbox', 'app-env.json');

/** Parses this script's arguments. */
export function parseStartArgs(argv) {
  const options = { build: true, sandboxEnvFile: undefined, electronArgs: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--') {
      options.electronArgs = argv.slice(i + 1);
      break;
    }
    if (arg === '--no-build') options.build = false;
    else if (arg === '--sandbox') options.sandboxEnvFile = DEFAULT_SANDBOX_ENV_FILE;
    else if (arg === '--sandbox-env') {
      const file = argv[i + 1];
      if (file === undefined) throw new StartError('--sandbox-env needs a file.');
      options.sandboxEnvFile = file;
      i += 1;
    } else throw new StartError(`Unknown option ${arg} (try --no-build, --sandbox, --sandbox-env FILE, -- ELECTRON_ARGS).`);
  }
  return options;
}

export class StartError extends Error {}

/** The Electron executable when it is installed, else undefined. */
export function installedElectron(packageDir = electronPackage, env = process.env) {
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || join(packageDir, 'dist');
  const executable = join(distDir, relative);
  return existsSync(executable) ? executable : undefined;
}

/** Runs Electron's installer; returns the executable or throws a StartError with one line. */
export function ensureElectron(packageDir = electronPackage, env = process.env) {
  const found = installedElectron(packageDir, env);
  if (found !== undefined) return found;
  const version = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
  process.stderr.write(`Downloading Electron ${version} (first start only)…\n`);
  const result = spawnSync(process.execPath, [join(packageDir, 'install.js')], { cwd: packageDir, env, encoding: 'utf8' });
  const installed = result.status === 0 ? installedElectron(packageDir, env) : undefined;
  if (installed !== undefined) return installed;
  const reason = downloadFailureReason(`${result.stderr ?? ''}\n${result.stdout ?? ''}`);
  throw new StartError(
    `Could not download Electron ${version}${reason ? ` (${reason})` : ''}: connect to the internet and run \`npm start\` again, or set ELECTRON_MIRROR to a reachable mirror.`,
  );
}

/** The most telling line of the installer's output, shortened. */
function downloadFailureReason(output) {
  const lines = output.split('\n').map((line) => line.trim()).filter(Boolean);
  const line = lines.find((l) => /^(Error|HTTPError|RequestError|TypeError|FetchError)\b|ENOTFOUND|ECONNREFUSED|EAI_AGAIN|ETIMEDOUT|\b\d{3}\b.*(Not Found|Forbidden)/i.test(l)) ?? lines[0];
  if (line === undefined) return '';
  return line.replace(/^Error:\s*/, '').slice(0, 160);
}

/** The environment for a sandbox start, from the file the sandbox writes. */
export function sandboxEnvironment(file) {
  if (!existsSync(file)) throw new StartError(`No sandbox environment at ${file}: start the sandbox first (\`npm run sandbox\`).`);
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new StartError(`The sandbox environment file ${file} is not valid JSON.`);
  }
  const env = parsed?.env;
  if (typeof env !== 'object' || env === null || Array.isArray(env) || !Object.values(env).every((v) => typeof v === 'string')) {
    throw new StartError(`The sandbox environment file ${file} must hold {"env": {"NAME": "value", …}}.`);
  }
  return env;
}

async function main() {
  const options = parseStartArgs(process.argv.slice(2));
  if (options.build) {
    const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new StartError('The build failed (see above).');
  }
  const extraEnv = options.sandboxEnvFile === undefined ? {} : sandboxEnvironment(options.sandboxEnvFile);
  const electron = ensureElectron();
  const env = { ...process.env, ...extraEnv };
  // A parent that ran as Node (an editor's terminal, a test runner) must not make Electron one.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electron, [root, ...options.electronArgs], { cwd: root, env, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    process.stderr.write(`${error instanceof StartError ? error.message : `npm start failed: ${error?.message ?? error}`}\n`);
    process.exit(1);
  });
}
