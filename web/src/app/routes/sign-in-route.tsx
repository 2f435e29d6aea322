import { Navigate, useNavigate, useSearchParams } from 'react-router';

import { LoadingState } from '@/components/ui/loading-state';
import { useSession } from '@/features/auth/api/get-session';
import { SignInForm } from '@/features/auth/components/sign-in-form';
import {
  REDIRECT_PARAM,
  toSafeRedirectPath,
} from '@/features/auth/lib/redirect-target';

export function SignInRoute() {
  const session = useSession();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const target = toSafeRedirectPath(searchParams.get(REDIRECT_PARAM));

  if (session.data) return <Navigate to={target} replace />;

  return (
    <main className="page page--narrow sign-in">
      <title>Sign in · Chat dashboard</title>
      <div className="card stack">
        <h1>Sign in to the chat dashboard</h1>
        {session.isPending ? (
          <LoadingState label="Checking your session…" />
        ) : (
          <SignInForm
            onSignedIn={() => void navigate(target, { replace: true })}
          />
        )}
      </div>
    </main>
  );
}
