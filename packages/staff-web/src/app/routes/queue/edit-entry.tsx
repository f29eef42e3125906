import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { useUpdateEntry } from '../../../features/queue/api/update-entry.ts';
import { EntryForm } from '../../../features/queue/components/entry-form.tsx';
import { EntryFrame } from '../../../features/queue/components/entry-frame.tsx';
import {
  checkUpdateEntry,
  toUpdateEntryBody,
  valuesFromEntry,
} from '../../../features/queue/components/entry-form-model.ts';

/** An open entry's dates and preferences; only what changed is sent. */
export function EditEntryPage() {
  const { entryId = '' } = useParams();
  const { t } = useTranslation('queue');
  const navigate = useNavigate();
  const update = useUpdateEntry(entryId);
  const [unchanged, setUnchanged] = useState(false);
  return (
    <EntryFrame entryId={entryId} title={t('queue.entry.edit')}>
      {(entry) => {
        const was = valuesFromEntry(entry);
        return (
          <>
            {unchanged && <Notification type="info" label={t('queue.form.nothingChanged')} role="status" />}
            <EntryForm
              mode="edit"
              initial={was}
              check={(values) => checkUpdateEntry(values, was)}
              onSubmit={(values) => {
                const body = toUpdateEntryBody(values, was);
                setUnchanged(Object.keys(body).length === 0);
                if (Object.keys(body).length === 0) return;
                update.mutate(body, { onSuccess: () => void navigate(`/care/clients/${entry.client.id}`) });
              }}
              pending={update.isPending}
              error={update.error}
              submitLabel={t('queue.form.save')}
            />
          </>
        );
      }}
    </EntryFrame>
  );
}
