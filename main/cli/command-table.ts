/**
 * Every `rolecall` command, by name, with a one-line summary and how to load it. Each command
 * lives in its own chunk of the bundle, so running one never parses the others.
 */
import type { CliCommand } from './command';

export interface CommandEntry {
  /** Words after `rolecall`: `login`, `profiles write`. */
  path: string;
  summary: string;
  load(): Promise<{ command: CliCommand }>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { path: 'login', summary: 'Sign in to an Identity Center instance (adding it first if new).', load: () => import('./commands/login') },
  { path: 'logout', summary: 'Sign out of an instance and forget its tokens and cached credentials.', load: () => import('./commands/logout') },
  { path: 'instances add', summary: 'Add an Identity Center instance without signing in.', load: () => import('./commands/instances-add') },
  { path: 'instances list', summary: 'List the instances and where you stand with each.', load: () => import('./commands/instances-list') },
  { path: 'instances rename', summary: "Change an instance's display name.", load: () => import('./commands/instances-rename') },
  { path: 'instances remove', summary: 'Remove an instance, its tokens and its cached data.', load: () => import('./commands/instances-remove') },
  { path: 'sync', summary: 'Refresh the list of accounts and roles from Identity Center.', load: () => import('./commands/sync') },
  { path: 'ls', summary: 'List the accounts and roles you can reach, and their profiles.', load: () => import('./commands/ls') },
  { path: 'profiles write', summary: 'Write credential_process profiles into the AWS config file.', load: () => import('./commands/profiles-write') },
  { path: 'credential-process', summary: "Print a profile's credentials for the AWS CLI and SDKs.", load: () => import('./commands/credential-process') },
  { path: 'env', summary: "Print shell lines that export a profile's credentials.", load: () => import('./commands/env') },
  { path: 'exec', summary: "Run a command with a profile's credentials in its environment.", load: () => import('./commands/exec') },
  { path: 'console', summary: 'Open the AWS console as a role.', load: () => import('./commands/console') },
  { path: 'terminal', summary: 'Open a terminal window as a role (AWS_PROFILE set).', load: () => import('./commands/terminal') },
  { path: 'status', summary: 'Show sessions, their expiry, and whether a broker is running.', load: () => import('./commands/status') },
  { path: 'doctor', summary: 'Check the keychain, the config file, the clock and the endpoints.', load: () => import('./commands/doctor') },
  { path: 'daemon', summary: 'Serve credentials from memory to CLI callers (the headless broker).', load: () => import('./commands/daemon') },
];

/** Words that only group subcommands. */
export const GROUPS: Readonly<Record<string, string>> = {
  instances: 'Manage Identity Center instances.',
  profiles: 'Manage Rolecall profiles in the AWS config file.',
};
