import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Client } from '@civic/shared/queue';
import { formatDate } from '@civic/shared/web/page';
import { languageName } from '@civic/shared/web/language-names';
import { useNameOf, useWaitingText } from './names.ts';

/** What a coordinator knows of a client; the identity code is shown to coordinators only. */
export function ClientFacts({ client }: { client: Client }) {
  const { t, i18n } = useTranslation('queue');
  const lang = i18n.language;
  const nameOf = useNameOf();
  const waitingText = useWaitingText();
  const rai = client.rai;
  const raiParts = rai
    ? [
        rai.cps !== null && `CPS ${rai.cps}`,
        rai.adlh !== null && `ADL-H ${rai.adlh}`,
        rai.maple !== null && `MAPLe ${rai.maple}`,
      ].filter(Boolean)
    : [];
  return (
    <dl className="facts">
      <dt>{t('queue.client.identityCode')}</dt>
      <dd>{client.personalIdentityCode}</dd>
      <dt>{t('queue.client.birthDate')}</dt>
      <dd>
        {formatDate(client.birthDate, lang)} ({t('queue.client.age', { count: client.age })})
      </dd>
      <dt>{t('queue.language')}</dt>
      <dd>{languageName(client.language, lang)}</dd>
      <dt>{t('queue.client.contact')}</dt>
      <dd>
        {client.contact ? (
          <>
            {client.contact.name}
            {client.contact.relation && ` (${client.contact.relation})`}
            {client.contact.phone && (
              <span className="block">
                <a href={`tel:${client.contact.phone.replace(/\s/g, '')}`}>{client.contact.phone}</a>
              </span>
            )}
            {client.contact.email && (
              <span className="block">
                <a href={`mailto:${client.contact.email}`}>{client.contact.email}</a>
              </span>
            )}
          </>
        ) : (
          '–'
        )}
      </dd>
      <dt>{t('queue.waitingNow')}</dt>
      <dd>{waitingText(client.waiting, true)}</dd>
      <dt>{t('queue.needs')}</dt>
      <dd>{client.needs.map((n) => nameOf(n.names)).join(', ') || t('queue.client.noNeeds')}</dd>
      <dt>{t('queue.client.rai')}</dt>
      <dd>
        {raiParts.length ? raiParts.join(', ') : '–'}
        {rai?.assessedOn && (
          <span className="muted">
            {' '}
            ({t('queue.client.assessedOn', { date: formatDate(rai.assessedOn, lang) })})
          </span>
        )}
      </dd>
      <dt>{t('queue.client.spouse')}</dt>
      <dd>
        {client.spouse ? (
          <>
            <Link to={`/care/clients/${client.spouse.id}`}>{client.spouse.name}</Link>
            <span className="block muted">
              {t(client.spouse.placeTogether ? 'queue.client.placeTogether' : 'queue.client.placeApart')}
            </span>
          </>
        ) : (
          '–'
        )}
      </dd>
      {client.deceasedOn && (
        <>
          <dt>{t('queue.client.deceasedOn')}</dt>
          <dd>{formatDate(client.deceasedOn, lang)}</dd>
        </>
      )}
      {client.sourceSystem && (
        <>
          <dt>{t('queue.client.source')}</dt>
          <dd>
            {client.sourceSystem}
            {client.sourceId && ` (${client.sourceId})`}
          </dd>
        </>
      )}
    </dl>
  );
}
