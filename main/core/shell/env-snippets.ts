/**
 * Lines a user pastes into a shell to use a role there: either by profile name (`AWS_PROFILE`,
 * the keys stay in Rolecall) or with the role's keys themselves. Each shell gets its own syntax
 * and quoting, so any profile name or key reads back exactly.
 */
import type { RoleCredentials } from '../model';
import { InvalidInputError } from '../errors';
import { assertShellSafe, escapeCmd, quoteFish, quotePosix, quotePowerShell } from './quoting';

/** Shells Rolecall writes snippets for (the same names as the IPC contract's ShellKind). */
export type SnippetShell = 'bash' | 'zsh' | 'fish' | 'powershell' | 'cmd';
export const SNIPPET_SHELLS: readonly SnippetShell[] = ['bash', 'zsh', 'fish', 'powershell', 'cmd'];

/**
 * Variables that carry keys. The SDKs and the CLI prefer them over AWS_PROFILE, so a profile
 * snippet (and a terminal opened for a profile) clears them first, or the profile would be
 * silently ignored.
 */
export const STATIC_CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
] as const;

type Assignment = { name: string; value: string } | { name: string; unset: true };

/** `AWS_PROFILE` (and the region, when given) for `profile`, clearing any keys already set. */
export function profileEnvSnippet(shell: SnippetShell, profile: string, options: { region?: string } = {}): string {
  if (profile === '') throw new InvalidInputError('The profile name is empty.');
  const lines: Assignment[] = STATIC_CREDENTIAL_VARIABLES.map((name) => ({ name, unset: true as const }));
  lines.push({ name: 'AWS_PROFILE', value: profile });
  lines.push(...regionAssignments(options.region));
  return render(shell, lines);
}

/**
 * The role's keys as environment variables, with their expiry (`AWS_CREDENTIAL_EXPIRATION`,
 * ISO 8601) and the region when given. AWS_PROFILE is cleared so nothing else competes.
 * The result holds secrets: show it only when the user asked for it.
 */
export function credentialsEnvSnippet(shell: SnippetShell, credentials: RoleCredentials, options: { region?: string } = {}): string {
  for (const [name, value] of [
    ['access key id', credentials.accessKeyId],
    ['secret access key', credentials.secretAccessKey],
    ['session token', credentials.sessionToken],
  ] as const) {
    if (typeof value !== 'string' || value === '') throw new InvalidInputError(`The role credentials have no ${name}.`);
  }
  if (!Number.isFinite(credentials.expiration)) throw new InvalidInputError('The role credentials have no valid expiration.');
  const lines: Assignment[] = [
    { name: 'AWS_PROFILE', unset: true },
    { name: 'AWS_ACCESS_KEY_ID', value: credentials.accessKeyId },
    { name: 'AWS_SECRET_ACCESS_KEY', value: credentials.secretAccessKey },
    { name: 'AWS_SESSION_TOKEN', value: credentials.sessionToken },
    { name: 'AWS_CREDENTIAL_EXPIRATION', value: new Date(credentials.expiration).toISOString() },
    ...regionAssignments(options.region),
  ];
  return render(shell, lines);
}

function regionAssignments(region: string | undefined): Assignment[] {
  if (region === undefined) return [];
  if (!/^[a-z]{2,5}(-[a-z]+)+-\d{1,2}$/.test(region)) {
    throw new InvalidInputError(`"${region}" is not an AWS region name.`, { hint: 'Use a region such as us-east-1 or eu-west-2.' });
  }
  return [
    { name: 'AWS_REGION', value: region },
    { name: 'AWS_DEFAULT_REGION', value: region },
  ];
}

function render(shell: SnippetShell, assignments: Assignment[]): string {
  for (const a of assignments) if ('value' in a) assertShellSafe(a.name === 'AWS_PROFILE' ? 'profile name' : `value of ${a.name}`, a.value);
  const line = lineWriter(shell);
  return assignments.map(line).join('\n') + '\n';
}

function lineWriter(shell: SnippetShell): (a: Assignment) => string {
  switch (shell) {
    case 'bash':
    case 'zsh':
      return (a) => ('unset' in a ? `unset ${a.name}` : `export ${a.name}=${quotePosix(a.value)}`);
    case 'fish':
      // `set -e` of a variable that is not set fails quietly with status 4; it prints nothing.
      return (a) => ('unset' in a ? `set -e ${a.name}` : `set -gx ${a.name} ${quoteFish(a.value)}`);
    case 'powershell':
      return (a) =>
        'unset' in a ? `Remove-Item Env:${a.name} -ErrorAction SilentlyContinue` : `$Env:${a.name} = ${quotePowerShell(a.value)}`;
    case 'cmd':
      // `set NAME=` with nothing after it removes the variable.
      return (a) => ('unset' in a ? `set ${a.name}=` : `set ${a.name}=${escapeCmd(a.value)}`);
    default:
      throw new InvalidInputError(`"${String(shell)}" is not a shell Rolecall writes snippets for.`, {
        hint: `Choose one of: ${SNIPPET_SHELLS.join(', ')}.`,
      });
  }
}
