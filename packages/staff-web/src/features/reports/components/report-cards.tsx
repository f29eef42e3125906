import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasAnyRole, type Role } from '@civic/shared/roles';
import { useMe } from '@civic/shared/web/auth';

export const CARE_REPORT_ROLES: readonly Role[] = ['admin', 'care_coordinator', 'care_viewer'];
export const KEY_REPORT_ROLES: readonly Role[] = ['admin', 'key_coordinator'];

const REPORTS = [
  { to: '/reports/care', key: 'care', roles: CARE_REPORT_ROLES },
  { to: '/reports/waiting-times', key: 'waitingTimes', roles: CARE_REPORT_ROLES },
  { to: '/reports/keys', key: 'keys', roles: KEY_REPORT_ROLES },
] as const;

/** The reports the user's roles open, each with what it holds. */
export function ReportCards() {
  const { t } = useTranslation('reports');
  const me = useMe();
  return (
    <ul className="card-list">
      {REPORTS.filter((r) => hasAnyRole(me.roles, r.roles)).map((r) => (
        <li key={r.to} className="card">
          <h2>
            <Link to={r.to}>{t(`reports.home.${r.key}`)}</Link>
          </h2>
          <p>{t(`reports.home.${r.key}Description`)}</p>
        </li>
      ))}
    </ul>
  );
}
