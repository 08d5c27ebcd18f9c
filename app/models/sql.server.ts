import { sql, type RawBuilder } from 'kysely'

/**
 * SUM of an integer money column, as exact decimal text: SQLite would hand a large sum back as a
 * lossy JS number and PostgreSQL as numeric; text is exact on both. Read it with toMinor().
 */
export function sumAsText(column: 'amount_minor' | 'pkr_amount_minor'): RawBuilder<string> {
  return sql<string>`cast(coalesce(sum(${sql.ref(column)}), 0) as text)`
}
