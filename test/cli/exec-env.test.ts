import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finished, rolecall, rolecallProcess } from './support/cli-harness';
import { ok, signedInSandbox, type SignedIn } from './support/signed-in';

const run = promisify(execFile);
let world: SignedIn;
let profile: string;
let issued: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string };

beforeAll(async () => {
  world = await signedInSandbox();
  profile = world.roles[0]!.profile;
  issued = JSON.parse(await ok(world.sandbox, ['credential-process', '--profile', profile])) as typeof issued;
});
afterAll(async () => world?.ic.close());

const node = (script: string) => [process.execPath, '-e', script];

describe('rolecall env', () => {
  it('prints lines bash evaluates into the role keys, with AWS_PROFILE cleared', async () => {
    const lines = await ok(world.sandbox, ['env', '--profile', profile, '--shell', 'bash']);
    const { stdout } = await run('bash', ['-c', `export AWS_PROFILE=elsewhere; ${lines}\necho "$AWS_ACCESS_KEY_ID|$AWS_SECRET_ACCESS_KEY|$AWS_SESSION_TOKEN|$AWS_CREDENTIAL_EXPIRATION|\${AWS_PROFILE-unset}"`]);
    expect(stdout.trim()).toBe(`${issued.AccessKeyId}|${issued.SecretAccessKey}|${issued.SessionToken}|${issued.Expiration}|unset`);
  });

  it.each([
    ['fish', /^set -gx AWS_ACCESS_KEY_ID '?ASIA\w+'?$/m],
    ['powershell', /^\$Env:AWS_ACCESS_KEY_ID = 'ASIA\w+'$/m],
    ['cmd', /^set AWS_ACCESS_KEY_ID=ASIA\w+$/m],
  ])('speaks %s', async (shell, line) => {
    expect(await ok(world.sandbox, ['env', '--profile', profile, '--shell', shell])).toMatch(line);
  });

  it('refuses a shell it does not know', async () => {
    const result = await rolecall(world.sandbox, ['env', '--profile', profile, '--shell', 'csh']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('rolecall: Option --shell must be one of bash, zsh, fish, powershell, cmd (got "csh").\n  Run `rolecall env --help` to see how to use it.\n');
  });
});

describe('rolecall exec', () => {
  it("runs the command with the role's keys in its environment and exits with its exit code", async () => {
    const result = await rolecall(world.sandbox, ['exec', '--profile', profile, '--', ...node('console.log(JSON.stringify([process.env.AWS_ACCESS_KEY_ID, process.env.AWS_PROFILE ?? null, process.argv.slice(1)])); process.exit(7)'), 'a b', '--flag'], {
      env: { AWS_PROFILE: profile },
    });
    expect(result.code).toBe(7);
    expect(JSON.parse(result.stdout)).toEqual([issued.AccessKeyId, null, ['a b', '--flag']]);
  });

  it('passes a signal on to the command and exits as the command did', async () => {
    const child = await rolecallProcess(world.sandbox, ['exec', '--profile', profile, '--', ...node("process.on('SIGTERM', () => { console.log('got SIGTERM'); process.exit(42); }); console.log('ready'); setInterval(() => {}, 1000);")]);
    const done = finished(child);
    await new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
    child.kill('SIGTERM');
    const result = await done;
    expect(result.stdout).toBe('ready\ngot SIGTERM\n');
    expect(result.code).toBe(42);
  });

  it('dies of the signal the command died of', async () => {
    const result = await rolecall(world.sandbox, ['exec', '--profile', profile, '--', ...node("process.kill(process.pid, 'SIGKILL')")]);
    expect(result.signal).toBe('SIGKILL');
  });

  it('says so when the command does not exist (exit 127)', async () => {
    const result = await rolecall(world.sandbox, ['exec', '--profile', profile, '--', 'no-such-command-here']);
    expect(result.code).toBe(127);
    expect(result.stderr).toMatch(/^rolecall: Command not found: no-such-command-here\n/);
  });

  it('needs the command after --', async () => {
    const result = await rolecall(world.sandbox, ['exec', '--profile', profile]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Missing the CMD to run after `--`/);
  });
});
