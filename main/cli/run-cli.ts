/**
 * The `rolecall` dispatcher: finds the command named by the first words, prints help, parses
 * the rest with the command's own declaration and turns any failure into a message and an
 * exit code.
 */
import { UsageError, closest, table, wantsHelp } from './args';
import type { CliContext } from './cli-context';
import { COMMANDS, GROUPS, type CommandEntry } from './command-table';
import { EXIT_CODE_TABLE, ExitCode } from './exit-codes';
import { reportError } from './report-error';

/** Runs one command line; resolves to the exit code. */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  try {
    const first = argv[0];
    if (first === undefined || first === '--help' || first === '-h') {
      (first === undefined ? ctx.stderr : ctx.stdout).write(topHelp());
      return first === undefined ? ExitCode.usage : ExitCode.ok;
    }
    if (first === 'help') return await runCli([...argv.slice(1), '--help'], ctx);
    if (first === '--version' || first === 'version') {
      const { version } = await import('./version');
      ctx.stdout.write(`rolecall ${version}\n`);
      return ExitCode.ok;
    }
    const found = findCommand(argv);
    if (!found) {
      const group = GROUPS[first];
      if (group !== undefined) {
        const out = wantsHelp(argv) ? ctx.stdout : ctx.stderr;
        out.write(groupHelp(first, group));
        if (wantsHelp(argv)) return ExitCode.ok;
        const sub = argv[1];
        throw new UsageError(sub === undefined ? `\`rolecall ${first}\` needs a subcommand.` : `Unknown command \`rolecall ${first} ${sub}\`.`, first);
      }
      const guess = closest(first, [...COMMANDS.map((c) => c.path.split(' ')[0] as string), ...Object.keys(GROUPS)]);
      throw new UsageError(`Unknown command "${first}".${guess ? ` Did you mean \`rolecall ${guess}\`?` : ''}`, undefined);
    }
    const { entry, rest } = found;
    const { command } = await entry.load();
    if (wantsHelp(rest)) {
      const { formatHelp } = await import('./args');
      ctx.stdout.write(formatHelp(command.spec));
      return ExitCode.ok;
    }
    return await command.run(rest, ctx);
  } catch (error) {
    return reportError(error, ctx.stderr, ctx.env);
  }
}

function findCommand(argv: readonly string[]): { entry: CommandEntry; rest: readonly string[] } | undefined {
  const two = `${argv[0]} ${argv[1] ?? ''}`;
  for (const entry of COMMANDS) {
    if (entry.path === two) return { entry, rest: argv.slice(2) };
  }
  for (const entry of COMMANDS) {
    if (entry.path === argv[0]) return { entry, rest: argv.slice(1) };
  }
  return undefined;
}

function topHelp(): string {
  const rows: [string, string][] = COMMANDS.map((c) => [c.path, c.summary]);
  return [
    'Usage: rolecall <command> [options]',
    '',
    'Rolecall signs you in to AWS IAM Identity Center once and hands out role credentials',
    'to the AWS CLI, the SDKs and Terraform through credential_process profiles.',
    '',
    'Commands:',
    ...table(rows),
    '',
    'Run `rolecall <command> --help` for the options of one command.',
    '',
    'Exit codes:',
    ...EXIT_CODE_TABLE.map(([code, meaning]) => `  ${String(code).padStart(3)}  ${meaning}`),
    '',
    'Environment: ROLECALL_HOME (app data folder), AWS_CONFIG_FILE (the AWS config file),',
    'ROLECALL_DEBUG=1 (show error details).',
    '',
  ].join('\n');
}

function groupHelp(group: string, summary: string): string {
  const rows: [string, string][] = COMMANDS.filter((c) => c.path.startsWith(`${group} `)).map((c) => [c.path, c.summary]);
  return [`Usage: rolecall ${group} <command> [options]`, '', summary, '', 'Commands:', ...table(rows), ''].join('\n');
}
