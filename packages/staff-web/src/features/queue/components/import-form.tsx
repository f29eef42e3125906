import { useState, type FormEvent } from 'react';
import { Button, TextInput } from 'hds-react';
import { Notification } from '@civic/shared/web/notification';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@civic/shared/http-client';
import { ImportQueueSchema, type ImportResult } from '@civic/shared/queue';
import { validate } from '@civic/shared/validation';
import { QueueProblem } from './queue-problem.tsx';

type RowProblem = { line: number; field: string; message: string };

/** The sending system's name as the contract allows it. */
const validSource = (s: string) => validate(ImportQueueSchema.properties.sourceSystem, s).ok;

/** A row problem's words: codes with a line or a tag in them name it. */
function useRowProblem() {
  const { t } = useTranslation('queue');
  return ({ message }: RowProblem) => {
    const withLine = /^(duplicate_of_line|other_name_on_line|same_client_and_type_as_line)_(\d+)$/.exec(
      message,
    );
    if (withLine) return t(`queue.import.problem.${withLine[1]}`, { line: withLine[2] });
    const tag = /^unknown_tag_(.+)$/.exec(message);
    if (tag) return t('queue.import.problem.unknown_tag', { tag: tag[1] });
    const entry = /^entry_([a-z_]+)$/.exec(message);
    if (entry) return t('queue.import.problem.entry_closed', { status: t(`queue.status.${entry[1]}`) });
    return t(`queue.import.problem.${message}`, { defaultValue: message });
  };
}

/**
 * Clients and their entries from a CSV file (UTF-8, `,` or `;`), identified by the sending system
 * and each row's id: importing the same file again changes nothing. One bad row refuses the whole
 * file, and every problem is listed by its line.
 */
export function ImportForm({
  onImport,
  pending,
  error,
  result,
}: {
  onImport: (input: { file: File; sourceSystem: string }) => void;
  pending: boolean;
  error: unknown;
  result: ImportResult | undefined;
}) {
  const { t } = useTranslation('queue');
  const rowProblem = useRowProblem();
  const [sourceSystem, setSourceSystem] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState(false);
  const sourceError =
    checked && !validSource(sourceSystem.trim()) ? t('queue.import.sourceInvalid') : undefined;
  const fileError = checked && !file ? t('queue.import.fileMissing') : undefined;
  const rows =
    error instanceof ApiError ? ((error.problem as { rows?: RowProblem[] } | null)?.rows ?? []) : [];

  function submit(e: FormEvent) {
    e.preventDefault();
    setChecked(true);
    if (!file || !validSource(sourceSystem.trim())) return;
    onImport({ file, sourceSystem: sourceSystem.trim() });
  }

  return (
    <form className="stack narrow" onSubmit={submit} noValidate>
      <TextInput
        id="import-source"
        label={t('queue.import.source')}
        helperText={t('queue.import.sourceHelp')}
        required
        value={sourceSystem}
        invalid={!!sourceError}
        errorText={sourceError}
        onChange={(e) => setSourceSystem(e.target.value)}
      />
      <TextInput
        id="import-file"
        type="file"
        label={t('queue.import.file')}
        helperText={t('queue.import.fileHelp')}
        required
        accept=".csv,text/csv"
        invalid={!!fileError}
        errorText={fileError}
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
      />
      <div className="button-row">
        <Button type="submit" disabled={pending}>
          {pending ? t('queue.import.importing') : t('queue.import.submit')}
        </Button>
      </div>
      {result && !error && (
        <Notification type="success" label={t('queue.import.done')} role="status">
          <ul className="import-problems">
            <li>{t('queue.import.created', { count: result.created })}</li>
            <li>{t('queue.import.updated', { count: result.updated })}</li>
            <li>{t('queue.import.unchanged', { count: result.unchanged })}</li>
          </ul>
        </Notification>
      )}
      {rows.length > 0 ? (
        <Notification type="error" label={t('queue.import.refused', { count: rows.length })} role="alert">
          <ul className="import-problems">
            {rows.map((r, i) => (
              <li key={i}>
                {t('queue.import.problemLine', { line: r.line })} <code>{r.field}</code>: {rowProblem(r)}
              </li>
            ))}
          </ul>
        </Notification>
      ) : (
        <QueueProblem error={error} />
      )}
    </form>
  );
}
