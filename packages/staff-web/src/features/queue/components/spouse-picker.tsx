import { useState } from 'react';
import { Checkbox, TextInput } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { MIN_SEARCH_LENGTH, useClientSearch } from '../api/search-clients.ts';
import { listName } from './names.ts';

/** Links a spouse (an existing client) found by name or identity code; spouses may be placed together (§14). */
export function SpousePicker({
  selfId,
  spouse,
  placeTogether,
  onChange,
  error,
}: {
  selfId: string | null;
  spouse: { id: string; name: string } | null;
  placeTogether: boolean;
  onChange: (patch: { spouse?: { id: string; name: string } | null; placeTogether?: boolean }) => void;
  error?: string;
}) {
  const { t } = useTranslation('queue');
  const [q, setQ] = useState('');
  const search = useClientSearch(spouse ? '' : q, 1, 8);
  const found = search.data?.items.filter((c) => c.id !== selfId) ?? [];
  return (
    <fieldset className="form-section">
      <legend>{t('queue.client.spouse')}</legend>
      {spouse ? (
        <>
          <ul className="chips" aria-label={t('queue.form.spouseChosen')}>
            <li>
              {spouse.name}
              <button
                type="button"
                className="chip-remove"
                aria-label={t('queue.form.spouseRemove', { name: spouse.name })}
                onClick={() => onChange({ spouse: null })}
              >
                ×
              </button>
            </li>
          </ul>
          <Checkbox
            id="client-place-together"
            label={t('queue.form.placeTogether')}
            checked={placeTogether}
            onChange={(e) => onChange({ placeTogether: e.target.checked })}
          />
        </>
      ) : (
        <>
          <TextInput
            id="client-spouse-search"
            type="search"
            label={t('queue.form.spouseSearch')}
            helperText={t('queue.search.help')}
            value={q}
            invalid={!!error}
            errorText={error}
            onChange={(e) => setQ(e.target.value)}
          />
          {q.trim().length >= MIN_SEARCH_LENGTH && search.data && (
            <>
              <p className="muted" role="status">
                {t('queue.form.spouseFound', { count: found.length })}
              </p>
              {found.length > 0 && (
                <ul className="pick-list">
                  {found.map((c) => (
                    <li key={c.id}>
                      <button
                        type="button"
                        onClick={() => {
                          onChange({ spouse: { id: c.id, name: `${c.firstName} ${c.lastName}` } });
                          setQ('');
                        }}
                      >
                        {listName(c)}{' '}
                        <span className="muted">({t('queue.client.age', { count: c.age })})</span>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </>
      )}
    </fieldset>
  );
}
