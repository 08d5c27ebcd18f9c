/**
 * RFC 8785 JSON Canonicalization Scheme (JCS) for the values JSON.parse can give.
 *
 * JCS serialises strings and numbers exactly as ECMAScript's JSON.stringify does, so only the
 * object rule needs code: members sorted by the UTF-16 code units of their names, no whitespace.
 * Non-finite numbers, undefined, functions and bigints are not JSON and are refused.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value)
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
        return `${JSON.stringify(key)}:${canonicalJson(member)}`
      })
    return `{${members.join(',')}}`
  }
  throw new TypeError(`a ${typeof value} has no JSON form`)
}
