import { useState } from 'react';
import { Button, LoadingSpinner, StatusLabel, TextInput } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { WAITING_SETTINGS, type WaitingSetting } from '@civic/shared/care-queue';
import { CreateWaitingPriceSchema, type WaitingPrice } from '@civic/shared/queue';
import { validate } from '@civic/shared/validation';
import { NativeSelect } from '@civic/shared/web/native-select';
import { formatDate, formatEuro, usePageTitle } from '@civic/shared/web/page';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { useAddWaitingPrice } from '../api/add-waiting-price.ts';
import { useWaitingPrices } from '../api/get-waiting-prices.ts';
import { OfferProblem } from './offer-problem.tsx';
import { helsinkiToday } from './time.ts';
import './offers.css';
import { DateField } from '@civic/shared/web/date-field';

type Validity = 'current' | 'upcoming' | 'past';

/** Which price of each setting applies today, which later, which no longer. */
function validity(prices: readonly WaitingPrice[], today: string): Map<string, Validity> {
  const out = new Map<string, Validity>();
  for (const setting of WAITING_SETTINGS) {
    const own = prices
      .filter((p) => p.setting === setting)
      .sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
    const current = own.filter((p) => p.validFrom <= today).at(-1);
    for (const p of own) out.set(p.id, p === current ? 'current' : p.validFrom > today ? 'upcoming' : 'past');
  }
  return out;
}

/** "520,00", "520.5", "1 234,5 €" → 520, 520.5, 1234.5; anything else is not a price. */
export function parseEuros(text: string): number | null {
  const clean = text.replace(/[\s\u00a0€]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return null;
  return Number(clean);
}

/**
 * The daily prices of waiting per setting (a hospital day …) and period, and a new one from a date:
 * Today's euros of hospital waiting come from the price valid today.
 */
export function WaitingPricesView() {
  const { t, i18n } = useTranslation('offers');
  usePageTitle(t('offers.prices.title'));
  const lang = i18n.language;
  const today = helsinkiToday();
  const { data, isPending, error } = useWaitingPrices();
  const add = useAddWaitingPrice();
  const [setting, setSetting] = useState<WaitingSetting>('hospital');
  const [validFrom, setValidFrom] = useState(today);
  const [price, setPrice] = useState('');
  const [errors, setErrors] = useState<{ validFrom?: string; price?: string }>({});
  const [saved, setSaved] = useState(false);
  const states = validity(data ?? [], today);
  const rows = [...(data ?? [])].sort(
    (a, b) =>
      WAITING_SETTINGS.indexOf(a.setting) - WAITING_SETTINGS.indexOf(b.setting) ||
      (a.validFrom < b.validFrom ? 1 : -1),
  );

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (add.isPending) return;
    setSaved(false);
    const dailyPrice = parseEuros(price);
    const checked = validate(CreateWaitingPriceSchema, { setting, validFrom, dailyPrice });
    const found = {
      validFrom:
        checked.ok || !checked.errors.some((f) => f.field === '/validFrom')
          ? undefined
          : t('offers.prices.dateRequired'),
      price:
        dailyPrice === null || (!checked.ok && checked.errors.some((f) => f.field === '/dailyPrice'))
          ? t('offers.prices.priceRequired')
          : undefined,
    };
    setErrors(found);
    if (found.validFrom) document.getElementById('price-valid-from')?.focus();
    else if (found.price) document.getElementById('price-amount')?.focus();
    if (!checked.ok) return;
    add.mutate(checked.value, {
      onSuccess: () => {
        setSaved(true);
        setPrice('');
      },
    });
  };

  return (
    <section className="stack offers-page">
      <h1>{t('offers.prices.title')}</h1>
      <p className="narrow">{t('offers.prices.intro')}</p>
      <ProblemNotice error={error} />
      {isPending ? (
        <LoadingSpinner small loadingText={t('shell.loading')} />
      ) : rows.length === 0 ? (
        <div className="empty-state" role="status">
          <p>{t('offers.prices.none')}</p>
        </div>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table prices-table">
            <caption>{t('offers.prices.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('offers.prices.setting')}</th>
                <th scope="col">{t('offers.prices.validFrom')}</th>
                <th scope="col">{t('offers.prices.dailyPrice')}</th>
                <th scope="col">{t('offers.common.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => {
                const state = states.get(p.id) ?? 'past';
                return (
                  <tr key={p.id}>
                    <th scope="row">{t(`offers.waiting.${p.setting}`)}</th>
                    <td>{formatDate(p.validFrom, lang)}</td>
                    <td className="nowrap">{formatEuro(p.dailyPrice, lang)}</td>
                    <td>
                      <StatusLabel
                        className="state-label"
                        type={state === 'current' ? 'success' : state === 'upcoming' ? 'info' : 'neutral'}
                      >
                        {t(`offers.prices.${state}`)}
                      </StatusLabel>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <form className="stack narrow mt-m" onSubmit={submit} noValidate aria-labelledby="price-add">
        <h2 id="price-add">{t('offers.prices.add')}</h2>
        <NativeSelect
          id="price-setting"
          label={t('offers.prices.setting')}
          value={setting}
          options={WAITING_SETTINGS.map((s) => ({ value: s, label: t(`offers.waiting.${s}`) }))}
          onChange={(v) => setSetting(v as WaitingSetting)}
        />
        <DateField
          id="price-valid-from"
          label={t('offers.prices.validFrom')}
          required
          value={validFrom}
          invalid={!!errors.validFrom}
          errorText={errors.validFrom}
          onChange={setValidFrom}
        />
        <TextInput
          id="price-amount"
          label={`${t('offers.prices.dailyPrice')} (€)`}
          inputMode="decimal"
          autoComplete="off"
          required
          value={price}
          invalid={!!errors.price}
          errorText={errors.price}
          onChange={(e) => setPrice(e.target.value)}
        />
        <OfferProblem error={add.error} />
        {saved && <Notification type="success" label={t('offers.prices.saved')} role="status" />}
        <div>
          <Button type="submit" disabled={add.isPending}>
            {t('offers.prices.save')}
          </Button>
        </div>
      </form>
    </section>
  );
}
