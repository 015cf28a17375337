import type { ErrorBody, FieldIssue } from '@liandong/domain/platform/errors';
import type { FormInstance } from 'antd';
import { getLang, translate } from '../lib/i18n';

/** Details of an error body; `issues` carries field paths for 400 VALIDATION. */
export interface ApiErrorDetails {
  issues?: FieldIssue[];
  [key: string]: unknown;
}

/** Any non-2xx answer of the server, built from its `{ code, message, details, requestId }` body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetails;
  readonly requestId?: string;

  constructor(status: number, code: string, message: string, details?: ApiErrorDetails, requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details ?? {};
    this.requestId = requestId;
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

/** Where the client sends the browser when the session is gone or restricted; the app registers the router. */
type Redirect = (path: string) => void;
let redirect: Redirect = (path) => window.location.assign(path);

export function setRedirectHandler(fn: Redirect): void {
  redirect = fn;
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** `?a=1&b=x`, skipping empty values. */
export function toQueryString(params?: QueryParams): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: QueryParams;
  /** JSON body. */
  body?: unknown;
  /** Multipart body (uploads); the browser sets the boundary. */
  formData?: FormData;
  signal?: AbortSignal;
}

function followErrorRedirects(err: ApiError): void {
  const here = window.location.pathname;
  if (err.status === 401 && (err.code === 'UNAUTHENTICATED' || err.code === 'SESSION_EXPIRED')) {
    if (here !== '/login') {
      const next = `${here}${window.location.search}`;
      redirect(next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login');
    }
  } else if (err.status === 403 && err.code === 'TOTP_ENROLMENT_REQUIRED') {
    if (here !== '/account/totp') redirect('/account/totp');
  } else if (err.status === 403 && err.code === 'PASSWORD_CHANGE_REQUIRED') {
    if (here !== '/account/password') redirect('/account/password');
  }
}

async function readError(res: Response): Promise<ApiError> {
  let body: Partial<ErrorBody> | null = null;
  try {
    body = (await res.json()) as Partial<ErrorBody>;
  } catch {
    body = null;
  }
  if (body && typeof body.code === 'string') {
    const details = body.details && typeof body.details === 'object' ? (body.details as ApiErrorDetails) : {};
    return new ApiError(res.status, body.code, body.message ?? res.statusText, details, body.requestId);
  }
  return new ApiError(res.status, `HTTP_${res.status}`, translate(getLang(), 'errors.http', { status: res.status }));
}

/** The one fetch wrapper: same-origin cookie, JSON, CSRF header on every non-GET request. */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': getLang() };
  if (method !== 'GET') headers['X-Requested-With'] = 'liandong';
  let body: BodyInit | undefined;
  if (opts.formData) {
    body = opts.formData;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(`${path}${toQueryString(opts.query)}`, { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', translate(getLang(), 'errors.network'));
  }
  if (!res.ok) {
    const err = await readError(res);
    followErrorRedirects(err);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => request<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: QueryParams) => request<T>(path, { method: 'POST', body, query }),
  put: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PATCH', body }),
  delete: <T>(path: string) => request<T>(path, { method: 'DELETE' }),
  upload: <T>(path: string, formData: FormData, query?: QueryParams) => request<T>(path, { method: 'POST', formData, query }),
};

/**
 * Puts the server's field issues (400 VALIDATION, `details.issues[].path` dotted) onto the antd form
 * fields with the same name. Returns true when at least one issue landed on a field.
 */
export function applyFieldErrors(form: FormInstance, err: unknown): boolean {
  if (!(err instanceof ApiError) || !err.details.issues?.length) return false;
  const registered = new Set(Object.keys(form.getFieldsValue() ?? {}));
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const issue of err.details.issues) {
    const name = issue.path
      .split('.')
      .filter(Boolean)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const head = name[0];
    if (typeof head !== 'string' || !registered.has(head)) continue;
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(issue.message);
    byField.set(key, entry);
  }
  if (byField.size === 0) return false;
  form.setFields([...byField.values()]);
  return true;
}

/**
 * Downloads a file the server generates (exports, templates) through fetch, so that a refusal shows as
 * a message instead of a JSON page. The name comes from Content-Disposition when present.
 */
/** Downloads a file the browser saves; answers the response's headers (e.g. X-Font-Substitution of a PDF). */
export async function downloadFile(path: string, fallbackName: string): Promise<Headers> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin', headers: { 'Accept-Language': getLang() } });
  } catch {
    throw new ApiError(0, 'NETWORK', translate(getLang(), 'errors.network'));
  }
  if (!res.ok) {
    const err = await readError(res);
    followErrorRedirects(err);
    throw err;
  }
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const name = star ? decodeURIComponent(star) : (plain ?? fallbackName);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return res.headers;
}
