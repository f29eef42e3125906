import type { KeyAgreementState } from '@civic/shared/key-agreement';

/**
 * Each state's colour in the stacked chart (HDS brand colours). The states are stacked next to each
 * other, so no two alike: declined and cancelled were two near-identical reds.
 */
export const KEY_STATE_COLOURS: Record<KeyAgreementState, string> = {
  draft: '#999999',
  awaiting_signature: '#ffc61e',
  active: '#0000bf',
  partially_returned: '#9fc9eb',
  returned: '#00805a',
  cancelled: '#b01038',
  declined: '#fd4f00',
  expired: '#666666',
};
