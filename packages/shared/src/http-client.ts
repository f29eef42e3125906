import { isProblem, type ErrorCode, type FieldError, type Problem } from './problem.ts';

/** An API refusal with its stable code, for translation and branching. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'network_error';
  readonly fieldErrors: FieldError[];
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null, fallback?: string) {
    super(problem?.detail ?? problem?.title ?? fallback ?? `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code ?? (status === 0 ? 'network_error' : 'internal_error');
    this.fieldErrors = problem?.errors ?? [];
    this.problem = problem;
  }
}

export interface HttpClientOptions {
  baseUrl?: string;
  /** The current access token, kept in memory only. */
  getAccessToken(): string | null;
  /** Obtains a new access token (refresh cookie); resolves to null when the session has ended. */
  refreshAccessToken(): Promise<string | null>;
  /** Called once when a request is refused and no new token can be had. */
  onSessionEnded(): void;
  fetch?: typeof fetch;
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null | readonly string[]>;
  signal?: AbortSignal;
  /** Send `body` as it is with this content type (e.g. a CSV file) instead of as JSON. */
  contentType?: string;
  /** Skip the refresh-and-retry dance (the auth endpoints themselves). */
  noRefresh?: boolean;
}

function toQuery(query: RequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((item) => params.append(k, String(item)));
    else params.append(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/**
 * A small fetch client: bearer token, JSON in and out, problem+json to ApiError, and on an expired
 * or invalid token one refresh (shared by all requests waiting at that moment) and one retry.
 */
export function createHttpClient(options: HttpClientOptions) {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  let refreshing: Promise<string | null> | null = null;

  function refreshOnce(): Promise<string | null> {
    refreshing ??= options.refreshAccessToken().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  async function send(
    method: string,
    path: string,
    opts: RequestOptions,
    token: string | null,
    extraHeaders: Record<string, string> = {},
  ): Promise<Response> {
    const headers: Record<string, string> = {
      accept: 'application/json, application/problem+json',
      ...extraHeaders,
    };
    if (token) headers.authorization = `Bearer ${token}`;
    const raw = opts.contentType !== undefined;
    if (opts.body !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
    try {
      return await doFetch(`${options.baseUrl ?? ''}${path}${toQuery(opts.query)}`, {
        method,
        headers,
        body: opts.body === undefined ? undefined : raw ? (opts.body as BodyInit) : JSON.stringify(opts.body),
        credentials: 'same-origin',
        signal: opts.signal,
      });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new ApiError(0, null, 'Network error');
    }
  }

  async function parse<T>(res: Response): Promise<T> {
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    const body: unknown = text ? JSON.parse(text) : undefined;
    if (res.ok) return body as T;
    throw new ApiError(res.status, isProblem(body) ? body : null);
  }

  async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    return parse<T>(await authorised(method, path, opts));
  }

  /** A file answer (PDF, CSV, XLSX) with the name the server gave it. */
  async function download(
    path: string,
    opts: RequestOptions = {},
  ): Promise<{ blob: Blob; filename: string }> {
    const res = await authorised('GET', path, opts);
    if (!res.ok) return parse<never>(res);
    const disposition = res.headers.get('content-disposition') ?? '';
    const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'download';
    return { blob: await res.blob(), filename };
  }

  async function authorised(
    method: string,
    path: string,
    opts: RequestOptions,
    headers?: Record<string, string>,
  ): Promise<Response> {
    const res = await send(method, path, opts, options.getAccessToken(), headers);
    if (res.status === 401 && !opts.noRefresh) {
      const fresh = await refreshOnce();
      if (!fresh) {
        options.onSessionEnded();
        return res;
      }
      const retried = await send(method, path, opts, fresh, headers);
      if (retried.status === 401) options.onSessionEnded();
      return retried;
    }
    return res;
  }

  /**
   * A long-lived answer read as it arrives (server-sent events), with the same token and refresh
   * as every other request; a refusal comes back as ApiError.
   */
  async function stream(path: string, opts: RequestOptions & { headers?: Record<string, string> } = {}) {
    const res = await authorised('GET', path, opts, { accept: 'text/event-stream', ...opts.headers });
    if (!res.ok) return parse<never>(res);
    return res;
  }

  return {
    request,
    download,
    stream,
    get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, opts),
    post: <T>(path: string, body?: unknown, opts?: RequestOptions) =>
      request<T>('POST', path, { ...opts, body }),
    patch: <T>(path: string, body?: unknown, opts?: RequestOptions) =>
      request<T>('PATCH', path, { ...opts, body }),
    put: <T>(path: string, body?: unknown, opts?: RequestOptions) =>
      request<T>('PUT', path, { ...opts, body }),
    delete: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts),
  };
}
export type HttpClient = ReturnType<typeof createHttpClient>;
