import { Link, useNavigate, useParams } from 'react-router';
import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { usePageTitle } from '@civic/shared/web/page';
import { useClient } from '../../../features/queue/api/get-client.ts';
import { useCreateEntry } from '../../../features/queue/api/create-entry.ts';
import { EntryForm } from '../../../features/queue/components/entry-form.tsx';
import {
  checkCreateEntry,
  emptyEntryValues,
  toCreateEntryBody,
} from '../../../features/queue/components/entry-form-model.ts';
import { fullName } from '../../../features/queue/components/names.ts';

/** Puts a client in the queue for a service type, with the decision and the client's preferences. */
export function NewEntryPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('queue');
  usePageTitle(t('queue.entry.add'));
  const navigate = useNavigate();
  const client = useClient(id);
  const create = useCreateEntry();
  if (client.isPending) return <LoadingSpinner small loadingText={t('shell.loading')} />;
  if (client.error || !client.data) return <ProblemNotice error={client.error} />;
  const name = fullName(client.data.client);
  return (
    <section className="stack">
      <p>
        <Link to={`/care/clients/${id}`}>← {name}</Link>
      </p>
      <h1>{t('queue.entry.addTitle', { name })}</h1>
      <EntryForm
        mode="create"
        initial={emptyEntryValues()}
        check={(values) => checkCreateEntry(id, values)}
        onSubmit={(values) =>
          create.mutate(toCreateEntryBody(id, values), {
            onSuccess: () => void navigate(`/care/clients/${id}`),
          })
        }
        pending={create.isPending}
        error={create.error}
        submitLabel={t('queue.entry.addSubmit')}
      />
    </section>
  );
}
