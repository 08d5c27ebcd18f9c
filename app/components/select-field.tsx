import type { ReactNode } from 'react'

/** A labelled select with its error beside it; `value` is what was chosen (or typed) before. */
export function SelectField({
  name,
  label,
  options,
  value,
  error,
  emptyLabel,
  required,
}: {
  name: string
  label: ReactNode
  options: Array<{ value: string | number; label: string }>
  value?: unknown
  error?: string
  emptyLabel?: string
  required?: boolean
}) {
  const errorId = `${name}-error`
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <select
        id={name}
        name={name}
        defaultValue={value === undefined || value === null ? '' : String(value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        required={required}
      >
        {emptyLabel !== undefined || !required ? <option value="">{emptyLabel ?? '—'}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  )
}
