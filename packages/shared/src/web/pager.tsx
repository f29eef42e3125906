import { Button, ButtonSize, ButtonVariant } from 'hds-react';
import { useTranslation } from 'react-i18next';

/** Previous / "page x of y" / next for server-side pages; hidden when there is one page. */
export function Pager({
  page,
  total,
  pageSize,
  onPage,
}: {
  page: number;
  total: number;
  pageSize: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="pager button-row" aria-label={t('pager.pages')}>
      <Button
        size={ButtonSize.Small}
        variant={ButtonVariant.Secondary}
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        {t('pager.previous')}
      </Button>
      <span>{t('pager.pageOf', { page, pages })}</span>
      <Button
        size={ButtonSize.Small}
        variant={ButtonVariant.Secondary}
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      >
        {t('pager.next')}
      </Button>
    </nav>
  );
}
