import { describe, expect, it } from 'vitest';
import { formatHelp, parseArgs, UsageError, type CommandSpec } from '../../main/cli/args';

const login = {
  path: 'login',
  summary: 'Sign in.',
  usage: ['login --start-url URL --region REGION [--name NAME]'],
  flags: {
    'start-url': { type: 'string', description: 'Start URL.', placeholder: 'URL' },
    region: { type: 'string', description: 'Region.', placeholder: 'REGION' },
    'no-browser': { type: 'boolean', description: 'Do not open a browser.' },
    shell: { type: 'string', description: 'Shell.', choices: ['bash', 'fish'] },
    profile: { type: 'string', description: 'Profile.', short: 'p', required: true },
  },
  positionals: [{ name: 'INSTANCE', description: 'An instance id.' }],
} as const satisfies CommandSpec;

const exec = {
  path: 'exec',
  summary: 'Run a command.',
  usage: ['exec --profile NAME -- CMD ARGS…'],
  flags: { profile: { type: 'string', description: 'Profile.', required: true } },
  rest: { name: 'CMD', description: 'The command.', required: true },
} as const satisfies CommandSpec;

describe('parseArgs', () => {
  it('reads flags in both spellings, booleans, short aliases and positionals', () => {
    const parsed = parseArgs(login, ['acme', '--start-url=https://x/start', '--region', 'eu-west-1', '--no-browser', '-p', 'dev']);
    expect(parsed.flags).toEqual({ 'start-url': 'https://x/start', region: 'eu-west-1', 'no-browser': true, shell: undefined, profile: 'dev' });
    expect(parsed.positionals).toEqual(['acme']);
  });

  it('keeps everything after -- for exec, flags included', () => {
    const parsed = parseArgs(exec, ['--profile', 'dev', '--', 'aws', '--profile', 'other', '--', 'x']);
    expect(parsed.flags.profile).toBe('dev');
    expect(parsed.rest).toEqual(['aws', '--profile', 'other', '--', 'x']);
  });

  it.each([
    [['--profile', 'p', '--regoin', 'x'], /Unknown option --regoin .*Did you mean --region\?/],
    [['--profile'], /--profile needs a value/],
    [['--profile', 'a', '--profile', 'b'], /given twice/],
    [['--profile', 'p', '--shell', 'csh'], /must be one of bash, fish \(got "csh"\)/],
    [['--profile', 'p', '--no-browser=yes'], /takes no value/],
    [['--region', 'x'], /--profile is required/],
    [['--profile', 'p', 'a', 'b'], /Unexpected argument "b"/],
  ])('rejects %j with a usage error that says what is wrong', (argv, message) => {
    expect(() => parseArgs(login, argv)).toThrow(UsageError);
    expect(() => parseArgs(login, argv)).toThrow(message);
  });

  it('requires a command after -- when the command runs one', () => {
    expect(() => parseArgs(exec, ['--profile', 'p'])).toThrow(/Missing the CMD to run after `--`/);
  });

  it('writes help listing every option with its placeholder and choices', () => {
    const help = formatHelp(login);
    expect(help).toContain('Usage: rolecall login --start-url URL --region REGION [--name NAME]');
    expect(help).toMatch(/--start-url URL\s+Start URL\./);
    expect(help).toMatch(/--shell VALUE\s+Shell\. \(bash, fish\)/);
    expect(help).toMatch(/-p, --profile VALUE/);
    expect(help).toMatch(/-h, --help\s+Show this help\./);
  });
});
