import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button, ButtonSize, ButtonVariant, Checkbox, LoadingSpinner, TextArea, TextInput } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { signatureProblem, type CurrentAgreement } from '@civic/shared/keys';
import { useCurrentAgreements, useReturnKeys } from '../../../features/keys/api/agreements.ts';
import { useSite } from '../../../features/keys/api/sites.ts';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { SignatureField, type SignaturePadHandle } from '../../../features/keys/components/signature-pad.tsx';
import { formatDate, usePageTitle } from '@civic/shared/web/page';

/** Take keys back: find the agreement, tick the keys, mark any lost, optionally sign. */
export function ReturnPage() {
  const { siteId = '' } = useParams();
  const { t, i18n } = useTranslation();
  usePageTitle(t('keys.return.title'));
  const { data: site } = useSite(siteId);
  const [q, setQ] = useState('');
  const { data: agreements, isPending, error } = useCurrentAgreements(siteId, q);
  const [chosen, setChosen] = useState<CurrentAgreement | null>(null);
  const [done, setDone] = useState<{ number: string; returned: number; lost: number } | null>(null);

  if (done) {
    return (
      <section className="stack narrow">
        <h1>{t('keys.return.doneTitle')}</h1>
        <Notification type="success" label={t('keys.return.doneTitle')}>
          {t('keys.return.done', { number: done.number, returned: done.returned, lost: done.lost })}
        </Notification>
        <div className="button-row">
          <Button
            variant={ButtonVariant.Secondary}
            onClick={() => {
              setDone(null);
              setChosen(null);
            }}
          >
            {t('keys.return.another')}
          </Button>
          <Link className="button-link primary" to="/keys">
            {t('keys.lend.backToStart')}
          </Link>
        </div>
      </section>
    );
  }

  return (
    <section className="stack narrow">
      <p>
        <Link to="/keys">← {t('keys.lend.backToStart')}</Link>
      </p>
      <h1>
        {t('keys.return.title')}
        {site ? `: ${site.name}` : ''}
      </h1>
      {chosen ? (
        <ReturnForm agreement={chosen} onCancel={() => setChosen(null)} onDone={setDone} />
      ) : (
        <>
          <TextInput
            id="return-search"
            type="search"
            label={t('keys.return.search')}
            helperText={t('keys.return.searchHelp')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
          <ProblemNotice error={error} />
          {isPending ? (
            <LoadingSpinner small loadingText={t('shell.loading')} />
          ) : agreements?.length === 0 ? (
            <p>{t('keys.return.none')}</p>
          ) : (
            <ul className="card-list single">
              {agreements?.map((a) => (
                <li key={a.id} className="card">
                  <h2>{a.renter}</h2>
                  <p>
                    {a.association} · {a.number}
                  </p>
                  <p>
                    {t('keys.return.keysOut')}:{' '}
                    {a.keys
                      .filter((k) => k.state === 'out')
                      .map((k) => k.code)
                      .join(', ') || '–'}
                  </p>
                  <p className="muted">
                    {t('keys.return.dueBy', { date: formatDate(a.expectedReturnDate, i18n.language) })}
                  </p>
                  {a.state === 'active' || a.state === 'partially_returned' ? (
                    <Button
                      size={ButtonSize.Small}
                      onClick={() => setChosen(a)}
                      aria-label={`${t('keys.return.choose')}: ${a.renter}, ${a.number}`}
                    >
                      {t('keys.return.choose')}
                    </Button>
                  ) : (
                    <p>
                      <Link to={`/keys/agreements/${a.id}`}>{t(`keys.state.${a.state}`)}</Link>
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function ReturnForm({
  agreement,
  onCancel,
  onDone,
}: {
  agreement: CurrentAgreement;
  onCancel: () => void;
  onDone: (d: { number: string; returned: number; lost: number }) => void;
}) {
  const { t } = useTranslation();
  const out = agreement.keys.filter((k) => k.state === 'out');
  const [returned, setReturned] = useState<Set<string>>(new Set(out.map((k) => k.id)));
  const [lost, setLost] = useState<Record<string, string>>({});
  const [withSignature, setWithSignature] = useState(false);
  const [signError, setSignError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const pad = useRef<SignaturePadHandle>(null);
  const mutation = useReturnKeys(agreement.id);

  function toggleReturned(id: string, on: boolean) {
    const next = new Set(returned);
    if (on) next.add(id);
    else next.delete(id);
    setReturned(next);
    if (on) {
      const { [id]: _, ...rest } = lost;
      setLost(rest);
    }
  }

  function submit() {
    setFormError(null);
    const lostKeys = Object.entries(lost).map(([keyId, note]) => ({ keyId, note: note.trim() }));
    if (!returned.size && !lostKeys.length) return setFormError(t('keys.return.tickOne'));
    if (lostKeys.some((l) => !l.note)) return setFormError(t('keys.return.lostNoteRequired'));
    let signature;
    if (withSignature) {
      signature = pad.current!.value();
      const problem = signatureProblem(signature);
      setSignError(problem ? t(`keys.sign.${problem}`) : null);
      if (problem) return;
    }
    mutation.mutate(
      {
        returnedKeyIds: [...returned],
        lostKeys,
        ...(signature ? { signature, signedName: agreement.renter } : {}),
      },
      {
        onSuccess: () => onDone({ number: agreement.number, returned: returned.size, lost: lostKeys.length }),
      },
    );
  }

  return (
    <div className="stack">
      <h2>
        {agreement.renter} · {agreement.association}
      </h2>
      <fieldset className="plain-fieldset">
        <legend>{t('keys.return.whichKeys')}</legend>
        {out.map((k) => (
          <div key={k.id} className="return-key">
            <Checkbox
              id={`return-${k.id}`}
              label={`${k.code} – ${k.opens}`}
              checked={returned.has(k.id)}
              onChange={(e) => toggleReturned(k.id, e.target.checked)}
            />
            {!returned.has(k.id) && (
              <div className="indent stack">
                <Checkbox
                  id={`lost-${k.id}`}
                  label={t('keys.return.markLost', { code: k.code })}
                  checked={k.id in lost}
                  onChange={(e) => {
                    if (e.target.checked) setLost({ ...lost, [k.id]: '' });
                    else {
                      const { [k.id]: _, ...rest } = lost;
                      setLost(rest);
                    }
                  }}
                />
                {k.id in lost && (
                  <TextArea
                    id={`lost-note-${k.id}`}
                    label={t('keys.return.lostNote')}
                    required
                    value={lost[k.id]}
                    onChange={(e) => setLost({ ...lost, [k.id]: e.target.value })}
                  />
                )}
              </div>
            )}
          </div>
        ))}
      </fieldset>
      <Checkbox
        id="return-signature"
        label={t('keys.return.withSignature')}
        checked={withSignature}
        onChange={(e) => setWithSignature(e.target.checked)}
      />
      {withSignature && (
        <>
          <SignatureField ref={pad} id="return-signature-pad" invalid={!!signError} />
          {signError && (
            <p className="field-error" role="alert">
              {signError}
            </p>
          )}
        </>
      )}
      {formError && (
        <Notification type="error" label={t('shell.errorTitle')} role="alert">
          {formError}
        </Notification>
      )}
      <ProblemNotice error={mutation.error} />
      <div className="button-row">
        <Button onClick={submit} disabled={mutation.isPending}>
          {t('keys.return.submit')}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={onCancel}>
          {t('keys.return.back')}
        </Button>
      </div>
    </div>
  );
}
