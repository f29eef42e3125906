import { useEffect, useId, useRef, useState } from 'react';
import {
  IconAngleDown,
  IconAngleUp,
  IconCross,
  IconMenuHamburger,
  IconUser,
  Logo,
  LogoSize,
  logoFi,
  logoFiDark,
  logoSv,
  logoSvDark,
} from 'hds-react';
import { Link, Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasAnyRole, type Role } from '../roles.ts';
import { useAuth, useMe } from './auth.tsx';
import { LanguageLinks } from './language-links.tsx';

export interface NavItem {
  to: string;
  /** Translation key of the label. */
  label: string;
  roles: readonly Role[];
  /**
   * Something waiting behind the link (offers to answer): a count beside the label and, for screen
   * readers, its meaning in words (`label`, already translated: "3 awaiting action"). No badge when
   * the count is 0.
   */
  badge?: NavBadge;
  /** Other address prefixes that belong to this item (`/care/clients` to the queue). */
  also?: readonly string[];
}

export interface NavBadge {
  count: number;
  label: string;
}

/** The count in a badge, its words read instead of the bare number (the badge is not colour only). */
function Badge({ badge }: { badge: NavBadge }) {
  return (
    <span className="nav-badge-wrap">
      <span className="nav-badge" aria-hidden="true">
        {badge.count > 99 ? '99+' : badge.count}
      </span>
      <span className="visually-hidden"> ({badge.label})</span>
    </span>
  );
}

const under = (pathname: string, prefix: string) =>
  prefix === '/' ? pathname === '/' : pathname === prefix || pathname.startsWith(`${prefix}/`);

/**
 * The one item the address belongs to: the longest prefix wins, so `/care/queue` marks the queue
 * and not the care board at `/care` as well.
 */
export function activeNavItem(items: readonly NavItem[], pathname: string): NavItem | undefined {
  let best: { item: NavItem; length: number } | undefined;
  for (const item of items)
    for (const prefix of [item.to, ...(item.also ?? [])])
      if (under(pathname, prefix) && prefix.length > (best?.length ?? -1))
        best = { item, length: prefix.length };
  return best?.item;
}

/**
 * The header of both apps: Helsinki logo and title, language choice, user menu with logout and the
 * navigation the user's roles open (the API enforces the same role rules on its side). It follows
 * the look of the HDS header but is written here: the HDS `Header` brings its search, option lists
 * and menus along (about 57 KB of compressed JavaScript, more than a quarter of the first-page
 * budget). Links go through the router, so they carry the app's base path (`/portal/…`) and open
 * in a new tab as well as in place.
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
  const location = useLocation();
  const navigation = useNavigation();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  const loading = navigation.state === 'loading';
  const items = navItems.filter((item) => hasAnyRole(me.roles, item.roles));
  // On a phone the navigation hides behind the menu button, so the button carries the badges too.
  const badges = items.flatMap((item) => (item.badge && item.badge.count > 0 ? [item.badge] : []));
  const menuBadge: NavBadge | null = badges.length
    ? {
        count: badges.reduce((sum, b) => sum + b.count, 0),
        label: badges.map((b) => b.label).join(', '),
      }
    : null;
  const active = activeNavItem(items, location.pathname);
  const dark = theme === 'dark';
  const logo = i18n.language === 'sv' ? (dark ? logoSvDark : logoSv) : dark ? logoFiDark : logoFi;

  // The phone menu closes once the user has gone where they chose.
  useEffect(() => setMenuOpen(false), [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main-content">
        {t('shell.skipToContent')}
      </a>
      <header className={`site-header${dark ? ' dark' : ''}`}>
        <div className="site-header-bar">
          <Link to="/" className="site-brand">
            <Logo src={logo} alt={t('shell.logoAlt')} size={LogoSize.Medium} />
            <span className="site-title">{t('app.title')}</span>
          </Link>
          <div className="site-actions wide-only">
            <LanguageLinks />
            <UserMenu idPrefix="wide" />
          </div>
          <button
            type="button"
            className="site-menu-button narrow-only"
            aria-expanded={menuOpen}
            aria-controls={menuId}
            onClick={() => setMenuOpen((open) => !open)}
          >
            {menuOpen ? <IconCross aria-hidden /> : <IconMenuHamburger aria-hidden />}
            <span>{menuOpen ? t('shell.close') : t('shell.menu')}</span>
            {menuBadge && !menuOpen && <Badge badge={menuBadge} />}
          </button>
        </div>
        <div className="site-languages narrow-only">
          <LanguageLinks />
        </div>
        <nav id={menuId} className={`site-nav${menuOpen ? ' open' : ''}`} aria-label={t('shell.navigation')}>
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <Link
                  to={item.to}
                  className={item === active ? 'active' : undefined}
                  aria-current={item === active ? 'page' : undefined}
                >
                  {t(item.label)}
                  {item.badge && item.badge.count > 0 && <Badge badge={item.badge} />}
                </Link>
              </li>
            ))}
          </ul>
          <div className="narrow-only site-nav-user">
            <UserMenu idPrefix="narrow" />
          </div>
        </nav>
      </header>
      <div className={`route-progress${loading ? ' active' : ''}`} aria-hidden="true" />
      <main id="main-content" className="page" tabIndex={-1} aria-busy={loading || undefined}>
        <Outlet />
      </main>
    </>
  );
}

/** The signed-in user's name; opens their roles, organisation and logout. */
function UserMenu({ idPrefix }: { idPrefix: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const panelId = `${idPrefix}-user-menu`;

  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !root.current?.contains(e.target as Node)) {
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  return (
    <div className="user-menu" ref={root}>
      <button
        type="button"
        className="user-menu-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        <IconUser aria-hidden />
        <span>{me.displayName}</span>
        {open ? <IconAngleUp aria-hidden /> : <IconAngleDown aria-hidden />}
      </button>
      <div id={panelId} className="user-menu-panel" hidden={!open}>
        <p>{me.roles.map((r) => t(`roles.${r}`)).join(', ')}</p>
        {me.provider && <p>{me.provider.name}</p>}
        <button
          type="button"
          className="user-menu-logout"
          onClick={() => {
            // After a single sign-on, the provider's logout ends that too and comes back to the login page.
            void logout().then(({ endSessionUrl }) =>
              endSessionUrl ? window.location.assign(endSessionUrl) : navigate('/login'),
            );
          }}
        >
          {t('shell.logout')}
        </button>
      </div>
    </div>
  );
}
