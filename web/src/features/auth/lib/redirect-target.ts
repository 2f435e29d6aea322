/** Name of the sign-in page's query parameter with the page to return to. */
export const REDIRECT_PARAM = 'redirect';

/**
 * Control characters. Browsers drop tabs and newlines from URLs, so
 * `/\t/host` would become `//host`.
 */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/**
 * Returns `target` when it is a path inside the dashboard, else `/`.
 * Anything that could leave the origin, such as `//host` or `https:`,
 * falls back to `/`, so a crafted sign-in link cannot redirect elsewhere.
 */
export function toSafeRedirectPath(target: string | null): string {
  if (!target || !target.startsWith('/')) return '/';
  if (CONTROL_CHARACTERS.test(target)) return '/';
  if (target.startsWith('//') || target.startsWith('/\\')) return '/';
  if (target.startsWith('/sign-in')) return '/';
  return target;
}

/** Builds the sign-in path that returns to `from` after signing in. */
export function buildSignInPath(from: string): string {
  if (from === '/' || from.startsWith('/sign-in')) return '/sign-in';
  const params = new URLSearchParams({ [REDIRECT_PARAM]: from });
  return `/sign-in?${params.toString()}`;
}
