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
          const message = await failure(tampered)
          expect(message).toContain(`entry seq ${seq + 1} is on line ${seq}, not line ${seq + 1}: entries are out of order`)
          expect(message).toContain(`entry seq ${seq} is on line ${seq + 1}`)
        }
      }),
      { numRuns: 150 },
    )
  })

  test('the last entry dropped, an entry inserted, or an entry rewritten with its hash, is caught', async () => {
    expect(await failure(lines.slice(0, -1))).toBe('entry seq 37 is missing: it was removed')
    expect(await failure(lines, { checkpoint: checkpointFor(lines, 30, signer) })).toMatch(/holds 37 entries, more than the checkpoint's 30/)
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
