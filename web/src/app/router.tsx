import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';

import { AppLayout } from './app-layout';
import { RouteErrorBoundary } from './route-error-boundary';
import { AppOverviewRoute } from './routes/app-overview-route';
import { CreateAppRoute } from './routes/create-app-route';
import { HomeRoute } from './routes/home-route';
import { NotFoundRoute } from './routes/not-found-route';
import { SignInRoute } from './routes/sign-in-route';

/** Path prefix of the dashboard, the same as `base` in the Vite config. */
const BASENAME = import.meta.env.BASE_URL.replace(/\/$/, '');

const rootErrorElement = <RouteErrorBoundary standalone />;

const router = createBrowserRouter(
  [
    {
      path: '/sign-in',
      element: <SignInRoute />,
      errorElement: rootErrorElement,
    },
    {
      path: '/',
      element: <AppLayout />,
      errorElement: rootErrorElement,
      children: [
        {
          errorElement: <RouteErrorBoundary />,
          children: [
            { index: true, element: <HomeRoute /> },
            { path: 'apps/new', element: <CreateAppRoute /> },
            {
              path: 'apps/:appId',
              element: <Navigate to="chat/overview" replace />,
            },
            {
              path: 'apps/:appId/chat/overview',
              element: <AppOverviewRoute />,
            },
            { path: '*', element: <NotFoundRoute /> },
          ],
        },
      ],
    },
  ],
  { basename: BASENAME },
);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
