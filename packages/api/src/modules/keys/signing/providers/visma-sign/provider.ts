import type { Config } from '../../../../../config.ts';
import {
  SigningServiceError,
  type ProviderStatus,
  type SigningProvider,
  type SigningRequestInput,
  type SigningRequestRef,
} from '../types.ts';
import { VismaSignClient } from './client.ts';

/** The parts of a Visma Sign document status the product reads (GET /api/v1/document/{id}). */
interface VismaDocumentStatus {
  uuid?: string;
  name?: string;
  /** new, pending, signed, cancelled, deleted */
  status?: string;
  invitations?: {
    uuid?: string;
    /** waiting-for-send, sending, new, opened, signed, cancelled */
    status?: string;
    email?: string;
    sms?: string;
    name?: string;
    signed_at?: string;
  }[];
}

const INVITATION_TEXT = {
  fi: (url: string) =>
    `Allekirjoita avainsopimus vahvalla tunnistautumisella. Allekirjoituksen jälkeen voit tarkistaa sopimuksen tilan ja saat kopion sähköpostiisi: ${url}`,
  sv: (url: string) =>
    `Underteckna nyckelavtalet med stark identifiering. Efter underskriften kan du se avtalets status och får en kopia per e-post: ${url}`,
  en: (url: string) =>
    `Sign the key agreement with strong identification. After signing you can check the agreement here and receive a copy by e-mail: ${url}`,
};

/** Finnish mobile numbers as Visma Sign wants them (+358…); anything unclear is left out. */
export function internationalPhone(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/[\s()-]/g, '');
  if (/^\+\d{8,15}$/.test(digits)) return digits;
  if (/^0\d{6,12}$/.test(digits)) return `+358${digits.slice(1)}`;
  return null;
}

/** Visma Sign document status → the agreement's terms; nothing outside this file reads vendor states. */
export function translateDocumentStatus(
  doc: VismaDocumentStatus,
  invitationId: string | null,
): ProviderStatus {
  const vendorStatus = doc.status ?? 'unknown';
  const invitation = doc.invitations?.find((i) => i.uuid === invitationId) ?? doc.invitations?.[0];
  if (vendorStatus === 'signed') {
    return {
      state: 'signed',
      vendorStatus,
      evidence: {
        method: 'visma_sign',
        signerName: invitation?.name ?? '',
        identification: 'strong_electronic_identification',
        ...(invitation?.signed_at ? { signedAt: invitation.signed_at } : {}),
        service: 'Visma Sign',
        signatureType: 'strong',
        documentId: doc.uuid ?? null,
        invitationId: invitation?.uuid ?? invitationId,
        invitationStatus: invitation?.status ?? null,
        invitedEmail: invitation?.email ?? null,
      },
    };
  }
  if (vendorStatus === 'cancelled' || vendorStatus === 'deleted') {
    return { state: 'ended', vendorStatus, reason: vendorStatus };
  }
  return { state: 'pending', vendorStatus };
}

export function vismaSignProvider(config: Config): SigningProvider {
  const configured = !!(config.VISMA_SIGN_CLIENT_ID && config.VISMA_SIGN_SECRET);
  const client = new VismaSignClient({
    baseUrl: config.VISMA_SIGN_URL,
    identifier: config.VISMA_SIGN_CLIENT_ID,
    secret: config.VISMA_SIGN_SECRET,
    timeoutMs: config.VISMA_SIGN_TIMEOUT_MS,
  });
  const documentPath = (ref: SigningRequestRef) => {
    if (!ref.externalId) throw new SigningServiceError('not_found', 'The request never reached Visma Sign');
    return `/api/v1/document/${encodeURIComponent(ref.externalId)}`;
  };
  const getStatus = async (ref: SigningRequestRef) =>
    (await client.call('GET', documentPath(ref))).json<VismaDocumentStatus>();

  return {
    method: 'visma_sign',
    configured,
    strongIdentification: true,
    remote: true,

    createRequest: (input, ref, progress) => resume(input, ref, progress),

    status: async (ref) => translateDocumentStatus(await getStatus(ref), ref.invitationId),

    async fetchSignedDocument(ref) {
      const res = await client.call('GET', `${documentPath(ref)}/files/0`);
      if (res.body.subarray(0, 5).toString('latin1') !== '%PDF-') {
        throw new SigningServiceError('transient', 'Visma Sign returned something other than a PDF');
      }
      return new Uint8Array(res.body);
    },

    async cancel(ref) {
      if (!ref.externalId) return;
      await client.call('POST', `${documentPath(ref)}/cancel`, undefined, { retry: true });
    },
  };

  /**
   * document → file → invitation, each step written down through `progress` once accepted, so
   * a retry continues where the last try stopped (the vendor allows one file per document).
   */
  async function resume(
    input: SigningRequestInput,
    start: SigningRequestRef,
    progress: (ref: SigningRequestRef) => Promise<void>,
  ) {
    let ref = { ...start };
    if (!ref.externalId) {
      // A repeat after a lost answer leaves at most an empty document behind, never a second invitation.
      const res = await client.call(
        'POST',
        '/api/v1/document/',
        { json: { document: { name: input.documentName } } },
        { retry: true },
      );
      const location = res.headers.get('location');
      const id = location?.replace(/\/+$/, '').split('/').pop();
      if (res.status !== 201 || !id) {
        throw new SigningServiceError('rejected', `Visma Sign created no document (answer ${res.status})`);
      }
      ref = { ...ref, externalId: decodeURIComponent(id) };
      await progress(ref);
    }
    if (!ref.fileUploaded) {
      try {
        await client.call(
          'POST',
          `${documentPath(ref)}/files?filename=${encodeURIComponent(input.filename)}`,
          {
            pdf: input.pdf,
          },
        );
      } catch (err) {
        // The answer to an accepted upload may have been lost: the document tells.
        if (!(err instanceof SigningServiceError)) throw err;
        const doc = await getStatus(ref).catch(() => null);
        const hasFile = Array.isArray((doc as { files?: unknown[] } | null)?.files)
          ? (doc as { files: unknown[] }).files.length > 0
          : false;
        if (!hasFile) throw err;
      }
      ref = { ...ref, fileUploaded: true };
      await progress(ref);
    }
    if (!ref.invitationId) {
      // Before inviting again, look: an invitation whose answer was lost must not be sent twice.
      const existing = (await getStatus(ref)).invitations?.find((i) => i.uuid && i.status !== 'cancelled');
      let invitationId = existing?.uuid ?? null;
      if (!invitationId) {
        const res = await client.call('POST', `${documentPath(ref)}/invitations`, {
          json: [
            {
              email: input.invitee.email,
              ...(input.invitee.sms ? { sms: input.invitee.sms } : {}),
              name: input.invitee.name,
              language: input.invitee.language,
              signature_type: 'strong',
              messages: {
                send_invitation_email: true,
                invitation_email_message: INVITATION_TEXT[input.invitee.language](input.returnUrl),
                send_invitation_sms: false,
                // The renter gets the sealed copy from the product, not a second one from the service.
                attachment_allowed: false,
              },
            },
          ],
        });
        invitationId = res.json<{ uuid?: string }[]>()[0]?.uuid ?? null;
        if (!invitationId) throw new SigningServiceError('rejected', 'Visma Sign created no invitation');
      }
      ref = { ...ref, invitationId };
      await progress(ref);
    }
    return ref;
  }
}
