import './queue.css';

/**
 * A labelled native select (keyboard and screen-reader friendly on phones) that can show its error
 * next to it, like the HDS text fields do.
 */
export function SelectField({
  id,
  label,
  value,
  options,
  onChange,
  error,
  helper,
  required = false,
}: {
  id: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
  error?: string;
  helper?: string;
  required?: boolean;
}) {
  const describedBy = [helper && `${id}-helper`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className="native-select">
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      <select
        id={id}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {helper && (
        <p id={`${id}-helper`} className="muted derived">
          {helper}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error derived">
          {error}
        </p>
      )}
    </div>
  );
}
