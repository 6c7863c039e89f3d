import type { RoleEntry } from '../catalog/role-catalog';
import { highlightRanges } from '../search/role-search';
import { HighlightedText } from './highlighted-text';

export interface RoleRowProps {
  entry: RoleEntry;
  index: number;
  top: number;
  /** Under its account's row: the account is not repeated. */
  nested: boolean;
  active: boolean;
  favourite: boolean;
  profile: string | undefined;
  /** Search tokens to highlight. */
  tokens: readonly string[];
  showInstance: boolean;
  onActivate: (index: number) => void;
  onOpenConsole: (entry: RoleEntry) => void;
  onOpenTerminal: (entry: RoleEntry) => void;
  onToggleFavourite: (entry: RoleEntry, favourite: boolean) => void;
}

/** Row `index`'s DOM id, for `aria-activedescendant`. */
export const rowDomId = (index: number) => `role-row-${index}`;

/**
 * One permission set in the list. Only the active row's buttons are in the tab order (a
 * roving tab stop), so Tab leaves the list instead of walking through thousands of buttons.
 */
export function RoleRow(props: RoleRowProps) {
  const { entry, index, top, nested, active, favourite, profile, tokens, showInstance } = props;
  const where = `${entry.roleName} in ${entry.accountName}`;
  const tab = active ? 0 : -1;
  return (
    <div
      role="row"
      id={rowDomId(index)}
      aria-rowindex={index + 1}
      aria-selected={active}
      class={`row row--role${nested ? ' row--nested' : ''}${active ? ' is-active' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      data-index={index}
      onClick={() => props.onActivate(index)}
      onDblClick={() => props.onOpenConsole(entry)}
    >
      <div role="gridcell" class="row__star">
        <button
          type="button"
          class={`icon-button star${favourite ? ' star--on' : ''}`}
          tabIndex={tab}
          data-col="star"
          aria-pressed={favourite}
          onClick={(e) => {
            e.stopPropagation();
            props.onActivate(index);
            props.onToggleFavourite(entry, !favourite);
          }}
        >
          <span class={`row-icon row-icon--${favourite ? 'star-filled' : 'star'}`} aria-hidden="true" />
          <span class="visually-hidden">Favourite {where}</span>
        </button>
      </div>
      <div role="gridcell" class="row__main">
        <span class="row__title">
          <HighlightedText text={entry.roleName} ranges={highlightRanges(entry, 'role', tokens)} />
          {profile !== undefined && (
            <span class="badge badge--profile" title={`Profile ${profile} in your AWS config file`}>
              <span class="row-icon row-icon--profile" aria-hidden="true" />
              <span class="visually-hidden">Profile </span>
              {profile}
            </span>
          )}
        </span>
        {!nested && (
          <span class="row__meta">
            <span class="row__account">
              <HighlightedText text={entry.accountName} ranges={highlightRanges(entry, 'account', tokens)} />
            </span>
            <span class="row__id">
              <HighlightedText text={entry.accountId} ranges={highlightRanges(entry, 'accountId', tokens)} />
            </span>
            <span class="row__email">
              <HighlightedText text={entry.emailAddress} ranges={highlightRanges(entry, 'email', tokens)} />
            </span>
            {showInstance && <span class="row__instance">{entry.instanceName}</span>}
          </span>
        )}
      </div>
      <div role="gridcell" class="row__actions">
        <button
          type="button"
          class="quick-button"
          tabIndex={tab}
          data-col="console"
          onClick={(e) => {
            e.stopPropagation();
            props.onActivate(index);
            props.onOpenConsole(entry);
          }}
        >
          <span class="row-icon row-icon--console" aria-hidden="true" />
          Console<span class="visually-hidden"> as {where}</span>
        </button>
        <button
          type="button"
          class="quick-button"
          tabIndex={tab}
          data-col="terminal"
          onClick={(e) => {
            e.stopPropagation();
            props.onActivate(index);
            props.onOpenTerminal(entry);
          }}
        >
          <span class="row-icon row-icon--terminal" aria-hidden="true" />
          Terminal<span class="visually-hidden"> as {where}</span>
        </button>
      </div>
    </div>
  );
}
