import { useTranslation } from 'react-i18next'
import { useLocalePath } from '~/i18n/use-lang'
import { LanguageSwitcher } from './language-switcher'

export interface HeaderUser {
  name: string
  canWork: boolean
  canManageUsers: boolean
  canReadAudit: boolean
  canExport: boolean
  canRecord: boolean
  canManageQuotas: boolean
  canApprove: boolean
}

export function SiteHeader({ demoData, user, unfinishedStep }: { demoData: boolean; user: HeaderUser | null; unfinishedStep: '/login/code' | '/account/codes' | null }) {
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
              <li>
                <a href={to('/ledger')}>{t('ledger:nav.ledger')}</a>
              </li>
              <li>
                <a href={to('/employment')}>{t('employment:nav.ranking')}</a>
              </li>
              <li>
                <a href={to('/data')}>{t('data:nav')}</a>
              </li>
            </ul>
          </nav>
          <LanguageSwitcher />
        </div>
        {user ? <UserMenu user={user} /> : unfinishedStep ? <UnfinishedSignInMenu step={unfinishedStep} /> : null}
      </header>
    </>
  )
}

/** What a signed-in person can go to; the server checks each page again. Sign-out is a POST. */
function UserMenu({ user }: { user: HeaderUser }) {
  const { t } = useTranslation('account')
  const to = useLocalePath()
  return (
    <nav className="site-header__inner user-menu" aria-label={t('nav.signedInAs', { name: user.name })}>
      {/* The name may be in another script: isolate it so its brackets do not mirror. */}
      <span>{t('nav.signedInAs', { name: `\u2068${user.name}\u2069` })}</span>
      {user.canWork ? <a href={to('/work')}>{t('nav.work')}</a> : null}
      {user.canRecord ? <a href={to('/work/entries/new')}>{t('ledger:nav.record')}</a> : null}
      {user.canApprove ? <a href={to('/work/queue')}>{t('ledger:nav.queue')}</a> : null}
      {user.canApprove ? <a href={to('/work/reports')}>{t('employment:nav.reportQueue')}</a> : null}
      {user.canManageUsers ? <a href={to('/admin/users')}>{t('nav.users')}</a> : null}
      {user.canReadAudit ? <a href={to('/admin/audit')}>{t('nav.audit')}</a> : null}
      {user.canExport ? <a href={to('/admin/export')}>{t('nav.export')}</a> : null}
      {user.canManageQuotas ? <a href={to('/work/quotas')}>{t('employment:nav.quotas')}</a> : null}
      <a href={to('/account')}>{t('nav.account')}</a>
      <SignOutButton />
    </nav>
  )
}

/**
 * Between the password and the second factor nobody is signed in yet, so no name and no staff
 * links: only the step that finishes signing in, and a way to abandon it on a shared computer.
 */
function UnfinishedSignInMenu({ step }: { step: '/login/code' | '/account/codes' }) {
  const { t } = useTranslation('account')
  const to = useLocalePath()
  return (
    <nav className="site-header__inner user-menu" aria-label={t('nav.finishSignIn')}>
      <a href={to(step)}>{t('nav.finishSignIn')}</a>
      <SignOutButton />
    </nav>
  )
}

function SignOutButton() {
  const { t } = useTranslation('account')
  const to = useLocalePath()
  return (
    <form method="post" action={to('/logout')} className="inline-form">
      <button type="submit" className="link-button">
        {t('nav.signOut')}
      </button>
    </form>
  )
}
