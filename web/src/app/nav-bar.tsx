import type { Session } from '@sqs-bridge/contracts';
import { Link, useMatch } from 'react-router';

import { Button } from '@/components/ui/button';
import { MenuButton } from '@/components/ui/menu-button';
import { useSignOut } from '@/features/auth/api/sign-out';
import { useApps } from '@/features/apps/api/get-apps';
import { AppPicker } from '@/features/apps/components/app-picker';
import {
  CREATE_APP_PATH,
  getOverviewPath,
} from '@/features/apps/lib/app-paths';

interface NavBarProps {
  session: Session;
}

/** Renders the bar above every signed-in page: apps, menus, account. */
export function NavBar({ session }: NavBarProps) {
  const apps = useApps();
  const appMatch = useMatch('/apps/:appId/*');
  const routeAppId = appMatch?.params.appId ?? null;
  const currentAppId = routeAppId === 'new' ? null : routeAppId;
  const knownApp = apps.data?.find((app) => app.id === currentAppId);
  const menuAppId = knownApp?.id ?? apps.data?.[0]?.id ?? null;

  return (
    <header className="top-bar">
      <nav className="nav-bar" aria-label="Main">
        <Link to="/" className="nav-bar__brand">
          Chat dashboard
        </Link>
        {apps.data && apps.data.length > 0 && (
          <AppPicker apps={apps.data} currentAppId={currentAppId} />
        )}
        {menuAppId && (
          <MenuButton
            label="Chat"
            items={[{ label: 'Overview', to: getOverviewPath(menuAppId) }]}
          />
        )}
        <Link to={CREATE_APP_PATH} className="nav-bar__link">
          Create app
        </Link>
        <div className="nav-bar__account">
          <span className="nav-bar__email">{session.user.email}</span>
          <SignOutButton />
        </div>
      </nav>
    </header>
  );
}

function SignOutButton() {
  const signOut = useSignOut();

  const onClick = () => {
    signOut.mutate(undefined, {
      // A full page load drops every cached response of this user.
      onSuccess: () => {
        window.location.replace(`${import.meta.env.BASE_URL}sign-in`);
      },
    });
  };

  return (
    <>
      <Button variant="quiet" busy={signOut.isPending} onClick={onClick}>
        Sign out
      </Button>
      {signOut.isError && (
        <span role="alert" className="nav-bar__error">
          Sign out failed. Try again.
        </span>
      )}
    </>
  );
}
