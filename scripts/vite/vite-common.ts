import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UserConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * What both web apps' production builds share: module substitutions that keep heavy code out of
 * the browser, and tree-shaking hints for the shared contract.
 */
export const webBuild = {
  alias: {
    // hds-react imports named helpers from CommonJS lodash, which cannot be tree-shaken.
    lodash: 'lodash-es',
    '@react-spring/web': path.join(here, '../../packages/shared/src/web/react-spring-static.tsx'),
  },
  treeshake: {
    // The shared contract builds its TypeBox schemas when a module loads (directly or through the
    // small helpers named here); a page that uses none of them should not carry them.
    manualPureFunctions: ['Type', 'Nullable', 'Text', 'NewOrExisting', 'PageSchema'],
    // Schemas spread each other's `.properties`; reading a property has no side effect here.
    propertyReadSideEffects: false as const,
  },
} satisfies { alias: NonNullable<UserConfig['resolve']>['alias']; treeshake: object };
