import { spawn } from 'node:child_process';
import { fileExists } from '../../core/browser/find-executable';
import { createDetachedLauncher } from '../../core/browser/process-launcher';
import { quotePosix, quotePowerShell } from '../../core/shell/quoting';
import { buildTerminalLaunch, type TerminalLaunch } from '../../core/terminal/build-launch';
import { chooseTerminal, detectTerminals } from '../../core/terminal/detect-terminals';
import { openTerminal, userShell } from '../../core/terminal/open-terminal';
import { TERMINAL_NAMES, terminalTitle, type TerminalSession } from '../../core/terminal/terminals';
import { defineCommand, jsonFlag } from '../command';
import { profileForRole, resolveRoleTarget, roleTargetFlags } from '../role-target';

export const command = defineCommand(
  {
    path: 'terminal',
    summary: 'Open a terminal window as a role (AWS_PROFILE set).',
    usage: [
      'terminal --profile NAME [--terminal ID] [--region R] [--print] [--json]',
      'terminal --account ACCOUNT --role ROLE [--instance INSTANCE] [--terminal ID] [--region R] [--print] [--json]',
    ],
    description:
      'Opens a new terminal window running your shell with AWS_PROFILE set to the role\'s Rolecall profile (and AWS_REGION when the profile or --region gives one), ' +
      'any AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN removed, and a title naming the account and role. ' +
      'The terminal is --terminal, else the one chosen in Settings, else the first one found. With --print nothing is opened: the program, its arguments and environment are shown.',
    flags: {
      ...roleTargetFlags,
      terminal: { type: 'string', description: 'The terminal to open: auto, or an id such as xterm, gnome-terminal, iterm2, windows-terminal.', placeholder: 'ID' },
      region: { type: 'string', description: 'Set AWS_REGION and AWS_DEFAULT_REGION to this region.', placeholder: 'R' },
      print: { type: 'boolean', description: 'Show what would be run instead of opening a window.' },
      json: jsonFlag,
    },
    examples: ['rolecall terminal --profile "Production/AdministratorAccess"', 'rolecall terminal --account Production --role ReadOnlyAccess --terminal xterm --print'],
  },
  async (args, ctx) => {
    const { flags } = args;
    const core = await ctx.core();
    const target = await resolveRoleTarget(core, ctx, flags, 'terminal');
    const profile = target.profile ?? (await profileForRole(core.configFile, target.role));
    const setting = flags.terminal ?? (await core.settings()).current().terminal;
    const region = flags.region ?? target.region;
    const title = terminalTitle({ accountName: target.accountName, accountId: target.role.accountId, roleName: target.role.roleName });
    const session: TerminalSession = { profile, title, shell: userShell(ctx.env, ctx.platform), ...(region !== undefined ? { region } : {}) };
    const host = { platform: ctx.platform, env: ctx.env, exists: fileExists };

    if (flags.print) {
      const terminal = chooseTerminal(setting, detectTerminals(host), host);
      const launch = buildTerminalLaunch(terminal, session);
      if (flags.json) {
        ctx.stdout.write(`${JSON.stringify({ terminal: terminal.id, profile, title, command: launch.command, args: launch.args, setEnv: launch.setEnv, unsetEnv: launch.unsetEnv })}\n`);
      } else {
        ctx.stdout.write(describeLaunch(TERMINAL_NAMES[terminal.id], launch, ctx.platform));
      }
      return;
    }
    const opened = await openTerminal(setting, session, { ...host, launcher: createDetachedLauncher(spawn), logger: core.logger });
    if (flags.json) ctx.stdout.write(`${JSON.stringify({ terminal: opened.terminal, profile, title })}\n`);
    else ctx.stdout.write(`Opened ${TERMINAL_NAMES[opened.terminal]} as ${title} (AWS_PROFILE=${profile}).\n`);
  },
);

/** The launch in words a person can check, with the command line quoted for the platform's shell. */
function describeLaunch(name: string, launch: TerminalLaunch, platform: NodeJS.Platform): string {
  const quote = platform === 'win32' ? quotePowerShell : (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : quotePosix(word));
  const line = [launch.command, ...launch.args].map(quote).join(' ');
  return [
    `Terminal: ${name}`,
    ...Object.entries(launch.setEnv).map(([key, value]) => `Set: ${key}=${quote(value)}`),
    `Unset: ${launch.unsetEnv.join(' ')}`,
    `Command: ${platform === 'win32' ? `& ${line}` : line}`,
    '',
  ].join('\n');
}
