import type { Language } from '@civic/shared/common';
import type { SigningMethod } from '@civic/shared/keys';

/**
 * One way for a renter to sign a key agreement. The signing service talks to providers only through
 * this interface; a provider translates its own states (a vendor's document statuses, a link's use)
 * into the agreement's terms, so nothing else in the module knows a vendor.
 *
 * Local providers (`in_person`, `link`) collect a drawn signature in this product: they have no
 * request to send, and the product builds the signed PDF itself. A remote provider (`visma_sign`)
 * sends the document to a signing service and returns the PDF the service signed.
 */
export interface SigningProvider {
  readonly method: SigningMethod;
  /** Can be offered now (a remote service needs its credentials). */
  readonly configured: boolean;
  /** The renter proves who they are with a bank ID or mobile ID at the service. */
  readonly strongIdentification: boolean;
  readonly remote: boolean;
  /**
   * Sends (or resumes sending) the request. `progress` is called after each step the service has
   * accepted, so a retry after a failure continues from there instead of sending twice.
   */
  createRequest(
    request: SigningRequestInput,
    ref: SigningRequestRef,
    progress: (ref: SigningRequestRef) => Promise<void>,
  ): Promise<SigningRequestRef>;
  status(ref: SigningRequestRef): Promise<ProviderStatus>;
  /** The signed PDF as the service returns it; local providers have none (null). */
  fetchSignedDocument(ref: SigningRequestRef): Promise<Uint8Array | null>;
  /** Withdraws an open request; an already signed one cannot be withdrawn (SigningServiceError). */
  cancel(ref: SigningRequestRef): Promise<void>;
}

export interface SigningRequestInput {
  documentName: string;
  filename: string;
  pdf: Uint8Array;
  invitee: { name: string; email: string; sms: string | null; language: Language };
  /** Shown in the service's invitation: where to come back after signing. */
  returnUrl: string;
}

/** What the product keeps about a request at the service. */
export interface SigningRequestRef {
  externalId: string | null;
  fileUploaded: boolean;
  invitationId: string | null;
}

/** Who signed, when and how they were identified, as recorded on the timeline. */
export interface SigningEvidence {
  method: SigningMethod;
  signedAt?: string;
  signerName: string;
  identification:
    | 'drawn_signature_on_staff_device'
    | 'drawn_signature_by_one_time_link'
    | 'strong_electronic_identification';
  [detail: string]: unknown;
}

export type ProviderStatus =
  | { state: 'pending'; vendorStatus: string }
  | { state: 'signed'; vendorStatus: string; evidence: SigningEvidence }
  | { state: 'ended'; vendorStatus: string; reason: 'cancelled' | 'deleted' | 'expired' };

/**
 * A failed call to a signing service. `transient` ones (timeout, network, 429, 5xx) are retried
 * with backoff; the others need a person (wrong credentials, a refused request, a missing document).
 */
export class SigningServiceError extends Error {
  constructor(
    readonly kind: 'transient' | 'refused' | 'rejected' | 'not_found',
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'SigningServiceError';
  }
}
