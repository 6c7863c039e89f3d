import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { BrowserChoice, Settings } from '../../main/core/model';
import type { InstanceView, IpcError } from '../../main/ipc/contract';
import { AWS_REGIONS } from '../console/regions';
import { InstancesEditor } from '../settings/instances-editor';
import { checkSettingsDraft, draftFromSettings, previewProfileName, settingsPatch, type SettingsDraft, type SettingsField } from '../settings/settings-draft';
import { TERMINAL_CHOICES, windowPlatform } from '../settings/terminal-choices';
import type { WindowCommands } from '../state/use-window-store';

export interface SettingsViewProps {
  settings: Settings;
  instances: readonly InstanceView[];
  commands: WindowCommands;
}

const terminals = TERMINAL_CHOICES[windowPlatform()];

const BROWSERS: { kind: BrowserChoice['kind']; label: string }[] = [
  { kind: 'default', label: 'System default browser' },
  { kind: 'browser', label: 'A browser of my choice' },
  { kind: 'chrome-profile', label: 'A Chrome profile' },
  { kind: 'firefox-container', label: 'A Firefox container per role' },
  { kind: 'print', label: 'Do not open: show the link' },
];

/** The settings of the app, saved together. */
export function SettingsView({ settings, instances, commands }: SettingsViewProps) {
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFromSettings(settings));
  const [saving, setSaving] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [outcome, setOutcome] = useState<{ saved: true } | { saved: false; error: IpcError } | null>(null);
  const baseline = draftFromSettings(settings);
  const dirty = JSON.stringify(baseline) !== JSON.stringify(draft);

  // Settings changed elsewhere (the tray, another window) show up unless the user is editing.
  useEffect(() => {
    if (!dirty) setDraft(draftFromSettings(settings));
  }, [settings]);

  const check = checkSettingsDraft(draft);
  const errors = check.ok || !attempted ? {} : check.errors;
  const set = <K extends SettingsField>(key: K, value: SettingsDraft[K]) => {
    setDraft({ ...draft, [key]: value });
    setOutcome(null);
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setAttempted(true);
    if (!check.ok) {
      const first = Object.keys(check.errors)[0];
      document.getElementById(`setting-${first}`)?.focus();
      return;
    }
    setSaving(true);
    const result = await commands.saveSettings(settingsPatch(settings, check.settings));
    setSaving(false);
    if (result.ok) {
      setDraft(draftFromSettings(result.settings));
      setAttempted(false);
      setOutcome({ saved: true });
    } else setOutcome({ saved: false, error: result.error });
  };

  const describedBy = (key: SettingsField, hint: boolean) => [hint ? `setting-${key}-hint` : '', errors[key] ? `setting-${key}-error` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <section class="settings-view" aria-labelledby="settings-title">
      <form class="settings" onSubmit={save} noValidate>
        <header class="settings__head">
          <h2 id="settings-title" class="settings__title">
            Settings
          </h2>
          <p class="settings__lead">Changes apply to the app and the rolecall command.</p>
        </header>

        <div class="settings__columns">
          <div class="settings__column">
            <fieldset class="settings__group">
              <legend>General</legend>
              <label class="switch">
                <input id="setting-startAtLogin" type="checkbox" checked={draft.startAtLogin} onChange={(e) => set('startAtLogin', e.currentTarget.checked)} />
                <span class="switch__track" aria-hidden="true" />
                <span>Start Rolecall when I log in</span>
              </label>
            </fieldset>

            <fieldset class="settings__group">
              <legend>Sessions</legend>
              <div class="radio-group" role="radiogroup" aria-labelledby="sign-in-method-label">
                <span id="sign-in-method-label" class="field__label">
                  Sign-in method
                </span>
                <label class="radio">
                  <input type="radio" name="signInMethod" value="device" checked={draft.signInMethod === 'device'} onChange={() => set('signInMethod', 'device')} />
                  <span>
                    Device code <span class="radio__note">Confirm a code in any browser, even on another device.</span>
                  </span>
                </label>
                <label class="radio">
                  <input type="radio" name="signInMethod" value="pkce" checked={draft.signInMethod === 'pkce'} onChange={() => set('signInMethod', 'pkce')} />
                  <span>
                    Browser redirect <span class="radio__note">One click in this computer's browser (authorization code with PKCE).</span>
                  </span>
                </label>
              </div>
              <div class="field-row">
                <NumberField id="refreshLeadMinutes" label="Refresh ahead of expiry" unit="minutes" value={draft.refreshLeadMinutes} error={errors.refreshLeadMinutes} onInput={(v) => set('refreshLeadMinutes', v)} min={1} max={60} describedBy={describedBy('refreshLeadMinutes', true)}>
                  Tokens and role credentials are renewed this long before they expire.
                </NumberField>
                <NumberField id="sessionWarningMinutes" label="Warn before a session ends" unit="minutes" value={draft.sessionWarningMinutes} error={errors.sessionWarningMinutes} onInput={(v) => set('sessionWarningMinutes', v)} min={1} max={120} describedBy={describedBy('sessionWarningMinutes', true)}>
                  A notification offers to sign in again.
                </NumberField>
              </div>
            </fieldset>

          </div>
          <div class="settings__column">
            <fieldset class="settings__group">
              <legend>Profiles and console</legend>
              <div class="field field--block">
                <label class="field__label" for="setting-profileNameTemplate">
                  Profile name template
                </label>
                <input
                  id="setting-profileNameTemplate"
                  class="input mono"
                  value={draft.profileNameTemplate}
                  spellcheck={false}
                  aria-invalid={errors.profileNameTemplate !== undefined}
                  aria-describedby={describedBy('profileNameTemplate', true)}
                  onInput={(e) => set('profileNameTemplate', e.currentTarget.value)}
                />
                <p id="setting-profileNameTemplate-hint" class="field__hint">
                  Preview: <code>{previewProfileName(draft.profileNameTemplate)}</code>. Placeholders: {'{accountName}'}, {'{accountId}'}, {'{roleName}'}, {'{instance}'}.
                </p>
                {errors.profileNameTemplate && <FieldError id="setting-profileNameTemplate-error">{errors.profileNameTemplate}</FieldError>}
              </div>
              <div class="field field--block">
                <label class="field__label" for="setting-defaultRegion">
                  Default console region
                </label>
                <select id="setting-defaultRegion" class="input" value={draft.defaultRegion} onChange={(e) => set('defaultRegion', e.currentTarget.value)}>
                  <option value="">The instance's own region</option>
                  {AWS_REGIONS.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.id} · {r.name}
                    </option>
                  ))}
                </select>
              </div>
            </fieldset>

            <fieldset class="settings__group">
              <legend>Apps</legend>
              <div class="field field--block">
                <label class="field__label" for="setting-terminal">
                  Terminal
                </label>
                <select
                  id="setting-terminal"
                  class="input"
                  value={draft.terminal}
                  aria-invalid={errors.terminal !== undefined}
                  aria-describedby={describedBy('terminal', false)}
                  onChange={(e) => set('terminal', e.currentTarget.value)}
                >
                  <option value="auto">Automatic: the first one installed</option>
                  {terminals.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                  {draft.terminal !== 'auto' && !terminals.some((t) => t.id === draft.terminal) && <option value={draft.terminal}>{draft.terminal}</option>}
                </select>
                {errors.terminal && <FieldError id="setting-terminal-error">{errors.terminal}</FieldError>}
              </div>
              <div class="field field--block">
                <label class="field__label" for="setting-browserKind">
                  Open the console and sign-in pages in
                </label>
                <select id="setting-browserKind" class="input" value={draft.browserKind} onChange={(e) => set('browserKind', e.currentTarget.value as BrowserChoice['kind'])}>
                  {BROWSERS.map((b) => (
                    <option key={b.kind} value={b.kind}>
                      {b.label}
                    </option>
                  ))}
                </select>
              </div>
              {draft.browserKind !== 'default' && draft.browserKind !== 'print' && (
                <div class="field-row">
                  <div class="field field--block">
                    <label class="field__label" for="setting-browserPath">
                      Browser path{draft.browserKind === 'browser' ? '' : ' (optional)'}
                    </label>
                    <input
                      id="setting-browserPath"
                      class="input mono"
                      value={draft.browserPath}
                      spellcheck={false}
                      placeholder={draft.browserKind === 'chrome-profile' ? '/usr/bin/google-chrome' : '/usr/bin/firefox'}
                      aria-invalid={errors.browserPath !== undefined}
                      aria-describedby={describedBy('browserPath', false)}
                      onInput={(e) => set('browserPath', e.currentTarget.value)}
                    />
                    {errors.browserPath && <FieldError id="setting-browserPath-error">{errors.browserPath}</FieldError>}
                  </div>
                  {draft.browserKind === 'chrome-profile' && (
                    <div class="field field--block">
                      <label class="field__label" for="setting-chromeProfileDirectory">
                        Chrome profile folder
                      </label>
                      <input
                        id="setting-chromeProfileDirectory"
                        class="input"
                        value={draft.chromeProfileDirectory}
                        placeholder="Profile 1"
                        aria-invalid={errors.chromeProfileDirectory !== undefined}
                        aria-describedby={describedBy('chromeProfileDirectory', false)}
                        onInput={(e) => set('chromeProfileDirectory', e.currentTarget.value)}
                      />
                      {errors.chromeProfileDirectory && <FieldError id="setting-chromeProfileDirectory-error">{errors.chromeProfileDirectory}</FieldError>}
                    </div>
                  )}
                </div>
              )}
            </fieldset>

          </div>
        </div>

        <footer class="settings__footer">
          <div class="settings__outcome">
            <p role="status">{outcome?.saved === true ? 'Settings saved.' : ''}</p>
            {outcome?.saved === false && (
              <p class="field__error" role="alert">
                {outcome.error.message}
              </p>
            )}
          </div>
          <button type="button" class="button button--quiet" disabled={!dirty || saving} onClick={() => setDraft(baseline)}>
            Revert
          </button>
          <button type="submit" class="button button--primary" disabled={!dirty || saving}>
            {saving ? 'Saving…' : 'Save changes'}
          </button>
        </footer>
      </form>
      <div class="settings settings--after">
        <InstancesEditor instances={instances} commands={commands} />
      </div>
    </section>
  );
}

function NumberField(props: {
  id: SettingsField;
  label: string;
  unit: string;
  value: string;
  error: string | undefined;
  min: number;
  max: number;
  describedBy: string | undefined;
  onInput: (value: string) => void;
  children: ComponentChildren;
}) {
  return (
    <div class="field field--block">
      <label class="field__label" for={`setting-${props.id}`}>
        {props.label}
      </label>
      <div class="input-unit">
        <input
          id={`setting-${props.id}`}
          class="input input--number"
          type="number"
          inputMode="numeric"
          min={props.min}
          max={props.max}
          value={props.value}
          aria-invalid={props.error !== undefined}
          aria-describedby={props.describedBy}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
        <span class="input-unit__unit">{props.unit}</span>
      </div>
      <p id={`setting-${props.id}-hint`} class="field__hint">
        {props.children}
      </p>
      {props.error && <FieldError id={`setting-${props.id}-error`}>{props.error}</FieldError>}
    </div>
  );
}

function FieldError({ id, children }: { id: string; children: ComponentChildren }) {
  return (
    <p id={id} class="field__error">
      {children}
    </p>
  );
}
