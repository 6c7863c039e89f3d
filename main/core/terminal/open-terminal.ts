/**
 * Opening a terminal window for a profile: detect, choose (the user's setting or `auto`),
 * build, start detached. Nothing is started when any step fails.
 */
import type { Logger } from '../logger';
import type { ProcessLauncher } from '../browser/process-launcher';
import { buildTerminalLaunch, type TerminalLaunch } from './build-launch';
import { chooseTerminal, detectTerminals, type HostSystem } from './detect-terminals';
import type { TerminalId, TerminalSession } from './terminals';

export interface OpenTerminalDeps extends HostSystem {
  launcher: ProcessLauncher;
  logger: Logger;
}

/** The environment the terminal starts with: ours, less keys that would win over the profile, plus the profile. */
export function terminalEnvironment(base: Record<string, string | undefined>, launch: TerminalLaunch): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) if (value !== undefined && !launch.unsetEnv.includes(name)) env[name] = value;
  return { ...env, ...launch.setEnv };
}

/** Opens a new terminal window with AWS_PROFILE set. `setting` is Settings.terminal (`auto` or an id). */
export async function openTerminal(setting: string, session: TerminalSession, deps: OpenTerminalDeps): Promise<{ terminal: TerminalId }> {
  const terminal = chooseTerminal(setting, detectTerminals(deps), deps);
  const launch = buildTerminalLaunch(terminal, session);
  await deps.launcher.launch(launch.command, launch.args, {
    env: terminalEnvironment(deps.env, launch),
    windowsVerbatimArguments: launch.windowsVerbatimArguments,
  });
  deps.logger.info('terminal opened', { terminal: terminal.id, profile: session.profile });
  return { terminal: terminal.id };
}

/** The user's shell: `$SHELL` when it is an absolute path, else the platform's usual one. */
export function userShell(env: Record<string, string | undefined>, platform: NodeJS.Platform): string {
  const shell = env.SHELL;
  if (shell !== undefined && shell.startsWith('/')) return shell;
  return platform === 'darwin' ? '/bin/zsh' : '/bin/sh';
}
