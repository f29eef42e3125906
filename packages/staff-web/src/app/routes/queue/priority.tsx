import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useChangePriority } from '../../../features/queue/api/change-priority.ts';
import { EntryFrame } from '../../../features/queue/components/entry-frame.tsx';
import { PriorityForm } from '../../../features/queue/components/priority-form.tsx';

/** A manual change of an entry's urgency or queue date, with its reason. */
export function EntryPriorityPage() {
  const { entryId = '' } = useParams();
  const { t } = useTranslation('queue');
  const navigate = useNavigate();
  const change = useChangePriority(entryId);
  return (
    <EntryFrame entryId={entryId} title={t('queue.priority.title')}>
      {(entry) => (
        <>
          <p>{t('queue.priority.intro')}</p>
          <PriorityForm
            entry={entry}
            onSubmit={(body) =>
              change.mutate(body, { onSuccess: () => void navigate(`/care/clients/${entry.client.id}`) })
            }
            pending={change.isPending}
            error={change.error}
          />
        </>
      )}
    </EntryFrame>
  );
}
