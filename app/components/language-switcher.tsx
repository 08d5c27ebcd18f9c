import { useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LANGS, LOCALES, localePath, splitLangPath } from '~/i18n/locales'

/** Plain links to the same page, with the same filters, in each language. */
export function LanguageSwitcher() {
  const { t } = useTranslation()
  const location = useLocation()
  const { lang: current, rest } = splitLangPath(location.pathname)
  return (
    <nav className="lang-switcher" aria-label={t('layout.languages')}>
      <ul>
        {LANGS.map((lang) => (
          <li key={lang}>
            <a
              href={localePath(lang, rest) + location.search}
              hrefLang={lang}
              lang={lang}
              dir={LOCALES[lang].dir}
              aria-current={lang === current ? 'true' : undefined}
            >
              {LOCALES[lang].endonym}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
