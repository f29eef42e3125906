import { StatusLabel } from 'hds-react';
import { useTranslation } from 'react-i18next';
import type { KeyAgreementState } from '@civic/shared/key-agreement';
import type { DueStatus } from '@civic/shared/keys';

const TYPES: Record<KeyAgreementState, 'neutral' | 'info' | 'success' | 'alert' | 'error'> = {
  draft: 'neutral',
  awaiting_signature: 'info',
  active: 'success',
  partially_returned: 'alert',
  returned: 'neutral',
  cancelled: 'neutral',
  declined: 'error',
  expired: 'error',
};

export function AgreementStateLabel({ state }: { state: KeyAgreementState }) {
  const { t } = useTranslation();
  return <StatusLabel type={TYPES[state]}>{t(`keys.state.${state}`)}</StatusLabel>;
}

export function DueLabel({ due }: { due: DueStatus | null }) {
  const { t } = useTranslation();
  if (due === 'overdue') return <StatusLabel type="error">{t('keys.due.overdue')}</StatusLabel>;
  if (due === 'due_soon') return <StatusLabel type="alert">{t('keys.due.due_soon')}</StatusLabel>;
  return null;
}
