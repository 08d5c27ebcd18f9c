// Frozen: a migration imports nothing from app/ and is never edited once it has run anywhere.
// Dialect-neutral Kysely, except the immutability triggers, which each dialect spells its own way.
import { sql, SqliteAdapter, type CreateTableBuilder, type Kysely } from 'kysely'

const PROVINCES = `'balochistan','khyber_pakhtunkhwa','gilgit_baltistan','punjab','sindh','federal'`
const PARTY_KINDS = `'company','government_federal','government_provincial','trust','beneficiary'`
const BENEFICIARY_KINDS = `'village_organisation','school','clinic','scholarship_programme','contractor','other'`
const PROJECT_STATUSES = `'exploration','development','production','closed'`
const ENTRY_KINDS = `'payment','share_transfer','direct_contribution','disbursement'`
const ENTRY_STATUSES = `'pending','approved','rejected'`
const PURPOSES = `'education','health','water','livelihoods','infrastructure','scholarships','other'`
const JOB_CATEGORIES = `'unskilled','semi_skilled','skilled','professional','management'`
const ROLES = `'admin','officer','auditor'`

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('localities')
    .$call(withId(db))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('village','union_council','tehsil')`))
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_ur', 'text', (c) => c.notNull())
    .addColumn('name_bal', 'text', (c) => c.notNull())
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('province', 'text', (c) => c.notNull().check(sql.raw(`province in (${PROVINCES})`)))
    .addColumn('parent_id', 'integer', (c) => c.references('localities.id'))
    .execute()

  await db.schema
    .createTable('parties')
    .$call(withId(db))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql.raw(`kind in (${PARTY_KINDS})`)))
    .addColumn('beneficiary_kind', 'text', (c) => c.check(sql.raw(`beneficiary_kind in (${BENEFICIARY_KINDS})`)))
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_ur', 'text', (c) => c.notNull())
    .addColumn('name_bal', 'text', (c) => c.notNull())
    .addColumn('province', 'text', (c) => c.check(sql.raw(`province in (${PROVINCES})`)))
    .addColumn('district', 'text')
    .addColumn('locality_id', 'integer', (c) => c.references('localities.id'))
    .addColumn('registration_ref', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('beneficiary_kind_only_for_beneficiaries', sql`(kind = 'beneficiary') = (beneficiary_kind is not null)`)
    .execute()

  await db.schema
    .createTable('projects')
    .$call(withId(db))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_ur', 'text', (c) => c.notNull())
    .addColumn('name_bal', 'text', (c) => c.notNull())
    .addColumn('operator_party_id', 'integer', (c) => c.notNull().references('parties.id'))
    .addColumn('province', 'text', (c) => c.notNull().check(sql.raw(`province in (${PROVINCES})`)))
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql.raw(`status in (${PROJECT_STATUSES})`)))
    .addColumn('licence_ref', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('project_minerals')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('mineral', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_minerals_pk', ['project_id', 'mineral'])
    .execute()

  // Which trusts serve which projects' communities; officers are scoped through these links too.
  await db.schema
    .createTable('trust_projects')
    .addColumn('trust_party_id', 'integer', (c) => c.notNull().references('parties.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addPrimaryKeyConstraint('trust_projects_pk', ['trust_party_id', 'project_id'])
    .execute()

  // The EITI / IMF GFS revenue-stream classification. Names in other languages live in locales/*/gfs.json.
  await db.schema
    .createTable('revenue_streams')
    .addColumn('gfs_code', 'text', (c) => c.primaryKey())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text', (c) => c.references('revenue_streams.gfs_code'))
    .execute()

  await db.schema
    .createTable('users')
    .$call(withId(db))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql.raw(`role in (${ROLES})`)))
    .addColumn('preferred_lang', 'text', (c) => c.notNull().defaultTo('en').check(sql`preferred_lang in ('en','ur','bal')`))
    .addColumn('password_hash', 'text')
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled_at', 'text')
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  // An officer's scope: one row per trust or project they may act for.
  await db.schema
    .createTable('user_scopes')
    .$call(withId(db))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('trust_party_id', 'integer', (c) => c.references('parties.id'))
    .addColumn('project_id', 'integer', (c) => c.references('projects.id'))
    .addCheckConstraint('user_scope_names_one_thing', sql`(trust_party_id is null) <> (project_id is null)`)
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute()
  await db.schema.createIndex('sessions_by_user').on('sessions').column('user_id').execute()

  await db.schema
    .createTable('ledger_entries')
    .$call(withId(db))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql.raw(`kind in (${ENTRY_KINDS})`)))
    .addColumn('status', 'text', (c) => c.notNull().check(sql.raw(`status in (${ENTRY_STATUSES})`)))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('from_party_id', 'integer', (c) => c.notNull().references('parties.id'))
    .addColumn('to_party_id', 'integer', (c) => c.notNull().references('parties.id'))
    .addColumn('fiscal_year', 'integer', (c) => c.notNull()) // the year FY starts: 2024 = FY 2024-25
    .addColumn('value_date', 'text', (c) => c.notNull()) // YYYY-MM-DD
    .addColumn('gfs_code', 'text', (c) => c.references('revenue_streams.gfs_code'))
    .addColumn('purpose', 'text', (c) => c.check(sql.raw(`purpose in (${PURPOSES})`)))
    .addColumn('locality_id', 'integer', (c) => c.references('localities.id'))
    .addColumn('currency', 'text', (c) => c.notNull().check(sql`currency in ('PKR','USD')`))
    // Signed integer minor units: a reversal carries the negative of what it cancels, so sums need no CASE.
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    // PKR per one unit of `currency`, times 1,000,000 (exactly 1,000,000 for PKR).
    .addColumn('exchange_rate_micros', 'bigint', (c) => c.notNull())
    .addColumn('pkr_amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('description', 'text')
    .addColumn('comments', 'text')
    .addColumn('reverses_entry_id', 'integer', (c) => c.references('ledger_entries.id').unique())
    .addColumn('reversal_reason', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('rejection_reason', 'text')
    // Position in the published Merkle tree; given at approval, never reused.
    .addColumn('seq', 'integer', (c) => c.unique())
    .addCheckConstraint('entry_sign_matches_reversal', sql`(reverses_entry_id is null and amount_minor > 0) or (reverses_entry_id is not null and amount_minor < 0 and reversal_reason is not null)`)
    .addCheckConstraint('entry_payment_has_gfs_code', sql`(kind = 'payment') = (gfs_code is not null)`)
    .addCheckConstraint('entry_disbursement_has_purpose', sql`(kind = 'disbursement') = (purpose is not null)`)
    .addCheckConstraint('entry_pkr_rate_is_one', sql`currency <> 'PKR' or (exchange_rate_micros = 1000000 and pkr_amount_minor = amount_minor)`)
    .addCheckConstraint('entry_approved_has_seq', sql`(status = 'approved') = (seq is not null)`)
    .execute()
  await db.schema.createIndex('ledger_by_project').on('ledger_entries').columns(['project_id', 'status', 'kind', 'fiscal_year']).execute()
  await db.schema.createIndex('ledger_by_to_party').on('ledger_entries').columns(['to_party_id', 'status', 'kind']).execute()
  await db.schema.createIndex('ledger_by_from_party').on('ledger_entries').columns(['from_party_id', 'status', 'kind']).execute()
  await db.schema.createIndex('ledger_by_date').on('ledger_entries').columns(['status', 'value_date', 'id']).execute()

  await db.schema
    .createTable('revenue_sharing_rules')
    .$call(withId(db))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('trust_party_id', 'integer', (c) => c.notNull().references('parties.id'))
    .addColumn('gfs_code', 'text', (c) => c.notNull().references('revenue_streams.gfs_code'))
    .addColumn('share_basis_points', 'integer', (c) => c.notNull().check(sql`share_basis_points between 1 and 10000`))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('notes', 'text')
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  // An auditor's explanation of a gap between what a rule says and what was transferred.
  await db.schema
    .createTable('sharing_gap_explanations')
    .$call(withId(db))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('trust_party_id', 'integer', (c) => c.notNull().references('parties.id'))
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('employment_quotas')
    .$call(withId(db))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('job_category', 'text', (c) => c.notNull().check(sql.raw(`job_category in (${JOB_CATEGORIES})`)))
    .addColumn('local_scope', 'text', (c) => c.notNull().check(sql`local_scope in ('district','province')`))
    // Comma-free JSON array of district names when local_scope = 'district'.
    .addColumn('local_districts', 'text')
    .addColumn('min_local_basis_points', 'integer', (c) => c.notNull().check(sql`min_local_basis_points between 0 and 10000`))
    .addColumn('min_women_basis_points', 'integer', (c) => c.check(sql`min_women_basis_points between 0 and 10000`))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('supersedes_quota_id', 'integer', (c) => c.references('employment_quotas.id'))
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('employment_reports')
    .$call(withId(db))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('period_kind', 'text', (c) => c.notNull().check(sql`period_kind in ('quarter','month')`))
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql.raw(`status in (${ENTRY_STATUSES})`)))
    .addColumn('supersedes_report_id', 'integer', (c) => c.references('employment_reports.id').unique())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('rejection_reason', 'text')
    .execute()
  await db.schema.createIndex('reports_by_project_period').on('employment_reports').columns(['project_id', 'period_start', 'status']).execute()

  await db.schema
    .createTable('employment_report_lines')
    .addColumn('report_id', 'integer', (c) => c.notNull().references('employment_reports.id'))
    .addColumn('job_category', 'text', (c) => c.notNull().check(sql.raw(`job_category in (${JOB_CATEGORIES})`)))
    .addColumn('total_headcount', 'integer', (c) => c.notNull().check(sql`total_headcount >= 0`))
    .addColumn('local_headcount', 'integer', (c) => c.notNull().check(sql`local_headcount >= 0`))
    .addColumn('women_headcount', 'integer', (c) => c.notNull().check(sql`women_headcount >= 0`))
    .addPrimaryKeyConstraint('employment_report_lines_pk', ['report_id', 'job_category'])
    .addCheckConstraint('report_line_parts_within_total', sql`local_headcount <= total_headcount and women_headcount <= total_headcount`)
    .execute()

  await db.schema
    .createTable('employment_report_districts')
    .addColumn('report_id', 'integer', (c) => c.notNull().references('employment_reports.id'))
    .addColumn('job_category', 'text', (c) => c.notNull())
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('local_headcount', 'integer', (c) => c.notNull().check(sql`local_headcount >= 0`))
    .addPrimaryKeyConstraint('employment_report_districts_pk', ['report_id', 'job_category', 'district'])
    .execute()

  await db.schema
    .createTable('audit_events')
    .$call(withId(db))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('details', 'text') // JSON
    .execute()
  await db.schema.createIndex('audit_by_time').on('audit_events').columns(['at', 'id']).execute()

  await createImmutabilityTriggers(db)
}

/** The database itself refuses to change history: decided ledger entries, decided reports and audit events. */
async function createImmutabilityTriggers(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) {
    for (const table of ['ledger_entries', 'employment_reports']) {
      await sql.raw(`create trigger ${table}_decided_no_update before update on ${table}
        when old.status <> 'pending'
        begin select raise(abort, '${table}: decided rows are immutable'); end`).execute(db)
      await sql.raw(`create trigger ${table}_decided_no_delete before delete on ${table}
        when old.status <> 'pending'
        begin select raise(abort, '${table}: decided rows are immutable'); end`).execute(db)
    }
    for (const op of ['update', 'delete']) {
      await sql.raw(`create trigger audit_events_no_${op} before ${op} on audit_events
        begin select raise(abort, 'audit_events: append-only'); end`).execute(db)
    }
    return
  }
  await sql`create function hisaab_refuse_change() returns trigger language plpgsql as $$
    begin raise exception '%: % refused (append-only)', tg_table_name, tg_op; end $$`.execute(db)
  for (const table of ['ledger_entries', 'employment_reports']) {
    await sql.raw(`create trigger ${table}_decided_immutable before update or delete on ${table}
      for each row when (old.status <> 'pending') execute function hisaab_refuse_change()`).execute(db)
  }
  await sql.raw(`create trigger audit_events_append_only before update or delete on audit_events
    for each row execute function hisaab_refuse_change()`).execute(db)
}

function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter
}

/** An integer surrogate key: `integer primary key autoincrement` in SQLite, `serial` in PostgreSQL. */
function withId(db: Kysely<any>) {
  return <T extends string>(table: CreateTableBuilder<T, never>) =>
    isSqlite(db)
      ? table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      : table.addColumn('id', 'serial', (c) => c.primaryKey())
}

export async function down(): Promise<void> {
  throw new Error('The first migration is not reversible: it would drop the ledger.')
}
