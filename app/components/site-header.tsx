import { useTranslation } from 'react-i18next'
import { useLocalePath } from '~/i18n/use-lang'
import { LanguageSwitcher } from './language-switcher'

export function SiteHeader({ demoData }: { demoData: boolean }) {
  const { t } = useTranslation()
  const to = useLocalePath()
  return (
    <>
      <a className="skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      {demoData ? (
        <p className="demo-banner" role="note">
          {t('layout.demoData')}
        </p>
      ) : null}
      <header className="site-header">
        <div className="site-header__inner">
          <a className="brand" href={to('/')}>
            {t('layout.siteName')}
            <small>{t('layout.tagline')}</small>
          </a>
          <nav className="site-nav" aria-label={t('layout.mainNavigation')}>
            <ul>
              <li>
                <a href={to('/projects')}>{t('layout.nav.projects')}</a>
              </li>
              <li>
                <a href={to('/trusts')}>{t('layout.nav.trusts')}</a>
              </li>
            </ul>
          </nav>
          <LanguageSwitcher />
        </div>
      </header>
    </>
  )
}
