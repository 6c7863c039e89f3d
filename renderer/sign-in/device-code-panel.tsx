import { useEffect, useRef, useState } from 'preact/hooks';
import { CheckIcon, ConsoleIcon, CopyIcon } from '../components/icons';
import { useNow } from '../hooks/use-now';
import type { SignInFlow } from '../state/window-state';
import { copyVisibleText } from './copy-text';
import { Countdown } from './countdown';
import { RetryOrCancel } from './retry-or-cancel';

type CodeFlow = Extract<SignInFlow, { phase: 'code' }>;

export interface DeviceCodePanelProps {
  flow: CodeFlow;
  instanceName: string;
  onOpenPage: (url: string) => void;
  onCancel: () => void;
  onRetry: () => void;
}

/** The device flow's code, large and copyable, with the page to confirm it on and the time left. */
export function DeviceCodePanel({ flow, instanceName, onOpenPage, onCancel, onRetry }: DeviceCodePanelProps) {
  const now = useNow(1000);
  const [startedAt, setStartedAt] = useState(now);
  const [copied, setCopied] = useState(false);
  const codeRef = useRef<HTMLSpanElement | null>(null);
  const expired = flow.expiresAt <= now;

  useEffect(() => {
    setStartedAt(Date.now());
    setCopied(false);
  }, [flow.userCode]);

  useEffect(() => {
    if (!copied) return undefined;
    const handle = setTimeout(() => setCopied(false), 4000);
    return () => clearTimeout(handle);
  }, [copied]);

  return (
    <div class="sign-in-panel">
      <p class="eyebrow">Signing in to {instanceName}</p>
      <h2 class="sign-in-panel__title">Confirm this code in your browser</h2>
      <ol class="steps">
        <li>
          {flow.browserOpened ? 'The sign-in page is open in your browser.' : 'Open the sign-in page in a browser, on any device:'}{' '}
          <span class="steps__url">{flow.verificationUri}</span>
        </li>
        <li>
          Check that it shows the code below, then choose <strong>Allow</strong>.
        </li>
      </ol>

      <div class="user-code">
        <p class="user-code__value" id="user-code">
          <span ref={codeRef} aria-hidden="true">
            {flow.userCode}
          </span>
          <span class="visually-hidden">Code {spelled(flow.userCode)}</span>
        </p>
        <button
          type="button"
          class="button"
          onClick={async () => {
            setCopied(await copyVisibleText(flow.userCode, codeRef.current).catch(() => false));
          }}
        >
          {copied ? <CheckIcon /> : <CopyIcon />}
          {copied ? 'Copied' : 'Copy code'}
        </button>
        <span class="visually-hidden" role="status">
          {copied ? 'Code copied' : ''}
        </span>
      </div>

      {expired ? (
        <div class="sign-in-panel__expired">
          <p role="alert">This code has expired. Get a new one to keep signing in.</p>
          <RetryOrCancel retryLabel="Get a new code" onRetry={onRetry} onCancel={onCancel} />
        </div>
      ) : (
        <>
          <Countdown now={now} startedAt={startedAt} expiresAt={flow.expiresAt} />
          <p class="waiting">
            <span class="spinner" aria-hidden="true" />
            Waiting for you to choose Allow…
          </p>
          <div class="button-row">
            <button type="button" class="button" onClick={() => onOpenPage(flow.verificationUriComplete)}>
              <ConsoleIcon />
              {flow.browserOpened ? 'Open the page again' : 'Open the page'}
            </button>
            <button type="button" class="button button--quiet" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </>
      )}
    </div>
  );
}

// Screen readers read "WDJB-MJHT" as words; letter by letter is what the user compares.
function spelled(code: string): string {
  return code.split('').join(' ');
}
