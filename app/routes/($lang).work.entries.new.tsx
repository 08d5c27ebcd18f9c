import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requestMeta, requireEntryPermission, requireUser } from '~/auth/guard.server'
import { allows, type RouteHandle } from '~/auth/permissions'
import { Field, FormMessage } from '~/components/field'
import { SelectField } from '~/components/select-field'
import { db } from '~/db.server'
import { pakistanDateOf } from '~/domain/fiscal-year'
import { ENTRY_FLOWS, ENTRY_KINDS, PURPOSES, type EntryKind } from '~/domain/ledger'
import { formatMoney } from '~/i18n/format'
import { translateMessage } from '~/i18n/message'
import { localName, type LocalNames } from '~/i18n/local-name'
import { localePath } from '~/i18n/locales'
import { langFromParams } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'
import { useLang, useLocalePath } from '~/i18n/use-lang'
import { groupChoices, matchesFind, type ChoiceGroup, type NearbyChoice } from '~/models/beneficiary-choices'
import { listBeneficiaryChoices, listLocalityChoices } from '~/models/beneficiary-choices.server'
import { BENEFICIARY_KINDS, entryFormFields, entryFormSchema } from '~/models/entry-form'
import { formConstraint } from '~/models/form-text'
import { createEntry, LedgerRuleError } from '~/models/ledger.server'
import { listPartiesByKind, listRevenueStreams, partyKinds } from '~/models/parties.server'
import { listProjects } from '~/models/projects.server'

// Hydrated: with JavaScript, fields are checked as they are left (the same schema as the server's);
// without it, the form works the same through the server.
export const handle: RouteHandle = { permission: 'write:records', hydrate: true }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

/** What Find sends, checked as nothing: the rest of the form is judged when it is sent to be recorded. */
const findOnly = z.object({ find: z.string().optional() })

function kindOf(request: Request): EntryKind {
  const kind = new URL(request.url).searchParams.get('kind')
  return ENTRY_KINDS.includes(kind as EntryKind) ? (kind as EntryKind) : 'disbursement'
}

export async function loader(args: LoaderFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  const user = await requireUser(args, 'write:records')
  const kind = kindOf(args.request)
  const flow = ENTRY_FLOWS[kind]
  // A disbursement's payees and places come marked with what makes them the officer's own trusts'.
  const ownTrusts = user.scope.trustIds.filter((trustId) => allows(user, 'write:records', { trustId }))
  const disbursement = kind === 'disbursement'
  const [projects, from, to, beneficiaries, localities, streams] = await Promise.all([
    listProjects(db),
    listPartiesByKind(db, flow.from),
    disbursement ? Promise.resolve([]) : listPartiesByKind(db, flow.to),
    disbursement ? listBeneficiaryChoices(db, ownTrusts) : Promise.resolve([]),
    disbursement ? listLocalityChoices(db, ownTrusts) : Promise.resolve([]),
    kind === 'payment' ? listRevenueStreams(db) : Promise.resolve([]),
  ])
  // Only the trusts and projects this officer works for are offered; the action checks again.
  const mine = <T extends { id: number; kind: string }>(parties: T[]) => parties.filter((p) => p.kind !== 'trust' || allows(user, 'write:records', { trustId: p.id }))
  return {
    title: await pageTitle(lang, 'ledger:form.title'),
    kind,
    projects: projects.filter((p) => allows(user, 'write:records', { projectId: p.id })).map(({ id, name }) => ({ id, name })),
    from: mine(from),
    to: mine(to),
    beneficiaries,
    localities,
    streams: streams.map((s) => s.code),
    today: pakistanDateOf(new Date()),
    idempotencyKey: crypto.randomUUID(),
  }
}

