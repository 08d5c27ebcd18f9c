import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import Ajv from 'ajv-draft-04'
import addFormats from 'ajv-formats'
import { strFromU8, unzipSync } from 'fflate'
// @ts-expect-error datapackage-js ships no types
import { Package } from 'datapackage'
import profile from 'datapackage/src/profiles/tabular-data-package.json' with { type: 'json' }
import { afterAll, beforeAll, expect, test } from 'vitest'
import enData from '../../locales/en/data.json'
import { generateSigner } from '../../app/domain/signed-note'
import { dataPackageDescriptor, dataPackageZip, tableText } from '../../app/exports/open-tables'
import { exportFromWorker } from '../../app/exports/export-workers.server'
import { publishCheckpoint } from '../../app/models/ledger-tree.server'
import { OPEN_TABLES } from '../../app/models/open-data.server'
import { seedDemoData } from '../../scripts/demo-data'
import { parseCsv } from '../fixtures/csv'
import { createTestDb } from '../fixtures/db'

let t: Awaited<ReturnType<typeof createTestDb>>
let files: Record<string, Uint8Array>
let dir: string
let zippedByWorker: Uint8Array
let zippedInProcess: Uint8Array

beforeAll(async () => {
  t = await createTestDb()
  await seedDemoData(t.db)
  const checkpoint = await publishCheckpoint(t.db, generateSigner('hisaab.test/ledger').signer)
  const at = { checkpoint: { size: checkpoint.size, url: `/ledger/checkpoints/${checkpoint.size}`, signedAt: checkpoint.signedAt } }
  const describe = (c: string) => (enData.columns as Record<string, string>)[c] ?? ''
  const csvOf = (table: (typeof OPEN_TABLES)[number]) => tableText(t.db, table, 'csv', at, { bom: false })
  const descriptor = `${JSON.stringify(dataPackageDescriptor(OPEN_TABLES, at, describe), null, 2)}\n`
  const zipped = new Uint8Array(await new Response(dataPackageZip(OPEN_TABLES, descriptor, csvOf)).arrayBuffer())
  // The server makes the same zip in its export worker, byte for byte.
  const pieces: Uint8Array[] = []
  for await (const piece of exportFromWorker({ kind: 'data-package', databaseUrl: t.file, gzip: false, descriptor, at })) pieces.push(piece)
  zippedByWorker = Buffer.concat(pieces)
  zippedInProcess = zipped
  files = unzipSync(zipped)
  dir = mkdtempSync(join(tmpdir(), 'hisaab-datapackage-'))
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true })
    writeFileSync(join(dir, name), bytes)
  }
}, 120_000)
afterAll(async () => {
  await t.close()
  rmSync(dir, { recursive: true, force: true })
})

test('datapackage.json is valid against the Tabular Data Package profile, with its licence and checkpoint', () => {
  const ajv = new Ajv({ allErrors: true, strictTypes: false })
  // Keywords the profile uses for documentation and forms only.
  ajv.addVocabulary(['propertyOrder', 'context', 'examples', 'notes', 'options', 'hidden'])
  addFormats(ajv)
  ajv.addFormat('textarea', true)
  const validate = ajv.compile(profile)
  const descriptor = JSON.parse(strFromU8(files['datapackage.json']!))
  expect(validate(descriptor), JSON.stringify(validate.errors, null, 2)).toBe(true)
  expect(descriptor.licenses).toEqual([{ name: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0', path: 'https://creativecommons.org/licenses/by/4.0/' }])
  expect(descriptor.hisaab_checkpoint.size).toBeGreaterThan(2000)
  expect(descriptor.resources.map((r: { name: string }) => r.name)).toEqual(OPEN_TABLES.map((table) => table.name))
  // Every column is described in the data dictionary.
  for (const r of descriptor.resources) for (const f of r.schema.fields) expect(f.description, `${r.name}.${f.name}`).not.toBe('')
  // A broken descriptor is refused, so the check above can fail.
  expect(validate({ ...descriptor, name: 'Not Valid' })).toBe(false)
})

test('every CSV in the package has the schema’s columns, and every cell reads as its declared type', async () => {
  const pkg = await Package.load(join(dir, 'datapackage.json'))
  expect(pkg.valid, String(pkg.errors)).toBe(true)
  for (const resource of pkg.resources) {
    // No byte order mark in the package (readers would take it for part of the first name).
    const csv = Buffer.from(files[resource.descriptor.path]!).toString('utf8')
    expect(csv.startsWith('\uFEFF')).toBe(false)
    const [header, ...rows] = parseCsv(csv)
    expect(header).toEqual(resource.descriptor.schema.fields.map((f: { name: string }) => f.name))
    // read() casts every cell to its field's type and throws on any that does not fit.
    const typed = await resource.read({ keyed: true })
    expect(typed).toHaveLength(rows.length)
    // The demo data fills every table, so every schema is checked against real rows.
    expect(rows.length, resource.name).toBeGreaterThan(0)
  }
}, 60_000)

test('the export worker makes the same zip, byte for byte', () => {
  expect(zippedByWorker.length).toBeGreaterThan(1000)
  expect(Buffer.from(zippedByWorker).equals(Buffer.from(zippedInProcess))).toBe(true)
})
