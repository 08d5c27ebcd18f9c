import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Trans, useTranslation } from 'react-i18next'
import { requirePermission } from '~/auth/guard.server'
import type { RouteHandle } from '~/auth/permissions'
import { LICENCE } from '~/exports/ledger-formats'
import { langFromParams } from '~/i18n/params'
import { pageTitle } from '~/i18n/title.server'
import { OPEN_TABLES } from '~/models/open-data.server'

export const handle: RouteHandle = { permission: 'public' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

/** The open-data page: every download, the licence, how to verify the ledger, and the data dictionary. */
export async function loader(args: LoaderFunctionArgs) {
  const lang = langFromParams(args.params, args.request)
  await requirePermission(args, 'public')
  return {
    title: await pageTitle(lang, 'data:title'),
    tables: OPEN_TABLES.map((t) => ({ name: t.name, columns: t.columns.map((c) => ({ name: c.name, type: c.type })) })),
  }
}

export default function OpenData() {
  const { tables } = useLoaderData<typeof loader>()
  const { t } = useTranslation('data')
  return (
    <>
      <h1>{t('heading')}</h1>
      <p className="lede">{t('lede')}</p>
      <p>
        <a href={LICENCE.path} rel="license">
          {t('licence')}
        </a>
      </p>

      <section aria-labelledby="downloads">
        <h2 id="downloads">{t('downloadsHeading')}</h2>
        <ul className="downloads">
          <li>
            <a href="/downloads/open-data.zip">{t('downloads.package')}</a>
          </li>
          <li>
            <a href="/downloads/ledger/full.ndjson">{t('downloads.full')}</a>
          </li>
          <li>
            <bdi>{t('downloads.entries')}</bdi>:{' '}
            <span dir="ltr">
              <a href="/downloads/ledger/entries.csv">CSV</a> · <a href="/downloads/ledger/entries.json">JSON</a> · <a href="/downloads/ledger/entries.ndjson">NDJSON</a>
            </span>
          </li>
          <li>
            <bdi>{t('downloads.employment')}</bdi>:{' '}
            <span dir="ltr">
              <a href="/downloads/employment/compliance.csv">CSV</a> · <a href="/downloads/employment/compliance.json">JSON</a>
            </span>
          </li>
          <li>
            <a href="/ledger/checkpoint">{t('downloads.checkpoint')}</a>
          </li>
          <li>
            <a href="/ledger/key">{t('downloads.key')}</a>
          </li>
          <li>
            <a href="/downloads/hisaab-verify.mjs">{t('downloads.verifier')}</a>
          </li>
        </ul>
        <p>{t('checkpointNote')}</p>
      </section>

      <section aria-labelledby="verify-heading" id="verify">
        <h2 id="verify-heading">{t('verifyHeading')}</h2>
        <p>{t('verifyLede')}</p>
        <ol>
          <li>{t('verifySteps.one')}</li>
          <li>{t('verifySteps.two')}</li>
          <li>{t('verifySteps.three')}</li>
        </ol>
        <p className="muted">{t('verifyFormat')}</p>
      </section>

      <section aria-labelledby="csv">
        <h2 id="csv">{t('csvHeading')}</h2>
        <p>{t('csvEncoding')}</p>
        <p>{t('csvGuard')}</p>
        <p>{t('csvHashes')}</p>
        <p>{t('amounts')}</p>
      </section>

      <section aria-labelledby="dictionary">
        <h2 id="dictionary">{t('columnsHeading')}</h2>
        <p>{t('columnsLede')}</p>
        {tables.map((table) => (
          <div key={table.name} className="table-wrap">
            <table className="stack">
              <caption>
                <Trans t={t} i18nKey="tableHeading" values={{ name: table.name }} components={{ name: <code dir="ltr" /> }} /> — {t(`tables.${table.name}`)}{' '}
                <span dir="ltr">
                  (<a href={`/downloads/data/${table.name}.csv`}>CSV</a> · <a href={`/downloads/data/${table.name}.json`}>JSON</a>)
                </span>
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('column')}</th>
                  <th scope="col">{t('type')}</th>
                  <th scope="col">{t('meaning')}</th>
                </tr>
              </thead>
              <tbody>
                {table.columns.map((c) => (
                  <tr key={c.name}>
                    <th scope="row">
                      <code dir="ltr">{c.name}</code>
                    </th>
                    <td data-label={t('type')}>{t(`types.${c.type}`)}</td>
                    <td data-label={t('meaning')}>
                      <WithAddresses text={t(`columns.${c.name}`)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>
    </>
  )
}

/** Addresses such as /ledger/<entry_id> kept left to right inside right-to-left text, so their brackets do not turn round. */
function WithAddresses({ text }: { text: string }) {
  // One element, so that a phone's label/value row lays it out as one value.
  return (
    <span>
      {text.split(/(\/[\w<>/.-]+)/).map((part, i) =>
        i % 2 === 1 ? (
          <bdi key={i} dir="ltr">
            {part}
          </bdi>
        ) : (
          part
        ),
      )}
    </span>
  )
}
