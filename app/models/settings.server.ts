import type { Database } from '../../db/client'

export const DEMO_DATA_KEY = 'demo_data'

/** True while the illustrative demo data set is loaded; every page then says so. */
export async function isDemoDataLoaded(db: Database): Promise<boolean> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', DEMO_DATA_KEY).executeTakeFirst()
  return row?.value === '1'
}
