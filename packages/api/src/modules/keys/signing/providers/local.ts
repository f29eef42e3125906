import type { SigningProvider } from './types.ts';

/**
 * The renter signs in this product with a drawn signature: on the site manager's device
 * (`in_person`) or on the public page the one-time link opens (`link`). There is nothing to send to
 * an outside service; the link itself and its e-mail belong to this product (signing/service.ts),
 * and the product builds and seals the signed PDF.
 */
function localProvider(method: 'in_person' | 'link'): SigningProvider {
  return {
    method,
    configured: true,
    strongIdentification: false,
    remote: false,
    createRequest: async (_request, ref) => ref,
    status: async () => ({ state: 'pending', vendorStatus: 'collected_in_product' }),
    fetchSignedDocument: async () => null,
    cancel: async () => {},
  };
}

export const inPersonProvider = () => localProvider('in_person');
export const linkProvider = () => localProvider('link');
