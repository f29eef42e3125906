import { useEffect, useRef, useState } from 'react';
import { Button, ButtonVariant, Checkbox, TextArea } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { allowedOfferEvents } from '@civic/shared/care-queue';
import { ClientAnswerSchema, ReasonSchema, type PlacementOffer } from '@civic/shared/queue';
import { validate } from '@civic/shared/validation';
import { useAnswerOffer } from '../api/answer-offer.ts';
import { useCancelOffer } from '../api/cancel-offer.ts';
import { OfferProblem } from './offer-problem.tsx';

type Open = 'none' | 'decline' | 'withdraw';

/**
 * What the coordinator can do with an offer in its state (the shared state machine decides): record
 * the client's answer (accept once the provider has confirmed; decline with a reason at any live
 * step) and withdraw with a reason after a confirmation. One step at a time: every button is
 * disabled while a step is being saved, so a double click sends it once.
 */
export function OfferActions({ offer }: { offer: PlacementOffer }) {
  const { t } = useTranslation('offers');
  const allowed = allowedOfferEvents(offer.status);
  const answer = useAnswerOffer(offer.id);
  const cancel = useCancelOffer(offer.id);
  const [open, setOpen] = useState<Open>('none');
  const [declineReason, setDeclineReason] = useState('');
  const [suitable, setSuitable] = useState(true);
  const [withdrawReason, setWithdrawReason] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [done, setDone] = useState<'answered' | 'withdrawn' | null>(null);
  const sending = useRef(false);
  const doneRef = useRef<HTMLDivElement>(null);
  const busy = answer.isPending || cancel.isPending;

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  // An opened step starts where its reason is written.
  useEffect(() => {
    if (open !== 'none') document.getElementById(`${open}-reason`)?.focus();
  }, [open]);

  const run = (step: () => Promise<unknown>, result: 'answered' | 'withdrawn') => {
    if (sending.current) return;
    sending.current = true;
    setDone(null);
    step()
      .then(() => {
        setOpen('none');
        setDone(result);
      })
      .catch(() => undefined)
      .finally(() => {
        sending.current = false;
      });
  };
  const choose = (next: Open) => {
    setOpen(next);
    setFieldError(null);
    answer.reset();
    cancel.reset();
  };

  const accept = () => run(() => answer.mutateAsync({ answer: 'accept' }), 'answered');
  const decline = (e: React.FormEvent) => {
    e.preventDefault();
    const body = { answer: 'decline' as const, reason: declineReason.trim(), suitable };
    const checked = validate(ClientAnswerSchema, body);
    if (!checked.ok) {
      setFieldError(t('offers.offer.declineReasonRequired'));
      document.getElementById('decline-reason')?.focus();
      return;
    }
    setFieldError(null);
    run(() => answer.mutateAsync(checked.value), 'answered');
  };
  const withdraw = (e: React.FormEvent) => {
    e.preventDefault();
    const checked = validate(ReasonSchema, { reason: withdrawReason.trim() });
    if (!checked.ok) {
      setFieldError(t('offers.offer.withdrawReasonRequired'));
      document.getElementById('withdraw-reason')?.focus();
      return;
    }
    setFieldError(null);
    run(() => cancel.mutateAsync(checked.value.reason), 'withdrawn');
  };

  const canAnswer = allowed.includes('client_accept') || allowed.includes('client_decline');
  const canWithdraw = allowed.includes('cancel');

  return (
    <div className="stack offer-actions">
      {done && (
        <div ref={doneRef} tabIndex={-1}>
          <Notification type="success" label={t(`offers.offer.${done}`)} role="status" />
        </div>
      )}
      {!canAnswer && !canWithdraw && !done && <p>{t('offers.offer.noActions')}</p>}
      {canAnswer && (
        <section aria-labelledby="offer-answer" className="stack">
          <h2 id="offer-answer">{t('offers.offer.answer')}</h2>
          {offer.status === 'proposed' && <p className="note-box">{t('offers.offer.acceptWaits')}</p>}
          <div className="button-row">
            {allowed.includes('client_accept') && (
              <Button onClick={accept} disabled={busy}>
                {t('offers.offer.accept')}
              </Button>
            )}
            {allowed.includes('client_decline') && (
              <Button
                variant={ButtonVariant.Secondary}
                onClick={() => choose(open === 'decline' ? 'none' : 'decline')}
                aria-expanded={open === 'decline'}
                aria-controls="decline-box"
                disabled={busy}
              >
                {t('offers.offer.decline')}
              </Button>
            )}
          </div>
          {open !== 'withdraw' && <OfferProblem error={answer.error} />}
          {open === 'decline' && (
            <form id="decline-box" className="action-box stack" onSubmit={decline} noValidate>
              <TextArea
                id="decline-reason"
                label={t('offers.offer.declineReason')}
                required
                maxLength={1000}
                value={declineReason}
                invalid={!!fieldError}
                errorText={fieldError ?? undefined}
                onChange={(e) => setDeclineReason(e.target.value)}
              />
              <Checkbox
                id="decline-suitable"
                label={t('offers.offer.suitable')}
                checked={suitable}
                onChange={(e) => setSuitable(e.target.checked)}
              />
              <p className="muted">{t('offers.offer.suitableHelp')}</p>
              <div className="button-row">
                <Button type="submit" disabled={busy}>
                  {t('offers.offer.declineSubmit')}
                </Button>
                <Button variant={ButtonVariant.Secondary} onClick={() => choose('none')} disabled={busy}>
                  {t('offers.common.cancel')}
                </Button>
              </div>
            </form>
          )}
        </section>
      )}
      {canWithdraw && (
        <section aria-labelledby="offer-withdraw" className="stack">
          <h2 id="offer-withdraw">{t('offers.offer.withdrawTitle')}</h2>
          {open !== 'withdraw' ? (
            <div>
              <Button variant={ButtonVariant.Secondary} onClick={() => choose('withdraw')} disabled={busy}>
                {t('offers.offer.withdraw')}
              </Button>
            </div>
          ) : (
            <form id="withdraw-box" className="action-box danger stack" onSubmit={withdraw} noValidate>
              <p>{t('offers.offer.withdrawBody')}</p>
              <TextArea
                id="withdraw-reason"
                label={t('offers.offer.withdrawReason')}
                required
                maxLength={1000}
                value={withdrawReason}
                invalid={!!fieldError}
                errorText={fieldError ?? undefined}
                onChange={(e) => setWithdrawReason(e.target.value)}
              />
              <OfferProblem error={cancel.error} />
              <div className="button-row">
                <Button type="submit" variant={ButtonVariant.Danger} disabled={busy}>
                  {t('offers.offer.withdrawConfirm')}
                </Button>
                <Button variant={ButtonVariant.Secondary} onClick={() => choose('none')} disabled={busy}>
                  {t('offers.offer.withdrawKeep')}
                </Button>
              </div>
            </form>
          )}
        </section>
      )}
    </div>
  );
}
