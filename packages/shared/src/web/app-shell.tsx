import { Header, IconUser, Logo, logoFi, logoSv } from 'hds-react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasAnyRole, type Role } from '../roles.ts';
import { useAuth, useMe } from './auth.tsx';

export interface NavItem {
  to: string;
  /** Translation key of the label. */
  label: string;
  roles: readonly Role[];
}

const LANGUAGE_OPTIONS = [
  { label: 'Suomi', value: 'fi', isPrimary: true },
  { label: 'Svenska', value: 'sv', isPrimary: true },
  { label: 'English', value: 'en', isPrimary: true },
];

/**
 * The HDS header of both apps: title, language selector, user menu with logout and the
 * navigation the user's roles open. The API enforces the same role rules on its side.
 */
export function AppShell({
  navItems,
  theme = 'light',
}: {
  navItems: readonly NavItem[];
  theme?: 'light' | 'dark';
}) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const go = (to: string) => (e: React.MouseEvent) => {
    e.preventDefault();
    void navigate(to);
  };

  return (
    <>
      <Header
        theme={theme}
        languages={LANGUAGE_OPTIONS}
        defaultLanguage={i18n.language}
        onDidChangeLanguage={(lng) => void i18n.changeLanguage(lng)}
      >
        <Header.SkipLink skipTo="#main-content" label={t('shell.skipToContent')} />
        <Header.ActionBar
          title={t('app.title')}
          titleHref="/"
          onTitleClick={go('/')}
          frontPageLabel={t('shell.frontPage')}
          logo={<Logo src={i18n.language === 'sv' ? logoSv : logoFi} alt={t('shell.logoAlt')} />}
          logoAriaLabel={t('shell.logoAlt')}
          logoHref="/"
          onLogoClick={go('/')}
          menuButtonAriaLabel={t('shell.menu')}
          menuButtonLabel={t('shell.menu')}
        >
          <Header.LanguageSelector aria-label={t('shell.language')} />
          <Header.ActionBarItem
            id="user-menu"
            label={me.displayName}
            icon={<IconUser />}
            closeLabel={t('shell.close')}
            fixedRightPosition
          >
            <Header.ActionBarSubItem label={me.roles.map((r) => t(`roles.${r}`)).join(', ')} />
            {me.provider && <Header.ActionBarSubItem label={me.provider.name} />}
            <Header.ActionBarSubItem
              label={t('shell.logout')}
              onClick={() => {
                void logout().then(() => navigate('/login'));
              }}
            />
          </Header.ActionBarItem>
        </Header.ActionBar>
        <Header.NavigationMenu>
          {navItems
            .filter((item) => hasAnyRole(me.roles, item.roles))
            .map((item) => (
              <Header.Link
                key={item.to}
                // HDS 5.2.2 sets `as` through defaultProps, which React 19 ignores: pass it.
                as="a"
                href={item.to}
                label={t(item.label)}
                active={location.pathname.startsWith(item.to)}
                onClick={go(item.to)}
              />
            ))}
        </Header.NavigationMenu>
      </Header>
      <main id="main-content" className="page" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