export async function action(args: ActionFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  await requireUser(args, 'write:records')
  const formData = await args.request.formData()
  const submission = parseWithZod(formData, { schema: entryFormSchema(pakistanDateOf(new Date())) })
  // Finding a payee is not sending the form: everything typed comes back, and nothing is judged yet.
  if (formData.get('intent') === 'find') return data({ result: { initialValue: submission.reply().initialValue } as SubmissionResult<string[]> })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const value = submission.value

  // Which trusts the entry touches is read from the database, never from the form: a hidden field
  // or URL changed to another trust is refused here, and the refusal is logged.
  const kinds = await partyKinds(db, value.toPartyId === 'new' ? [value.fromPartyId] : [value.fromPartyId, value.toPartyId])
  const trustIds = [...kinds].filter(([, kind]) => kind === 'trust').map(([id]) => id)
  const user = await requireEntryPermission(args, 'write:records', { projectId: value.projectId, trustIds })

  try {
    const { id } = await createEntry(
      db,
      user.id,
      {
        kind: value.kind,
        projectId: value.projectId,
        fromPartyId: value.fromPartyId,
        toPartyId: value.toPartyId === 'new' ? 0 : value.toPartyId,
        newBeneficiary: value.toPartyId === 'new' ? { name: value.newBeneficiaryName!, beneficiaryKind: value.newBeneficiaryKind! } : undefined,
        valueDate: value.valueDate,
        gfsCode: value.gfsCode,
        purpose: value.purpose,
        localityId: value.localityId === 'new' ? null : value.localityId,
        newLocality: value.kind === 'disbursement' && value.localityId === 'new' ? { name: value.newLocalityName!, kind: value.newLocalityKind! } : undefined,
        currency: value.currency,
        amountMinor: value.amount,
        exchangeRateMicros: value.exchangeRateMicros,
        reference: value.reference,
        description: value.description,
        comments: value.comments,
        idempotencyKey: value.idempotencyKey,
      },
      new Date(),
      requestMeta(args),
    )
    throw redirect(`${localePath(lang, `/ledger/${id}`)}?recorded`)
  } catch (error) {
    if (!(error instanceof LedgerRuleError)) throw error
    if (error.code === 'insufficient_balance') {
      const available = formatMoney(lang, { amountMinor: error.detail.availableMinor as bigint, currency: value.currency })
      return data({ result: submission.reply({ fieldErrors: { amount: [`ledger:form.errors.insufficientBalance|available=${available}`] } }) }, { status: 409 })
    }
    if (error.code === 'amount_too_large') return data({ result: submission.reply({ fieldErrors: { amount: ['ledger:form.errors.too_large'] } }) }, { status: 400 })
    if (error.code === 'malformed_text') return data({ result: submission.reply({ formErrors: ['ledger:form.errors.text'] }) }, { status: 400 })
    return data({ result: submission.reply({ formErrors: ['ledger:form.errors.flow'] }) }, { status: 400 })
  }
}

