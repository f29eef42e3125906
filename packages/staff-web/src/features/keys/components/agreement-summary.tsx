import { useTranslation } from 'react-i18next';
import { formatDate } from '@civic/shared/web/page';

/** What is being agreed: shown before signing, on the device and on the renter's phone alike. */
export function AgreementSummary({
  number,
  site,
  association,
  renterName,
  handedOverBy,
  keys,
  expectedReturnDate,
  text,
}: {
  number: string;
  site: string;
  association: string;
  renterName: string;
  handedOverBy: string;
  keys: readonly { code: string; opens: string }[];
  expectedReturnDate: string;
  text: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="stack agreement-summary">
      <dl className="facts">
        <dt>{t('keys.agreement.number')}</dt>
        <dd>{number}</dd>
        <dt>{t('keys.agreement.site')}</dt>
        <dd>{site}</dd>
        <dt>{t('keys.agreement.association')}</dt>
        <dd>{association}</dd>
        <dt>{t('keys.agreement.renter')}</dt>
        <dd>{renterName}</dd>
        <dt>{t('keys.agreement.handedOverBy')}</dt>
        <dd>{handedOverBy}</dd>
        <dt>{t('keys.agreement.expectedReturn')}</dt>
        <dd>{formatDate(expectedReturnDate, i18n.language)}</dd>
      </dl>
      <h2>{t('keys.agreement.keys')}</h2>
      <ul>
        {keys.map((k) => (
          <li key={k.code}>
            <strong>{k.code}</strong> – {k.opens}
          </li>
        ))}
      </ul>
      <h2>{t('keys.agreement.terms')}</h2>
      <div className="agreement-text" tabIndex={0} aria-label={t('keys.agreement.terms')}>
        {text.split('\n').map((line, i) => (
          <p key={i}>{line}</p>
        ))}
      </div>
    </div>
  );
}
