import { describe, expect, test } from 'vitest'
import { groupChoices, matchesFind, type NearbyChoice } from './beneficiary-choices'

const choice = (id: number, en: string, district: string | null, province: NearbyChoice['province'], flags: Partial<Pick<NearbyChoice, 'paidBefore' | 'nearby'>> = {}): NearbyChoice => ({
  id,
  name: { en, ur: en, bal: en },
  district,
  province,
  paidBefore: false,
  nearby: false,
  ...flags,
})

describe('groupChoices', () => {
  const choices = [
    choice(1, 'Shigar Valley School', 'Shigar', 'gilgit_baltistan'),
    choice(2, 'Padag Village Organisation', 'Chagai', 'balochistan', { nearby: true }),
    choice(3, 'Dalbandin Village Organisation', 'Chagai', 'balochistan', { nearby: true, paidBefore: true }),
    choice(4, 'Bela Clinic', 'Lasbela', 'balochistan'),
    choice(5, 'Ghalanai School', 'Mohmand', 'khyber_pakhtunkhwa'),
    choice(6, 'Amin Contractors', 'Chagai', 'balochistan', { nearby: true }),
    choice(7, 'Basic Health Unit Wadh', 'Khuzdar', 'balochistan'),
    choice(8, 'Aga Khan Scholarships', null, null),
  ]
  const groups = groupChoices(choices, (c) => c.name.en, 'en')

  test('the trust\'s past payees first, then the rest of its districts, then each other district by province', () => {
    expect(groups.map((g) => (g.kind === 'district' ? `${g.province}/${g.district}` : g.kind))).toEqual([
      'paidBefore',
      'nearby',
      'balochistan/Khuzdar',
      'balochistan/Lasbela',
      'khyber_pakhtunkhwa/Mohmand',
      'gilgit_baltistan/Shigar',
      'null/null',
    ])
    expect(groups[0]!.choices.map((c) => c.id)).toEqual([3])
    expect(groups[1]!.choices.map((c) => c.id)).toEqual([6, 2])
  })

  test('every choice is offered exactly once', () => {
    expect(groups.flatMap((g) => g.choices.map((c) => c.id)).sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
  })

  test('a group is left out when it has nobody in it', () => {
    expect(groupChoices([choice(4, 'Bela Clinic', 'Lasbela', 'balochistan')], (c) => c.name.en, 'en').map((g) => g.kind)).toEqual(['district'])
  })
})

describe('matchesFind', () => {
  test('part of any name, ignoring case and extra spaces', () => {
    expect(matchesFind(['Dalbandin Village Organisation', 'دالبندین ویلج آرگنائزیشن'], 'dalb')).toBe(true)
    expect(matchesFind(['Dalbandin Village Organisation'], '  village   ORG ')).toBe(true)
    expect(matchesFind(['Dalbandin Village Organisation'], 'Nokkundi')).toBe(false)
    expect(matchesFind(['Dalbandin Village Organisation'], '')).toBe(true)
  })

  test('Arabic-keyboard letters find Urdu and Balochi names', () => {
    // Typed with Arabic yeh and kaf (U+064A, U+0643); written with Farsi yeh and keheh.
    expect(matchesFind(['چاغی'], 'چاغي')).toBe(true)
    expect(matchesFind(['کوئٹہ'], 'كوئٹہ')).toBe(true)
  })
})
