/**
 * The CSRF token of the current session. The session requests store it
 * here and the API client sends it with every state-changing request.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function getCsrfToken(): string | null {
  return csrfToken;
}
