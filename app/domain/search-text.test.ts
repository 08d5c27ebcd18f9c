import { expect, test } from 'vitest'
import { isIndexable, searchForm } from './search-text'

test('Arabic-keyboard letters become the Urdu ones; ھ and ے stay', () => {
  expect(searchForm('پاكستان كي مدرسه مصطفى')).toBe('پاکستان کی مدرسہ مصطفی')
  expect(searchForm('بھی والے')).toBe('بھی والے')
})

test('Urdu and Arabic-Indic digits become ASCII digits', () => {
  expect(searchForm('REF-۱۴۱۵ / ٢٠٢٤')).toBe('REF-1415 / 2024')
})

test('tatweel, zero-width (non-)joiners and short-vowel marks are dropped; nothing else changes', () => {
  expect(searchForm('رائـــلٹی کمیونٹی\u200cسنٹر تح\u200dصیل مُحَمَّد فوراً')).toBe('رائلٹی کمیونٹیسنٹر تحصیل محمد فورا')
  expect(searchForm('School "fees" 50% a_b \\ OR NEAR(')).toBe('School "fees" 50% a_b \\ OR NEAR(')
})

test('three characters make a trigram, counted as characters, not UTF-16 units', () => {
  expect(isIndexable('ab')).toBe(false)
  expect(isIndexable('abc')).toBe(true)
  expect(isIndexable('😀😀')).toBe(false)
  expect(isIndexable('وظی')).toBe(true)
})
