import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { formatBasisPoints } from '~/i18n/format'
import { useLang } from '~/i18n/use-lang'

/**
 * Where a detail's value has a name in the reader's language: the translation keys to try, in
 * order, with the value appended. A value none of them names is shown as it was recorded.
 */
const VALUE_NAMES: Partial<Record<string, string[]>> = {
  kind: ['domain:entryKind', 'ledger:form.localityKinds', 'admin:auditValues'],
  beneficiaryKind: ['ledger:form.beneficiaryKinds'],
  periodKind: ['employment:report'],
  jobCategory: ['domain:jobCategory'],
  localDistricts: ['domain:district'],
  role: ['account:roles'],
  before: ['account:roles'],
  after: ['account:roles'],
  localScope: ['admin:auditValues'],
  changed: ['admin:auditValues'],
  method: ['admin:auditValues'],
  purpose: ['admin:auditValues'],
  via: ['admin:auditValues'],
}

/** An audit event's details as a list of what was recorded, each named in the reader's language. */
export function AuditDetailsList({ details }: { details: Record<string, unknown> }) {
  const { t } = useTranslation('admin')
  const lang = useLang()

  const value = (key: string, v: unknown): ReactNode => {
    if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) return '—'
    if (typeof v === 'boolean') return t(v ? 'auditValues.yes' : 'auditValues.no')
    if (typeof v === 'number') return <bdi className="num">{key.endsWith('BasisPoints') ? formatBasisPoints(lang, v) : v}</bdi>
    if (Array.isArray(v)) return v.map((item, i) => <span key={i}>{i > 0 ? t('common:listSeparator') : null}{value(key, item)}</span>)
    if (typeof v === 'object') return <AuditDetailsList details={v as Record<string, unknown>} />
    const text = String(v)
    const names = VALUE_NAMES[key]
    const named = names ? t(names.map((prefix) => `${prefix}.${text}`), { defaultValue: '' }) : ''
    return named || <bdi>{text}</bdi>
  }

  return (
    <dl className="audit-details">
      {Object.entries(details).map(([key, v]) => (
        <div key={key}>
          <dt>{t(`auditDetails.${key}`, { defaultValue: key })}</dt>
          <dd>{value(key, v)}</dd>
        </div>
      ))}
    </dl>
  )
}
