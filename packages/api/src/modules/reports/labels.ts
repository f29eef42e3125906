import type { Language } from '@civic/shared/common';
import type { CareFigure, CareGrouping, FigureStatus } from '@civic/shared/care-figures';
import type { KeyGrouping } from '@civic/shared/reports';

/** Column headers and words of the report files, in the language asked for. */
interface Labels {
  figures: Record<CareFigure, string>;
  groupings: Record<CareGrouping | KeyGrouping, string>;
  statuses: Record<Exclude<FigureStatus, 'ok'>, string>;
  kinds: { own: string; purchased: string };
  total: string;
  sheets: { care: string; waitingTimes: string; keys: string };
  keys: {
    agreements: string;
    overdue: string;
    keysLent: string;
    lostKeys: string;
  };
}

export const REPORT_LABELS: Record<Language, Labels> = {
  fi: {
    figures: {
      occupancyRate: 'Käyttöaste %',
      vacancyDays: 'Tyhjät paikkapäivät',
      timeToFillMedian: 'Täyttöaika, mediaani (pv)',
      timeToFillP90: 'Täyttöaika, p90 (pv)',
      fillRate: 'Täytetty N päivässä %',
      queueLength: 'Jonossa',
      queueDaysFromDecisionMedian: 'Odotus päätöksestä, mediaani (pv)',
      queueDaysFromDecisionP90: 'Odotus päätöksestä, p90 (pv)',
      queueDaysFromDecisionMean: 'Odotus päätöksestä, keskiarvo (pv)',
      queueDaysFromReadyMedian: 'Odotus sijoitusvalmiudesta, mediaani (pv)',
      queueDaysFromReadyP90: 'Odotus sijoitusvalmiudesta, p90 (pv)',
      queueDaysFromReadyMean: 'Odotus sijoitusvalmiudesta, keskiarvo (pv)',
      hospitalDays: 'Sairaalapäivät',
      waitingCost: 'Odotuksen kustannus (€)',
      placements: 'Sijoitetut',
      placedWithinGuarantee: 'Sijoitettu 3 kk:ssa %',
      overdue: 'Määräaika ylittynyt',
      offerAcceptanceRate: 'Tarjouksista hyväksytty %',
      hoursToFirstOfferMedian: 'Ilmoituksesta tarjoukseen, mediaani (h)',
      hoursToFirstOfferP90: 'Ilmoituksesta tarjoukseen, p90 (h)',
    },
    groupings: {
      total: 'Yhteensä',
      providerKind: 'Tuotantotapa',
      provider: 'Palveluntuottaja',
      unit: 'Yksikkö',
      district: 'Kaupunginosa',
      serviceType: 'Palvelu',
      month: 'Kuukausi',
      site: 'Kohde',
      association: 'Seura/yhteisö',
      season: 'Kausi',
    },
    statuses: { suppressed: 'suojattu (alle 5)', no_data: '', not_applicable: '' },
    kinds: { own: 'Kaupungin oma', purchased: 'Ostopalvelu' },
    total: 'Yhteensä',
    sheets: { care: 'Hoivapaikkaluvut', waitingTimes: 'Odotusajat', keys: 'Avainsopimukset' },
    keys: {
      agreements: 'Sopimuksia',
      overdue: 'Myöhässä',
      keysLent: 'Avaimia luovutettu',
      lostKeys: 'Kadonneita avaimia',
    },
  },
  sv: {
    figures: {
      occupancyRate: 'Beläggningsgrad %',
      vacancyDays: 'Tomma platsdygn',
      timeToFillMedian: 'Tid till besättning, median (d)',
      timeToFillP90: 'Tid till besättning, p90 (d)',
      fillRate: 'Besatt inom N dygn %',
      queueLength: 'I kön',
      queueDaysFromDecisionMedian: 'Väntan från beslut, median (d)',
      queueDaysFromDecisionP90: 'Väntan från beslut, p90 (d)',
      queueDaysFromDecisionMean: 'Väntan från beslut, medeltal (d)',
      queueDaysFromReadyMedian: 'Väntan från placeringsberedskap, median (d)',
      queueDaysFromReadyP90: 'Väntan från placeringsberedskap, p90 (d)',
      queueDaysFromReadyMean: 'Väntan från placeringsberedskap, medeltal (d)',
      hospitalDays: 'Sjukhusdygn',
      waitingCost: 'Väntans kostnad (€)',
      placements: 'Placerade',
      placedWithinGuarantee: 'Placerade inom 3 mån %',
      overdue: 'Tidsfristen överskriden',
      offerAcceptanceRate: 'Godkända erbjudanden %',
      hoursToFirstOfferMedian: 'Från anmälan till erbjudande, median (h)',
      hoursToFirstOfferP90: 'Från anmälan till erbjudande, p90 (h)',
    },
    groupings: {
      total: 'Totalt',
      providerKind: 'Produktionssätt',
      provider: 'Serviceproducent',
      unit: 'Enhet',
      district: 'Stadsdel',
      serviceType: 'Tjänst',
      month: 'Månad',
      site: 'Objekt',
      association: 'Förening',
      season: 'Säsong',
    },
    statuses: { suppressed: 'skyddad (under 5)', no_data: '', not_applicable: '' },
    kinds: { own: 'Stadens egen', purchased: 'Köpt tjänst' },
    total: 'Totalt',
    sheets: { care: 'Vårdplatser', waitingTimes: 'Väntetider', keys: 'Nyckelavtal' },
    keys: {
      agreements: 'Avtal',
      overdue: 'Försenade',
      keysLent: 'Utlämnade nycklar',
      lostKeys: 'Förlorade nycklar',
    },
  },
  en: {
    figures: {
      occupancyRate: 'Occupancy %',
      vacancyDays: 'Vacancy days',
      timeToFillMedian: 'Time to fill, median (d)',
      timeToFillP90: 'Time to fill, p90 (d)',
      fillRate: 'Filled within N days %',
      queueLength: 'Queue length',
      queueDaysFromDecisionMedian: 'Wait from decision, median (d)',
      queueDaysFromDecisionP90: 'Wait from decision, p90 (d)',
      queueDaysFromDecisionMean: 'Wait from decision, mean (d)',
      queueDaysFromReadyMedian: 'Wait from ready date, median (d)',
      queueDaysFromReadyP90: 'Wait from ready date, p90 (d)',
      queueDaysFromReadyMean: 'Wait from ready date, mean (d)',
      hospitalDays: 'Hospital days',
      waitingCost: 'Cost of waiting (€)',
      placements: 'Placed',
      placedWithinGuarantee: 'Placed within 3 months %',
      overdue: 'Overdue',
      offerAcceptanceRate: 'Offers accepted %',
      hoursToFirstOfferMedian: 'Report to first offer, median (h)',
      hoursToFirstOfferP90: 'Report to first offer, p90 (h)',
    },
    groupings: {
      total: 'Total',
      providerKind: 'Provider type',
      provider: 'Provider',
      unit: 'Unit',
      district: 'District',
      serviceType: 'Service',
      month: 'Month',
      site: 'Site',
      association: 'Association',
      season: 'Season',
    },
    statuses: { suppressed: 'suppressed (under 5)', no_data: '', not_applicable: '' },
    kinds: { own: 'City', purchased: 'Purchased' },
    total: 'Total',
    sheets: { care: 'Care figures', waitingTimes: 'Waiting times', keys: 'Key agreements' },
    keys: {
      agreements: 'Agreements',
      overdue: 'Overdue',
      keysLent: 'Keys lent',
      lostKeys: 'Lost keys',
    },
  },
};
