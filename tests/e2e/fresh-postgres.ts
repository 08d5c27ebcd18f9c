// The PostgreSQL e2e run's first step (playwright.config.ts): its database, dropped if an earlier
// run left it, and made anew, empty.
import { asAdmin } from '../fixtures/postgres-admin'
import { E2E_POSTGRES_DATABASE } from './database'

await asAdmin(async (admin) => {
  await admin.query(`drop database if exists ${E2E_POSTGRES_DATABASE} with (force)`)
  await admin.query(`create database ${E2E_POSTGRES_DATABASE}`)
})
