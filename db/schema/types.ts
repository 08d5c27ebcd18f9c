import type { ColumnType, Generated } from 'kysely'

/** A 64-bit integer: better-sqlite3 returns a number, pg returns a string. Models turn it into a bigint. */
export type Int8 = ColumnType<number | string, bigint | number | string, bigint | number | string>
/** Times and dates are ISO 8601 text (UTC), which sorts and compares the same in SQLite and PostgreSQL. */
export type IsoText = string
export type Id = Generated<number>
export type Flag = ColumnType<number, number | undefined, number>

export type Province = 'balochistan' | 'khyber_pakhtunkhwa' | 'gilgit_baltistan' | 'punjab' | 'sindh' | 'federal'
export type PartyKind = 'company' | 'government_federal' | 'government_provincial' | 'trust' | 'beneficiary'
export type BeneficiaryKind = 'village_organisation' | 'school' | 'clinic' | 'scholarship_programme' | 'contractor' | 'other'
export type ProjectStatus = 'exploration' | 'development' | 'production' | 'closed'
export type EntryKind = 'payment' | 'share_transfer' | 'direct_contribution' | 'disbursement'
export type DecisionStatus = 'pending' | 'approved' | 'rejected'
export type Purpose = 'education' | 'health' | 'water' | 'livelihoods' | 'infrastructure' | 'scholarships' | 'other'
export type JobCategory = 'unskilled' | 'semi_skilled' | 'skilled' | 'professional' | 'management'
export type Role = 'admin' | 'officer' | 'auditor'
export type Currency = 'PKR' | 'USD'
