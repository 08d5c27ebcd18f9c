import { mkdtempSync, readFileSync, writeFileSync, appendFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { withoutFormulaGuard } from '../../app/domain/csv'
import { LEDGER_COLUMNS } from '../../app/domain/published-entry'
import { generateSigner, verifierKey } from '../../app/domain/signed-note'
import { FullLedgerExport } from '../../app/exports/full-ledger-file.server'
import { ledgerText, type LedgerFormat } from '../../app/exports/ledger-formats'
import { filteredEntries } from '../../app/models/ledger-export.server'
import { listLedger } from '../../app/models/ledger-list.server'
import type { LedgerFilters } from '../../app/models/ledger-filters'
import { publishCheckpoint, treeSize } from '../../app/models/ledger-tree.server'
import { run } from '../../verifier/hisaab-verify.mjs'
import { parseCsv } from '../fixtures/csv'
import { createTestDb } from '../fixtures/db'
import { buildWorld } from '../fixtures/world'

const NAUGHTY: string[] = JSON.parse(readFileSync(new URL('../../../shared/testdata/blns/blns.json', import.meta.url), 'utf8'))

let t: Awaited<ReturnType<typeof createTestDb>>
let w: Awaited<ReturnType<typeof buildWorld>>
beforeEach(async () => {
  t = await createTestDb()
  w = await buildWorld(t.db)
})
afterEach(async () => t.close())

async function exported(format: LedgerFormat, filters: LedgerFilters = {}, batchSize?: number): Promise<string> {
  const size = await treeSize(t.db)
  let text = ''
  for await (const chunk of ledgerText(format, { checkpoint: { size, url: `/ledger/checkpoints/${size}` }, filters: {} }, filteredEntries(t.db, filters, size, batchSize))) text += chunk
  return text
}

const receipt = (i: number, description: string) =>
  ({ kind: 'share_transfer', fromPartyId: w.province, toPartyId: w.trust, valueDate: `2025-${String((i % 12) + 1).padStart(2, '0')}-01`, currency: 'PKR', amountMinor: BigInt(i + 1), description }) as const

describe('ledger exports', () => {
  test('every naughty string, stored as a description, comes back byte for byte from the JSON and the CSV export', async () => {
    const ids = new Map<number, string>()
    for (const [i, s] of NAUGHTY.entries()) ids.set(await w.post(receipt(i, s)), s)
    const json = JSON.parse(await exported('json')) as { licence: { name: string }; checkpoint: { size: number }; entries: Array<{ entry_id: number; description: string; leaf_hash: string }> }
    expect(json.licence.name).toBe('CC-BY-4.0')
    expect(json.checkpoint.size).toBe(NAUGHTY.length)
    expect(json.entries).toHaveLength(NAUGHTY.length)
    for (const e of json.entries) expect(e.description).toBe(ids.get(e.entry_id))

    const csv = await exported('csv')
    expect(csv.startsWith('\uFEFF')).toBe(true)
    const [header, ...rows] = parseCsv(csv.slice(1))
    expect(header).toEqual([...LEDGER_COLUMNS])
    const column = (name: string) => LEDGER_COLUMNS.indexOf(name as (typeof LEDGER_COLUMNS)[number])
    expect(rows).toHaveLength(NAUGHTY.length)
    for (const row of rows) expect(withoutFormulaGuard(row[column('description')]!)).toBe(ids.get(Number(row[column('entry_id')])))
    // Only text is guarded: amounts are written as plain numbers.
    expect(rows.every((r) => /^\d+\.\d\d$/.test(r[column('value_pkr')]!))).toBe(true)
    // Every form carries the same fields: the CSV has the format, and the leaf hash in hex, which
    // never begins with a formula character as one base64 hash in 64 does ("+").
    const base64Hash = new Map(json.entries.map((e) => [e.entry_id, e.leaf_hash]))
    expect([...base64Hash.values()].filter((h) => h.startsWith('+')).length).toBeGreaterThan(0)
    for (const row of rows) {
      expect(row[column('format')]).toBe('hisaab-ledger-entry/1')
      expect(row[column('leaf_hash_hex')]).toBe(Buffer.from(base64Hash.get(Number(row[column('entry_id')]))!, 'base64').toString('hex'))
    }
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r[column('leaf_hash_hex')]!))).toBe(true)
  }, 60_000)

  test('a filtered export holds exactly the entries the filtered page lists, in its order, however it is batched', async () => {
    for (let i = 0; i < 30; i++) await w.post(receipt(i, i % 3 === 0 ? `water ${i}` : `road ${i}`))
    await w.post({ kind: 'payment', fromPartyId: w.company, toPartyId: w.province, valueDate: '2025-07-15', gfsCode: '1415E1', currency: 'PKR', amountMinor: 5_00n })
    for (const filters of [{}, { text: 'water' }, { trustId: w.trust, order: 'asc' as const }, { kind: 'payment' as const }, { fiscalYear: 2024 }]) {
      const page = await listLedger(t.db, filters, { limit: 200 })
      const lines = (await exported('ndjson', filters, 4)).trimEnd().split('\n').filter(Boolean)
      expect(lines.map((l) => JSON.parse(l).entry.entry_id)).toEqual(page.rows.map((r) => r.id))
    }
  })

  test('entries approved after the checkpoint are left out, so the export matches the checkpoint it names', async () => {
    for (let i = 0; i < 3; i++) await w.post(receipt(i, 'before'))
    await w.post(receipt(9, 'after'))
    let text = ''
    for await (const chunk of ledgerText('ndjson', { checkpoint: { size: 3, url: '' }, filters: {} }, filteredEntries(t.db, {}, 3))) text += chunk
    expect(text.trimEnd().split('\n').map((l) => JSON.parse(l).entry.seq).sort()).toEqual([1, 2, 3])
  })
})

