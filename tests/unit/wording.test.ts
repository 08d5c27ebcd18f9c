import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { LANGS } from '../../app/i18n/locales'

const root = fileURLToPath(new URL('../../', import.meta.url))
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8')
const at = (obj: unknown, key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj) as string

/** Every text that names an entry's reversal: the button, the result, the entry page, the data dictionary. */
const REVERSAL_TEXTS = {
  ledger: ['list.lede', 'list.reversal', 'list.reversed', 'entry.reversedBy', 'entry.reverses', 'entry.reversalReason', 'entry.reverse', 'entry.reverseLede', 'entry.reverseSubmit', 'entry.reverseRecorded'],
  data: ['amounts', 'columns.value_reported', 'columns.reverses_seq', 'columns.reversal_reason'],
}

/** One word for one thing, in each language: the word, and the others it was once called. */
const WORDS = {
  en: { word: /revers/i, others: /cancel|correct/i },
  ur: { word: /الٹ/, others: /منسوخ|درستی/ },
  bal: { word: /اُلٹ/, others: /منسوخ|درستی/ },
} as const

describe.each(LANGS)('%s', (lang) => {
  test('a reversal is called a reversal, and nothing else, wherever the page speaks of one', () => {
    for (const [ns, keys] of Object.entries(REVERSAL_TEXTS)) {
      const texts = JSON.parse(read(`locales/${lang}/${ns}.json`)) as unknown
      for (const key of keys) {
        expect(at(texts, key), `${lang}/${ns}:${key}`).toMatch(WORDS[lang].word)
        expect(at(texts, key), `${lang}/${ns}:${key}`).not.toMatch(WORDS[lang].others)
      }
    }
  })
})

test('the README and the docs say "reversed by" as the page does, and never that an entry is cancelled', () => {
  const english = JSON.parse(read('locales/en/ledger.json')) as unknown
  expect(at(english, 'entry.reversedBy')).toContain('reversed by entry')
  expect(read('README.md')).toContain('reversed by entry N')
  for (const doc of ['README.md', 'docs/ledger-format.md', 'docs/decisions/0001-money-in-minor-units.md', 'docs/decisions/0007-corrections-and-expected-shares.md']) {
    expect(read(doc), doc).not.toMatch(/cancel/i)
  }
})
