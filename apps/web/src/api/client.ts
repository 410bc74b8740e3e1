/** The one way the application reaches the server: `/api` with the user's token, errors as `ApiRequestError`. */

export interface ApiErrorBody {
  code: string;
  message: string;
  [detail: string]: unknown;
}

/** An answer other than 2xx: its status and the server's `{code, message, ...}`. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(vietnamese(body.message));
  }
  get code() {
    return this.body.code;
  }
}

/** Server messages read "Vietnamese / English" where no language was negotiated: the user reads the first half. */
export const vietnamese = (message: string) => message.split(' / ')[0];

const TOKEN_KEY = 'ket-nap.token';
let onUnauthorized: () => void = () => undefined;

export const tokenStore = {
  get: () => localStorage.getItem(TOKEN_KEY),
  set: (token: string) => localStorage.setItem(TOKEN_KEY, token),
  clear: () => localStorage.removeItem(TOKEN_KEY),
  /** Called when the server no longer accepts the token (expired, revoked): the session ends. */
  onUnauthorized: (handler: () => void) => (onUnauthorized = handler),
};

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query: Query = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** `path` below `/api`, e.g. `/dossiers`. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const token = tokenStore.get();
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': 'vi', ...options.headers };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(withQuery(`/api${path}`, options.query), {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : undefined;
  if (response.ok) return body as T;
  if (response.status === 401 && token) onUnauthorized();
  throw new ApiRequestError(
    response.status,
    body && typeof body.code === 'string'
      ? body
      : { code: 'HTTP_' + response.status, message: 'Máy chủ không trả lời được, xin thử lại sau.' },
  );
}

/** A file the server writes (a .docx form): fetched with the token, then handed to the browser as a download. */
export async function download(path: string, fileName: string) {
  const response = await fetch(`/api${path}`, { headers: { Authorization: `Bearer ${tokenStore.get()}` } });
  if (!response.ok) {
    const body = await response
      .json()
      .catch(() => ({ code: 'HTTP_' + response.status, message: 'Không tải được tệp' }));
    throw new ApiRequestError(response.status, body);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
