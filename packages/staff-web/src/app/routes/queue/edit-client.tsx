import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { LoadingSpinner } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { usePageTitle } from '@civic/shared/web/page';
import { useClient } from '../../../features/queue/api/get-client.ts';
import { useUpdateClient } from '../../../features/queue/api/update-client.ts';
import { ClientForm } from '../../../features/queue/components/client-form.tsx';
import {
  checkUpdateClient,
  toUpdateBody,
  valuesFromClient,
} from '../../../features/queue/components/client-form-model.ts';
import { fullName } from '../../../features/queue/components/names.ts';

/** A client's data changed: only what changed is sent. */
export function EditClientPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('queue');
  const navigate = useNavigate();
  const { data, isPending, error } = useClient(id);
  const update = useUpdateClient(id);
  const [unchanged, setUnchanged] = useState(false);
  usePageTitle(t('queue.client.edit'));
  if (isPending) return <LoadingSpinner small loadingText={t('shell.loading')} />;
  if (error || !data) return <ProblemNotice error={error} />;
  const was = valuesFromClient(data.client);
  return (
    <section className="stack">
      <p>
        <Link to={`/care/clients/${id}`}>← {fullName(data.client)}</Link>
      </p>
      <h1>{t('queue.client.editTitle', { name: fullName(data.client) })}</h1>
      {unchanged && <Notification type="info" label={t('queue.form.nothingChanged')} role="status" />}
      <ClientForm
        mode="edit"
        initial={was}
        selfId={id}
        check={(values) => checkUpdateClient(values, was)}
        onSubmit={(values) => {
          const body = toUpdateBody(values, was);
          setUnchanged(Object.keys(body).length === 0);
          if (Object.keys(body).length === 0) return;
          update.mutate(body, { onSuccess: () => void navigate(`/care/clients/${id}`) });
        }}
        pending={update.isPending}
        error={update.error}
        submitLabel={t('queue.form.save')}
      />
    </section>
  );
}
