import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requestMeta, requireEntryPermission, requirePermission } from '~/auth/guard.server'
import { allowsEntry, type RouteHandle } from '~/auth/permissions'
import { DateText, DateTimeText } from '~/components/date-text'
import { ReversalForm } from '~/components/decision-forms'
import { FormMessage } from '~/components/field'
import { FiscalYear } from '~/components/fiscal-year'
import { Money } from '~/components/money'
import { db } from '~/db.server'
import { localName } from '~/i18n/local-name'
import { localePath } from '~/i18n/locales'
import { langFromParams, notFound } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'
import { useLang, useLocalePath } from '~/i18n/use-lang'
import { reversalFormSchema } from '~/models/decision-forms'
import { createReversal, entryScope, findEntry, LedgerRuleError } from '~/models/ledger.server'
import { entryInclusion } from '~/models/ledger-tree.server'

/** Public for published entries; a pending or rejected one is shown only to staff who may see its trust. */
export const handle: RouteHandle = { permission: 'public' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

function entryIdOf(params: { id?: string }): number {
  if (!/^[1-9]\d{0,14}$/.test(params.id ?? '')) notFound()
  return Number(params.id)
}

export async function loader(args: LoaderFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  const id = entryIdOf(args.params)
  const user = await requirePermission(args, 'public')
  const scope = await entryScope(db, id)
  if (!scope) notFound()
  const staff = user !== null && allowsEntry(user, 'read:non-public', scope)
  const entry = await findEntry(db, id, { includeNonPublic: staff })
  // Not published and not theirs to see: as if it did not exist.
  if (!entry) notFound()
  return {
    proof: entry.status === 'approved' ? await inclusionOf(id) : null,
    title: await pageTitle(lang, 'ledger:entry.title', { id }),
    entry,
    canReverse: user !== null && entry.status === 'approved' && !entry.reverses && !entry.reversedBy && !entry.internal?.pendingReversalId && allowsEntry(user, 'write:records', scope),
    idempotencyKey: crypto.randomUUID(),
    recorded: new URL(args.request.url).searchParams.has('recorded'),
  }
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

/** The entry's audit path, hashes in base64 as the proof URLs and the checkpoint give them. */
async function inclusionOf(entryId: number) {
  const inclusion = await entryInclusion(db, entryId)
  if (inclusion.pending) return inclusion
  const { seq, size, leafHash, root, proof } = inclusion
  return { pending: false as const, seq, size, leafHash: base64(leafHash), root: base64(root), path: proof.map(base64) }
}

export async function action(args: ActionFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  const id = entryIdOf(args.params)
  const scope = await entryScope(db, id)
  if (!scope) notFound()
  const user = await requireEntryPermission(args, 'write:records', scope)
  const submission = parseWithZod(await args.request.formData(), { schema: reversalFormSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), problem: null }, { status: 400 })
  try {
    const { id: reversalId } = await createReversal(db, user.id, { reversesEntryId: id, ...submission.value }, new Date(), requestMeta(args))
    throw redirect(`${localePath(lang, `/ledger/${reversalId}`)}?recorded`)
  } catch (error) {
    if (error instanceof LedgerRuleError) return data({ result: submission.reply(), problem: error.code }, { status: 409 })
    throw error
  }
}

const REVERSAL_PROBLEM_KEY: Partial<Record<string, string>> = {
  reasonNeeded: 'queue.reasonNeeded',
  malformed_text: 'form.errors.text',
}

export default function EntryPage() {
  const { entry, proof, canReverse, idempotencyKey, recorded } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('ledger')
  const lang = useLang()
  const to = useLocalePath()
  const party = (p: { slug: string; kind: string; name: Parameters<typeof localName>[0] }) =>
    p.kind === 'trust' ? <a href={to(`/trusts/${p.slug}`)}>{localName(p.name, lang)}</a> : localName(p.name, lang)
  return (
    <>
      <p className="muted">
        <a href={to('/ledger')}>{t('list.heading')}</a>
      </p>
      <h1>{t('entry.heading', { id: entry.id })}</h1>
      {recorded && entry.status === 'pending' ? (
        <FormMessage tone="success">{t(entry.reverses ? 'entry.reverseRecorded' : 'form.recorded', { id: entry.id })}</FormMessage>
      ) : null}
      {entry.reversedBy ? (
        <FormMessage>
          <a href={to(`/ledger/${entry.reversedBy.id}`)}>{t('entry.reversedBy', { id: entry.reversedBy.id })}</a>
        </FormMessage>
      ) : null}
      {entry.reverses ? (
        <p>
          <a href={to(`/ledger/${entry.reverses.id}`)}>{t('entry.reverses', { id: entry.reverses.id })}</a>
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t('entry.status')}</dt>
        <dd>
          <span className="status-badge">{t(`entry.statuses.${entry.status}`)}</span>
        </dd>
        {entry.seq !== null ? (
          <>
            <dt>{t('entry.seq')}</dt>
            <dd>
              <bdi className="num">{entry.seq}</bdi>
            </dd>
          </>
        ) : null}
        <dt>{t('entry.kind')}</dt>
        <dd>{t(`domain:entryKind.${entry.kind}`)}</dd>
        <dt>{t('entry.project')}</dt>
        <dd>
          <a href={to(`/projects/${entry.project.slug}`)}>{localName(entry.project.name, lang)}</a>
        </dd>
        <dt>{t('entry.from')}</dt>
        <dd>{party(entry.from)}</dd>
        <dt>{t('entry.to')}</dt>
        <dd>{party(entry.to)}</dd>
        <dt>{t('entry.valueDate')}</dt>
        <dd>
          <DateText iso={entry.valueDate} />
        </dd>
        <dt>{t('entry.fiscalYear')}</dt>
        <dd>
          <FiscalYear year={entry.fiscalYear} />
        </dd>
        {entry.gfs ? (
          <>
            <dt>{t('entry.stream')}</dt>
            <dd>
              {t(`gfs:${entry.gfs.code}`)} <bdi className="num muted">({entry.gfs.code})</bdi>
            </dd>
          </>
        ) : null}
        {entry.purpose ? (
          <>
            <dt>{t('entry.purpose')}</dt>
            <dd>{t(`domain:purpose.${entry.purpose}`)}</dd>
          </>
        ) : null}
        {entry.locality ? (
          <>
            <dt>{t('entry.locality')}</dt>
            <dd>{localName(entry.locality.name, lang)}</dd>
          </>
        ) : null}
        <dt>{t('entry.amount')}</dt>
        <dd>
          <Money amountMinor={entry.amountMinor} currency={entry.currency} />
        </dd>
        {entry.currency !== 'PKR' ? (
          <>
            <dt>{t('entry.rate')}</dt>
            <dd>
              <bdi className="num">{(Number(entry.exchangeRateMicros) / 1_000_000).toFixed(6).replace(/0+$/, '').replace(/\.$/, '')}</bdi>
            </dd>
            <dt>{t('entry.pkr')}</dt>
            <dd>
              <Money amountMinor={entry.pkrAmountMinor} currency="PKR" />
            </dd>
          </>
        ) : null}
        {entry.reference ? (
          <>
            <dt>{t('entry.reference')}</dt>
            <dd>
              <bdi>{entry.reference}</bdi>
            </dd>
          </>
        ) : null}
        {entry.description ? (
          <>
            <dt>{t('entry.description')}</dt>
            <dd>
              <bdi>{entry.description}</bdi>
            </dd>
          </>
        ) : null}
        {entry.comments ? (
          <>
            <dt>{t('entry.comments')}</dt>
            <dd>
              <bdi>{entry.comments}</bdi>
            </dd>
          </>
        ) : null}
        {entry.reversalReason ? (
          <>
            <dt>{t('entry.reversalReason')}</dt>
            <dd>
              <bdi>{entry.reversalReason}</bdi>
            </dd>
          </>
        ) : null}
        {entry.internal ? (
          <>
            <dt>{t('entry.recordedBy')}</dt>
            <dd>
              {entry.internal.createdBy?.name ?? '—'} · <DateTimeText iso={entry.internal.createdAt} />
            </dd>
            {entry.internal.decidedBy ? (
              <>
                <dt>{t('entry.decidedBy')}</dt>
                <dd>
                  {entry.internal.decidedBy.name} · {entry.internal.decidedAt ? <DateTimeText iso={entry.internal.decidedAt} /> : ''}
                </dd>
              </>
            ) : null}
            {entry.internal.rejectionReason ? (
              <>
                <dt>{t('entry.rejectionReason')}</dt>
                <dd>
                  <bdi>{entry.internal.rejectionReason}</bdi>
                </dd>
              </>
            ) : null}
          </>
        ) : null}
      </dl>

      {proof ? <InclusionProof proof={proof} /> : null}

      {canReverse ? (
        <section aria-labelledby="reverse">
          <h2 id="reverse">{t('entry.reverse')}</h2>
          <p>{t('entry.reverseLede')}</p>
          {actionData?.problem ? <FormMessage>{t(REVERSAL_PROBLEM_KEY[actionData.problem] ?? 'queue.notPending')}</FormMessage> : null}
          <ReversalForm idempotencyKey={idempotencyKey} lastResult={actionData?.result} />
        </section>
      ) : null}
    </>
  )
}

type Proof = NonNullable<Awaited<ReturnType<typeof inclusionOf>>>

function InclusionProof({ proof }: { proof: Proof }) {
  const { t } = useTranslation('ledger')
  const to = useLocalePath()
  return (
    <section aria-labelledby="proof" className="proof">
      <h2 id="proof">{t('entry.proof.heading')}</h2>
      {proof.pending ? (
        <p>{t('entry.proof.notYet')}</p>
      ) : (
        <>
          <p>{t('entry.proof.lede', { seq: proof.seq, size: proof.size })}</p>
          <dl className="stacked">
            <dt>{t('entry.proof.leafHash')}</dt>
            <dd>
              <code dir="ltr">{proof.leafHash}</code>
            </dd>
            <dt>{t('entry.proof.path')}</dt>
            <dd>
              <ol dir="ltr" className="hashes">
                {proof.path.map((hash, i) => (
                  <li key={i}>
                    <code>{hash}</code>
                  </li>
                ))}
              </ol>
            </dd>
            <dt>{t('entry.proof.root')}</dt>
            <dd>
              <code dir="ltr">{proof.root}</code>
            </dd>
          </dl>
          <ul className="links">
            <li>
              <a href={`/ledger/checkpoints/${proof.size}`}>{t('entry.proof.checkpoint', { size: proof.size })}</a>
            </li>
            <li>
              <a href={`/ledger/proofs/inclusion?seq=${proof.seq}&size=${proof.size}`}>{t('entry.proof.proofJson')}</a>
            </li>
            <li>
              <a href="/ledger/key">{t('entry.proof.key')}</a>
            </li>
            <li>
              <a href={to('/data#verify')}>{t('entry.proof.howTo')}</a>
            </li>
          </ul>
        </>
      )}
    </section>
  )
}
