import { memo } from 'preact/compat';
import type { InstanceView, ShellKind } from '../../main/ipc/contract';
import { SHELL_KINDS } from '../../main/ipc/contract';
import type { RoleEntry } from '../catalog/role-catalog';
import { CONSOLE_DESTINATIONS } from '../console/destinations';
import { AWS_REGIONS } from '../console/regions';
import { MOD_KEY_LABEL } from '../hooks/platform';
import type { WindowCommands } from '../state/use-window-store';
import { ConsoleIcon, CopyIcon, FileIcon, PlusIcon, StarIcon, TerminalIcon } from './icons';

/** Where "Open console" goes: a region and a service page, empty for the defaults. */
export interface ConsoleChoice {
  region: string;
  destination: string;
}

export interface RoleDetailsProps {
  entry: RoleEntry | null;
  instance: InstanceView | undefined;
  defaultRegion: string | null;
  favourite: boolean;
  profile: string | undefined;
  consoleChoice: ConsoleChoice;
  onConsoleChoice: (choice: ConsoleChoice) => void;
  shell: ShellKind;
  onShell: (shell: ShellKind) => void;
  commands: WindowCommands;
}

const SHELL_NAMES: Record<ShellKind, string> = { bash: 'bash', zsh: 'zsh', fish: 'fish', powershell: 'PowerShell', cmd: 'cmd' };

/** Converts the choice into the `ConsoleOptions` main expects (defaults left out). */
export function consoleOptions(choice: ConsoleChoice): { region?: string; destination?: string } {
  const options: { region?: string; destination?: string } = {};
  if (choice.region !== '') options.region = choice.region;
  if (choice.destination !== '') options.destination = choice.destination;
  return options;
}

/** Everything one can do as the selected role. Re-renders only when the role or a choice changes. */
export const RoleDetails = memo(function RoleDetails(props: RoleDetailsProps) {
  const { entry, commands } = props;
  if (entry === null) {
    return (
      <aside class="details details--empty" aria-label="Role details">
        <p>Choose a role to open its console or a terminal, copy its credentials or add it to your AWS config.</p>
      </aside>
    );
  }
  const defaultRegion = props.defaultRegion ?? props.instance?.region ?? 'us-east-1';
  const choice = props.consoleChoice;
  return (
    <aside class="details" aria-labelledby="details-title">
      <header class="details__head">
        <p class="eyebrow">Permission set</p>
        <div class="details__title-row">
          <h2 id="details-title" class="details__title">
            {entry.roleName}
          </h2>
          <button
            type="button"
            class={`icon-button star${props.favourite ? ' star--on' : ''}`}
            aria-pressed={props.favourite}
            onClick={() => void commands.setFavourite(entry, !props.favourite)}
          >
            <StarIcon filled={props.favourite} />
            <span class="visually-hidden">Favourite</span>
          </button>
        </div>
        <dl class="facts">
          <dt>Account</dt>
          <dd>{entry.accountName}</dd>
          <dt>Account ID</dt>
          <dd class="mono">{entry.accountId}</dd>
          <dt>E-mail</dt>
          <dd class="truncate" title={entry.emailAddress}>
            {entry.emailAddress}
          </dd>
          <dt>Instance</dt>
          <dd>{entry.instanceName}</dd>
        </dl>
      </header>

      <section class="details__section" aria-labelledby="details-console">
        <h3 id="details-console">Console</h3>
        <label class="field field--inline">
          <span class="field__label">Region</span>
          <select value={choice.region} onChange={(e) => props.onConsoleChoice({ ...choice, region: e.currentTarget.value })}>
            <option value="">Default ({defaultRegion})</option>
            {AWS_REGIONS.map((r) => (
              <option key={r.id} value={r.id}>
                {r.id} · {r.name}
              </option>
            ))}
          </select>
        </label>
        <label class="field field--inline">
          <span class="field__label">Open at</span>
          <select value={choice.destination} onChange={(e) => props.onConsoleChoice({ ...choice, destination: e.currentTarget.value })}>
            {CONSOLE_DESTINATIONS.map((d) => (
              <option key={d.path} value={d.path}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="button button--primary button--wide" onClick={() => void commands.openConsole(entry, consoleOptions(choice))}>
          <ConsoleIcon />
          Open console
          <kbd class="kbd-hint" aria-hidden="true">
            Enter
          </kbd>
        </button>
      </section>

      <section class="details__section" aria-labelledby="details-terminal">
        <h3 id="details-terminal">Terminal and credentials</h3>
        <button type="button" class="button button--wide" onClick={() => void commands.openTerminal(entry)}>
          <TerminalIcon />
          Open terminal
          <kbd class="kbd-hint" aria-hidden="true">
            {MOD_KEY_LABEL} Enter
          </kbd>
        </button>
        <div class="env-row">
          <label class="field field--inline">
            <span class="field__label">Shell</span>
            <select value={props.shell} onChange={(e) => props.onShell(e.currentTarget.value as ShellKind)}>
              {SHELL_KINDS.map((s) => (
                <option key={s} value={s}>
                  {SHELL_NAMES[s]}
                </option>
              ))}
            </select>
          </label>
          <button type="button" class="button" onClick={() => void commands.copyEnv(entry, props.shell)}>
            <CopyIcon />
            Copy env
          </button>
        </div>
        <p class="note">The keys go straight to your clipboard; this window never sees them.</p>
      </section>

      <section class="details__section" aria-labelledby="details-profile">
        <h3 id="details-profile">AWS config profile</h3>
        {props.profile !== undefined ? (
          <p class="profile-line">
            <FileIcon />
            <code>{props.profile}</code>
          </p>
        ) : (
          <p class="note">Not in ~/.aws/config yet. A profile lets the AWS CLI, SDKs and Terraform use this role.</p>
        )}
        {props.profile !== undefined ? (
          <div class="button-row">
            <button type="button" class="button button--small" onClick={() => void commands.copyProfileName(entry)}>
              <CopyIcon />
              Copy name
            </button>
            <button type="button" class="button button--small button--quiet" onClick={() => void commands.removeProfile(entry)}>
              Remove from config
            </button>
          </div>
        ) : (
          <div class="button-row">
            <button type="button" class="button button--small" onClick={() => void commands.writeProfile(entry)}>
              <PlusIcon />
              Add to ~/.aws/config
            </button>
          </div>
        )}
      </section>
    </aside>
  );
});
