import { useEffect, useId, useRef, useState } from 'react';
import { Button, ButtonVariant, TextArea } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { helsinkiDateOf } from '@civic/shared/dates';
import { ReasonSchema, type PortalOffer } from '@civic/shared/queue';
import { validate } from '@civic/shared/validation';
import { formatDate } from '@civic/shared/web/page';
import { useConfirmOffer } from '../api/confirm-offer.ts';
import { useDeclineOffer } from '../api/decline-offer.ts';
import { useRecordMoveIn } from '../api/record-move-in.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { moveInProblem, type MoveInProblem } from '../utils/move-in.ts';
import { useOnce } from './use-once.ts';
import { DateField } from '@civic/shared/web/date-field';

/** How a step ended, told by the offer page above the actions (a step may end the actions' own state). */
export type StepOutcome = { done: string } | { failed: unknown };

interface StepProps {
  offer: PortalOffer;
  /** Null when a step starts; then its outcome. */
  onOutcome: (outcome: StepOutcome | null) => void;
}

/**
 * What the unit can do with the offer in its state: confirm or decline it, decline after confirming,
 * record the move-in once the client has accepted; an ended offer says how it ended.
 */
export function OfferActions(props: StepProps) {
  switch (props.offer.status) {
    case 'proposed':
      return <AnswerActions {...props} />;
    case 'provider_confirmed':
      return <WaitingForClient {...props} />;
    case 'accepted':
      return <MoveInForm {...props} />;
    default:
      return <EndedNotice offer={props.offer} />;
  }
}

/**
 * Confirming goes at once, without an "are you sure": it can be followed by a decline as long as the
 * client has not moved in, so it is not final. Declining and the move-in are, and ask first.
 */
function AnswerActions({ offer, onOutcome }: StepProps) {
  const { t } = useTranslation('offers');
  const confirm = useConfirmOffer();
  const once = useOnce();
  return (
    <section className="stack offer-actions" aria-labelledby="offer-answer">
      <h2 id="offer-answer">{t('offers.answer.title')}</h2>
      <p>{t('offers.answer.help')}</p>
      <div className="button-row">
        <Button
          disabled={confirm.isPending}
          onClick={() =>
            once(async () => {
              onOutcome(null);
              try {
                await confirm.mutateAsync({ id: offer.id });
                onOutcome({ done: t('offers.answer.confirmed') });
              } catch (failed) {
                onOutcome({ failed });
              }
            })
          }
        >
          {t('offers.answer.confirm')}
        </Button>
      </div>
      <DeclineToggle offer={offer} onOutcome={onOutcome} />
    </section>
  );
}

function WaitingForClient({ offer, onOutcome }: StepProps) {
  const { t } = useTranslation('offers');
  return (
    <section className="stack offer-actions" aria-labelledby="offer-waiting">
      <h2 id="offer-waiting">{t('offers.status.provider_confirmed')}</h2>
      <p>{t('offers.answer.waitingClient')}</p>
      <p>{t('offers.answer.declineAfterConfirm')}</p>
      <DeclineToggle offer={offer} onOutcome={onOutcome} />
    </section>
  );
}

/** "We cannot take the client": opens the decline form below it, and closes it again. */
function DeclineToggle({ offer, onOutcome }: StepProps) {
  const { t } = useTranslation('offers');
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const formId = useId();
  return (
    <>
      <div className="button-row">
        <Button
          ref={toggle}
          variant={ButtonVariant.Secondary}
          aria-expanded={open}
          aria-controls={formId}
          onClick={() => setOpen((o) => !o)}
        >
          {t('offers.answer.declineOpen')}
        </Button>
      </div>
      {open && (
        <DeclineForm
          id={formId}
          offer={offer}
          onOutcome={onOutcome}
          onCancel={() => {
            setOpen(false);
            toggle.current?.focus();
          }}
        />
      )}
    </>
  );
}