describe('the prebuilt full-ledger file', () => {
  test('grows with the ledger, verifies against each checkpoint, and mends a half-written append', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hisaab-export-'))
    try {
      const { signer } = generateSigner('hisaab.test/ledger')
      const key = verifierKey(signer)
      const file = new FullLedgerExport(t.db, dir)
      for (let i = 0; i < 7; i++) await w.post(receipt(i, `entry ${i}`))
      const first = await publishCheckpoint(t.db, signer)
      const seven = await file.upTo(7)
      expect(seven.entries).toBe(7)
      const text = readFileSync(seven.path, 'utf8')
      expect(Buffer.byteLength(text)).toBe(seven.bytes)
      await expect(run({ checkpoint: first.note, key }, text.trimEnd().split('\n'))).resolves.toContain('ok  the Merkle root of the entries is the signed root')

      // A crash after lines were written but before the state was saved: the extra bytes are cut off.
      appendFileSync(seven.path, '{"entry":{"half')
      for (let i = 0; i < 5; i++) await w.post(receipt(i, `later ${i}`))
      const second = await publishCheckpoint(t.db, signer)
      const twelve = await new FullLedgerExport(t.db, dir).upTo(12)
      const grown = readFileSync(twelve.path, 'utf8')
      expect(grown.startsWith(text)).toBe(true)
      expect(Buffer.byteLength(grown)).toBe(twelve.bytes)
      const report = await run({ checkpoint: second.note, key, previous: first.note }, grown.trimEnd().split('\n'))
      expect(report.join('\n')).toMatch(/kept checkpoint of 7 entries .* is a prefix/)

      // A lost state file: the file is rebuilt from the ledger.
      writeFileSync(join(dir, 'ledger.ndjson.state.json'), 'garbage')
      expect(readFileSync((await new FullLedgerExport(t.db, dir).upTo(12)).path, 'utf8')).toBe(grown)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('exports made in a worker thread', () => {
  test('give the same bytes as made in-process, for the ledger and for a table', async () => {
    const { exportFromWorker } = await import('../../app/exports/export-workers.server')
    const { tableText } = await import('../../app/exports/open-tables')
    const { OPEN_TABLES } = await import('../../app/models/open-data.server')
    for (let i = 0; i < 40; i++) await w.post(receipt(i, i % 2 ? `naughty ${NAUGHTY[i]}` : `plain ${i}`))
    const size = await treeSize(t.db)
    const collect = async (chunks: AsyncIterable<string | Uint8Array>) => {
      const parts: Buffer[] = []
      for await (const c of chunks) parts.push(typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c))
      return Buffer.concat(parts).toString('utf8')
    }
    const heading = { checkpoint: { size, url: `/ledger/checkpoints/${size}` }, filters: { q: 'naughty' } }
    const viaWorker = await collect(exportFromWorker({ kind: 'ledger', databaseUrl: t.file, gzip: false, format: 'csv', filters: { text: 'naughty' }, upToSeq: size, heading }))
    expect(viaWorker).toBe(await collect(ledgerText('csv', heading, filteredEntries(t.db, { text: 'naughty' }, size))))
    expect(viaWorker.split('\r\n').length).toBeGreaterThan(20)
    const at = { checkpoint: { size, url: '', signedAt: '2026-01-01T00:00:00.000Z' } }
    const parties = OPEN_TABLES.find((table) => table.name === 'parties')!
    expect(await collect(exportFromWorker({ kind: 'table', databaseUrl: t.file, gzip: false, table: 'parties', format: 'json', bom: true, at }))).toBe(await collect(tableText(t.db, parties, 'json', at)))

    // A reader who goes away part-way stops the job; the worker then serves the next download whole.
    // Two-, three- and four-byte characters make the text cross its 64 KB pieces mid-character.
    for (let i = 0; i < 400; i++) await w.post(receipt(i, `long ${'ںx😀حx'.repeat(80 + (i % 7))} ${i}`))
    const all = { kind: 'ledger' as const, databaseUrl: t.file, gzip: false, format: 'ndjson' as const, filters: {}, upToSeq: await treeSize(t.db), heading }
    for await (const piece of exportFromWorker(all)) {
      expect(piece.length).toBeGreaterThan(0)
      break
    }
    const pieces: Uint8Array[] = []
    for await (const piece of exportFromWorker(all)) pieces.push(piece)
    expect(pieces.length).toBeGreaterThan(4)
    expect(pieces.every((piece) => piece.length <= 64 * 1024)).toBe(true)
    const whole = Buffer.concat(pieces).toString('utf8')
    expect(whole).toBe(await collect(ledgerText('ndjson', heading, filteredEntries(t.db, {}, all.upToSeq))))
    expect(whole.trimEnd().split('\n')).toHaveLength(440)
    // Compressed by the worker: the same text once gunzipped.
    const { gunzipSync } = await import('node:zlib')
    const zipped: Buffer[] = []
    for await (const piece of exportFromWorker({ ...all, gzip: true })) zipped.push(Buffer.from(piece))
    expect(gunzipSync(Buffer.concat(zipped)).toString('utf8')).toBe(await collect(exportFromWorker(all)))
  }, 60_000)

  test('a download in progress holds up no write, and still holds exactly the entries of its checkpoint', async () => {
    const { exportFromWorker } = await import('../../app/exports/export-workers.server')
    for (let i = 0; i < 300; i++) await w.post(receipt(i, `long ${'x'.repeat(3000)} ${i}`))
    const size = await treeSize(t.db)
    const heading = { checkpoint: { size, url: `/ledger/checkpoints/${size}` }, filters: {} }
    const download = exportFromWorker({ kind: 'ledger', databaseUrl: t.file, gzip: false, format: 'ndjson', filters: {}, upToSeq: size, heading })[Symbol.asyncIterator]()
    const pieces = [(await download.next()).value as Uint8Array]
    // The reader has taken one piece of about fifteen: the worker waits, part-way through its read.
    await new Promise((resolve) => setTimeout(resolve, 200))
    const written = await w.post(receipt(300, 'recorded and approved while the download waits'))
    expect(await treeSize(t.db)).toBe(size + 1)
    for (let next = await download.next(); !next.done; next = await download.next()) pieces.push(next.value)
    expect(pieces.length).toBeGreaterThan(10)
    const lines = Buffer.concat(pieces).toString('utf8').trimEnd().split('\n')
    expect(lines).toHaveLength(size)
    expect(lines.some((line) => (JSON.parse(line) as { entry: { entry_id: number } }).entry.entry_id === written)).toBe(false)
  }, 60_000)
})
