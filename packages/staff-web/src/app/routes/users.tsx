import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { UsersTable } from '../../features/users/components/users-table.tsx';

export function UsersPage() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t('nav.users')} – ${t('app.title')}`;
  }, [t]);
  return (
    <section>
      <h1>{t('nav.users')}</h1>
      <UsersTable />
    </section>
  );
}
