import type { ReactNode, RefObject } from 'react';
import { Button, ButtonVariant, Dialog } from 'hds-react';
import { useTranslation } from 'react-i18next';

/**
 * "Are you sure?" before a step that cannot be undone. The confirming button is disabled while the
 * step is on its way, so it is sent once; Escape, the close button and Cancel return focus to the
 * button that opened the dialog.
 */
export function ConfirmDialog({
  id,
  isOpen,
  title,
  children,
  confirmLabel,
  pending,
  onConfirm,
  onClose,
  returnFocusTo,
  variant,
}: {
  id: string;
  /** `danger` for a step that gives something up (declining), `primary` for one that completes. */
  variant: 'primary' | 'danger';
  isOpen: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
  returnFocusTo: RefObject<HTMLElement | null>;
}) {
  const { t } = useTranslation('offers');
  return (
    <Dialog
      id={id}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      isOpen={isOpen}
      close={onClose}
      closeButtonLabelText={t('offers.close')}
      focusAfterCloseRef={returnFocusTo as RefObject<HTMLElement>}
      variant={variant}
    >
      <Dialog.Header id={`${id}-title`} title={title} />
      <Dialog.Content>
        <div id={`${id}-body`} className="stack">
          {children}
        </div>
      </Dialog.Content>
      <Dialog.ActionButtons>
        <Button
          variant={variant === 'danger' ? ButtonVariant.Danger : ButtonVariant.Primary}
          disabled={pending}
          onClick={onConfirm}
        >
          {confirmLabel}
        </Button>
        <Button variant={ButtonVariant.Secondary} disabled={pending} onClick={onClose}>
          {t('offers.cancel')}
        </Button>
      </Dialog.ActionButtons>
    </Dialog>
  );
}
