import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '@civic/shared/web/page';
import { useCreateClient } from '../../../features/queue/api/create-client.ts';
import { ClientForm } from '../../../features/queue/components/client-form.tsx';
import {
  checkCreateClient,
  emptyClientValues,
  toCreateBody,
} from '../../../features/queue/components/client-form-model.ts';

/** A new client; their page opens once saved, to put them in the queue. */
export function NewClientPage() {
  const { t } = useTranslation('queue');
  usePageTitle(t('queue.addClient'));
  const navigate = useNavigate();
  const create = useCreateClient();
  return (
    <section className="stack">
      <p>
        <Link to="/care/queue">← {t('queue.title')}</Link>
      </p>
      <h1>{t('queue.addClient')}</h1>
      <ClientForm
        mode="create"
        initial={emptyClientValues()}
        check={checkCreateClient}
        onSubmit={(values) =>
          create.mutate(toCreateBody(values), {
            onSuccess: (client) => void navigate(`/care/clients/${client.id}`),
          })
        }
        pending={create.isPending}
        error={create.error}
        submitLabel={t('queue.form.saveNew')}
      />
    </section>
  );
}
