// Frozen. The EITI / IMF GFS revenue-stream classification as reference data.
// The EITI source file has known defects; this list mends them and says how:
// - "Production entitlements" is listed as a second 1415E; GFSM 2014 numbers it 1415E3.
// - 1415E31 / 1415E32 therefore hang under 1415E3, not under 1415E (Rent).
// - 144E1 (voluntary transfers) is filed under 143E in the source; GFSM 2014 puts it under 144E,
//   which the source lacks, so 144E is added.
// - 1153E1 (profits of export monopolies) hangs under 1152E (taxes on exports) in the source;
//   GFSM 2014 puts 1153 beside 1152, under 115E.
import type { Kysely } from 'kysely'

const STREAMS: Array<[code: string, name: string, parent: string | null]> = [
  ['11E', 'Taxes', null],
  ['111E', 'Taxes on income, profits and capital gains', '11E'],
  ['1112E1', 'Ordinary taxes on income, profits and capital gains', '111E'],
  ['1112E2', 'Extraordinary taxes on income, profits and capital gains', '111E'],
  ['112E', 'Taxes on payroll and workforce', '11E'],
  ['113E', 'Taxes on property', '11E'],
  ['114E', 'Taxes on goods and services', '11E'],
  ['1141E', 'General taxes on goods and services (VAT, sales tax, turnover tax)', '114E'],
  ['1142E', 'Excise taxes', '114E'],
  ['1145E', 'Taxes on use of goods/permission to use goods or perform activities', '114E'],
  ['114521E', 'Licence fees', '1145E'],
  ['114522E', 'Emission and pollution taxes', '1145E'],
  ['11451E', 'Motor vehicle taxes', '1145E'],
  ['115E', 'Taxes on international trade and transactions', '11E'],
  ['1151E', 'Customs and other import duties', '115E'],
  ['1152E', 'Taxes on exports', '115E'],
  ['1153E1', 'Profits of natural resource export monopolies', '115E'],
  ['116E', 'Other taxes payable by natural resource companies', '11E'],
  ['12E', 'Social contributions', null],
  ['1212E', 'Social security employer contributions', '12E'],
  ['14E', 'Other revenue', null],
  ['141E', 'Property income', '14E'],
  ['1412E', 'Dividends', '141E'],
  ['1412E1', 'From state-owned enterprises', '1412E'],
  ['1412E2', 'From government participation (equity)', '1412E'],
  ['1413E', 'Withdrawals from income of quasi-corporations', '141E'],
  ['1415E', 'Rent', '141E'],
  ['1415E1', 'Royalties', '1415E'],
  ['1415E2', 'Bonuses', '1415E'],
  ['1415E3', 'Production entitlements (in-kind or cash)', '141E'],
  ['1415E31', 'Delivered/paid directly to government', '1415E3'],
  ['1415E32', 'Delivered/paid to state-owned enterprise(s)', '1415E3'],
  ['1415E4', 'Compulsory transfers to government (infrastructure and other)', '1415E'],
  ['1415E5', 'Other rent payments', '1415E'],
  ['142E', 'Sales of goods and services', '14E'],
  ['1421E', 'Sales of goods and services by government units', '142E'],
  ['1422E', 'Administrative fees for government services', '142E'],
  ['143E', 'Fines, penalties, and forfeits', '14E'],
  ['144E', 'Voluntary transfers other than grants', '14E'],
  ['144E1', 'Voluntary transfers to government (donations)', '144E'],
  ['15E', 'Revenues not classified', null],
]

export async function up(db: Kysely<any>): Promise<void> {
  // Parents first, so the self-reference holds row by row.
  for (const [gfs_code, name_en, parent_code] of STREAMS) {
    await db.insertInto('revenue_streams').values({ gfs_code, name_en, parent_code }).execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('revenue_streams').execute()
}
