// Stand-in for @react-spring/web in the browser builds (a Vite alias in scripts/vite/vite-common.ts). The only
// user is hds-react's Notification, which animates toasts and the closing of dismissible notices;
// the apps show inline notices only, so the animation library (about 12 KB compressed, on every
// page) buys nothing. Styles jump straight to their end state; closing still works.
import { createElement, forwardRef, type ComponentProps } from 'react';

type SpringConfig = { to?: Record<string, unknown> } | undefined;

export function useSpring(config: SpringConfig): Record<string, unknown> {
  return config?.to ?? {};
}

const element = (tag: 'section' | 'div' | 'span') =>
  forwardRef<HTMLElement, ComponentProps<typeof tag>>((props, ref) => createElement(tag, { ...props, ref }));

export const animated = { section: element('section'), div: element('div'), span: element('span') };
