import { postgresUrlFor } from '../fixtures/postgres-admin'

/**
 * The database the e2e server runs on, shared by playwright.config.ts (which makes and seeds it)
 * and the fixtures (which read it): a SQLite file, or with E2E_DATABASE=postgres
 * (`npm run test:e2e:pg`) a PostgreSQL database of its own on TEST_POSTGRES_URL's server, named by
 * the port so that two runs side by side never share one.
 */
export const E2E_ENGINE = process.env.E2E_DATABASE === 'postgres' ? 'postgres' : 'sqlite'
export const E2E_PORT = Number(process.env.E2E_PORT ?? (E2E_ENGINE === 'postgres' ? 3211 : 3210))
export const E2E_DATA_DIR = E2E_ENGINE === 'postgres' ? './data/e2e-pg' : './data/e2e'
export const E2E_POSTGRES_DATABASE = `hisaab_e2e_${E2E_PORT}`
export const E2E_DATABASE_URL = E2E_ENGINE === 'postgres' ? postgresUrlFor(E2E_POSTGRES_DATABASE) : `${E2E_DATA_DIR}/hisaab.sqlite`
