import { useTranslation } from 'react-i18next';
import { CARE_FIGURE_INFO, type CareFigure, type FigureValue } from '@civic/shared/care-figures';
import { formatEuro, formatNumber, formatPercent } from '@civic/shared/web/page';

/** The dashboard's figures in four groups, in the order the cards and tables show them. */
export const FIGURE_SECTIONS = {
  places: ['occupancyRate', 'vacancyDays', 'timeToFillMedian', 'timeToFillP90', 'fillRate'],
  queue: [
    'queueLength',
    'overdue',
    'placements',
    'placedWithinGuarantee',
    'queueDaysFromDecisionMedian',
    'queueDaysFromDecisionP90',
    'queueDaysFromDecisionMean',
    'queueDaysFromReadyMedian',
    'queueDaysFromReadyP90',
    'queueDaysFromReadyMean',
  ],
  cost: ['hospitalDays', 'waitingCost'],
  offers: ['offerAcceptanceRate', 'hoursToFirstOfferMedian', 'hoursToFirstOfferP90'],
} as const satisfies Record<string, readonly CareFigure[]>;
export type FigureSection = keyof typeof FIGURE_SECTIONS;

/** The same figures in narrower tables: the queue's in two, so a table fits a screen's width. */
export const TABLE_SECTIONS = {
  places: FIGURE_SECTIONS.places,
  queue: ['queueLength', 'overdue', 'placements', 'placedWithinGuarantee'],
  waits: FIGURE_SECTIONS.queue.slice(4),
  cost: FIGURE_SECTIONS.cost,
  offers: FIGURE_SECTIONS.offers,
} as const satisfies Record<string, readonly CareFigure[]>;

/** A figure's name, definition and value as the chosen language writes them. */
export function useFigureText(fillWithinDays: number) {
  const { t, i18n } = useTranslation('reports');
  const lang = i18n.language;
  const number = (value: number, figure: CareFigure): string => {
    switch (CARE_FIGURE_INFO[figure].unit) {
      case 'percent':
        return formatPercent(value, lang);
      case 'euros':
        return formatEuro(value, lang);
      case 'count':
        return formatNumber(value, lang, 0);
      case 'days':
        return t('reports.value.days', { value: formatNumber(value, lang) });
      case 'hours':
        return t('reports.value.hours', { value: formatNumber(value, lang) });
    }
  };
  /** A value axis tick: whole numbers, with the figure's unit. */
  const tick = (value: number, figure: CareFigure): string => {
    switch (CARE_FIGURE_INFO[figure].unit) {
      case 'percent':
        return formatPercent(value, lang, 0);
      case 'euros':
        return formatEuro(value, lang, false);
      case 'count':
        return formatNumber(value, lang, 0);
      case 'days':
        return t('reports.value.days', { value: formatNumber(value, lang, 0) });
      case 'hours':
        return t('reports.value.hours', { value: formatNumber(value, lang, 0) });
    }
  };
  return {
    name: (f: CareFigure) => t(`reports.figures.${f}.name`, { days: fillWithinDays }),
    definition: (f: CareFigure) => t(`reports.figures.${f}.definition`, { days: fillWithinDays }),
    number,
    tick,
    value: (f: CareFigure, v: FigureValue): string => {
      if (v.status === 'ok' && v.value !== null) return number(v.value, f);
      if (v.status === 'suppressed') return t('reports.value.suppressed');
      if (v.status === 'not_applicable') return t('reports.value.notApplicable');
      return t('reports.value.noData');
    },
  };
}
