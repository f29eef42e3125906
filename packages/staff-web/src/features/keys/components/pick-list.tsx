import type { ReactNode } from 'react';

/**
 * Type-ahead results as a list of buttons under the search field: reachable with Tab, chosen with
 * Enter or a tap, announced by screen readers as a live region when the results change.
 */
export function PickList<T>({
  items,
  label,
  render,
  onPick,
  isDisabled,
}: {
  items: readonly T[] | undefined;
  label: string;
  render: (item: T) => ReactNode;
  onPick: (item: T) => void;
  isDisabled?: (item: T) => boolean;
}) {
  if (!items?.length) return null;
  return (
    <ul className="pick-list" aria-label={label} aria-live="polite">
      {items.map((item, i) => (
        <li key={i}>
          <button type="button" disabled={isDisabled?.(item)} onClick={() => onPick(item)}>
            {render(item)}
          </button>
        </li>
      ))}
    </ul>
  );
}
