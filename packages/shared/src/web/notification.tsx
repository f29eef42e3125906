import type { ComponentProps } from 'react';
// The one place the apps' notifications come from HDS: see `Notification` below (lint keeps it so).
// eslint-disable-next-line no-restricted-imports
import { Notification as HdsNotification } from 'hds-react';

type HdsProps = ComponentProps<typeof HdsNotification>;
/** HDS's props are a union (an inline notification may be large, a floating one not): kept one by one. */
type WithoutRole<T> = T extends unknown ? Omit<T, 'role'> : never;

export type NotificationProps = WithoutRole<HdsProps> & {
  /**
   * How a screen reader hears the notice when it appears: `alert` interrupts, `status` waits for a
   * pause, `none` is read only when reached. Errors default to `alert`, successes to `status`.
   */
  role?: 'alert' | 'status' | 'none';
};

/**
 * HDS's notification, announced. HDS sets its own `role` after the props it is given, so an inline
 * notification never has one and `role="alert"` passed to it is dropped; its landmark is named
 * "Notification" in every language. This one carries the role on a wrapper that appears with its
 * content (so it is announced on arrival) and names the landmark by the notification's label.
 */
export function Notification({ role, notificationAriaLabel, ...props }: NotificationProps) {
  const type = props.type ?? 'info';
  const live = role ?? (type === 'error' ? 'alert' : type === 'success' ? 'status' : 'none');
  const label = notificationAriaLabel ?? (typeof props.label === 'string' ? props.label : undefined);
  return (
    <div role={live === 'none' ? undefined : live} className="notification-live">
      <HdsNotification {...(props as HdsProps)} notificationAriaLabel={label} />
    </div>
  );
}
