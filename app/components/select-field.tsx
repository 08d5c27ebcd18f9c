import type { ReactNode } from 'react'

export interface SelectOption {
  value: string | number
  label: string
}

/**
 * A labelled select with its error beside it; `value` is what was chosen (or typed) before.
 * `groups` follow `options`, each under its own heading (an optgroup), and `last` ends the list.
 */
export function SelectField({
  name,
  label,
  options,
  groups = [],
  last = [],
  value,
  error,
  hint,
  emptyLabel,
  required,
}: {
  name: string
  label: ReactNode
  options: SelectOption[]
  groups?: Array<{ label: string; options: SelectOption[] }>
  last?: SelectOption[]
  value?: unknown
  error?: string
  hint?: ReactNode
  emptyLabel?: string
  required?: boolean
}) {
  const errorId = `${name}-error`
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {hint ? (
        <p id={`${name}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <select
        id={name}
        name={name}
        defaultValue={value === undefined || value === null ? '' : String(value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hint ? `${name}-hint` : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined}
        required={required}
      >
        {emptyLabel !== undefined || !required ? <option value="">{emptyLabel ?? '—'}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
        {last.map((o) => (
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
