import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';

/** Where a page's back link leads: an address in the app and the translation key of its label. */
export interface BackTo {
  to: string;
  label: string;
}

/**
 * The link state that lets the next page return here, filters and page included:
 * `<Link to={…} state={useBackState('care.board.title')}>`.
 */
export function useBackState(label: string): { back: BackTo } {
  const location = useLocation();
  return { back: { to: `${location.pathname}${location.search}`, label } };
}

/** "← Where you came from", or the given page when the address was opened directly. */
export function BackLink({ fallback }: { fallback: BackTo }) {
  const { t } = useTranslation();
  const state = useLocation().state as { back?: BackTo } | null;
  const back = state?.back && state.back.to.startsWith('/') ? state.back : fallback;
  return (
    <p>
      <Link to={back.to}>← {t(back.label)}</Link>
    </p>
  );
}
