import type { IpcError } from '../../main/ipc/contract';
import { AlertIcon } from '../components/icons';
import type { SignInFailureKind } from './failure-kind';
import { RetryOrCancel } from './retry-or-cancel';

const COPY: Record<SignInFailureKind, { title: string; body: string; retry: string }> = {
  denied: {
    title: 'Sign-in was denied',
    body: 'The request was refused on the sign-in page. If that was a mistake, start again and choose Allow.',
    retry: 'Try again',
  },
  expired: {
    title: 'The code expired',
    body: 'Codes last a few minutes. Get a new one and confirm it in your browser.',
    retry: 'Get a new code',
  },
  offline: {
    title: 'Identity Center is out of reach',
    body: 'Rolecall could not connect. Check your network or VPN, then retry.',
    retry: 'Retry',
  },
  cancelled: {
    title: 'Sign-in cancelled',
    body: 'Nothing was changed.',
    retry: 'Start again',
  },
  other: {
    title: 'Sign-in failed',
    body: '',
    retry: 'Try again',
  },
};

/** A failed sign-in: what happened in plain words, and a retry. */
export function SignInFailure({ kind, error, instanceName, onRetry, onCancel }: { kind: SignInFailureKind; error: IpcError; instanceName: string; onRetry: () => void; onCancel: () => void }) {
  const copy = COPY[kind];
  return (
    <div class={`sign-in-panel sign-in-failure sign-in-failure--${kind}`}>
      <p class="eyebrow">Signing in to {instanceName}</p>
      <div class="sign-in-failure__message" role="alert">
        <AlertIcon class="sign-in-failure__icon" />
        <div>
          <h2 class="sign-in-panel__title">{copy.title}</h2>
          <p>{kind === 'other' ? error.message : copy.body}</p>
          {kind === 'other' && error.hint !== undefined && <p class="note">{error.hint}</p>}
          {/* Which host and why, for whoever looks at the network or VPN. */}
          {kind === 'offline' && <p class="note">{error.message}</p>}
        </div>
      </div>
      <RetryOrCancel retryLabel={copy.retry} onRetry={onRetry} onCancel={onCancel} />
    </div>
  );
}
