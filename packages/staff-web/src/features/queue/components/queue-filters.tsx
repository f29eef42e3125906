import { useState } from 'react';
import { Button, ButtonVariant, Checkbox } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { CLOCK_STATES, URGENCY_CLASSES, WAITING_SETTINGS } from '@civic/shared/care-queue';
import type { QueueListQuery } from '@civic/shared/queue';
import { NativeSelect } from '@civic/shared/web/native-select';
import { CARE_LANGUAGES, languageName } from '@civic/shared/web/language-names';
import { useCareList } from '../api/get-care-list.ts';
import { useUnits } from '../api/get-units.ts';
import { useNameOf } from './names.ts';
import { toggled } from './use-queue-query.ts';

/** Open on a wide screen; on a phone the list comes first and the filters open on request. */
const wideScreen = () =>
  typeof window === 'undefined' || !window.matchMedia || window.matchMedia('(min-width: 768px)').matches;

export function QueueFilters({
  query,
  update,
  filtered,
  clear,
}: {
  query: QueueListQuery;
  update: (patch: Partial<QueueListQuery>) => void;
  filtered: boolean;
  clear: () => void;
}) {
  const { t, i18n } = useTranslation('queue');
  const nameOf = useNameOf();
  const [open] = useState(wideScreen);
  const serviceTypes = useCareList('service-types');
  const tags = useCareList('tags');
  const units = useUnits();
  // Every district with units, and any chosen in the address, so choosing one hides none.
  const districts = [
    ...new Set([...(query.district ?? []), ...(units.data?.map((u) => u.district) ?? [])]),
  ].sort((a, b) => a.localeCompare(b, i18n.language));
  const chosen =
    (query.serviceTypeId ? 1 : 0) +
    (query.language ? 1 : 0) +
    (query.needsReassessment ? 1 : 0) +
    (query.urgency?.length ?? 0) +
    (query.clockState?.length ?? 0) +
    (query.waitingSetting?.length ?? 0) +
    (query.needTagId?.length ?? 0) +
    (query.district?.length ?? 0);

  const group = <T extends string>(
    id: string,
    legend: string,
    values: readonly T[],
    current: readonly T[] | undefined,
    label: (v: T) => string,
    onChange: (next: T[]) => void,
  ) => (
    <fieldset className="plain-fieldset filter-group">
      <legend>{legend}</legend>
      {values.map((v) => (
        <Checkbox
          key={v}
          id={`queue-${id}-${v}`}
          label={label(v)}
          checked={current?.includes(v) ?? false}
          onChange={(e) => onChange(toggled(current, v, e.target.checked))}
        />
      ))}
    </fieldset>
  );

  return (
    <details className="queue-filters" open={open}>
      <summary className="queue-filters-summary">
        {t('queue.filters.title')}
        {chosen ? ` (${t('queue.filters.chosen', { count: chosen })})` : ''}
      </summary>
      <form
        className="report-filters"
        role="search"
        aria-label={t('queue.filters.title')}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="filter-group stack">
          <NativeSelect
            id="queue-service-type"
            label={t('care.serviceType')}
            value={query.serviceTypeId ?? ''}
            options={[
              { value: '', label: t('queue.filters.all') },
              ...(serviceTypes.data
                ?.filter((s) => s.active || s.id === query.serviceTypeId)
                .map((s) => ({ value: s.id, label: nameOf(s.names) })) ?? []),
            ]}
            onChange={(v) => update({ serviceTypeId: v || undefined })}
          />
          <NativeSelect
            id="queue-language"
            label={t('queue.language')}
            value={query.language ?? ''}
            options={[
              { value: '', label: t('queue.filters.all') },
              ...[...new Set([...CARE_LANGUAGES, ...(query.language ? [query.language] : [])])].map((l) => ({
                value: l,
                label: languageName(l, i18n.language),
              })),
            ]}
            onChange={(v) => update({ language: v || undefined })}
          />
          <Checkbox
            id="queue-reassessment"
            label={t('queue.filters.needsReassessment')}
            checked={!!query.needsReassessment}
            onChange={(e) => update({ needsReassessment: e.target.checked || undefined })}
          />
        </div>
        {group(
          'clock',
          t('queue.filters.clock'),
          CLOCK_STATES,
          query.clockState,
          (s) => t(`queue.clockState.${s}`),
          (clockState) => update({ clockState }),
        )}
        {group(
          'urgency',
          t('queue.urgency'),
          URGENCY_CLASSES,
          query.urgency,
          (u) => t(`queue.urgencyClass.${u}`),
          (urgency) => update({ urgency }),
        )}
        {group(
          'waiting',
          t('queue.waitingNow'),
          WAITING_SETTINGS,
          query.waitingSetting,
          (s) => t(`queue.waiting.${s}`),
          (waitingSetting) => update({ waitingSetting }),
        )}
        {group(
          'need',
          t('queue.needs'),
          tags.data?.filter((x) => x.active || query.needTagId?.includes(x.id)).map((x) => x.id) ?? [],
          query.needTagId,
          (id) => {
            const tag = tags.data?.find((x) => x.id === id);
            return tag ? nameOf(tag.names) : id;
          },
          (needTagId) => update({ needTagId }),
        )}
        <fieldset className="plain-fieldset choice-columns board-districts">
          <legend>
            {t('queue.filters.districts')}
            {query.district?.length
              ? ` (${t('queue.filters.chosen', { count: query.district.length })})`
              : ''}
          </legend>
          {districts.map((d) => (
            <Checkbox
              key={d}
              id={`queue-district-${d}`}
              label={d}
              checked={query.district?.includes(d) ?? false}
              onChange={(e) => update({ district: toggled(query.district, d, e.target.checked) })}
            />
          ))}
        </fieldset>
        {filtered && (
          <div className="board-clear">
            <Button type="button" variant={ButtonVariant.Secondary} onClick={clear}>
              {t('queue.filters.clear')}
            </Button>
          </div>
        )}
      </form>
    </details>
  );
}
