import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requestMeta, requireEntryPermission, requireUser } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { DateText, DateTimeText } from '~/components/date-text'
import { DecisionForms } from '~/components/decision-forms'
import { FormMessage } from '~/components/field'
import { Money } from '~/components/money'
import { db } from '~/db.server'
import { publishApprovals } from '~/exports/full-ledger.server'
import { localName } from '~/i18n/local-name'
import { localePath } from '~/i18n/locales'
import { langFromParams, notFound } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'
import { useLang, useLocalePath } from '~/i18n/use-lang'
import { refusedRejection, rejectionFormSchema } from '~/models/decision-forms'
import { approvalQueue, approveEntry, entryScope, LedgerRuleError, rejectEntry } from '~/models/ledger.server'

export const handle: RouteHandle = { permission: 'approve:records' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

/** What waits for this person: colleagues' entries in their scope, never their own. */
export async function loader(args: LoaderFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  const user = await requireUser(args, 'approve:records')
  const url = new URL(args.request.url)
  const decided = url.searchParams.get('approved') ?? url.searchParams.get('rejected')
  return {
    title: await pageTitle(lang, 'ledger:queue.title'),
    entries: await approvalQueue(db, user),
    notice: decided && /^\d+$/.test(decided) ? { id: Number(decided), approved: url.searchParams.has('approved') } : null,
  }
}

type Problem = 'ownEntry' | 'notPending' | 'insufficientBalance'

export async function action(args: ActionFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  const form = await args.request.formData()
  const entryId = Number(form.get('entryId'))
  const scope = Number.isSafeInteger(entryId) && entryId > 0 ? await entryScope(db, entryId) : null
  if (!scope) {
    await requireUser(args, 'approve:records')
    notFound()
  }
  // The entry's own trusts and project decide, whatever else the form says.
  const user = await requireEntryPermission(args, 'approve:records', scope)
  const refuse = (problem: Problem) => data({ problem, entryId, refused: undefined }, { status: 409 })
  try {
    if (form.get('intent') === 'reject') {
      const submission = parseWithZod(form, { schema: rejectionFormSchema })
      if (submission.status !== 'success') return data({ problem: null, entryId, refused: refusedRejection(form, submission.error?.reason) }, { status: 400 })
      await rejectEntry(db, user.id, entryId, submission.value.reason, new Date(), requestMeta(args))
      throw redirect(`${localePath(lang, '/work/queue')}?rejected=${entryId}`)
    }
    await approveEntry(db, user.id, entryId, new Date(), requestMeta(args))
    await publishApprovals()
    throw redirect(`${localePath(lang, '/work/queue')}?approved=${entryId}`)
  } catch (error) {
    if (!(error instanceof LedgerRuleError)) throw error
    if (error.code === 'own_entry') return refuse('ownEntry')
    if (error.code === 'insufficient_balance') return refuse('insufficientBalance')
    if (error.code === 'reason_required') return data({ problem: null, entryId, refused: refusedRejection(form, undefined) }, { status: 400 })
    return refuse('notPending')
  }
}

const PROBLEM_KEY: Record<Problem, string> = {
  ownEntry: 'queue.ownEntry',
  notPending: 'queue.notPending',
  insufficientBalance: 'queue.insufficientBalance',
}

export default function Queue() {
  const { entries, notice } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('ledger')
  const lang = useLang()
  const to = useLocalePath()
  return (
    <>
      <h1>{t('queue.heading')}</h1>
      <p className="lede">{t('queue.lede')}</p>
      {notice ? <FormMessage tone="success">{t(notice.approved ? 'queue.approved' : 'queue.rejected', { id: notice.id })}</FormMessage> : null}
      {actionData?.problem ? <FormMessage>{t(PROBLEM_KEY[actionData.problem])}</FormMessage> : null}
      {entries.length === 0 ? <p>{t('queue.none')}</p> : null}
      <ul className="cards">
        {entries.map((entry) => (
          <li className="card" key={entry.id}>
            <h2>
              <a href={to(`/ledger/${entry.id}`)}>{t('entry.heading', { id: entry.id })}</a>
            </h2>
            <p>
              {t(`domain:entryKind.${entry.kind}`)}
              {entry.reversesEntryId ? ` · ${t('list.reversal', { id: entry.reversesEntryId })}` : null}
            </p>
            <p className="stat">
              <Money amountMinor={entry.amountMinor} currency={entry.currency} />
            </p>
            <dl className="facts">
              <dt>{t('entry.from')}</dt>
              <dd>{localName(entry.from.name, lang)}</dd>
              <dt>{t('entry.to')}</dt>
              <dd>{localName(entry.to.name, lang)}</dd>
              <dt>{t('entry.valueDate')}</dt>
              <dd>
                <DateText iso={entry.valueDate} />
              </dd>
              <dt>{t('entry.project')}</dt>
              <dd>{localName(entry.project.name, lang)}</dd>
              {entry.purpose ? (
                <>
                  <dt>{t('entry.purpose')}</dt>
                  <dd>{t(`domain:purpose.${entry.purpose}`)}</dd>
                </>
              ) : null}
              {entry.description || entry.reversalReason ? (
                <>
                  <dt>{t('entry.description')}</dt>
                  <dd>
                    <bdi>{entry.reversalReason ?? entry.description}</bdi>
                  </dd>
                </>
              ) : null}
              <dt>{t('queue.recordedBy')}</dt>
              <dd>
                {entry.createdBy?.name ?? '—'} · <DateTimeText iso={entry.createdAt} />
              </dd>
            </dl>
            <DecisionForms field="entryId" id={entry.id} refused={actionData?.entryId === entry.id ? actionData.refused : undefined} />
          </li>
        ))}
      </ul>
    </>
  )
}
