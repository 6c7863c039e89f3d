import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../main/cli/command-table';
import { createSandbox, rolecall, type Sandbox } from './support/cli-harness';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});

describe('rolecall help and usage errors', () => {
  it('lists every command and the exit codes', async () => {
    const result = await rolecall(sandbox, ['--help']);
    expect(result.code).toBe(0);
    for (const { path } of COMMANDS) expect(result.stdout).toContain(`  ${path} `);
    expect(result.stdout).toMatch(/Exit codes:\n\s+0 {2}success\n\s+1 {2}failure.*\n\s+2 {2}wrong command line\n\s+3 {2}not signed in/);
  });

  it('has --help for every command, each starting with its usage', async () => {
    const results = await Promise.all(COMMANDS.map((c) => rolecall(sandbox, [...c.path.split(' '), '--help'])));
    results.forEach((result, i) => {
      expect(result.code, COMMANDS[i]!.path).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: rolecall ${COMMANDS[i]!.path}`));
      expect(result.stdout).toContain('-h, --help');
    });
  });

  it('shows the pinned forms', async () => {
    const help = async (...args: string[]) => (await rolecall(sandbox, [...args, '--help'])).stdout;
    expect(await help('login')).toContain('rolecall login --start-url URL --region REGION [--name NAME] [--endpoint-url URL] [--no-browser] [--pkce] [--json]');
    expect(await help('credential-process')).toContain('rolecall credential-process --profile NAME');
    expect(await help('env')).toContain('rolecall env --profile NAME [--shell bash|zsh|fish|powershell|cmd]');
    expect(await help('exec')).toContain('rolecall exec --profile NAME -- CMD ARGS…');
  });

  it.each([
    [[], /^Usage: rolecall <command>/],
    [['lgoin'], /^rolecall: Unknown command "lgoin"\. Did you mean `rolecall login`\?\n/],
    [['instances'], /`rolecall instances` needs a subcommand/],
    [['credential-process'], /^rolecall: Option --profile is required\.\n {2}Run `rolecall credential-process --help` to see how to use it\.\n$/],
    [['ls', '--jsn'], /Unknown option --jsn for `rolecall ls`\. Did you mean --json\?/],
  ])('exits 2 for %j with a pointer to help', async (args, message) => {
    const result = await rolecall(sandbox, args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });
});
