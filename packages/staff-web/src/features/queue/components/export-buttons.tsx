import { useState } from 'react';
import { Button, ButtonSize, ButtonVariant } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { ProblemNotice } from '@civic/shared/web/problem-notice';
import { saveFile } from '@civic/shared/web/page';

type Download = () => Promise<{ blob: Blob; filename: string }>;

/** Download buttons for one or more formats; a refused export says why beside them. */
export function ExportButtons({
  downloads,
  label,
}: {
  downloads: readonly { format: string; label: string; download: Download }[];
  label: string;
}) {
  const { t } = useTranslation('queue');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function run(format: string, download: Download) {
    setBusy(format);
    setError(null);
    try {
      saveFile(await download());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }
  return (
    <div className="stack">
      <div className="button-row" role="group" aria-label={label}>
        {downloads.map((d) => (
          <Button
            key={d.format}
            variant={ButtonVariant.Secondary}
            size={ButtonSize.Small}
            disabled={busy !== null}
            onClick={() => void run(d.format, d.download)}
          >
            {busy === d.format ? t('queue.exporting') : d.label}
          </Button>
        ))}
      </div>
      <ProblemNotice error={error} />
    </div>
  );
}
