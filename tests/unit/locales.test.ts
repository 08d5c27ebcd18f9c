import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { LANGS } from '../../app/i18n/locales'
import { NAMESPACES } from '../../app/i18n/resources'

const localesDir = fileURLToPath(new URL('../../locales', import.meta.url))
const read = (lang: string, ns: string) => JSON.parse(readFileSync(`${localesDir}/${lang}/${ns}.json`, 'utf8')) as Record<string, unknown>

/** Every leaf key, dotted, with its string. */
function leaves(obj: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(obj)) {
    if (value !== null && typeof value === 'object') for (const [k, v] of leaves(value as Record<string, unknown>, `${prefix}${key}.`)) out.set(k, v)
    else out.set(`${prefix}${key}`, String(value))
  }
  return out
}

const withoutPlaceholders = (text: string) => text.replace(/\{\{\s*\w+\s*\}\}/g, '')
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort()

test('every namespace file exists for every language, and no other', () => {
  for (const lang of LANGS) {
    expect(readdirSync(`${localesDir}/${lang}`).sort()).toEqual(NAMESPACES.map((ns) => `${ns}.json`).sort())
  }
})

describe.each(LANGS.filter((l) => l !== 'en'))('%s', (lang) => {
  test.each(NAMESPACES)('has every key of en/%s.json, translated, with the same placeholders', (ns) => {
    const english = leaves(read('en', ns))
    const translated = leaves(read(lang, ns))
    const missing = [...english.keys()].filter((k) => !translated.has(k))
    expect(missing, `missing in ${lang}/${ns}.json`).toEqual([])
    const extra = [...translated.keys()].filter((k) => !english.has(k))
    expect(extra, `keys in ${lang}/${ns}.json that en lacks`).toEqual([])
    for (const [key, en] of english) {
      const text = translated.get(key)!
      expect(text.trim(), `${lang}/${ns}:${key} is empty`).not.toBe('')
      // A copy of the English is not a translation (separators and the like excepted).
      if (/[A-Za-z]{2,}/.test(withoutPlaceholders(en))) expect(text, `${lang}/${ns}:${key} is copied from English`).not.toBe(en)
      expect(placeholders(text), `${lang}/${ns}:${key} placeholders`).toEqual(placeholders(en))
    }
  })

  test('Urdu and Balochi UI strings are written in Arabic script', () => {
    for (const ns of NAMESPACES) {
      for (const [key, text] of leaves(read(lang, ns))) {
        const withoutAllowedLatin = text.replace(/\{\{\w+\}\}|CC BY 4\.0|PKR|USD|FY/g, '')
        if (/[A-Za-z]/.test(withoutPlaceholders(leaves(read('en', ns)).get(key) ?? ''))) {
          expect(/[\u0600-\u06FF]/.test(withoutAllowedLatin), `${lang}/${ns}:${key} has no Arabic script: ${text}`).toBe(true)
        }
      }
    }
  })
})
