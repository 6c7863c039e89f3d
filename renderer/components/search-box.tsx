import type { Ref } from 'preact';
import { MOD_KEY_LABEL } from '../hooks/platform';
import { CloseIcon, SearchIcon } from './icons';

export interface SearchBoxProps {
  value: string;
  inputRef: Ref<HTMLInputElement>;
  /** Id of the list the box drives. */
  controls: string;
  activeDescendant: string | undefined;
  onInput: (value: string) => void;
  onKeyDown: (e: KeyboardEvent) => void;
  onClear: () => void;
}

/**
 * The search field. It keeps focus while the arrows move through the list below
 * (`aria-activedescendant`), as a command palette does.
 */
export function SearchBox(props: SearchBoxProps) {
  return (
    <div class="search">
      <SearchIcon class="search__icon" />
      <input
        ref={props.inputRef}
        id="role-search"
        class="search__input"
        type="text"
        role="combobox"
        aria-label="Search accounts and roles"
        aria-expanded="true"
        aria-controls={props.controls}
        aria-autocomplete="list"
        aria-activedescendant={props.activeDescendant}
        aria-keyshortcuts={MOD_KEY_LABEL === '⌘' ? 'Meta+K' : 'Control+K'}
        placeholder="Search accounts, IDs, roles or e-mails"
        autocomplete="off"
        spellcheck={false}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        onKeyDown={props.onKeyDown}
      />
      {props.value !== '' ? (
        <button type="button" class="icon-button search__clear" onClick={props.onClear}>
          <CloseIcon />
          <span class="visually-hidden">Clear search</span>
        </button>
      ) : (
        <kbd class="search__hint" aria-hidden="true">
          {MOD_KEY_LABEL} K
        </kbd>
      )}
    </div>
  );
}
