import type { AccountGroup } from '../catalog/role-catalog';
import { formatCount, formatQuantity } from '../format/count';

/** A section title in the list ("Favourites", "All accounts"). */
export function SectionRow({ index, top, title, count }: { index: number; top: number; title: string; count: number }) {
  return (
    <div role="row" aria-rowindex={index + 1} class="row row--section" style={{ transform: `translateY(${top}px)` }}>
      <div role="rowheader" aria-colspan={3} class="row__section-title">
        {title} <span class="row__count">{formatCount(count)}</span>
      </div>
    </div>
  );
}

/** An account heading its permission sets. */
export function AccountRow({ index, top, account, showInstance }: { index: number; top: number; account: AccountGroup; showInstance: boolean }) {
  return (
    <div role="row" aria-rowindex={index + 1} class="row row--account" style={{ transform: `translateY(${top}px)` }}>
      <div role="rowheader" aria-colspan={3} class="row__account-head">
        <span class="row__account-name">{account.accountName}</span>
        <span class="row__id">{account.accountId}</span>
        <span class="row__email">{account.emailAddress}</span>
        {showInstance && <span class="row__instance">{account.instanceName}</span>}
        <span class="row__count">{formatQuantity(account.roles.length, 'role')}</span>
      </div>
    </div>
  );
}
