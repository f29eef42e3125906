import { Checkbox, TextInput } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { useList } from '../api/care.ts';
import { CARE_LANGUAGES, languageName } from '@civic/shared/web/language-names';
import { useNameOf } from './names.ts';

export interface UnitFieldValues {
  name: string;
  address: string;
  district: string;
  /** ISO 639-1 codes of the languages of care, chosen from a list. */
  languages: string[];
  tagIds: string[];
}

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
  const { t, i18n } = useTranslation();
  const nameOf = useNameOf();
  const tags = useList('tags');
  const text = (field: 'name' | 'address' | 'district', label: string, helperText?: string) => (
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
      <fieldset className="plain-fieldset choice-columns">
        <legend>{t('care.languages')}</legend>
        {/* A language set through the API but not in the list stays shown while chosen. */}
        {[...new Set([...CARE_LANGUAGES, ...value.languages])].map((code) => (
          <Checkbox
            key={code}
            id={`${idPrefix}-language-${code}`}
            label={languageName(code, i18n.language)}
            checked={value.languages.includes(code)}
            onChange={(e) =>
              onChange({
                languages: e.target.checked
                  ? [...value.languages, code]
                  : value.languages.filter((x) => x !== code),
              })
            }
          />
        ))}
      </fieldset>
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
