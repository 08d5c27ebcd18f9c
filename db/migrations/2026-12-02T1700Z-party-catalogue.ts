// Frozen: a migration imports nothing from app/ and is never edited once it has run anywhere.
//
// A party was public from the moment it was written, so a beneficiary an officer typed into a
// still-pending disbursement appeared at once in the open data, and stayed there after a colleague
// rejected the entry. Parties now come two ways, told apart by parties.catalogued_at:
//
//   catalogued   put in the list by an admin (or the demo data): public from the start;
//   typed in     created with a ledger entry (catalogued_at null): public only once an approved
//                entry names it, which the public reads derive from the ledger.
//
// Until now the only way a party was typed in was with an entry, and each such party has its
// audit event 'party.created' (details.via = 'ledger_entry'); every other party is catalogued as
// of when it was made.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('parties').addColumn('catalogued_at', 'text').execute()
  await sql`
    update parties set catalogued_at = created_at
    where not exists (
      select 1 from audit_events a
      where a.action = 'party.created' and a.target_type = 'party' and a.target_id = cast(parties.id as text)
        and a.details like '%"via":"ledger_entry"%'
    )`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('parties').dropColumn('catalogued_at').execute()
}
