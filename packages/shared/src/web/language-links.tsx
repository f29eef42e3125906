import { useTranslation } from 'react-i18next';

const OPTIONS = [
  { value: 'fi', label: 'Suomi' },
  { value: 'sv', label: 'Svenska' },
  { value: 'en', label: 'English' },
];

/** Language choice on pages without the app header (login). */
export function LanguageLinks() {
  const { t, i18n } = useTranslation();
  return (
    <nav aria-label={t('shell.language')} className="language-links">
      {OPTIONS.map((o) => (
        <button
          key={o.value}
          type="button"
          lang={o.value}
          aria-pressed={i18n.language === o.value}
          onClick={() => void i18n.changeLanguage(o.value)}
        >
          {o.label}
        </button>
      ))}
    </nav>
  );
}
