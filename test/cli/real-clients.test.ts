import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCli, rolecall, type Sandbox } from './support/cli-harness';
import { signedInSandbox, type SignedIn } from './support/signed-in';

const run = promisify(execFile);
let world: SignedIn;
let sandbox: Sandbox;

beforeAll(async () => {
  world = await signedInSandbox();
  sandbox = world.sandbox;
});
afterAll(async () => world?.ic.close());

const arnOf = (role: SignedIn['roles'][number]) => new RegExp(`^arn:aws:sts::${role.accountId}:assumed-role/AWSReservedSSO_${role.roleName}_[0-9a-f]{16}/`);

async function client(file: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<string> {
  const { stdout } = await run(file, args, { env: { ...sandbox.env, AWS_DEFAULT_REGION: world.ic.region, ...extraEnv }, timeout: 60_000 });
  return stdout;
}

describe('real AWS clients run the credential_process line Rolecall wrote', () => {
  it('writes profiles whose credential_process runs this CLI, quoted for a path with spaces', async () => {
    const config = await readFile(sandbox.configFile, 'utf8');
    const role = world.roles[0]!;
    expect(role.profile).toBe(`${role.accountName}/${role.roleName}`);
    const cli = await builtCli();
    expect(cli).toContain(' ');
    expect(config).toContain(`[profile ${role.profile}]\ncredential_process = ${process.execPath} "${cli}" credential-process --profile ${role.profile}\n`);
  });

  it('AWS CLI v2: configure export-credentials prints the issued keys, and STS sees the right role', async () => {
    const role = world.roles[1]!;
    const exported = JSON.parse(await client('/usr/bin/aws', ['configure', 'export-credentials', '--profile', role.profile])) as Record<string, unknown>;
    expect(exported).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/), Expiration: expect.any(String) });
    expect(world.ic.issuedSecrets()).toContain(exported.SecretAccessKey);
    expect(world.ic.issuedSecrets()).toContain(exported.SessionToken);
    const identity = JSON.parse(await client('/usr/bin/aws', ['sts', 'get-caller-identity', '--profile', role.profile, '--endpoint-url', world.ic.endpoint])) as { Arn: string };
    expect(identity.Arn).toMatch(arnOf(role));
  });

  it('AWS CLI v1 and boto3 (the ones on PATH) through AWS_ENDPOINT_URL_STS', async () => {
    const role = world.roles[2]!;
    const env = { AWS_ENDPOINT_URL_STS: world.ic.endpoint };
    const v1 = JSON.parse(await client('aws', ['sts', 'get-caller-identity', '--profile', role.profile], env)) as { Arn: string };
    expect(v1.Arn).toMatch(arnOf(role));
    const boto3 = await client('python3', ['-c', 'import boto3, sys; print(boto3.Session(profile_name=sys.argv[1]).client("sts").get_caller_identity()["Arn"])', role.profile], env);
    expect(boto3.trim()).toMatch(arnOf(role));
  });

  it('JS SDK v3: fromIni({ profile }) then GetCallerIdentity', async () => {
    const role = world.roles[3]!;
    const out = await client(process.execPath, ['--import', 'tsx', join(process.cwd(), 'test/cli/support/sdk-caller-identity.ts'), role.profile, world.ic.endpoint, world.ic.region], {});
    const seen = JSON.parse(out) as { arn: string; accessKeyId: string; expiration: string };
    expect(seen.arn).toMatch(arnOf(role));
    const direct = JSON.parse((await rolecall(sandbox, ['credential-process', '--profile', role.profile])).stdout) as { AccessKeyId: string; Expiration: string };
    expect(seen.accessKeyId).toBe(direct.AccessKeyId);
    expect(seen.expiration).toBe(direct.Expiration);
  });

  it('asked GetRoleCredentials once per role however many clients ran', () => {
    // Three roles were used above, by five clients and one direct call.
    expect(world.ic.stats().operations.GetRoleCredentials).toBe(3);
  });
});
