import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, ButtonSize, ButtonVariant, Fieldset, TextInput } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { isValidBusinessId } from '@civic/shared/identifiers';
import { LANGUAGES, type Language } from '@civic/shared/common';
import type { Association, Key, KeyAgreement, Renter } from '@civic/shared/keys';
import { ApiError } from '@civic/shared/http-client';
import { useSite, useSiteKeys } from '../../../features/keys/api/sites.ts';
import {
  useAssociationSearch,
  useCreateAgreement,
  useRenterSearch,
  useRequestSignature,
  useSendLink,
  useSigningMethods,
} from '../../../features/keys/api/agreements.ts';
import { PickList } from '../../../features/keys/components/pick-list.tsx';
import { NativeSelect } from '@civic/shared/web/native-select';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { usePageTitle } from '@civic/shared/web/page';
import { DateField } from '@civic/shared/web/date-field';

type NewAssociation = { name: string; businessId: string };
type NewRenter = { name: string; email: string; phone: string };

/**
 * Lend keys: association, renter, keys, then the way to sign: here, by a one-time link, or (when
 * the installation has it) with strong identification at Visma Sign. Phone first.
 */
export function LendPage() {
  const { siteId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { data: site } = useSite(siteId);
  usePageTitle(t('keys.lend.title'));

  const [assocQuery, setAssocQuery] = useState('');
  const [association, setAssociation] = useState<Association | null>(null);
  const [newAssociation, setNewAssociation] = useState<NewAssociation | null>(null);
  const [renterQuery, setRenterQuery] = useState('');
  const [renter, setRenter] = useState<Renter | null>(null);
  const [newRenter, setNewRenter] = useState<NewRenter | null>(null);
  const [keyQuery, setKeyQuery] = useState('');
  const [keys, setKeys] = useState<Key[]>([]);
  const [language, setLanguage] = useState<Language>((i18n.language as Language) ?? 'fi');
  const [expectedReturnDate, setExpectedReturnDate] = useState('');
  const [linkSentTo, setLinkSentTo] = useState<string | null>(null);
  const [strongSent, setStrongSent] = useState<KeyAgreement | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const associations = useAssociationSearch(assocQuery);
  // Contact persons are searched within the chosen association only.
  const renters = useRenterSearch(association ? renterQuery : '', association?.id);
  const keyResults = useSiteKeys(siteId, { q: keyQuery || undefined });
  const create = useCreateAgreement();
  const [createdId, setCreatedId] = useState<string | null>(null);
  const sendLink = useSendLink();
  const requestSignature = useRequestSignature();
  const methods = useSigningMethods();
  const strongAvailable = !!methods.data?.some((m) => m.method === 'visma_sign' && m.available);

  const associationChosen =
    !!association ||
    (!!newAssociation?.name.trim() &&
      (!newAssociation.businessId || isValidBusinessId(newAssociation.businessId)));
  const renterChosen =
    !!renter ||
    (!!newRenter?.name.trim() && /.+@.+\..+/.test(newRenter.email) && newRenter.phone.trim().length >= 5);
  const ready = associationChosen && renterChosen && keys.length > 0;

  async function submit(mode: 'here' | 'link' | 'visma_sign') {
    setFormError(null);
    if (!ready) {
      setFormError(t('keys.lend.incomplete'));
      return;
    }
    try {
      const agreement = await create.mutateAsync({
        siteId,
        association: association
          ? { id: association.id }
          : { name: newAssociation!.name.trim(), businessId: newAssociation!.businessId.trim() || null },
        renter: renter
          ? { id: renter.id }
          : { name: newRenter!.name.trim(), email: newRenter!.email.trim(), phone: newRenter!.phone.trim() },
        keyIds: keys.map((k) => k.id),
        language,
        signingMethod: mode === 'here' ? 'in_person' : mode,
        ...(expectedReturnDate ? { expectedReturnDate } : {}),
      });
      setCreatedId(agreement.id);
      if (mode === 'here') {
        await navigate(`/keys/agreements/${agreement.id}/sign`);
      } else if (mode === 'visma_sign') {
        setStrongSent(await requestSignature.mutateAsync({ id: agreement.id, method: 'visma_sign' }));
      } else {
        const updated = await sendLink.mutateAsync({ id: agreement.id });
        // Site managers are not shown the address the server used; it is the one just chosen.
        setLinkSentTo(updated.signingLink?.sentTo || renter?.email || newRenter?.email || '');
      }
    } catch {
      // shown from the mutation state
    }
  }

  if (strongSent) {
    const request = strongSent.signingRequest;
    return (
      <section className="stack narrow">
        <h1>{t('keys.lend.strongSentTitle')}</h1>
        {request?.status === 'failed' ? (
          <Notification type="error" label={t('keys.agreement.requestStatus.failed')} role="alert">
            {t('keys.lend.strongFailed', { problem: request.problem ?? '' })}
          </Notification>
        ) : request?.status === 'sending' ? (
          <Notification type="alert" label={t('keys.agreement.requestStatus.sending')}>
            {t('keys.lend.strongSending')}
          </Notification>
        ) : (
          <Notification type="success" label={t('keys.lend.strongSentTitle')}>
            {t('keys.lend.strongSent', { email: renter?.email || newRenter?.email || '' })}
          </Notification>
        )}
        <p>
          <Link to={`/keys/agreements/${strongSent.id}`}>{t('keys.lend.openAgreement')}</Link>
        </p>
        <p>
          <Link to="/keys">{t('keys.lend.backToStart')}</Link>
        </p>
      </section>
    );
  }

  if (linkSentTo !== null) {
    return (
      <section className="stack narrow">
        <h1>{t('keys.lend.linkSentTitle')}</h1>
        <Notification type="success" label={t('keys.lend.linkSentTitle')}>
          {t('keys.lend.linkSent', { email: linkSentTo })}
        </Notification>
        <p>
          <Link to={`/keys/agreements/${createdId}`}>{t('keys.lend.openAgreement')}</Link>
        </p>
        <p>
          <Link to="/keys">{t('keys.lend.backToStart')}</Link>
        </p>
      </section>
    );
  }

  const keyProblem = create.error instanceof ApiError && create.error.code === 'key_unavailable';
  return (
    <section className="stack narrow">
      <p>
        <Link to="/keys">← {t('keys.lend.backToStart')}</Link>
      </p>
      <h1>
        {t('keys.lend.title')}
        {site ? `: ${site.name}` : ''}
      </h1>

      <Fieldset heading={t('keys.lend.association')} border>
        {association ? (
          <div className="chosen">
            <span>
              {association.name}
              {association.businessId ? ` (${association.businessId})` : ''}
            </span>
            <Button
              variant={ButtonVariant.Secondary}
              size={ButtonSize.Small}
              onClick={() => {
                setAssociation(null);
                setRenter(null);
              }}
            >
              {t('keys.lend.change')}
            </Button>
          </div>
        ) : newAssociation ? (
          <div className="stack">
            <TextInput
              id="new-association-name"
              label={t('keys.lend.associationName')}
              required
              value={newAssociation.name}
              onChange={(e) => setNewAssociation({ ...newAssociation, name: e.target.value })}
            />
            <TextInput
              id="new-association-business-id"
              label={t('keys.lend.businessId')}
              helperText={t('keys.lend.businessIdHelp')}
              value={newAssociation.businessId}
              onChange={(e) => setNewAssociation({ ...newAssociation, businessId: e.target.value })}
              invalid={!!newAssociation.businessId && !isValidBusinessId(newAssociation.businessId)}
              errorText={
                newAssociation.businessId && !isValidBusinessId(newAssociation.businessId)
                  ? t('keys.lend.businessIdInvalid')
                  : undefined
              }
            />
            <Button
              variant={ButtonVariant.Secondary}
              size={ButtonSize.Small}
              onClick={() => setNewAssociation(null)}
            >
              {t('keys.lend.searchInstead')}
            </Button>
          </div>
        ) : (
          <div className="stack">
            <TextInput
              id="association-search"
              type="search"
              label={t('keys.lend.searchAssociation')}
              value={assocQuery}
              onChange={(e) => setAssocQuery(e.target.value)}
            />
            <PickList
              items={associations.data}
              label={t('keys.lend.associationResults')}
              render={(a) => `${a.name}${a.businessId ? ` (${a.businessId})` : ''}`}
              onPick={setAssociation}
            />
            <Button
              variant={ButtonVariant.Secondary}
              size={ButtonSize.Small}
              onClick={() => setNewAssociation({ name: assocQuery, businessId: '' })}
            >
              {t('keys.lend.newAssociation')}
            </Button>
          </div>
        )}
      </Fieldset>

      <Fieldset heading={t('keys.lend.renter')} border>
        {renter ? (
          <div className="chosen">
            <span>
              {renter.name}, {renter.email}, {renter.phone}
            </span>
            <Button variant={ButtonVariant.Secondary} size={ButtonSize.Small} onClick={() => setRenter(null)}>
              {t('keys.lend.change')}
            </Button>
          </div>
        ) : newRenter ? (
          <div className="stack">
            <TextInput
              id="renter-name"
              label={t('keys.lend.renterName')}
              required
              autoComplete="off"
              value={newRenter.name}
              onChange={(e) => setNewRenter({ ...newRenter, name: e.target.value })}
            />
            <TextInput
              id="renter-email"
              type="email"
              label={t('keys.lend.renterEmail')}
              required
              autoComplete="off"
              value={newRenter.email}
              onChange={(e) => setNewRenter({ ...newRenter, email: e.target.value })}
            />
            <TextInput
              id="renter-phone"
              type="tel"
              label={t('keys.lend.renterPhone')}
              required
              autoComplete="off"
              value={newRenter.phone}
              onChange={(e) => setNewRenter({ ...newRenter, phone: e.target.value })}
            />
            <Button
              variant={ButtonVariant.Secondary}
              size={ButtonSize.Small}
              onClick={() => setNewRenter(null)}
            >
              {t('keys.lend.searchInstead')}
            </Button>
          </div>
        ) : (
          <div className="stack">
            <TextInput
              id="renter-search"
              type="search"
              label={t('keys.lend.searchRenter')}
              value={renterQuery}
              onChange={(e) => setRenterQuery(e.target.value)}
            />
            <PickList
              items={renters.data}
              label={t('keys.lend.renterResults')}
              render={(r) => `${r.name} – ${r.email}${r.association ? ` (${r.association.name})` : ''}`}
              onPick={setRenter}
            />
            <Button
              variant={ButtonVariant.Secondary}
              size={ButtonSize.Small}
              onClick={() => setNewRenter({ name: renterQuery, email: '', phone: '' })}
            >
              {t('keys.lend.newRenter')}
            </Button>
          </div>
        )}
      </Fieldset>

      <Fieldset heading={t('keys.lend.keys')} border>
        <div className="stack">
          {keys.length > 0 && (
            <ul className="chips" aria-label={t('keys.lend.chosenKeys')}>
              {keys.map((k) => (
                <li key={k.id}>
                  <span>
                    <strong>{k.code}</strong> {k.opens}
                  </span>
                  <button
                    type="button"
                    className="chip-remove"
                    aria-label={t('keys.lend.removeKey', { code: k.code })}
                    onClick={() => setKeys(keys.filter((x) => x.id !== k.id))}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          <TextInput
            id="key-search"
            type="search"
            label={t('keys.lend.searchKey')}
            helperText={t('keys.lend.searchKeyHelp')}
            value={keyQuery}
            onChange={(e) => setKeyQuery(e.target.value)}
          />
          {keyQuery && (
            <PickList
              items={keyResults.data?.filter((k) => !keys.some((x) => x.id === k.id))}
              label={t('keys.lend.keyResults')}
              isDisabled={(k) => k.status !== 'available'}
              render={(k) => (
                <>
                  <strong>{k.code}</strong> {k.opens}
                  {k.status !== 'available' && (
                    <span className="pick-note">
                      {' '}
                      –{' '}
                      {k.holder
                        ? t('keys.lend.heldBy', {
                            association: k.holder.association,
                            number: k.holder.agreementNumber,
                          })
                        : t(`keys.keyStatus.${k.status}`)}
                    </span>
                  )}
                </>
              )}
              onPick={(k) => {
                setKeys([...keys, k]);
                setKeyQuery('');
              }}
            />
          )}
        </div>
      </Fieldset>

      <Fieldset heading={t('keys.lend.details')} border>
        <div className="stack">
          <DateField
            id="expected-return"
            label={t('keys.lend.expectedReturn')}
            helperText={t('keys.lend.expectedReturnHelp')}
            value={expectedReturnDate}
            onChange={setExpectedReturnDate}
          />
          <NativeSelect
            id="agreement-language"
            label={t('keys.lend.language')}
            value={language}
            options={LANGUAGES.map((l) => ({ label: t(`keys.languages.${l}`), value: l }))}
            onChange={(v) => setLanguage(v as Language)}
          />
        </div>
      </Fieldset>

      {formError && (
        <Notification type="error" label={t('shell.errorTitle')} role="alert">
          {formError}
        </Notification>
      )}
      {create.error &&
        (keyProblem ? (
          <Notification type="error" label={t('errors.key_unavailable')} role="alert">
            {(create.error as ApiError).problem?.detail}
          </Notification>
        ) : (
          <ProblemNotice error={create.error} showDetail />
        ))}
      {sendLink.error && <ProblemNotice error={sendLink.error} />}
      {requestSignature.error && <ProblemNotice error={requestSignature.error} showDetail />}
      <h2>{t('keys.lend.review')}</h2>
      <p className="muted">{t(strongAvailable ? 'keys.lend.reviewHelpStrong' : 'keys.lend.reviewHelp')}</p>
      <div className="button-row">
        <Button onClick={() => void submit('here')} disabled={create.isPending}>
          {t('keys.lend.signHere')}
        </Button>
        <Button
          variant={ButtonVariant.Secondary}
          onClick={() => void submit('link')}
          disabled={create.isPending}
        >
          {t('keys.lend.sendLink')}
        </Button>
        {strongAvailable && (
          <Button
            variant={ButtonVariant.Secondary}
            onClick={() => void submit('visma_sign')}
            disabled={create.isPending || requestSignature.isPending}
          >
            {t('keys.lend.signStrong')}
          </Button>
        )}
      </div>
    </section>
  );
}
