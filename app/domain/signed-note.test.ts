import { describe, expect, test } from 'vitest'
import { checkpointText, generateSigner, NoteError, noteKeyNames, openNote, parseCheckpoint, parsePrivateKey, parseVerifierKey, signNote, verifierKey, verifierOf } from './signed-note'

// The example key and note of the reference implementation, golang.org/x/mod/sumdb/note (note_test.go).
const VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'
const SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz'
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
const NOTE = `${TEXT}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`

describe('signed notes', () => {
  test('reproduce the reference implementation byte for byte: key ID, verifier key and signature', () => {
    const signer = parsePrivateKey(SKEY)
    expect(verifierKey(signer)).toBe(VKEY)
    expect(signNote(TEXT, signer)).toBe(NOTE)
    expect(openNote(NOTE, parseVerifierKey(VKEY))).toBe(TEXT)
  })

  test('a changed text, a changed signature or another key is refused, saying why', () => {
    const key = parseVerifierKey(VKEY)
    expect(() => openNote(NOTE.replace('cryptography', 'cryptographY'), key)).toThrow(/does not verify/)
    expect(() => openNote(NOTE.replace('x08go', 'x08gp'), key)).toThrow(NoteError)
    const other = generateSigner('PeterNeumann').signer
    expect(() => openNote(signNote(TEXT, other), key)).toThrow(/does not verify/)
    expect(() => openNote(signNote(TEXT, generateSigner('Someone').signer), key)).toThrow(/no signature by PeterNeumann/)
    expect(() => openNote(TEXT, key)).toThrow(/not a signed note/)
  })

  test('malformed keys are refused: every truncation and every changed character of the verifier key', () => {
    for (let i = 0; i < VKEY.length; i++) {
      const changed = VKEY.slice(0, i) + String.fromCharCode(VKEY.charCodeAt(i) + 1) + VKEY.slice(i + 1)
      expect(() => parseVerifierKey(changed), changed).toThrow(NoteError)
      if (i > 0) expect(() => parseVerifierKey(VKEY.slice(0, i))).toThrow(NoteError)
    }
    expect(() => parsePrivateKey(SKEY.replace('c74f20a3', 'c74f20a4'))).toThrow(/does not match/)
    expect(() => generateSigner('has space')).toThrow(NoteError)
    expect(() => generateSigner('has+plus')).toThrow(NoteError)
  })

  test("a signer's own verifier opens what it signed and nothing another key signed; the note names who signed", () => {
    const signer = parsePrivateKey(SKEY)
    expect(openNote(NOTE, verifierOf(signer))).toBe(TEXT)
    const other = generateSigner('PeterNeumann').signer
    expect(() => openNote(NOTE, verifierOf(other))).toThrow(/does not verify/)
    expect(noteKeyNames(NOTE)).toEqual(['PeterNeumann+c74f20a3'])
    const cosigned = `${NOTE}${signNote(TEXT, generateSigner('witness.example').signer).slice(TEXT.length + 1)}`
    expect(noteKeyNames(cosigned)).toEqual(['PeterNeumann+c74f20a3', expect.stringMatching(/^witness\.example\+[0-9a-f]{8}$/)])
    expect(noteKeyNames(TEXT)).toEqual([])
  })

  test('a generated key round-trips through its private-key text', () => {
    const { signer, privateKeyText } = generateSigner('hisaab.test/ledger')
    expect(verifierKey(parsePrivateKey(privateKeyText))).toBe(verifierKey(signer))
  })
})

describe('checkpoints', () => {
  test('origin, size, base64 root and time, and back', () => {
    const root = Buffer.alloc(32, 7)
    const text = checkpointText({ origin: 'hisaab.test/ledger', size: 42, root, signedAt: '2026-11-28T10:00:00.000Z' })
    expect(text).toBe(`hisaab.test/ledger\n42\n${root.toString('base64')}\ntime 2026-11-28T10:00:00.000Z\n`)
    expect(parseCheckpoint(text)).toEqual({ origin: 'hisaab.test/ledger', size: 42, root, signedAt: '2026-11-28T10:00:00.000Z' })
    expect(() => parseCheckpoint('o\n042\nAAAA\n')).toThrow(NoteError)
    expect(() => parseCheckpoint(`o\n1\n${Buffer.alloc(31).toString('base64')}\n`)).toThrow(/root/)
    expect(() => parseCheckpoint(`o\n1\n${root.toString('base64')}`)).toThrow(NoteError)
  })
})
