import { getInputProps, type FieldMetadata } from '@conform-to/react'
import type { InputHTMLAttributes, ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { translateMessage } from '~/i18n/message'

type InputType = 'text' | 'email' | 'password' | 'date' | 'number' | 'search'

/**
 * A labelled input with its error beside it, in the reader's language. Schema messages are
 * translation keys. Passwords are never sent back into the page; everything else keeps what was typed.
 */
export function Field({
  label,
  field,
  type = 'text',
  hint,
  ...rest
}: {
  label: ReactNode
  field: FieldMetadata<string | number | undefined>
  type?: InputType
  hint?: ReactNode
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'name' | 'id' | 'form'>) {
  const { t } = useTranslation()
  const { key, ...props } = getInputProps(field, { type, ariaAttributes: true })
  if (type === 'password') delete props.defaultValue
  const hintId = hint ? `${field.id}-hint` : undefined
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <input key={key} {...props} {...rest} aria-describedby={[props['aria-describedby'], hintId].filter(Boolean).join(' ') || undefined} />
      {field.errors?.length ? (
        <p id={field.errorId} className="field-error" role="alert">
          {field.errors.map((error) => translateMessage(t, error)).join(' ')}
        </p>
      ) : null}
    </div>
  )
}

/**
 * A labelled input for forms not run by Conform: its limits come from the form's schema through
 * formConstraint, what was typed comes back as `defaultValue`, and `error` is a message key.
 */
export function PlainField({ name, label, hint, error, ...rest }: { name: string; label: ReactNode; hint?: ReactNode; error?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id'>) {
  const { t } = useTranslation()
  const describedBy = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ')
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {hint ? (
        <p id={`${name}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <input id={name} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy || undefined} {...rest} />
      {error ? (
        <p id={`${name}-error`} className="field-error" role="alert">
          {translateMessage(t, error)}
        </p>
      ) : null}
    </div>
  )
}

/** A message about the whole form (not one field), such as a refused sign-in. */
export function FormMessage({ children, tone = 'error' }: { children: ReactNode; tone?: 'error' | 'success' }) {
  if (!children) return null
  return (
    <p className={`form-message form-message--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  )
}
