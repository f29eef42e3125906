import type { SigningMethod } from '@civic/shared/keys';
import type { Config } from '../../../../config.ts';
import { inPersonProvider, linkProvider } from './local.ts';
import type { SigningProvider } from './types.ts';
import { vismaSignProvider } from './visma-sign/provider.ts';

const registries = new WeakMap<Config, Record<SigningMethod, SigningProvider>>();

/** Every signing method of this installation, built once per configuration. */
export function signingProviders(config: Config): Record<SigningMethod, SigningProvider> {
  let registry = registries.get(config);
  if (!registry) {
    registry = { in_person: inPersonProvider(), link: linkProvider(), visma_sign: vismaSignProvider(config) };
    registries.set(config, registry);
  }
  return registry;
}

export function signingProvider(config: Config, method: SigningMethod): SigningProvider {
  return signingProviders(config)[method];
}
