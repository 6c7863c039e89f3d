/**
 * `rolecall credential-process`, as the AWS CLI runs it on every command: wall time of a fresh
 * `node dist/cli/rolecall.js credential-process --profile P` process against `node -e 0`
 * measured in the same run (samples interleaved, so load drift hits every side alike):
 * - a cache hit answered by a running broker (`rolecall daemon`): ratio ≤ 1.25;
 * - a cache hit from the keychain, no broker: ratio ≤ 1.5;
 * - the same keychain hit with a 10,000-line config against a small one: ≤ 1.05 (config size
 *   costing at most 5%);
 * - a cold call (GetRoleCredentials against the emulator, the AWS SDK loaded): ≤ 500 ms;
 * - writing 6,000 profiles into a config: ≤ 300 ms.
 * On Linux the keychain is a private gnome-keyring on its own D-Bus session (unless the bench
 * already runs inside one, as under `scripts/test.sh`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dropCachedCredentials } from '../test/cli/support/keychain-edits';
import { builtCli, createSandbox, finished, rolecall, type Sandbox } from '../test/cli/support/cli-harness';
import { largeConfig } from '../test/core/aws-config/support/large-config';
import { demoOrganization, startIdentityCenter, type IdentityCenter } from '../test/identity-center';
import { ceilingFigure, percentile, ratioFigure, round, type Bench, type Figure } from './figure';
import { profileWriteFigures } from './lib/config-figures';
import { startPrivateSecretService, type PrivateSecretService } from './lib/private-secret-service';

const bench: Bench = async ({ quick }) => {
  // Ratios between figures a few percent apart need many samples for a stable median.
  const samples = quick ? 11 : 61;
  const coldSamples = quick ? 3 : 7;
  const keyring: PrivateSecretService | undefined =
    process.platform === 'linux' && process.env.ROLECALL_SECRET_SERVICE !== '1' ? await startPrivateSecretService() : undefined;
  // The keychain library reads the bus address from this process's environment.
  if (keyring) Object.assign(process.env, keyring.env);
  const ic = await startIdentityCenter({ organization: demoOrganization({ accounts: 2, rolesPerAccount: 2 }) });
  let daemon: ChildProcess | undefined;
  try {
    const cli = await builtCli();
    const direct = await createSandbox(keyring?.env ?? {});
    await setUp(ic, direct);
    const profile = (JSON.parse((await must(direct, ['ls', '--json'])).stdout) as { profile: string }[])[0]!.profile;

    // The same user and keychain, with a broker running for a second app data folder.
    const brokered: Sandbox = { ...direct, appDir: join(direct.dir, 'app data with broker'), env: { ...direct.env, ROLECALL_HOME: join(direct.dir, 'app data with broker') } };
    await cp(direct.appDir, brokered.appDir, { recursive: true });
    daemon = spawn(process.execPath, [cli, 'daemon', '--json'], { env: brokered.env, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      daemon!.stdout!.once('data', () => resolve());
      daemon!.once('exit', (code) => reject(new Error(`rolecall daemon exited with ${code}`)));
    });

    const largePath = join(direct.dir, 'large config');
    await writeFile(largePath, withProfilesInTheMiddle(largeConfig(10_000).text, await readFile(direct.configFile, 'utf8')));

    const hit = (sandbox: Sandbox, env: NodeJS.ProcessEnv = {}) => timeProcess([cli, 'credential-process', '--profile', profile], { ...sandbox.env, ...env }, true);
    const baseline = () => timeProcess(['-e', '0'], direct.env, false);
    // What Node itself needs for each way of answering: the smallest CommonJS script that asks
    // the broker over the bare pipe handle (as the CLI does), the same through `net`, and one
    // that reads one keychain item with the keyring library.
    const role = (JSON.parse((await must(direct, ['ls', '--json'])).stdout) as { accountId: string; roleName: string }[])[0]!;
    const floors = await writeFloorScripts(direct.dir);
    const brokerFloor = () => timeProcess([floors.broker, join(brokered.appDir, 'broker')], brokered.env, false);
    const brokerNet = () => timeProcess([floors.brokerNet, join(brokered.appDir, 'broker')], brokered.env, false);
    const keyringFloor = () => timeProcess([floors.keyring, `${direct.keychainService}:acme/roles`, `${role.accountId}/${role.roleName}`], direct.env, false);
    // Warm the keychain cache, the broker's memory and the OS file cache.
    for (const run of [() => hit(direct), () => hit(brokered), () => hit(direct, { AWS_CONFIG_FILE: largePath }), baseline]) await run();

    const times = { baseline: [] as number[], broker: [] as number[], keychain: [] as number[], large: [] as number[], brokerFloor: [] as number[], brokerNet: [] as number[], keyringFloor: [] as number[] };
    for (let i = 0; i < samples; i += 1) {
      times.baseline.push(await baseline());
      times.broker.push(await hit(brokered));
      times.keychain.push(await hit(direct));
      times.large.push(await hit(direct, { AWS_CONFIG_FILE: largePath }));
      times.brokerFloor.push(await brokerFloor());
      times.brokerNet.push(await brokerNet());
      times.keyringFloor.push(await keyringFloor());
    }

    daemon.kill('SIGTERM');
    await finished(daemon);
    daemon = undefined;
    const cold: number[] = [];
    const fetchesBefore = ic.stats().operations.GetRoleCredentials;
    for (let i = 0; i < coldSamples; i += 1) {
      await dropCachedCredentials(direct, 'acme');
      cold.push(await hit(direct));
    }
    if (ic.stats().operations.GetRoleCredentials - fetchesBefore !== coldSamples) throw new Error('a cold call did not fetch');

    const p50 = (values: number[]) => round(percentile(values, 50), 1);
    const figures: Figure[] = [
      ratioFigure('credential_process cache hit via the broker (p50 wall)', p50(times.broker), 'ms', 'node -e 0', p50(times.baseline), 1.25),
      ratioFigure('credential_process cache hit from the keychain, no broker (p50 wall)', p50(times.keychain), 'ms', 'node -e 0', p50(times.baseline), 1.5),
      ratioFigure('floor: bare CommonJS script asking the broker over the bare pipe handle (p50 wall)', p50(times.brokerFloor), 'ms', 'node -e 0', p50(times.baseline), 1.25),
      ratioFigure('reference: the same script through net (p50 wall)', p50(times.brokerNet), 'ms', 'node -e 0', p50(times.baseline), 1.25),
      ratioFigure('floor: bare CommonJS script reading one keychain item with @napi-rs/keyring (p50 wall)', p50(times.keyringFloor), 'ms', 'node -e 0', p50(times.baseline), 1.5),
      ratioFigure('keychain cache hit with a 10,000-line config (p50 wall)', p50(times.large), 'ms', 'same with a small config', p50(times.keychain), 1.05),
      ceilingFigure('cold credential_process call, GetRoleCredentials included (p50 wall)', p50(cold), 'ms', 500),
      ...(await profileWriteFigures({ quick })),
    ];
    return figures;
  } finally {
    daemon?.kill('SIGKILL');
    await ic.close();
    await keyring?.stop();
  }
};

export default bench;

async function must(sandbox: Sandbox, args: string[]) {
  const result = await rolecall(sandbox, args);
  if (result.code !== 0) throw new Error(`rolecall ${args.join(' ')} failed: ${result.stderr}`);
  return result;
}

async function setUp(ic: IdentityCenter, sandbox: Sandbox): Promise<void> {
  ic.autoApprove('allow');
  await must(sandbox, ['login', '--start-url', ic.startUrl, '--region', ic.region, '--endpoint-url', ic.endpoint, '--name', 'acme', '--no-browser', '--json']);
  ic.autoApprove(false);
  await must(sandbox, ['sync']);
  await must(sandbox, ['profiles', 'write', '--all']);
}

/** The large config with the sandbox's own profiles spliced in at a section boundary half-way through. */
function withProfilesInTheMiddle(large: string, own: string): string {
  const middle = large.indexOf('\n[profile ', Math.floor(large.length / 2)) + 1;
  return `${large.slice(0, middle)}${own.endsWith('\n') ? own : `${own}\n`}\n${large.slice(middle)}`;
}

