import { useState } from 'react';
import { Button, RadioButton, SelectionGroup, TextInput } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { helsinkiToday, type LostKey, type RekeyingDecisionValue } from '@civic/shared/keys';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { useDecideRekeying } from '../api/sites.ts';
import { DateField } from '@civic/shared/web/date-field';

/** Re-key or accept the risk; with re-keying, the cost and (now or later) the date the locks changed. */
export function RekeyingForm({ lostKey }: { lostKey: LostKey }) {
  const { t } = useTranslation();
  const current = lostKey.rekeying;
  const [decision, setDecision] = useState<RekeyingDecisionValue>(current?.decision ?? 'rekey');
  const [cost, setCost] = useState(current?.cost != null ? String(current.cost) : '');
  const [locksChangedOn, setLocksChangedOn] = useState(current?.locksChangedOn ?? '');
  const [note, setNote] = useState(current?.note ?? '');
  const decide = useDecideRekeying();
  const id = `rekey-${lostKey.id}`;
  return (
    <form
      className="stack cancel-box"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        const euros = cost.trim() ? Number(cost.replace(',', '.')) : null;
        decide.mutate({
          keyId: lostKey.id,
          decision,
          cost: decision === 'rekey' ? euros : null,
          locksChangedOn: decision === 'rekey' && locksChangedOn ? locksChangedOn : null,
          note: note.trim() || null,
        });
      }}
    >
      <h2 id={`${id}-title`}>{t('keys.lost.decide', { code: lostKey.code })}</h2>
      <SelectionGroup label={t('keys.lost.rekeying')} direction="horizontal">
        {(['rekey', 'accept_risk'] as const).map((d) => (
          <RadioButton
            key={d}
            id={`${id}-${d}`}
            name={`${id}-decision`}
            label={t(`keys.lost.decision.${d}`)}
            value={d}
            checked={decision === d}
            onChange={() => setDecision(d)}
          />
        ))}
      </SelectionGroup>
      {decision === 'rekey' && (
        <div className="stack">
          <TextInput
            id={`${id}-cost`}
            label={t('keys.lost.cost')}
            inputMode="decimal"
            value={cost}
            onChange={(e) => setCost(e.target.value)}
          />
          <DateField
            id={`${id}-date`}
            label={t('keys.lost.locksChangedOn')}
            max={helsinkiToday()}
            value={locksChangedOn}
            onChange={setLocksChangedOn}
          />
        </div>
      )}
      <TextInput
        id={`${id}-note`}
        label={t('keys.lost.decisionNote')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <ProblemNotice error={decide.error} showDetail />
      {decide.isSuccess && <Notification type="success" label={t('keys.lost.saved')} />}
      <div className="button-row">
        <Button type="submit" disabled={decide.isPending}>
          {t('keys.lost.save')}
        </Button>
      </div>
    </form>
  );
}
