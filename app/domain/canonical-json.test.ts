import canonicalize from 'canonicalize'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { canonicalJson, type JsonValue } from './canonical-json'

describe('RFC 8785 canonical JSON', () => {
  test('the examples of RFC 8785 §3.2.2 and §3.2.3', () => {
    const numbers = JSON.parse('{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}')
    expect(canonicalJson(numbers)).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}')
    const sorting = JSON.parse('{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control", "\\u00f6": "Latin Small Letter O With Diaeresis"}')
    // (Re-parsing would put "1" first again: JavaScript objects list integer-like keys first.)
    const out = canonicalJson(sorting)
    const positions = ['Carriage Return', 'One', 'Control', 'Latin Small Letter O With Diaeresis', 'Euro Sign', 'Emoji: Grinning Face', 'Hebrew Letter Dalet With Dagesh'].map((v) => out.indexOf(v))
    expect(positions.every((p, i) => p > 0 && (i === 0 || p > positions[i - 1]!))).toBe(true)
  })

  test('property: the same bytes as the canonicalize package (the RFC authors’ implementation) for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value as JsonValue)).toBe(canonicalize(value))
      }),
      { numRuns: 2000 },
    )
  })

  test('non-JSON values are refused rather than silently dropped', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError)
    expect(() => canonicalJson({ a: undefined } as unknown as JsonValue)).toThrow(TypeError)
    expect(() => canonicalJson(1n as unknown as JsonValue)).toThrow(TypeError)
  })

  test('a lone surrogate is refused anywhere (RFC 8785 §3.2.2.2); a pair is one astral character, written raw', () => {
    for (const bad of ['\uD800', 'a\uDC00', '\uDE00\uD83D']) {
      expect(() => canonicalJson(bad)).toThrow(/lone surrogate/)
      expect(() => canonicalJson({ text: [bad] })).toThrow(/lone surrogate/)
      expect(() => canonicalJson({ [bad]: 1 })).toThrow(/lone surrogate/)
    }
    expect(canonicalJson({ school: '\uD83C\uDFEB' })).toBe('{"school":"🏫"}')
  })
})
