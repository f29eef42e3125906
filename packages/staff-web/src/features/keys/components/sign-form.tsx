import { useRef, useState, type FormEvent } from 'react';
import { Button, Checkbox, TextInput } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { namesMatch, signatureProblem, type SignAgreement } from '@civic/shared/keys';
import { SignatureField, type SignaturePadHandle } from './signature-pad.tsx';

/**
 * Name confirmation, acceptance of the shown text and a drawn signature: the same form on the site
 * manager's device and on the renter's own phone. Checked with the shared rules before sending.
 */
export function SignForm({
  renterName,
  pending,
  onSubmit,
  submitLabel,
}: {
  renterName: string;
  pending: boolean;
  onSubmit: (body: SignAgreement) => void;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const pad = useRef<SignaturePadHandle>(null);
  const [name, setName] = useState('');
  const [accepted, setAccepted] = useState(false);
  const [errors, setErrors] = useState<{ name?: string; accepted?: string; signature?: string }>({});

  function submit(e: FormEvent) {
    e.preventDefault();
    const signature = pad.current!.value();
    const sigProblem = signatureProblem(signature);
    const next = {
      name: namesMatch(renterName, name) ? undefined : t('keys.sign.nameMismatch', { name: renterName }),
      accepted: accepted ? undefined : t('keys.sign.mustAccept'),
      signature: sigProblem ? t(`keys.sign.${sigProblem}`) : undefined,
    };
    setErrors(next);
    if (next.name || next.accepted || next.signature) return;
    onSubmit({ confirmedName: name.trim(), accepted: true, signature });
  }

  return (
    <form className="stack sign-form" onSubmit={submit} noValidate>
      <TextInput
        id="confirmed-name"
        label={t('keys.sign.confirmName')}
        helperText={t('keys.sign.confirmNameHelp')}
        value={name}
        autoComplete="name"
        required
        onChange={(e) => setName(e.target.value)}
        errorText={errors.name}
        invalid={!!errors.name}
      />
      <Checkbox
        id="accept-terms"
        label={t('keys.sign.accept')}
        checked={accepted}
        onChange={(e) => setAccepted(e.target.checked)}
        errorText={errors.accepted}
      />
      <SignatureField
        ref={pad}
        id="signature"
        invalid={!!errors.signature}
        describedBy={errors.signature ? 'signature-error' : undefined}
      />
      {errors.signature && (
        <p id="signature-error" className="field-error" role="alert">
          {errors.signature}
        </p>
      )}
      <Button type="submit" disabled={pending}>
        {submitLabel}
      </Button>
    </form>
  );
}
