import type { FieldMetadata } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { Field } from './field'

/** New password twice, with the policy said up front rather than discovered by failing it. */
export function NewPasswordFields({ newPassword, confirmPassword }: { newPassword: FieldMetadata<string | undefined>; confirmPassword: FieldMetadata<string | undefined> }) {
  const { t } = useTranslation('account')
  return (
    <>
      <Field label={t('password.new')} field={newPassword} type="password" autoComplete="new-password" hint={t('password.lede')} required minLength={12} maxLength={128} />
      <Field label={t('password.confirm')} field={confirmPassword} type="password" autoComplete="new-password" required />
    </>
  )
}
