import type { Lang } from './locales'

/** A name kept in all three languages, as the tables keep them (name_en, name_ur, name_bal). */
export interface LocalNames {
  en: string
  ur: string
  bal: string
}

export function namesOf(row: { name_en: string; name_ur: string; name_bal: string }): LocalNames {
  return { en: row.name_en, ur: row.name_ur, bal: row.name_bal }
}

/** The name in the reader's language, falling back to English if a translation is blank. */
export function localName(names: LocalNames, lang: Lang): string {
  return names[lang].trim() || names.en
}
