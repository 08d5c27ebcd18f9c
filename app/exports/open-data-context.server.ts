import { db } from '../db.server'
import { latestCheckpoint } from '../models/ledger-tree.server'
import { fixedT } from '../i18n/i18next.server'
import type { Consistency } from './open-tables'

/** The checkpoint every open-data download is consistent with: the latest one, at the time of asking. */
export async function currentConsistency(): Promise<Consistency | null> {
  const checkpoint = await latestCheckpoint(db)
  return checkpoint ? { checkpoint: { size: checkpoint.size, url: `/ledger/checkpoints/${checkpoint.size}`, signedAt: checkpoint.signedAt } } : null
}

/** A column's meaning in English, as the data dictionary gives it, for datapackage.json. */
export async function englishColumnDescriptions(): Promise<(column: string) => string> {
  const t = fixedT('en', 'data')
  return (column) => t(`columns.${column}`)
}