export default function RecordEntry() {
  const { kind, projects, from, to, beneficiaries, localities, streams, today, idempotencyKey } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('ledger')
  const lang = useLang()
  const path = useLocalePath()
  const [form, fields] = useForm<z.input<ReturnType<typeof entryFormSchema>>, z.output<ReturnType<typeof entryFormSchema>>>({
    lastResult: actionData?.result,
    defaultValue: { kind, valueDate: today, currency: 'PKR', idempotencyKey },
    // The server's schema, so the page's limits (maxLength) are the ones the server enforces.
    constraint: formConstraint(entryFormFields(today)),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData, submitter }) => {
      const submission = parseWithZod(formData, { schema: entryFormSchema(today) })
      // Find goes to the server unjudged: it only narrows the list of beneficiaries.
      return submitter?.getAttribute('value') === 'find' ? (parseWithZod(formData, { schema: findOnly }) as unknown as typeof submission) : submission
    },
  })
  const message = (errors: string[] | undefined) => (errors?.length ? errors.map((e) => translateMessage(t, e)).join(' ') : undefined)
  const names = (list: Array<{ id: number; name: LocalNames }>) => list.map((p) => ({ value: p.id, label: localName(p.name, lang) }))
  const fieldProps = (name: keyof typeof fields) => ({ value: fields[name].initialValue, error: message(fields[name].errors) })
  const districtName = (district: string) => t(`domain:district.${district}`, { defaultValue: district })
  const groupLabel = (group: ChoiceGroup<NearbyChoice>) =>
    group.kind !== 'district'
      ? t(`form.groups.${group.kind}`)
      : group.district === null
        ? t('form.groups.elsewhere')
        : t('form.groups.district', { district: districtName(group.district), province: group.province ? t(`domain:province.${group.province}`) : '' })
  const asGroups = <T extends NearbyChoice>(choices: T[], label: (choice: T) => string) =>
    groupChoices(choices, label, lang).map((group) => ({ label: groupLabel(group), options: group.choices.map((c) => ({ value: c.id, label: label(c) })) }))
  // Every payee and place is named with its district, so that two of the same name can be told apart.
  const beneficiaryLabel = (b: NearbyChoice) => (b.district ? t('form.partyInDistrict', { name: localName(b.name, lang), district: districtName(b.district) }) : localName(b.name, lang))
  const localityLabel = (l: (typeof localities)[number]) => t('form.localityOption', { name: localName(l.name, lang), kind: t(`form.localityKinds.${l.kind}`), district: districtName(l.district) })
  // Narrowed as the page is drawn: on the server without JavaScript (Find sends the form back), in
  // the browser with it. The one already chosen always stays in the list.
  const find = String(fields.find.value ?? '').trim()
  const chosen = String(fields.toPartyId.value ?? '')
  const found = find ? beneficiaries.filter((b) => matchesFind([b.name.en, b.name.ur, b.name.bal, ...(b.district ? [b.district, districtName(b.district)] : [])], find)) : []
  const offered = found.length > 0 ? beneficiaries.filter((b) => found.includes(b) || String(b.id) === chosen) : beneficiaries
  return (
    <>
      <h1>{t('form.heading')}</h1>
      <p className="lede">{t('form.lede')}</p>
      <ul className="tabs">
        {ENTRY_KINDS.map((k) => (
          <li key={k}>
            <a href={`${path('/work/entries/new')}?kind=${k}`} aria-current={k === kind ? 'page' : undefined}>
              {t(`form.kinds.${k}`)}
            </a>
          </li>
        ))}
      </ul>
      {form.errors?.length ? <FormMessage>{message(form.errors)}</FormMessage> : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="idempotencyKey" value={String(fields.idempotencyKey.initialValue ?? idempotencyKey)} />
        <SelectField name="projectId" label={t('form.project')} options={names(projects)} {...fieldProps('projectId')} />
        <SelectField name="fromPartyId" label={t('form.from')} options={names(from)} {...fieldProps('fromPartyId')} />
        {kind === 'disbursement' ? (
          <>
            {/* The first submit button: Enter in any field finds; only the button at the end records an entry. */}
            <div className="field find">
              <label htmlFor="find">{t('form.find')}</label>
              <p id="find-hint" className="field-hint">
                {t('form.findHint')}
              </p>
              <div className="find__row">
                <input id="find" name="find" type="search" defaultValue={find} maxLength={fields.find.maxLength} aria-describedby="find-hint" />
                <button type="submit" name="intent" value="find" className="button button--quiet" formNoValidate>
                  {t('form.findSubmit')}
                </button>
              </div>
              {find ? (
                <p className="field-hint" role="status">
                  {found.length > 0 ? t('form.findSome', { find }) : t('form.findNone', { find })}
                </p>
              ) : null}
              {fields.find.errors?.length ? (
                <p id="find-error" className="field-error" role="alert">
                  {message(fields.find.errors)}
                </p>
              ) : null}
            </div>
            <SelectField
              key={`toPartyId-${find}`}
              name="toPartyId"
              label={t('form.beneficiary')}
              hint={t('form.beneficiaryHint')}
              options={[]}
              groups={asGroups(offered, beneficiaryLabel)}
              last={[{ value: 'new', label: t('form.newBeneficiary') }]}
              {...fieldProps('toPartyId')}
              value={chosen}
            />
            <Field label={t('form.newBeneficiaryName')} field={fields.newBeneficiaryName} />
            <SelectField
              name="newBeneficiaryKind"
              label={t('form.newBeneficiaryKind')}
              options={BENEFICIARY_KINDS.map((k) => ({ value: k, label: t(`form.beneficiaryKinds.${k}`) }))}
              {...fieldProps('newBeneficiaryKind')}
            />
            <SelectField name="purpose" label={t('form.purpose')} options={PURPOSES.map((p) => ({ value: p, label: t(`domain:purpose.${p}`) }))} {...fieldProps('purpose')} />
            <SelectField
              name="localityId"
              label={t('form.locality')}
              emptyLabel={t('form.noLocality')}
              options={[]}
              groups={asGroups(localities, localityLabel)}
              last={[{ value: 'new', label: t('form.newLocality') }]}
              {...fieldProps('localityId')}
            />
            <Field label={t('form.newLocalityName')} field={fields.newLocalityName} />
            <SelectField
              name="newLocalityKind"
              label={t('form.newLocalityKind')}
              options={(['village', 'union_council', 'tehsil'] as const).map((k) => ({ value: k, label: t(`form.localityKinds.${k}`) }))}
              {...fieldProps('newLocalityKind')}
            />
          </>
        ) : null}
        {kind !== 'disbursement' ? <SelectField name="toPartyId" label={t('form.to')} options={names(to)} {...fieldProps('toPartyId')} /> : null}
        {kind === 'payment' ? <SelectField name="gfsCode" label={t('form.stream')} options={streams.map((code) => ({ value: code, label: `${t(`gfs:${code}`)} (${code})` }))} {...fieldProps('gfsCode')} /> : null}
        <Field label={t('form.valueDate')} field={fields.valueDate} type="date" max={today} required />
        <SelectField name="currency" label={t('form.currency')} options={[{ value: 'PKR', label: 'PKR' }, { value: 'USD', label: 'USD' }]} {...fieldProps('currency')} />
        <div className="field">
          <label htmlFor="amount">{t('form.amount')}</label>
          <p id="amount-hint" className="field-hint">
            {t('form.amountHint')}
          </p>
          <input id="amount" name="amount" inputMode="decimal" dir="ltr" maxLength={fields.amount.maxLength} defaultValue={String(fields.amount.initialValue ?? '')} aria-invalid={fields.amount.errors ? true : undefined} aria-describedby={fields.amount.errors ? 'amount-hint amount-error' : 'amount-hint'} required />
          {fields.amount.errors ? (
            <p id="amount-error" className="field-error" role="alert">
              {message(fields.amount.errors)}
            </p>
          ) : null}
        </div>
        <Field label={t('form.rate')} field={fields.exchangeRate} hint={t('form.rateHint')} inputMode="decimal" dir="ltr" />
        <Field label={t('form.reference')} field={fields.reference} />
        {kind === 'disbursement' ? <Field label={t('form.description')} field={fields.description} /> : null}
        <Field label={t('form.comments')} field={fields.comments} />
        <button type="submit" className="button">
          {t('form.submit')}
        </button>
      </Form>
    </>
  )
}
