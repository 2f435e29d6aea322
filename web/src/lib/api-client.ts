import { ApiError, isApiErrorBody } from './api-error';
import { getCsrfToken } from './csrf-token';

/** Path prefix of the dashboard API on the same origin as the dashboard. */
export const API_BASE_PATH = '/dashboard/api';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  /** Serialised as JSON. */
  body?: unknown;
  /** Send the session's CSRF token. Default true for all but GET. */
  csrf?: boolean;
  signal?: AbortSignal;
}

/**
 * Sends a request to the dashboard API and returns the parsed JSON body,
 * or `undefined` for 204. Throws `ApiError` for network failures and
 * non-2xx responses.
 */
export async function apiRequest<TData>(
  path: string,
  options: RequestOptions = {},
): Promise<TData> {
  const response = await send(path, options);
  if (response.status === 204) return undefined as TData;

  const body: unknown = await readJson(response);
  if (!response.ok) throw toApiError(response, body);
  return body as TData;
}

async function send(
  path: string,
  options: RequestOptions,
): Promise<Response> {
  const method = options.method ?? 'GET';
  try {
    return await fetch(`${API_BASE_PATH}${path}`, {
      method,
      headers: buildHeaders(method, options),
      body: options.body === undefined ? null : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError(
      'Could not reach the server. Check your connection and try again.',
      0,
      {},
      { cause: error },
    );
  }
}

function buildHeaders(method: Method, options: RequestOptions): Headers {
  const headers = new Headers({ Accept: 'application/json' });
  if (options.body !== undefined) {
    headers.set('Content-Type', 'application/json');
  }
  const token = getCsrfToken();
  if ((options.csrf ?? method !== 'GET') && token) {
    headers.set('X-CSRF-Token', token);
  }
  return headers;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toApiError(response: Response, body: unknown): ApiError {
  if (isApiErrorBody(body)) {
    return new ApiError(
      body.error.message,
      response.status,
      body.error.fields ?? {},
    );
  }
  const reason = response.statusText || `status ${response.status}`;
  return new ApiError(
    `The server returned an error (${reason}). Try again.`,
    response.status,
  );
}
