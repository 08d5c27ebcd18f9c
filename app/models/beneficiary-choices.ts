import type { Province } from '../../db/schema'
import type { LocalNames } from '../i18n/local-name'

/** What puts a payee or place near the officer's trusts (see beneficiary-choices.server.ts). */
export interface NearbyChoice {
  id: number
  name: LocalNames
  district: string | null
  province: Province | null
  /** A payee the officer's trusts have paid before (approved or waiting for approval). */
  paidBefore: boolean
  /** In a district the officer's trusts serve. */
  nearby: boolean
}

export type BeneficiaryChoice = NearbyChoice

export interface LocalityChoice extends NearbyChoice {
  kind: 'village' | 'union_council' | 'tehsil'
  district: string
  province: Province
}

export type ChoiceGroup<T> = { choices: T[] } & ({ kind: 'paidBefore' } | { kind: 'nearby' } | { kind: 'district'; district: string | null; province: Province | null })

const PROVINCE_ORDER: readonly (Province | null)[] = ['balochistan', 'khyber_pakhtunkhwa', 'gilgit_baltistan', 'punjab', 'sindh', 'federal', null]

/**
 * The officer's own first: payees their trusts have paid before, then the others in the districts
 * those trusts serve, then everyone else, one group per district, province by province. Within a
 * group, alphabetically by `label` (the name as the reader sees it).
 */
export function groupChoices<T extends NearbyChoice>(choices: readonly T[], label: (choice: T) => string, lang: string): Array<ChoiceGroup<T>> {
  const collator = new Intl.Collator(lang)
  const byLabel = (a: T, b: T) => collator.compare(label(a), label(b))
  const paidBefore = choices.filter((c) => c.paidBefore).sort(byLabel)
  const nearby = choices.filter((c) => !c.paidBefore && c.nearby).sort(byLabel)
  const districts = new Map<string, ChoiceGroup<T> & { kind: 'district' }>()
  for (const choice of choices.filter((c) => !c.paidBefore && !c.nearby)) {
    const key = `${choice.province ?? ''}|${choice.district ?? ''}`
    const group = districts.get(key) ?? { kind: 'district' as const, district: choice.district, province: choice.province, choices: [] }
    group.choices.push(choice)
    districts.set(key, group)
  }
  const rest = [...districts.values()].sort((a, b) => PROVINCE_ORDER.indexOf(a.province) - PROVINCE_ORDER.indexOf(b.province) || collator.compare(a.district ?? '', b.district ?? ''))
  for (const group of rest) group.choices.sort(byLabel)
  return [
    ...(paidBefore.length > 0 ? [{ kind: 'paidBefore' as const, choices: paidBefore }] : []),
    ...(nearby.length > 0 ? [{ kind: 'nearby' as const, choices: nearby }] : []),
    ...rest,
  ]
}

/** Folds case and the forms of letters that Urdu and Balochi keyboards type differently (ی ي ى, ک ك, ہ ه ة). */
function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase('en')
    .replace(/[يى]/g, 'ی')
    .replace(/ك/g, 'ک')
    .replace(/[هة]/g, 'ہ')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * Whether what was typed into Find is part of any of `texts` (a choice's names in every language,
 * its district's names): "dalb" finds "Dalbandin Village Organisation", "چاغی" everything in Chagai.
 */
export function matchesFind(texts: readonly string[], find: string): boolean {
  const wanted = fold(find)
  return wanted === '' || texts.some((text) => fold(text).includes(wanted))
}
