import { useState } from 'react';
import { Button, ButtonSize, ButtonVariant } from 'hds-react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '@civic/shared/care';
import { SelectField } from './select-field.tsx';

const MAX_UNITS = 10;

/** The units a client prefers, in order (the first ranks highest in matching): add, move, remove. */
export function UnitPreferences({
  units,
  value,
  onChange,
  error,
}: {
  units: readonly Unit[];
  value: readonly string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  const { t, i18n } = useTranslation('queue');
  const [adding, setAdding] = useState('');
  const byId = new Map(units.map((u) => [u.id, u]));
  const choices = units
    .filter((u) => u.active && !value.includes(u.id))
    .sort((a, b) => a.name.localeCompare(b.name, i18n.language));
  const move = (i: number, by: -1 | 1) => {
    const next = [...value];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    onChange(next);
  };
  return (
    <fieldset className="form-section">
      <legend>{t('queue.entry.preferredUnits')}</legend>
      <p className="muted">{t('queue.form.unitsHelp')}</p>
      {value.length > 0 && (
        <ol className="queue-unit-order" aria-label={t('queue.form.unitsChosen')}>
          {value.map((id, i) => {
            const unit = byId.get(id);
            const name = unit ? `${unit.name} (${unit.district})` : id;
            return (
              <li key={id}>
                <span>
                  {i + 1}. {name}
                </span>
                <button
                  type="button"
                  disabled={i === 0}
                  aria-label={t('queue.form.unitUp', { name })}
                  onClick={() => move(i, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  disabled={i === value.length - 1}
                  aria-label={t('queue.form.unitDown', { name })}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  aria-label={t('queue.form.unitRemove', { name })}
                  onClick={() => onChange(value.filter((x) => x !== id))}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ol>
      )}
      {value.length < MAX_UNITS && (
        <div className="queue-search">
          <SelectField
            id="entry-unit-add"
            label={t('queue.form.unitAdd')}
            value={adding}
            options={[
              { value: '', label: t('queue.form.choose') },
              ...choices.map((u) => ({ value: u.id, label: `${u.name} (${u.district})` })),
            ]}
            error={error}
            onChange={setAdding}
          />
          <Button
            type="button"
            size={ButtonSize.Small}
            variant={ButtonVariant.Secondary}
            disabled={!adding}
            onClick={() => {
              onChange([...value, adding]);
              setAdding('');
            }}
          >
            {t('queue.form.unitAddButton')}
          </Button>
        </div>
      )}
    </fieldset>
  );
}