function DeclineForm({ id, offer, onOutcome, onCancel }: StepProps & { id: string; onCancel: () => void }) {
  const { t } = useTranslation('offers');
  const decline = useDeclineOffer();
  const once = useOnce();
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [asking, setAsking] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const submit = useRef<HTMLButtonElement>(null);
  useEffect(() => field.current?.focus(), []);
  return (
    <div id={id} className="stack decline-form">
      <form
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const ok = validate(ReasonSchema, { reason: reason.trim() }).ok;
          setInvalid(!ok);
          if (ok) setAsking(true);
          else field.current?.focus();
        }}
      >
        <h3>{t('offers.decline.title')}</h3>
        <TextArea
          ref={field}
          id="decline-reason"
          label={t('offers.decline.reason')}
          helperText={t('offers.decline.reasonHelp')}
          required
          maxLength={1000}
          value={reason}
          invalid={invalid}
          errorText={invalid ? t('offers.decline.reasonRequired') : undefined}
          onChange={(e) => setReason(e.target.value)}
        />
        <div className="button-row">
          <Button ref={submit} type="submit" variant={ButtonVariant.Danger}>
            {t('offers.decline.submit')}
          </Button>
          <Button type="button" variant={ButtonVariant.Secondary} onClick={onCancel}>
            {t('offers.cancel')}
          </Button>
        </div>
      </form>
      <ConfirmDialog
        id="decline-dialog"
        variant="danger"
        isOpen={asking}
        title={t('offers.decline.dialogTitle')}
        confirmLabel={t('offers.decline.submit')}
        pending={decline.isPending}
        returnFocusTo={submit}
        onClose={() => setAsking(false)}
        onConfirm={() =>
          once(async () => {
            onOutcome(null);
            try {
              await decline.mutateAsync({ id: offer.id, reason: reason.trim() });
              onOutcome({ done: t('offers.decline.done') });
            } catch (failed) {
              onOutcome({ failed });
            } finally {
              setAsking(false);
            }
          })
        }
      >
        <p>{t('offers.decline.dialogBody')}</p>
        {offer.coupleOfferId && <p>{t('offers.decline.dialogCouple')}</p>}
      </ConfirmDialog>
    </div>
  );
}

function MoveInForm({ offer, onOutcome }: StepProps) {
  const { t, i18n } = useTranslation('offers');
  const lang = i18n.language;
  const record = useRecordMoveIn();
  const once = useOnce();
  const today = helsinkiDateOf(new Date());
  const earliest = helsinkiDateOf(offer.offeredAt);
  const [date, setDate] = useState(today);
  const [problem, setProblem] = useState<MoveInProblem | null>(null);
  const [asking, setAsking] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const submit = useRef<HTMLButtonElement>(null);
  const name = `${offer.client.firstName} ${offer.client.lastName}`;
  return (
    <section className="stack offer-actions" aria-labelledby="offer-move-in">
      <h2 id="offer-move-in">{t('offers.moveIn.title')}</h2>
      <p>{t('offers.moveIn.help')}</p>
      <form
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const found = moveInProblem(date, offer.offeredAt, today);
          setProblem(found);
          if (found) field.current?.focus();
          else setAsking(true);
        }}
      >
        <DateField
          ref={field}
          id="move-in-date"
          label={t('offers.moveIn.date')}
          required
          min={earliest}
          max={today}
          value={date}
          helperText={t('offers.moveIn.dateHelp', { from: formatDate(earliest, lang) })}
          invalid={!!problem}
          errorText={
            problem ? t(`offers.moveIn.${problem}`, { date: formatDate(earliest, lang) }) : undefined
          }
          onChange={setDate}
        />
        <div className="button-row">
          <Button ref={submit} type="submit">
            {t('offers.moveIn.submit')}
          </Button>
        </div>
      </form>
      <ConfirmDialog
        id="move-in-dialog"
        variant="primary"
        isOpen={asking}
        title={t('offers.moveIn.dialogTitle')}
        confirmLabel={t('offers.moveIn.submit')}
        pending={record.isPending}
        returnFocusTo={submit}
        onClose={() => setAsking(false)}
        onConfirm={() =>
          once(async () => {
            onOutcome(null);
            try {
              await record.mutateAsync({ id: offer.id, movedInOn: date });
              onOutcome({ done: t('offers.moveIn.done') });
            } catch (failed) {
              onOutcome({ failed });
            } finally {
              setAsking(false);
            }
          })
        }
      >
        <p>{t('offers.moveIn.dialogBody', { name, date: formatDate(date, lang) })}</p>
        {offer.coupleOfferId && <p>{t('offers.moveIn.dialogCouple')}</p>}
      </ConfirmDialog>
    </section>
  );
}

function EndedNotice({ offer }: { offer: PortalOffer }) {
  const { t, i18n } = useTranslation('offers');
  return (
    <Notification
      type={offer.status === 'moved_in' ? 'success' : 'info'}
      label={t(`offers.status.${offer.status}`)}
    >
      {t(`offers.ended.${offer.status}`, { date: formatDate(offer.movedInOn, i18n.language) })}
    </Notification>
  );
}
