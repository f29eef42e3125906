import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import SignaturePad from 'signature_pad';
import { Button, ButtonSize, ButtonVariant } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { SIGNATURE_BOX, type Signature } from '@civic/shared/keys';

export interface SignaturePadHandle {
  /** The drawing as strokes in the shared 1000 × 400 signature box. */
  value(): Signature;
  clear(): void;
}

/**
 * A drawn signature (finger, pen or mouse). The API judges the strokes with the same rule as the
 * form, so an empty pad or a dot is refused in both places.
 */
export function SignatureField({
  ref,
  id,
  invalid,
  describedBy,
  onChange,
}: {
  ref: Ref<SignaturePadHandle>;
  id: string;
  invalid?: boolean;
  describedBy?: string;
  onChange?: () => void;
}) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const canvas = canvasRef.current!;
    const pad = new SignaturePad(canvas, { minWidth: 1, maxWidth: 2.5, penColor: '#0a1f66' });
    padRef.current = pad;
    const resize = () => {
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const data = pad.toData();
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext('2d')?.scale(ratio, ratio);
      pad.clear();
      pad.fromData(data);
    };
    resize();
    window.addEventListener('resize', resize);
    const changed = () => onChangeRef.current?.();
    pad.addEventListener('endStroke', changed);
    return () => {
      window.removeEventListener('resize', resize);
      pad.removeEventListener('endStroke', changed);
      pad.off();
    };
  }, []);

  useImperativeHandle(ref, () => ({
    value() {
      const canvas = canvasRef.current!;
      const sx = SIGNATURE_BOX.width / (canvas.offsetWidth || 1);
      const sy = SIGNATURE_BOX.height / (canvas.offsetHeight || 1);
      const clamp = (v: number, max: number) => Math.round(Math.min(Math.max(v, 0), max) * 10) / 10;
      return {
        strokes: (padRef.current?.toData() ?? []).map((group) =>
          group.points.map(
            (p) =>
              [clamp(p.x * sx, SIGNATURE_BOX.width), clamp(p.y * sy, SIGNATURE_BOX.height)] as [
                number,
                number,
              ],
          ),
        ),
      };
    },
    clear() {
      padRef.current?.clear();
      onChangeRef.current?.();
    },
  }));

  return (
    <div className="signature-field">
      <span className="signature-label" id={`${id}-label`}>
        {t('keys.sign.signature')}
      </span>
      <p className="muted" id={`${id}-help`}>
        {t('keys.sign.signatureHelp')}
      </p>
      <canvas
        ref={canvasRef}
        id={id}
        className={`signature-canvas${invalid ? ' invalid' : ''}`}
        role="img"
        aria-labelledby={`${id}-label`}
        aria-describedby={[`${id}-help`, describedBy].filter(Boolean).join(' ')}
        data-testid="signature-pad"
      />
      <Button
        variant={ButtonVariant.Secondary}
        size={ButtonSize.Small}
        type="button"
        onClick={() => padRef.current && (padRef.current.clear(), onChangeRef.current?.())}
      >
        {t('keys.sign.clear')}
      </Button>
    </div>
  );
}
