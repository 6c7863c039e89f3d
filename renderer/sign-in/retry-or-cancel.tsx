/** The two ways out of a sign-in that cannot go on: start again, or give up. */
export function RetryOrCancel({ retryLabel, onRetry, onCancel }: { retryLabel: string; onRetry: () => void; onCancel: () => void }) {
  return (
    <div class="button-row">
      <button type="button" class="button button--primary" onClick={onRetry}>
        {retryLabel}
      </button>
      <button type="button" class="button button--quiet" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
