import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, expect, test } from 'vitest'
import { PERMISSIONS } from '../../app/auth/permissions'

// Route modules open the app's database when imported: give them a throwaway file.
process.env.DATABASE_URL = join(mkdtempSync(join(tmpdir(), 'hisaab-routes-')), 'routes.sqlite')

const routeFiles = import.meta.glob('../../app/routes/**/*.tsx')
let modules: Array<[string, Record<string, unknown>]>

beforeAll(async () => {
  modules = await Promise.all(Object.entries(routeFiles).map(async ([file, load]) => [file, (await load()) as Record<string, unknown>] as [string, Record<string, unknown>]))
})

test('there are routes to check', () => {
  expect(Object.keys(routeFiles).length).toBeGreaterThanOrEqual(6)
})

test('every route declares the permission it needs (deny by default: no declaration fails the suite)', () => {
  const undeclared = modules.filter(([, mod]) => !PERMISSIONS.includes((mod.handle as { permission?: never } | undefined)?.permission as never)).map(([file]) => file)
  expect(undeclared).toEqual([])
})
