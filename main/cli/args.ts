/**
 * A small typed command-line parser: each command declares its flags and positionals once, and
 * gets back values typed from that declaration, its `--help` text, and clear usage errors.
 */
import { RolecallError } from '../core/errors';

export interface FlagSpec {
  type: 'boolean' | 'string';
  description: string;
  /** One-letter alias (`-p`). */
  short?: string;
  /** Shown in help after the flag (`--region REGION`). */
  placeholder?: string;
  /** The accepted values, checked by the parser. */
  choices?: readonly string[];
  required?: boolean;
}

export interface PositionalSpec {
  name: string;
  description: string;
  required?: boolean;
  /** Takes every remaining positional. Only the last one may be. */
  variadic?: boolean;
}

export interface CommandSpec<F extends Record<string, FlagSpec> = Record<string, FlagSpec>> {
  /** Words after `rolecall`: `login`, `profiles write`. */
  path: string;
  summary: string;
  /** Usage lines, without the leading `rolecall `. */
  usage: readonly string[];
  /** A paragraph after the usage lines. */
  description?: string;
  flags: F;
  positionals?: readonly PositionalSpec[];
  /** Everything after `--` is kept as `rest` (a command to run) and this says what it is. */
  rest?: { name: string; description: string; required: boolean };
  examples?: readonly string[];
}

type FlagValue<S extends FlagSpec> = S['type'] extends 'boolean'
  ? boolean
  : S extends { choices: readonly (infer C)[] }
    ? S extends { required: true }
      ? C
      : C | undefined
    : S extends { required: true }
      ? string
      : string | undefined;

export interface ParsedArgs<F extends Record<string, FlagSpec>> {
  flags: { [K in keyof F]: FlagValue<F[K]> };
  positionals: string[];
  rest: string[];
}

/** The command line was wrong: exit code 2 and a pointer to `--help`. */
export class UsageError extends RolecallError {
  constructor(message: string, command: string | undefined) {
    super('usage', message, { hint: `Run \`rolecall ${command ? `${command} ` : ''}--help\` to see how to use it.` });
  }
}

/** True when the words ask for help (`-h`, `--help`) before any `--`. */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

/** Parses `argv` (the words after the command path) against `spec`. Throws UsageError. */
export function parseArgs<F extends Record<string, FlagSpec>>(spec: CommandSpec<F>, argv: readonly string[]): ParsedArgs<F> {
  const values: Record<string, string | boolean | undefined> = {};
  const positionals: string[] = [];
  let rest: string[] = [];
  const byShort = new Map<string, string>();
  for (const [name, flag] of Object.entries(spec.flags)) if (flag.short) byShort.set(flag.short, name);

  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--') {
      if (spec.rest) rest = argv.slice(i + 1);
      else positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') || (arg.startsWith('-') && arg.length === 2 && arg !== '-')) {
      let name: string;
      let inline: string | undefined;
      if (arg.startsWith('--')) {
        const eq = arg.indexOf('=');
        name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
        inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
      } else {
        const long = byShort.get(arg.slice(1));
        if (!long) throw new UsageError(`Unknown option ${arg} for \`rolecall ${spec.path}\`.`, spec.path);
        name = long;
      }
      const flag = spec.flags[name];
      if (!flag) {
        const guess = closest(name, Object.keys(spec.flags));
        throw new UsageError(`Unknown option --${name} for \`rolecall ${spec.path}\`.${guess ? ` Did you mean --${guess}?` : ''}`, spec.path);
      }
      if (values[name] !== undefined) throw new UsageError(`Option --${name} was given twice.`, spec.path);
      if (flag.type === 'boolean') {
        if (inline !== undefined) throw new UsageError(`Option --${name} takes no value.`, spec.path);
        values[name] = true;
        continue;
      }
      let value = inline;
      if (value === undefined) {
        const next = argv[i + 1];
        if (next === undefined || next === '--' || next.startsWith('--')) {
          throw new UsageError(`Option --${name} needs a value${flag.placeholder ? ` (${flag.placeholder})` : ''}.`, spec.path);
        }
        value = next;
        i += 1;
      }
      if (value === '') throw new UsageError(`Option --${name} needs a non-empty value.`, spec.path);
      if (flag.choices && !flag.choices.includes(value)) {
        throw new UsageError(`Option --${name} must be one of ${flag.choices.join(', ')} (got "${value}").`, spec.path);
      }
      values[name] = value;
      continue;
    }
    positionals.push(arg);
  }

  for (const [name, flag] of Object.entries(spec.flags)) {
    if (flag.type === 'boolean') values[name] = values[name] === true;
    else if (flag.required && values[name] === undefined) {
      throw new UsageError(`Option --${name} is required.`, spec.path);
    }
  }
  const declared = spec.positionals ?? [];
  const variadic = declared.some((p) => p.variadic);
  if (!variadic && positionals.length > declared.length) {
    const extra = positionals[declared.length] as string;
    throw new UsageError(
      declared.length === 0 ? `\`rolecall ${spec.path}\` takes no arguments (got "${extra}").` : `Unexpected argument "${extra}".`,
      spec.path,
    );
  }
  declared.forEach((p, index) => {
    if (p.required && positionals[index] === undefined) throw new UsageError(`Missing ${p.name}.`, spec.path);
  });
  if (spec.rest?.required && rest.length === 0) {
    throw new UsageError(`Missing the ${spec.rest.name} to run after \`--\`.`, spec.path);
  }
  return { flags: values as ParsedArgs<F>['flags'], positionals, rest };
}

/** The `--help` text of a command. */
export function formatHelp(spec: CommandSpec): string {
  const lines: string[] = [];
  spec.usage.forEach((usage, i) => lines.push(`${i === 0 ? 'Usage: ' : '       '}rolecall ${usage}`));
  lines.push('', spec.summary);
  if (spec.description) lines.push('', spec.description);
  const rows: [string, string][] = [];
  for (const p of spec.positionals ?? []) rows.push([p.variadic ? `${p.name}…` : p.name, p.description]);
  if (spec.rest) rows.push([`-- ${spec.rest.name}…`, spec.rest.description]);
  if (rows.length > 0) lines.push('', 'Arguments:', ...table(rows));
  const flagRows: [string, string][] = Object.entries(spec.flags).map(([name, flag]) => [
    `${flag.short ? `-${flag.short}, ` : ''}--${name}${flag.type === 'string' ? ` ${flag.placeholder ?? 'VALUE'}` : ''}`,
    `${flag.description}${flag.choices ? ` (${flag.choices.join(', ')})` : ''}`,
  ]);
  flagRows.push(['-h, --help', 'Show this help.']);
  lines.push('', 'Options:', ...table(flagRows));
  if (spec.examples && spec.examples.length > 0) lines.push('', 'Examples:', ...spec.examples.map((e) => `  ${e}`));
  return `${lines.join('\n')}\n`;
}

/** Two aligned columns, indented by two spaces. */
export function table(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.min(32, Math.max(...rows.map(([left]) => left.length)));
  return rows.map(([left, right]) => (left.length > width ? `  ${left}\n  ${' '.repeat(width)}  ${right}` : `  ${left.padEnd(width)}  ${right}`));
}

/** The candidate nearest to `word` by edit distance, if it is near enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(word, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] as number;
}
