import { createHash, createHmac } from 'node:crypto';
import { SigningServiceError } from '../types.ts';

/**
 * HTTP client of the Visma Sign document API (v1), with its request authentication:
 *
 *   Authorization: Onnistuu <identifier>:<base64 HMAC-SHA512(base64-decoded secret,
 *                  METHOD \n Content-MD5 \n Content-Type \n Date \n path?query)>
 *
 * Content-MD5 is the base64 MD5 of the raw body (of an empty body for GET), Date an RFC 1123 date;
 * the same Date, Content-MD5 and Content-Type go out as headers. As in the vendor's own .NET client
 * (VismaSolutionsOy/VismaSignApiClient, ClientApiRequest) and the Visma Sign API v1 documentation.
 */
export interface VismaSignClientOptions {
  baseUrl: string;
  identifier: string;
  /** As Visma Sign hands it out: base64. */
  secret: string;
  timeoutMs: number;
  /** Extra tries for a call that failed transiently (timeout, network, 429, 5xx). */
  retries?: number;
}

export interface VismaResponse {
  status: number;
  headers: Headers;
  body: Buffer;
  json<T>(): T;
}

export const contentMd5 = (body: Uint8Array) => createHash('md5').update(body).digest('base64');

export function vismaMac(
  secretBase64: string,
  parts: { method: string; contentMd5: string; contentType: string; date: string; path: string },
) {
  const message = [parts.method, parts.contentMd5, parts.contentType, parts.date, parts.path].join('\n');
  return createHmac('sha512', Buffer.from(secretBase64, 'base64')).update(message, 'utf8').digest('base64');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class VismaSignClient {
  constructor(private readonly options: VismaSignClientOptions) {}

  /**
   * One authenticated call. Transient failures are retried (with a short backoff) only where a
   * repeat cannot do harm: GETs, and POSTs the caller marks as safe to repeat.
   */
  async call(
    method: 'GET' | 'POST',
    path: string,
    body?: { json: unknown } | { pdf: Uint8Array },
    opts: { retry?: boolean } = {},
  ): Promise<VismaResponse> {
    const tries = 1 + (method === 'GET' || opts.retry ? (this.options.retries ?? 2) : 0);
    let last: SigningServiceError | null = null;
    for (let attempt = 0; attempt < tries; attempt++) {
      if (attempt > 0) await sleep(200 * 2 ** (attempt - 1));
      try {
        const response = await this.once(method, path, body);
        if (response.status < 400) return response;
        last = classify(response);
        if (last.kind !== 'transient') throw last;
      } catch (err) {
        if (err instanceof SigningServiceError && err.kind !== 'transient') throw err;
        last =
          err instanceof SigningServiceError
            ? err
            : new SigningServiceError(
                'transient',
                (err as Error).name === 'TimeoutError'
                  ? `Visma Sign did not answer within ${this.options.timeoutMs} ms`
                  : `Visma Sign could not be reached: ${(err as Error).message}`,
              );
      }
    }
    throw last!;
  }

  private async once(method: string, path: string, body?: { json: unknown } | { pdf: Uint8Array }) {
    const raw =
      body === undefined
        ? new Uint8Array()
        : 'json' in body
          ? new TextEncoder().encode(JSON.stringify(body.json))
          : body.pdf;
    const contentType = body === undefined ? '' : 'json' in body ? 'application/json' : 'application/pdf';
    const date = new Date().toUTCString();
    const md5 = contentMd5(raw);
    const mac = vismaMac(this.options.secret, { method, contentMd5: md5, contentType, date, path });
    const headers: Record<string, string> = {
      Authorization: `Onnistuu ${this.options.identifier}:${mac}`,
      Date: date,
      'Content-MD5': md5,
      Accept: 'application/json',
    };
    if (contentType) headers['Content-Type'] = contentType;
    const res = await fetch(new URL(path, this.options.baseUrl), {
      method,
      headers,
      body: body === undefined ? undefined : Buffer.from(raw),
      redirect: 'manual',
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    const buffer = Buffer.from(await res.arrayBuffer());
    return {
      status: res.status,
      headers: res.headers,
      body: buffer,
      json<T>() {
        return JSON.parse(buffer.toString('utf8')) as T;
      },
    };
  }
}

/** The vendor answers errors as `{"error": …}`; 401/403 mean the request's authentication was refused. */
function classify(res: VismaResponse): SigningServiceError {
  let detail = '';
  try {
    const parsed = res.json<{ error?: unknown; validation_errors?: unknown }>();
    detail = [parsed.error, parsed.validation_errors ? JSON.stringify(parsed.validation_errors) : '']
      .filter(Boolean)
      .join(' ');
  } catch {
    detail = res.body.toString('utf8').slice(0, 200);
  }
  const message = `Visma Sign answered ${res.status}${detail ? `: ${detail}` : ''}`;
  if (res.status === 401 || res.status === 403)
    return new SigningServiceError('refused', message, res.status);
  if (res.status === 404) return new SigningServiceError('not_found', message, res.status);
  if (res.status === 408 || res.status === 429 || res.status >= 500)
    return new SigningServiceError('transient', message, res.status);
  return new SigningServiceError('rejected', message, res.status);
}
