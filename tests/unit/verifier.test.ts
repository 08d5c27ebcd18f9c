import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { consistencyProof, leafHash as appLeafHash } from '../../app/domain/merkle'
import { generateSigner } from '../../app/domain/signed-note'
import { run, VerificationError } from '../../verifier/hisaab-verify.mjs'
import { checkpointFor, exportLines, testSigner } from '../fixtures/signed-export'

const N = 37
const { signer, key } = testSigner()
const lines = exportLines(N)
const checkpoint = checkpointFor(lines, N, signer)

async function failure(exported: string[], options: { checkpoint?: string; previous?: string } = {}): Promise<string> {
  try {
    await run({ checkpoint: options.checkpoint ?? checkpoint, key, previous: options.previous }, exported)
  } catch (error) {
    if (error instanceof VerificationError) return error.message
    throw error
  }
  throw new Error('the verifier accepted it')
}

describe('the offline verifier', () => {
  test('accepts an untouched export, and a kept earlier checkpoint it extends', async () => {
    const report = await run({ checkpoint, key, previous: checkpointFor(lines, 20, signer) }, lines)
    expect(report.join('\n')).toMatch(/37 entries, seq 1–37 in order/)
    expect(report.join('\n')).toMatch(/kept checkpoint of 20 entries .* is a prefix/)
  })

  test('property: changing any byte of any entry names that entry', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: N - 1 }), fc.nat(), fc.integer({ min: 1, max: 255 }), async (index, at, delta) => {
        const bytes = Buffer.from(lines[index]!, 'utf8')
        const position = at % bytes.length
        bytes[position] = (bytes[position]! + delta) % 256
        const tampered = [...lines]
        // A changed byte may be a newline, which splits the line in two.
        tampered.splice(index, 1, ...bytes.toString('utf8').split('\n'))
        expect(await failure(tampered)).toContain(`line ${index + 1}`)
      }),
      { numRuns: 300 },
    )
  })

  test('property: dropping, duplicating or swapping entries is named', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: N - 2 }), fc.constantFrom('drop', 'duplicate', 'swap'), async (index, change) => {
        const tampered = [...lines]
        const seq = index + 1
        if (change === 'drop') {
          tampered.splice(index, 1)
          expect(await failure(tampered)).toContain(`entry seq ${seq} is missing`)
        } else if (change === 'duplicate') {
          tampered.splice(index, 0, lines[index]!)
          expect(await failure(tampered)).toContain(`entry seq ${seq} appears more than once`)
        } else {
          ;[tampered[index], tampered[index + 1]] = [tampered[index + 1]!, tampered[index]!]
          expect(await failure(tampered)).toBe(`entry seq ${seq} (line ${seq + 1}) comes after entry seq ${seq + 1} (line ${seq}): entries are out of order`)
        }
      }),
      { numRuns: 150 },
    )
  })

  test('property: a removal does not make the lines after it look out of order, and does not hide a reordering after it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: N - 4 }), fc.nat(), async (dropped, at) => {
        const tampered = [...lines]
        tampered.splice(dropped, 1)
        expect(await failure(tampered)).toBe(`entry seq ${dropped + 1} is missing: it was removed`)
        // Then two neighbours after the gap swapped: named beside the removal.
        const i = dropped + (at % (N - 2 - dropped))
        ;[tampered[i], tampered[i + 1]] = [tampered[i + 1]!, tampered[i]!]
        const [a, b] = [i + 2, i + 3] // the seqs now on lines i + 2 and i + 1
        expect((await failure(tampered)).split('\n')).toEqual([`entry seq ${dropped + 1} is missing: it was removed`, `entry seq ${a} (line ${i + 2}) comes after entry seq ${b} (line ${i + 1}): entries are out of order`])
      }),
      { numRuns: 100 },
    )
  })

  test('one entry moved far, or a copy placed before its original, is named alone', async () => {
    const moved = [...lines.slice(0, 2), ...lines.slice(3), lines[2]!]
    expect(await failure(moved)).toBe('entry seq 3 (line 37) comes after entry seq 37 (line 36): entries are out of order')
    const copied = [...lines.slice(0, 2), lines[19]!, ...lines.slice(2)]
    expect(await failure(copied)).toBe('entry seq 20 appears more than once (lines 3, 21): an entry was duplicated or inserted')
  })

  test('an export newer or older than the checkpoint is told apart from tampering, and pointed at the checkpoint of its own size', async () => {
    expect(await failure(lines, { checkpoint: checkpointFor(lines, 30, signer) })).toBe(
      "the export holds 37 entries, more than the checkpoint's 30: its first 30 entries match the signed root, but lines 31–37 hold entries approved after the checkpoint, which it does not cover. Verify the export against the checkpoint for 37 entries (/ledger/checkpoints/37)",
    )
    const forged = [...lines]
    forged[4] = exportLines(N, (seq) => (seq === 5 ? 'Royalty, month 5 (paid twice)' : `Royalty, month ${seq}`))[4]!
    expect(await failure(forged, { checkpoint: checkpointFor(lines, 30, signer) })).toMatch(/its first 30 entries do not add up to the signed root \(one was changed together with its leaf hash\), and lines 31–37/)
    expect(await failure(lines.slice(0, 30))).toBe(
      'entries seq 31–37 are missing: they were removed, or the export is older than the checkpoint (then verify it against the checkpoint for 30 entries, /ledger/checkpoints/30)',
    )
    // An entry above the checkpoint followed by one of the checkpoint's own is not newer but inserted.
    const later = exportLines(40)
    expect(await failure([...lines.slice(0, 30), later[37]!, ...lines.slice(30)])).toBe("line 31 holds entry seq 38, which is not in the checkpoint's 37 entries: an entry was inserted")
  })

  test('an entry dropped, an entry inserted, or an entry rewritten with its hash, is caught', async () => {
    expect(await failure([...lines.slice(0, 35), lines[36]!])).toBe('entry seq 36 is missing: it was removed')
    const inserted = [...lines.slice(0, 5), exportLines(50)[44]!, ...lines.slice(5)]
    expect(await failure(inserted)).toMatch(/line 6 holds entry seq 45, which is not in the checkpoint's 37 entries: an entry was inserted/)
    // A forger who recomputes the leaf hash is still caught by the signed root.
    const forged = [...lines]
    forged[9] = exportLines(N, (seq) => (seq === 10 ? 'Royalty, month 10 (paid twice)' : `Royalty, month ${seq}`))[9]!
    expect(await failure(forged)).toMatch(/do not add up to the signed root/)
    expect(await failure(forged, { previous: checkpointFor(lines, 20, signer) })).toMatch(/an entry among seq 1–20 \(they do not match the kept checkpoint either\)/)
    expect(await failure(forged, { previous: checkpointFor(lines, 5, signer) })).toMatch(/an entry among seq 6–37 was changed/)
    // The portal itself rewriting history: the export and the new checkpoint agree, the kept one does not.
    const rewritten = exportLines(N, (seq) => `rewritten ${seq}`)
    expect(await failure(rewritten, { checkpoint: checkpointFor(rewritten, N, signer), previous: checkpointFor(lines, 20, signer) })).toMatch(/INCONSISTENT: the first 20 entries/)
  })

  test('a checkpoint signed by another key, or altered, is refused', async () => {
    const impostor = generateSigner('hisaab.test/ledger').signer
    expect(await failure(lines, { checkpoint: checkpointFor(lines, N, impostor) })).toMatch(/not signed by hisaab\.test\/ledger\+/)
    expect(await failure(lines, { checkpoint: checkpoint.replace('\n37\n', '\n36\n') })).toMatch(/not signed by/)
    expect(await failure(lines, { previous: checkpointFor(lines, 20, impostor) })).toMatch(/the kept checkpoint is not signed by/)
  })

  test('checks a consistency proof between a kept checkpoint and a newer one without the export', async () => {
    const leaves = lines.map((l) => appLeafHash(Buffer.from(l.slice('{"entry":'.length, l.lastIndexOf(',"leaf_hash":')), 'utf8')))
    const proof = (from: number) => JSON.stringify({ from, to: N, proof: consistencyProof(leaves, from).map((h) => Buffer.from(h).toString('base64')) })
    const kept = checkpointFor(lines, 12, signer)
    expect((await run({ checkpoint, key, previous: kept, proof: proof(12) })).join('\n')).toMatch(/consistent: the kept checkpoint of 12 entries is a prefix/)
    const rewritten = checkpointFor(exportLines(N, (s) => `other ${s}`), 12, signer)
    await expect(run({ checkpoint, key, previous: rewritten, proof: proof(12) })).rejects.toThrow(/INCONSISTENT/)
    await expect(run({ checkpoint, key, previous: kept, proof: proof(11) })).rejects.toThrow(/the proof is from 11 to 37/)
  })

  test('as a command: exit 0 and VERIFIED, exit 1 naming the cause, exit 2 for a wrong command', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hisaab-verify-'))
    const file = (name: string, text: string) => {
      writeFileSync(join(dir, name), text)
      return join(dir, name)
    }
    const args = ['verifier/hisaab-verify.mjs', file('ledger.ndjson', `${lines.join('\n')}\n`), '--checkpoint', file('checkpoint', checkpoint), '--key', file('key', `${key}\n`)]
    expect(execFileSync('node', args, { encoding: 'utf8' })).toMatch(/VERIFIED\n$/)
    const broken = [...lines]
    broken[3] = broken[3]!.replace('month 4', 'month 5')
    args[1] = file('broken.ndjson', `${broken.join('\n')}\n`)
    const exit = (argv: string[]) => {
      try {
        execFileSync('node', argv, { encoding: 'utf8', stdio: 'pipe' })
        return { status: 0, stderr: '' }
      } catch (error) {
        const e = error as { status: number; stderr: string }
        return { status: e.status, stderr: e.stderr }
      }
    }
    expect(exit(args)).toEqual({ status: 1, stderr: expect.stringMatching(/NOT VERIFIED\nentry seq 4 \(line 4\) has been altered/) })
    expect(exit(['verifier/hisaab-verify.mjs', args[1]!])).toMatchObject({ status: 2 })
  })
})
