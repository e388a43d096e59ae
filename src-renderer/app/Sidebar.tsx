import type { IconName } from '../components/Icon';
import { Icon } from '../components/Icon';
import { useTranslation } from '../i18n/use-translation';
import { useHasRole } from '../screens/auth/auth-store';
import { SignedInOperatorBox } from '../screens/auth/SignedInOperatorBox';
import { screenIds, useNavigationStore, type ScreenId } from '../state/navigation-store';

const icons: Record<ScreenId, IconName> = {
  modems: 'modem',
  contacts: 'contacts',
  compose: 'compose',
  campaigns: 'campaigns',
  inbox: 'inbox',
  audit: 'audit',
  settings: 'settings',
};

export function Sidebar() {
  const { t } = useTranslation();
  const { screen, goTo } = useNavigationStore();
  // Only administrators may read the audit log (the service refuses the others anyway).
  const isAdmin = useHasRole('admin');
  const shown = screenIds.filter((id) => id !== 'audit' || isAdmin);
  return (
    <nav className="sidebar" aria-label={t('nav.main')}>
      <div className="sidebar__brand">
        <img src="./logo.svg" alt="" width="28" height="28" />
        <span>{t('app.name')}</span>
      </div>
      <ul>
        {shown.map((id) => (
          <li key={id}>
            <a
              href={`#/${id}`}
              className={id === screen ? 'sidebar__link sidebar__link--active' : 'sidebar__link'}
              aria-current={id === screen ? 'page' : undefined}
              onClick={(event) => {
                event.preventDefault();
                goTo(id);
              }}
            >
              <Icon name={icons[id]} />
              <span>{t(`nav.${id}`)}</span>
            </a>
          </li>
        ))}
      </ul>
      <SignedInOperatorBox />
    </nav>
  );
}
