import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCloseEntry } from '../../../features/queue/api/close-entry.ts';
import { CloseEntryForm } from '../../../features/queue/components/close-entry-form.tsx';
import { EntryFrame } from '../../../features/queue/components/entry-frame.tsx';

/** Closing an entry (withdrawn, deceased, placed elsewhere), confirmed before it is done. */
export function CloseEntryPage() {
  const { entryId = '' } = useParams();
  const { t } = useTranslation('queue');
  const navigate = useNavigate();
  const close = useCloseEntry(entryId);
  return (
    <EntryFrame entryId={entryId} title={t('queue.close.title')}>
      {(entry) => (
        <CloseEntryForm
          entry={entry}
          onSubmit={(body) =>
            close.mutate(body, { onSuccess: () => void navigate(`/care/clients/${entry.client.id}`) })
          }
          pending={close.isPending}
          error={close.error}
        />
      )}
    </EntryFrame>
  );
}
