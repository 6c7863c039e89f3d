import { formatCount } from '../format/count';

/** "340 of 1,000 accounts" with a bar, while a sync delivers accounts. */
export function SyncProgress({ done, total, label }: { done: number; total: number | null; label: string }) {
  const text = total === null ? 'Listing accounts…' : `${formatCount(done)} of ${formatCount(total)} accounts`;
  return (
    <div class="sync-progress">
      {/* The bar is for the eye; the live text below is what is announced. */}
      <progress class="sync-progress__bar" aria-hidden="true" max={total ?? 1} value={total === null ? undefined : done} />
      <p class="sync-progress__text" role="status" aria-label={`${label} sync`}>
        {text}
      </p>
    </div>
  );
}
