import { useRef, useState } from 'preact/hooks';
import type { AddInstanceInput, IpcError } from '../../main/ipc/contract';
import { AWS_REGIONS } from '../console/regions';
import { validateInstanceDraft, type InstanceDraft, type InstanceField } from './instance-input';

export interface AddInstanceFormProps {
  onSubmit: (input: AddInstanceInput) => Promise<IpcError | null>;
  onCancel: (() => void) | null;
}

const EMPTY: InstanceDraft = { startUrl: '', region: '', name: '', endpointUrl: '' };

/** Start URL, region and an optional name: the three things that identify an Identity Center. */
export function AddInstanceForm({ onSubmit, onCancel }: AddInstanceFormProps) {
  const [draft, setDraft] = useState<InstanceDraft>(EMPTY);
  const [touched, setTouched] = useState<Partial<Record<InstanceField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<IpcError | null>(null);
  const form = useRef<HTMLFormElement | null>(null);

  const result = validateInstanceDraft(draft);
  const errors = result.ok ? {} : result.errors;
  const shown = (field: InstanceField) => ((submitted || touched[field]) === true ? errors[field] : undefined);

  const field = (name: InstanceField, label: string, props: { placeholder?: string; hint?: string; list?: string; autofocus?: boolean; type?: string }) => {
    const error = shown(name);
    const describedBy = [props.hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <div class="field field--block">
        <label class="field__label" for={`instance-${name}`}>
          {label}
        </label>
        <input
          id={`instance-${name}`}
          name={name}
          type={props.type ?? 'text'}
          class="input"
          value={draft[name]}
          placeholder={props.placeholder}
          list={props.list}
          autofocus={props.autofocus}
          autocomplete="off"
          spellcheck={false}
          aria-invalid={error !== undefined}
          aria-describedby={describedBy}
          onInput={(e) => setDraft({ ...draft, [name]: e.currentTarget.value })}
          onBlur={() => setTouched({ ...touched, [name]: true })}
        />
        {props.hint && (
          <p id={`${name}-hint`} class="field__hint">
            {props.hint}
          </p>
        )}
        {error && (
          <p id={`${name}-error`} class="field__error">
            {error}
          </p>
        )}
      </div>
    );
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setSubmitted(true);
    setFailure(null);
    if (!result.ok) {
      const first = (['startUrl', 'region', 'name', 'endpointUrl'] as const).find((f) => result.errors[f] !== undefined);
      form.current?.querySelector<HTMLInputElement>(`#instance-${first}`)?.focus();
      return;
    }
    setBusy(true);
    const error = await onSubmit(result.input);
    setBusy(false);
    if (error !== null) setFailure(error);
  };

  return (
    <form ref={form} class="sign-in-panel add-instance" onSubmit={submit} noValidate aria-labelledby="add-instance-title">
      <p class="eyebrow">New instance</p>
      <h2 id="add-instance-title" class="sign-in-panel__title">
        Add your Identity Center
      </h2>
      <p class="sign-in-panel__lead">You will find the start URL in the invitation e-mail from AWS, or ask your administrator.</p>
      {field('startUrl', 'Start URL', { placeholder: 'https://d-1234567890.awsapps.com/start', autofocus: true, type: 'url' })}
      <div class="field-row">
        {field('region', 'Region', { placeholder: 'us-east-1', list: 'region-options' })}
        {field('name', 'Name (optional)', { placeholder: 'Acme' })}
      </div>
      <datalist id="region-options">
        {AWS_REGIONS.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </datalist>
      <details class="advanced" open={draft.endpointUrl !== '' ? true : undefined}>
        <summary>Advanced</summary>
        {field('endpointUrl', 'Endpoint override', { placeholder: 'http://127.0.0.1:4566', hint: 'Leave empty unless you use a local Identity Center, such as npm run sandbox.' })}
      </details>
      {failure !== null && (
        <div class="form-error" role="alert">
          <p>{failure.message}</p>
          {failure.hint !== undefined && <p class="note">{failure.hint}</p>}
        </div>
      )}
      <div class="button-row">
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add and sign in'}
        </button>
        {onCancel !== null && (
          <button type="button" class="button button--quiet" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
