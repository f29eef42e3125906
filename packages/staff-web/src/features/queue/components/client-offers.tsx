import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PlacementOffer } from '@civic/shared/queue';
import { formatDate, formatDateTime } from '@civic/shared/web/page';

/** Every offer made to the client, newest first; each opens the offer's own page. */
export function ClientOffers({ offers }: { offers: readonly PlacementOffer[] }) {
  const { t, i18n } = useTranslation('queue');
  const lang = i18n.language;
  if (!offers.length) return <p>{t('queue.offers.none')}</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="offers-caption">
      <table className="data-table queue-table">
        <caption id="offers-caption">{t('queue.offers.caption', { count: offers.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('care.unit')}</th>
            <th scope="col">{t('queue.table.status')}</th>
            <th scope="col">{t('queue.offers.offered')}</th>
            <th scope="col">{t('queue.offers.answerBy')}</th>
            <th scope="col">{t('queue.offers.moveIn')}</th>
          </tr>
        </thead>
        <tbody>
          {offers.map((o) => (
            <tr key={o.id}>
              <th scope="row">
                <Link to={`/care/offers/${o.id}`}>{o.vacancy.unit.name}</Link>
                <span className="block muted">
                  {o.vacancy.unit.district} · {o.vacancy.provider.name}
                </span>
                {o.interim && <span className="block">{t('queue.offers.interim')}</span>}
              </th>
              <td>{t(`queue.offerStatus.${o.status}`)}</td>
              <td>
                {formatDateTime(o.offeredAt, lang)}
                <span className="block muted">{o.offeredBy}</span>
              </td>
              <td>{formatDateTime(o.responseDueAt, lang)}</td>
              <td>
                {o.movedInOn
                  ? t('queue.offers.movedIn', { date: formatDate(o.movedInOn, lang) })
                  : formatDate(o.intendedMoveIn, lang)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
