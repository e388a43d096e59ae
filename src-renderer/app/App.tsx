import { ConnectionIndicator } from '../components/ConnectionIndicator';
import { ToastHost } from '../components/ToastHost';
import { AuditScreen } from '../screens/AuditScreen';
import { CampaignsScreen } from '../screens/CampaignsScreen';
import { ComposeScreen } from '../screens/ComposeScreen';
import { ContactsScreen } from '../screens/ContactsScreen';
import { InboxScreen } from '../screens/InboxScreen';
import { ModemsScreen } from '../screens/ModemsScreen';
import { AuthGate } from '../screens/auth/AuthGate';
import { SettingsScreen } from '../screens/SettingsScreen';
import { useNavigationStore, type ScreenId } from '../state/navigation-store';
import { Sidebar } from './Sidebar';
import { useHeartbeat } from './use-heartbeat';
import { useLiveCampaigns } from './use-live-campaigns';
import { useLiveModems } from './use-live-modems';
import { useTheme } from './use-theme';

const screens: Record<ScreenId, () => React.JSX.Element> = {
  modems: ModemsScreen,
  contacts: ContactsScreen,
  compose: ComposeScreen,
  campaigns: CampaignsScreen,
  inbox: InboxScreen,
  audit: AuditScreen,
  settings: SettingsScreen,
};

export function App() {
  useTheme();
  useHeartbeat();
  return (
    <AuthGate>
      <SignedInApp />
    </AuthGate>
  );
}

/** The app itself, for a signed-in operator whose session is not locked. */
function SignedInApp() {
  useLiveModems();
  useLiveCampaigns();
  const screen = useNavigationStore((state) => state.screen);
  const Screen = screens[screen];
  return (
    <div className="shell">
      <Sidebar />
      <div className="shell__main">
        <div className="topbar">
          <ConnectionIndicator />
        </div>
        <main className="content" id="content">
          <Screen />
        </main>
      </div>
      <ToastHost />
    </div>
  );
}
