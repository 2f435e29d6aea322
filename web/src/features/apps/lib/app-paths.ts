/** Path of the page that creates an app. */
export const CREATE_APP_PATH = '/apps/new';

/** Path of an app's Chat overview, where its SQS settings live. */
export function getOverviewPath(appId: string): string {
  return `/apps/${encodeURIComponent(appId)}/chat/overview`;
}

/**
 * Returns the path of the same page for another app: the app id segment
 * of `/apps/<id>/...` is swapped. Pages that do not belong to an app lead
 * to the other app's overview.
 */
export function switchAppPath(pathname: string, appId: string): string {
  const match = /^\/apps\/([^/]+)(\/.*)?$/.exec(pathname);
  const current = match?.[1];
  if (!current || current === 'new') return getOverviewPath(appId);
  return `/apps/${encodeURIComponent(appId)}${match[2] ?? ''}`;
}
