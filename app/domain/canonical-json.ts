/**
 * RFC 8785 JSON Canonicalization Scheme (JCS) for the values JSON.parse can give.
 *
 * JCS serialises strings and numbers exactly as ECMAScript's JSON.stringify does, so only the
 * object rule needs code: members sorted by the UTF-16 code units of their names, no whitespace.
 * Non-finite numbers, undefined, functions and bigints are not JSON and are refused.
 *
 * Strings must be well-formed UTF-16 (RFC 8785 §3.2.2.2 requires an error otherwise): a lone
 * surrogate has no UTF-8 encoding, and JSON.stringify would write it as an escape such as
 * "\udead" that other canonicalisers refuse or write differently, so a leaf holding one could not
 * be checked outside JavaScript.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

// With the u flag a regular expression reads code points: a paired surrogate is one astral code
// point, so only a lone surrogate is a code point of the Surrogate category.
const LONE_SURROGATE = /\p{Cs}/u

/** True when `text` has no lone surrogate, so it has a UTF-8 encoding and a canonical JSON form. */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text)
}

function jsonString(text: string): string {
  if (!isWellFormedText(text)) throw new TypeError(`${JSON.stringify(text)} holds a lone surrogate, which RFC 8785 refuses`)
  return JSON.stringify(text)
}

export function canonicalJson(value: JsonValue): string {
  if (typeof value === 'string') return jsonString(value)
  if (value === null || typeof value === 'boolean') return JSON.stringify(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${value} has no JSON form`)
    return JSON.stringify(value)
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (typeof value === 'object') {
    // Default sort compares UTF-16 code units, which is the order RFC 8785 §3.2.3 asks for.
    const members = Object.keys(value)
      .sort()
      .map((key) => {
        const member = value[key]
        if (member === undefined) throw new TypeError(`member "${key}" is undefined, which JSON cannot hold`)
        return `${jsonString(key)}:${canonicalJson(member)}`
      })
    return `{${members.join(',')}}`
  }
  throw new TypeError(`a ${typeof value} has no JSON form`)
}
