import type { FieldMetadata } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { localName, type LocalNames } from '~/i18n/local-name'
import { LANGS, LOCALES } from '~/i18n/locales'
import { useLang } from '~/i18n/use-lang'
import { Field } from './field'

type Choice = { id: number; name: LocalNames }

export interface UserFormFieldsProps {
  fields: {
    name: FieldMetadata<string | undefined>
    email?: FieldMetadata<string | undefined>
    role: FieldMetadata<string | undefined>
    preferredLang: FieldMetadata<string | undefined>
    trustIds: FieldMetadata<unknown[] | undefined>
    projectIds: FieldMetadata<unknown[] | undefined>
  }
  trusts: Choice[]
  projects: Choice[]
}

/** Name, email (new users only), role, language and, for officers, their trusts and projects. */
export function UserFormFields({ fields, trusts, projects }: UserFormFieldsProps) {
  const { t } = useTranslation('admin')
  const lang = useLang()
  const selected = (field: FieldMetadata<unknown[] | undefined>) => new Set(([] as unknown[]).concat(field.initialValue ?? []).map(String))
  const chosenTrusts = selected(fields.trustIds)
  const chosenProjects = selected(fields.projectIds)
  const scopeError = fields.trustIds.errors?.map((e) => t(e)).join(' ')
  return (
    <>
      <Field label={t('users.name')} field={fields.name} autoComplete="off" required />
      {fields.email ? <Field label={t('users.email')} field={fields.email} type="email" autoComplete="off" dir="ltr" required /> : null}
      <div className="field">
        <label htmlFor={fields.role.id}>{t('users.role')}</label>
        <select id={fields.role.id} name={fields.role.name} defaultValue={String(fields.role.initialValue ?? 'officer')}>
          {(['officer', 'auditor', 'admin'] as const).map((role) => (
            <option key={role} value={role}>
              {t(`account:roles.${role}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={fields.preferredLang.id}>{t('users.language')}</label>
        <select id={fields.preferredLang.id} name={fields.preferredLang.name} defaultValue={String(fields.preferredLang.initialValue ?? 'ur')}>
          {LANGS.map((code) => (
            <option key={code} value={code} lang={code}>
              {LOCALES[code].endonym}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="checkboxes" aria-describedby={scopeError ? fields.trustIds.errorId : undefined}>
        <legend>{t('users.scopeTrusts')}</legend>
        <p className="field-hint">{t('users.scopeOnlyOfficers')}</p>
        {trusts.map((trust) => (
          <label key={trust.id}>
            <input type="checkbox" name={fields.trustIds.name} value={trust.id} defaultChecked={chosenTrusts.has(String(trust.id))} />
            {localName(trust.name, lang)}
          </label>
        ))}
        {scopeError ? (
          <p id={fields.trustIds.errorId} className="field-error" role="alert">
            {scopeError}
          </p>
        ) : null}
      </fieldset>
      <fieldset className="checkboxes">
        <legend>{t('users.scopeProjects')}</legend>
        {projects.map((project) => (
          <label key={project.id}>
            <input type="checkbox" name={fields.projectIds.name} value={project.id} defaultChecked={chosenProjects.has(String(project.id))} />
            {localName(project.name, lang)}
          </label>
        ))}
      </fieldset>
    </>
  )
}
