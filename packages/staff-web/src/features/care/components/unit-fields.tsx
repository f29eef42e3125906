import { Checkbox, TextInput } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { useList } from '../api/care.ts';
import { useNameOf } from './names.ts';

export interface UnitFieldValues {
  name: string;
  address: string;
  district: string;
  /** Language codes as typed, comma separated. */
  languages: string;
  tagIds: string[];
}

export const parseLanguages = (typed: string) =>
  typed
    .split(',')
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean);

/** A unit's own details, the same on the new-unit page and the unit page. Retired tags stay shown while chosen. */
export function UnitFields({
  idPrefix,
  value,
  onChange,
}: {
  idPrefix: string;
  value: UnitFieldValues;
  onChange: (patch: Partial<UnitFieldValues>) => void;
}) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const tags = useList('tags');
  const text = (field: 'name' | 'address' | 'district' | 'languages', label: string, helperText?: string) => (
    <TextInput
      id={`${idPrefix}-${field}`}
      label={label}
      helperText={helperText}
      required
      value={value[field]}
      onChange={(e) => onChange({ [field]: e.target.value })}
    />
  );
  return (
    <>
      {text('name', t('care.units.name'))}
      {text('address', t('care.address'))}
      {text('district', t('care.district'))}
      {text('languages', t('care.languages'), t('care.units.languagesHelp'))}
      <fieldset className="plain-fieldset">
        <legend>{t('care.tags')}</legend>
        {tags.data
          ?.filter((x) => x.active || value.tagIds.includes(x.id))
          .map((tag) => (
            <Checkbox
              key={tag.id}
              id={`${idPrefix}-tag-${tag.code}`}
              label={nameOf(tag.names)}
              checked={value.tagIds.includes(tag.id)}
              onChange={(e) =>
                onChange({
                  tagIds: e.target.checked
                    ? [...value.tagIds, tag.id]
                    : value.tagIds.filter((x) => x !== tag.id),
                })
              }
            />
          ))}
      </fieldset>
    </>
  );
}
