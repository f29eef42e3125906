import { useState } from 'react';
import { Button, ButtonSize, ButtonVariant } from 'hds-react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@civic/shared/common';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { saveFile } from '@civic/shared/web/page';
import { exportReport, type ReportKind } from '../api/export-report.ts';

/** CSV and XLSX of a table, with the filters on screen. */
export function ExportButtons({ kind, query, table }: { kind: ReportKind; query: object; table: string }) {
  const { t, i18n } = useTranslation('reports');
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function download(format: 'csv' | 'xlsx') {
    setBusy(format);
    setError(null);
    try {
      saveFile(await exportReport(kind, query, format, i18n.language as Language));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }
  return (
    <div className="stack">
      <div className="button-row" role="group" aria-label={t('reports.export.label', { table })}>
        {(['csv', 'xlsx'] as const).map((format) => (
          <Button
            key={format}
            variant={ButtonVariant.Secondary}
            size={ButtonSize.Small}
            disabled={!!busy}
            onClick={() => void download(format)}
          >
            {busy === format ? t('reports.export.exporting') : t(`reports.export.${format}`)}
          </Button>
        ))}
      </div>
      <ProblemNotice error={error} />
    </div>
  );
}
