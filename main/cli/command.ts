import { parseArgs, type CommandSpec, type FlagSpec, type ParsedArgs } from './args';
import type { CliContext } from './cli-context';

/** One `rolecall` command: its declaration (for parsing and help) and what it does. */
export interface CliCommand {
  readonly spec: CommandSpec;
  /** Parses `argv` (the words after the command path) and runs; resolves to the exit code. */
  run(argv: readonly string[], ctx: CliContext): Promise<number>;
}

/** Ties a command's flag declaration to a handler typed from it. */
export function defineCommand<F extends Record<string, FlagSpec>>(
  spec: CommandSpec<F>,
  handler: (args: ParsedArgs<F>, ctx: CliContext) => Promise<number | void>,
): CliCommand {
  return {
    spec: spec as CommandSpec,
    run: async (argv, ctx) => (await handler(parseArgs(spec, argv), ctx)) ?? 0,
  };
}

/** The `--json` flag every command whose output is data declares. */
export const jsonFlag = { type: 'boolean', description: 'Print machine-readable JSON.' } as const satisfies FlagSpec;
