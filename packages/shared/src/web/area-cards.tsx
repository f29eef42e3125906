import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { NavItem } from './app-shell.tsx';
import { useMe } from './auth.tsx';
import { hasAnyRole } from '../roles.ts';

/** The front page's cards: one per area the user's roles open, with its description. */
export function AreaCards({ items }: { items: readonly NavItem[] }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <ul className="card-list">
      {items
        .filter((item) => hasAnyRole(me.roles, item.roles))
        .map((a) => (
          <li key={a.to} className="card">
            <h2>
              <Link to={a.to}>{t(a.label)}</Link>
            </h2>
            <p>{t(`${a.label}Description`)}</p>
          </li>
        ))}
    </ul>
  );
}
