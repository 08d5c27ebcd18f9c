/**
 * Characters that change how text reads without showing themselves: the bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can turn "1,000" into "000,1" on the
 * screen or a name into another, and the zero-width space, word joiner and byte-order mark
 * (U+200B, U+2060, U+FEFF), which make two names that look alike differ. The zero-width non-joiner
 * and joiner (U+200C, U+200D) are not among them: Urdu and Balochi spelling needs them.
 */
const HIDDEN = /[\u202A-\u202E\u2066-\u2069\u200B\u2060\uFEFF]/u

export function hasHiddenCharacters(text: string): boolean {
  return HIDDEN.test(text)
}
