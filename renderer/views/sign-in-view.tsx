import type { AddInstanceInput, AppSnapshot, IpcError } from '../../main/ipc/contract';
import { ConsoleIcon } from '../components/icons';
import { AddInstanceForm } from '../sign-in/add-instance-form';
import { DeviceCodePanel } from '../sign-in/device-code-panel';
import { SignInFailure } from '../sign-in/sign-in-failure';
import type { WindowCommands } from '../state/use-window-store';
import type { SignInFlow } from '../state/window-state';

export interface SignInViewProps {
  snapshot: AppSnapshot;
  /** The instance being signed in to, or null to add a new one. */
  instanceId: string | null;
  signIns: Readonly<Record<string, SignInFlow>>;
  commands: WindowCommands;
  onInstanceAdded: (instanceId: string) => void;
  onClose: () => void;
}

/** Adding an instance and signing in to one, step by step. */
export function SignInView(props: SignInViewProps) {
  const { snapshot, instanceId, commands } = props;
  const instance = instanceId === null ? undefined : snapshot.instances.find((i) => i.id === instanceId);
  return <section class="sign-in-view" aria-label="Sign in">{instance === undefined ? addForm() : progress(instance.id, instance.name)}</section>;

  function addForm() {
    return (
      <AddInstanceForm
        onCancel={snapshot.instances.length > 0 ? props.onClose : null}
        onSubmit={async (input: AddInstanceInput): Promise<IpcError | null> => {
          const added = await commands.addInstance(input);
          if (!added.ok) return added.error;
          commands.signIn(added.instance.id);
          props.onInstanceAdded(added.instance.id);
          return null;
        }}
      />
    );
  }

  function progress(id: string, name: string) {
    const flow = props.signIns[id];
    const cancel = () => {
      void commands.cancelSignIn(id);
      props.onClose();
    };
    const retry = () => commands.signIn(id);
    switch (flow?.phase) {
      case undefined:
        return (
          <div class="sign-in-panel">
            <p class="eyebrow">{name}</p>
            <h2 class="sign-in-panel__title">Sign in to {name}</h2>
            <p class="sign-in-panel__lead">Rolecall opens your browser, where you confirm a code. You stay signed in for as long as your administrator allows.</p>
            <div class="button-row">
              <button type="button" class="button button--primary" onClick={retry}>
                Sign in
              </button>
              <button type="button" class="button button--quiet" onClick={props.onClose}>
                Back to roles
              </button>
            </div>
          </div>
        );
      case 'starting':
        return (
          <div class="sign-in-panel" aria-busy="true">
            <p class="eyebrow">Signing in to {name}</p>
            <h2 class="sign-in-panel__title">Contacting Identity Center…</h2>
            <p class="waiting" role="status">
              <span class="spinner" aria-hidden="true" />
              Asking for a sign-in code.
            </p>
            <div class="button-row">
              <button type="button" class="button button--quiet" onClick={cancel}>
                Cancel
              </button>
            </div>
          </div>
        );
      case 'code':
        return <DeviceCodePanel flow={flow} instanceName={name} onOpenPage={(url) => void commands.openLink(url)} onCancel={cancel} onRetry={retry} />;
      case 'browser':
        return (
          <div class="sign-in-panel">
            <p class="eyebrow">Signing in to {name}</p>
            <h2 class="sign-in-panel__title">Finish signing in in your browser</h2>
            <p class="sign-in-panel__lead">
              {flow.browserOpened ? 'The sign-in page is open in your browser. Sign in there and allow Rolecall.' : 'Open the sign-in page, sign in and allow Rolecall.'}
            </p>
            <p class="waiting" role="status">
              <span class="spinner" aria-hidden="true" />
              Waiting for your browser…
            </p>
            <div class="button-row">
              <button type="button" class="button" onClick={() => void commands.openLink(flow.url)}>
                <ConsoleIcon />
                {flow.browserOpened ? 'Open the page again' : 'Open the page'}
              </button>
              <button type="button" class="button button--quiet" onClick={cancel}>
                Cancel
              </button>
            </div>
          </div>
        );
      case 'signed-in':
        return (
          <div class="sign-in-panel">
            <p class="eyebrow">{name}</p>
            <h2 class="sign-in-panel__title">You are signed in</h2>
            <div class="button-row">
              <button type="button" class="button button--primary" onClick={props.onClose}>
                Show my roles
              </button>
            </div>
          </div>
        );
      case 'failed':
        return (
          <SignInFailure
            kind={flow.kind}
            error={flow.error}
            instanceName={name}
            onRetry={retry}
            onCancel={() => {
              commands.dismissSignIn(id);
              props.onClose();
            }}
          />
        );
    }
  }
}
