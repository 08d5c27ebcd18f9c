import { describe, expect, test } from 'vitest'
import { defaultExportDir, defaultKeyFile } from '../../app/local-files.server'

describe("the portal's own files, when not configured", () => {
  test('sit beside a SQLite file, and in ./data for a PostgreSQL database', () => {
    expect(defaultKeyFile('./data/hisaab.sqlite')).toBe('data/ledger-signing-key')
    expect(defaultExportDir('/srv/hisaab/hisaab.sqlite')).toBe('/srv/hisaab/exports')
    expect(defaultKeyFile('sqlite:///srv/hisaab/hisaab.sqlite')).toBe('/srv/hisaab/ledger-signing-key')
    expect(defaultKeyFile('postgres://hisaab:secret@db.example:5432/hisaab')).toBe('data/ledger-signing-key')
    expect(defaultExportDir('postgresql://db.example/hisaab')).toBe('data/exports')
  })
})