/** The floor scripts, written beside the sandbox (the keyring one resolves the library from this repository). */
async function writeFloorScripts(dir: string): Promise<{ broker: string; brokerNet: string; keyring: string }> {
  const broker = join(dir, 'broker-floor.cjs');
  const brokerNet = join(dir, 'broker-net.cjs');
  const keyring = join(dir, 'keyring-floor.cjs');
  const hello = "JSON.stringify({ v: 1, id: '1', auth: readFileSync(dir + '/secret', 'utf8').trim(), op: 'hello' }) + '\\n'";
  await writeFile(
    broker,
    `const { readFileSync, writeSync } = require('node:fs');
const { Pipe, PipeConnectWrap, constants } = process.binding('pipe_wrap');
const { WriteWrap, streamBaseState, kReadBytesOrError, kArrayBufferOffset } = process.binding('stream_wrap');
const dir = process.argv[2];
const handle = new Pipe(constants.SOCKET);
const connect = new PipeConnectWrap();
connect.oncomplete = () => {
  handle.onread = (buffer) => {
    const read = streamBaseState[kReadBytesOrError];
    if (read > 0) writeSync(1, Buffer.from(buffer, streamBaseState[kArrayBufferOffset], read));
    handle.close();
  };
  handle.readStart();
  const write = new WriteWrap();
  write.handle = handle;
  write.oncomplete = () => {};
  handle.writeBuffer(write, Buffer.from(${hello}));
};
handle.connect(connect, dir + '/broker.sock');
`,
  );
  await writeFile(
    brokerNet,
    `const { readFileSync, writeSync } = require('node:fs');
const { createConnection } = require('node:net');
const dir = process.argv[2];
const socket = createConnection(dir + '/broker.sock');
socket.write(${hello});
socket.on('data', (answer) => { socket.destroy(); writeSync(1, answer); });
`,
  );
  await writeFile(
    keyring,
    `const { AsyncEntry } = require(${JSON.stringify(join(process.cwd(), 'node_modules', '@napi-rs', 'keyring'))});
new AsyncEntry(process.argv[2], process.argv[3], { linux: { store: 'secret-service' } }).getPassword().then((value) => {
  if (value === null) process.exitCode = 3;
  else require('node:fs').writeSync(1, String(value.length));
});
`,
  );
  return { broker, brokerNet, keyring };
}

/** Wall time from spawn to exit of `node ARGS`; checks a credential_process answer when asked. */
function timeProcess(args: string[], env: NodeJS.ProcessEnv, expectCredentials: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const elapsed = performance.now() - started;
      if (code !== 0) return reject(new Error(`node ${args.join(' ')} exited with ${code}: ${err}`));
      if (expectCredentials && !out.startsWith('{"Version":1,')) return reject(new Error(`unexpected output: ${out.slice(0, 40)}`));
      resolve(elapsed);
    });
  });
}
