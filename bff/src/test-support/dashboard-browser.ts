/**
 * A signed-in dashboard user for tests: keeps the session cookie and
 * sends the CSRF token with every request, as the dashboard does.
 */

/** A response; `T` is the body type the caller expects, unchecked. */
export interface BrowserResponse<T> {
  status: number;
  body: T;
}

export class DashboardBrowser {
  private cookie = '';
  private csrfToken = '';

  constructor(private readonly baseUrl: string) {}

  /** Sends a request to `/dashboard/api{path}`. */
  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { body?: unknown; csrf?: boolean } = {},
  ): Promise<BrowserResponse<T>> {
    const headers: Record<string, string> = {};
    if (this.cookie !== '') headers['cookie'] = this.cookie;
    if (this.csrfToken !== '' && options.csrf !== false) {
      headers['x-csrf-token'] = this.csrfToken;
    }
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}/dashboard/api${path}`, {
      method,
      headers,
      ...(options.body === undefined
        ? {}
        : { body: JSON.stringify(options.body) }),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    const text = await response.text();
    const body = (text === '' ? {} : JSON.parse(text)) as T;
    return { status: response.status, body };
  }

  /** Signs in and keeps the CSRF token; raises when sign-in fails. */
  async signIn(email: string, password: string): Promise<void> {
    const response = await this.request('POST', '/session', {
      body: { email, password },
    });
    if (response.status !== 200) {
      throw new Error(`Sign-in failed with HTTP ${response.status}.`);
    }
    this.csrfToken = String(response.body['csrfToken']);
  }
}
