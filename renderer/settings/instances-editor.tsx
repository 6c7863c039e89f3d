import { useEffect, useState } from 'preact/hooks';
import type { InstanceView } from '../../main/ipc/contract';
import type { WindowCommands } from '../state/use-window-store';

/** Renaming and removing Identity Center instances: immediate actions, apart from the settings form. */
export function InstancesEditor({ instances, commands }: { instances: readonly InstanceView[]; commands: WindowCommands }) {
  return (
    <section class="settings__group" aria-labelledby="instances-settings-title">
      <h3 id="instances-settings-title" class="settings__group-title">
        Identity Center instances
      </h3>
      {instances.length === 0 ? (
        <p class="note">None yet. Add one with “Add instance”.</p>
      ) : (
        <ul class="instance-list">
          {instances.map((instance) => (
            <InstanceItem key={instance.id} instance={instance} commands={commands} />
          ))}
        </ul>
      )}
    </section>
  );
}

function InstanceItem({ instance, commands }: { instance: InstanceView; commands: WindowCommands }) {
  const [name, setName] = useState(instance.name);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => setName(instance.name), [instance.name]);
  const trimmed = name.trim();
  const inputId = `instance-name-${instance.id}`;
  const rename = () => {
    if (trimmed !== '' && trimmed !== instance.name) void commands.renameInstance(instance, trimmed);
  };
  return (
    <li class="instance-item">
      <div class="instance-item__name">
        <label class="field__label" for={inputId}>
          Name
        </label>
        <input
          id={inputId}
          class="input"
          value={name}
          maxLength={100}
          aria-describedby={`${inputId}-where`}
          onInput={(e) => setName(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') rename();
          }}
        />
        <p id={`${inputId}-where`} class="note">
          {instance.startUrl} · {instance.region}
        </p>
      </div>
      <div class="button-row instance-item__actions">
        <button type="button" class="button button--small" disabled={trimmed === '' || trimmed === instance.name} onClick={rename}>
          Rename
        </button>
        {confirming ? (
          <>
            <button type="button" class="button button--small button--danger" onClick={() => void commands.removeInstance(instance)}>
              Remove {instance.name}
            </button>
            <button type="button" class="button button--small button--quiet" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" class="button button--small button--quiet" onClick={() => setConfirming(true)}>
            Remove…
          </button>
        )}
      </div>
      {confirming && (
        <p class="note instance-item__warning" role="alert">
          Removing signs you out of {instance.name} and forgets its accounts. Profiles already in ~/.aws/config stay until you remove them.
        </p>
      )}
    </li>
  );
}
