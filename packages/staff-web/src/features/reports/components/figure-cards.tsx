import { useTranslation } from 'react-i18next';
import type { CareFigureRow } from '@civic/shared/reports';
import { FIGURE_SECTIONS, useFigureText, type FigureSection } from './figures.ts';

/** The whole selection's figures as cards, each with its definition beside it. */
export function FigureCards({
  section,
  total,
  fillWithinDays,
}: {
  section: FigureSection;
  total: CareFigureRow;
  fillWithinDays: number;
}) {
  const { t } = useTranslation('reports');
  const text = useFigureText(fillWithinDays);
  return (
    <ul className="figure-cards">
      {FIGURE_SECTIONS[section].map((f) => {
        const v = total.figures[f];
        return (
          <li key={f} className="figure-card">
            <h4 id={`figure-${f}`}>{text.name(f)}</h4>
            <p
              className={`figure-value${v.status === 'ok' ? '' : ' figure-missing'}`}
              aria-describedby={`figure-${f}-definition`}
            >
              {text.value(f, v)}
            </p>
            {v.status === 'ok' && v.n !== null && (
              <p className="muted">{t('reports.value.basis', { n: v.n })}</p>
            )}
            {v.status === 'suppressed' && <p className="muted">{t('reports.value.suppressedHelp')}</p>}
            <p className="figure-definition muted" id={`figure-${f}-definition`}>
              {text.definition(f)}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
