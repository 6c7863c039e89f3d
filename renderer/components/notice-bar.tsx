import type { Notices } from '../state/notices';
import { AlertIcon, CheckIcon, CloseIcon } from './icons';

/**
 * Where outcomes appear. Both live regions exist from the start (a region added together
 * with its text is often not announced); info is polite, errors are assertive.
 */
export function NoticeBar({ notices }: { notices: Notices }) {
  const notice = notices.current;
  const body = notice && (
    <div class={`notice notice--${notice.tone}`}>
      {notice.tone === 'error' ? <AlertIcon /> : <CheckIcon />}
      <div class="notice__text">
        <p>{notice.text}</p>
        {notice.hint !== undefined && <p class="notice__hint">{notice.hint}</p>}
      </div>
      <button type="button" class="icon-button notice__close" onClick={notices.dismiss}>
        <CloseIcon />
        <span class="visually-hidden">Dismiss</span>
      </button>
    </div>
  );
  return (
    <div class="notices">
      <div role="status" class="notices__slot">
        {notice?.tone === 'info' ? body : null}
      </div>
      <div role="alert" class="notices__slot">
        {notice?.tone === 'error' ? body : null}
      </div>
    </div>
  );
}
