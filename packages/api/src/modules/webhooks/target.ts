import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { promises as dns } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where a webhook may be sent. Without WEBHOOK_ALLOW_PRIVATE_TARGETS only https to public unicast
 * addresses: loopback, private, link-local (cloud metadata), CGNAT, unique-local, multicast and
 * reserved ranges are refused, so a subscription cannot make the server call into its own network.
 * The check runs when a subscription is saved and again on every connection (the resolved address
 * is checked in the socket's own lookup, so a name that later resolves elsewhere is still refused).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

export class TargetRefused extends Error {
  constructor(
    readonly reason: 'scheme' | 'private_address' | 'invalid_url',
    message: string,
  ) {
    super(message);
  }
}

const stripBrackets = (host: string) => host.replace(/^\[(.*)\]$/, '$1');

/** Checks a URL as a subscription is saved; a name that does not resolve now is checked at delivery. */
export async function checkTargetUrl(raw: string, allowPrivate: boolean): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TargetRefused('invalid_url', 'Not a URL');
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) {
    throw new TargetRefused('scheme', 'Webhooks are sent over https only');
  }
  if (allowPrivate) return url;
  const host = stripBrackets(url.hostname);
  if (isIP(host)) {
    if (!isPublicAddress(host)) throw new TargetRefused('private_address', `${host} is not a public address`);
    return url;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) {
    throw new TargetRefused('private_address', `${host} is this machine`);
  }
  const addresses = await Promise.race([
    dns.lookup(host, { all: true }).catch(() => [] as LookupAddress[]),
    new Promise<LookupAddress[]>((resolve) => setTimeout(() => resolve([]), 3000).unref()),
  ]);
  const bad = addresses.find((a) => !isPublicAddress(a.address));
  if (bad)
    throw new TargetRefused('private_address', `${host} resolves to ${bad.address}, not a public address`);
  return url;
}

/** A DNS lookup for sockets that refuses non-public addresses (unless allowed). */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as LookupAddress[];
      const bad = allowPrivate ? undefined : list.find((a) => !isPublicAddress(a.address));
      if (bad || !list.length) {
        const refused = new TargetRefused(
          'private_address',
          `${hostname} resolves to ${bad?.address ?? 'nothing'}`,
        );
        return callback(Object.assign(refused, { code: 'ETARGETREFUSED' }), '', 0);
      }
      if ((options as { all?: boolean }).all)
        return (callback as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

export interface PostResult {
  statusCode: number | null;
  error: string | null;
}

/**
 * POSTs a body and reports the receiver's status. Redirects are not followed (a 3xx is a failure, as
 * the Standard Webhooks spec advises); the answer's body is read and dropped (at most 64 KB).
 */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  opts: { timeoutMs: number; allowPrivate: boolean },
): Promise<PostResult> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve({ statusCode: null, error: 'invalid URL' });
    }
    const host = stripBrackets(target.hostname);
    if (!opts.allowPrivate) {
      if (target.protocol !== 'https:') return resolve({ statusCode: null, error: 'refused: https only' });
      if (isIP(host) && !isPublicAddress(host))
        return resolve({ statusCode: null, error: `refused: ${host} is not a public address` });
    }
    const client = target.protocol === 'https:' ? https : http;
    const req = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(opts.allowPrivate),
        signal: AbortSignal.timeout(opts.timeoutMs),
      },
      (res) => {
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > 65_536) res.destroy();
        });
        res.on('close', () => resolve({ statusCode: res.statusCode ?? null, error: null }));
        res.on('error', () => {});
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      const message =
        err.name === 'AbortError' || err.name === 'TimeoutError'
          ? `no answer within ${opts.timeoutMs} ms`
          : err instanceof TargetRefused
            ? `refused: ${err.message}`
            : `${err.code ?? err.name}: ${err.message}`;
      resolve({ statusCode: null, error: message.slice(0, 500) });
    });
    req.end(body);
  });
}
