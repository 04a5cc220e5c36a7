import dns from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { Readable } from 'node:stream';
import ipaddr from 'ipaddr.js';
import { PermanentJobError } from '../errors.js';

// Outbound connections to addresses an admin types in (the WhatsApp and Telegram API bases, the
// SMTP and IMAP servers, and whatever comes next) must not become a way into the machine's own
// network: loopback, private, link-local (cloud metadata at 169.254.169.254), unique-local, CGNAT
// and the like are refused unless TESSERA_OUTBOUND_ALLOW names them. The check runs when the
// socket is opened, on the address actually connected to after DNS resolution, so a name that
// resolves to a public address at save time and to 127.0.0.1 later (DNS rebinding) gains nothing.

/** TESSERA_OUTBOUND_ALLOW, parsed: host names, and addresses or CIDR ranges, that may be reached. */
export type OutboundPolicy = {
  readonly hosts: ReadonlySet<string>;
  readonly ranges: readonly [ipaddr.IPv4 | ipaddr.IPv6, number][];
};

export const OUTBOUND_ALLOW_ENV = 'TESSERA_OUTBOUND_ALLOW';

/** A comma-separated list of host names, addresses and CIDR ranges; the entries it cannot read. */
export function parseOutboundAllow(spec: string): { policy: OutboundPolicy; bad: string[] } {
  const hosts = new Set<string>();
  const ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  const bad: string[] = [];
  for (const raw of spec.split(',')) {
    const entry = raw
      .trim()
      .toLowerCase()
      .replace(/^\[(.*)\]$/, '$1');
    if (!entry) continue;
    if (entry.includes('/')) {
      try {
        const [addr, bits] = ipaddr.parseCIDR(entry);
        ranges.push([addr.kind() === 'ipv6' ? (addr as ipaddr.IPv6) : addr, bits]);
      } catch {
        bad.push(raw.trim());
      }
    } else if (net.isIP(entry)) {
      const addr = ipaddr.process(entry);
      ranges.push([addr, addr.kind() === 'ipv4' ? 32 : 128]);
    } else if (/^[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?$/.test(entry)) {
      hosts.add(entry.replace(/\.$/, ''));
    } else {
      bad.push(raw.trim());
    }
  }
  return { policy: { hosts, ranges }, bad };
}

export const NO_OUTBOUND_ALLOW: OutboundPolicy = { hosts: new Set(), ranges: [] };

const RANGE_WORDS: Record<string, string> = {
  loopback: 'a loopback',
  private: 'a private',
  linkLocal: 'a link-local (cloud metadata)',
  uniqueLocal: 'a unique-local',
  carrierGradeNat: 'a shared (CGNAT)',
  unspecified: 'an unspecified',
  broadcast: 'a broadcast',
  multicast: 'a multicast',
  ipv4Compatible: 'an IPv4-compatible',
};

/** Why an address may not be reached (e.g. "a loopback address"), or null when it may. */
export function refusalOf(policy: OutboundPolicy, address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an address';
  // ::ffff:127.0.0.1 is 127.0.0.1: judged as IPv4.
  const addr = ipaddr.process(address);
  if (policy.ranges.some(([base, bits]) => base.kind() === addr.kind() && addr.match(base, bits)))
    return null;
  let range: string = addr.range();
  // ::7f00:1 (IPv4-compatible, long deprecated) is called unicast by the library; nothing public lives there.
  if (addr.kind() === 'ipv6' && range === 'unicast' && addr.match(ipaddr.IPv6.parse('::'), 96))
    range = 'ipv4Compatible';
  if (range === 'unicast') return null;
  return `${RANGE_WORDS[range] ?? `a reserved (${range})`} address`;
}

/** A connection the policy refuses. Retrying cannot help, so a job that meets it fails at once. */
export class OutboundRefused extends PermanentJobError {
  readonly code = 'EOUTBOUNDREFUSED';
  constructor(host: string, address: string, why: string) {
    const is = host === address ? `${address} is` : `${host} resolves to ${address},`;
    super(
      `refused to connect: ${is} ${why}, which Tessera does not reach unless ${OUTBOUND_ALLOW_ENV} allows it`,
    );
  }
}

const bare = (host: string) => host.replace(/^\[(.*)\]$/, '$1');

/**
 * Resolves `host` (a name, or an address in any spelling getaddrinfo takes: 127.1, 2130706433,
 * 0x7f000001) and checks every address it has; an allow-listed name passes as it resolves.
 */
export async function resolveAllowed(
  policy: OutboundPolicy,
  host: string,
): Promise<{ address: string; family: number }[]> {
  const name = bare(host).toLowerCase();
  const addresses = net.isIP(name)
    ? [{ address: name, family: net.isIP(name) }]
    : await dns.promises.lookup(name, { all: true, verbatim: true });
  if (policy.hosts.has(name.replace(/\.$/, ''))) return addresses;
  for (const { address } of addresses) {
    const why = refusalOf(policy, address);
    if (why) throw new OutboundRefused(name, address, why);
  }
  if (addresses.length === 0) throw Object.assign(new Error(`${name} has no address`), { code: 'ENOTFOUND' });
  return addresses;
}

type LookupCallback = (err: Error | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net.connect, tls.connect and http.request: resolves, refuses what the policy
 * refuses, and hands the socket only addresses that were checked. Node skips `lookup` for a host
 * that is already an IP address, so callers check those with resolveAllowed first.
 */
export function guardedLookup(policy: OutboundPolicy) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    resolveAllowed(policy, hostname).then(
      (addresses) => {
        const fit = options.family ? addresses.filter((a) => a.family === options.family) : addresses;
        if (options.all) return callback(null, fit);
        const first = fit[0];
        if (!first)
          return callback(
            Object.assign(new Error(`${hostname} has no such address`), { code: 'ENOTFOUND' }),
            '',
          );
        callback(null, first.address, first.family);
      },
      (err: Error) => callback(err, ''),
    );
  };
}

/** Options for nodemailer's createTransport: connects only to checked addresses, TLS still verifying the name. */
export function smtpSocketOptions(policy: OutboundPolicy) {
  return {
    getSocket(
      options: { host?: string; port?: number | string; secure?: boolean; connectionTimeout?: number },
      callback: (err: Error | null, socket?: { connection: net.Socket }) => void,
    ) {
      const host = options.host ?? 'localhost';
      const port = Number(options.port) || (options.secure ? 465 : 587);
      resolveAllowed(policy, host).then(
        ([first]) => {
          if (!first) return callback(new Error(`${host} has no address`));
          const socket = net.connect({ host: first.address, port });
          const fail = (err: Error) => {
            socket.destroy();
            callback(err);
          };
          socket.setTimeout(options.connectionTimeout ?? 120_000, () =>
            fail(Object.assign(new Error(`connection to ${host}:${port} timed out`), { code: 'ETIMEDOUT' })),
          );
          socket.once('error', fail);
          socket.once('connect', () => {
            socket.setTimeout(0);
            socket.removeListener('error', fail);
            // nodemailer wraps a `secure` connection in TLS itself, with the host name as servername.
            callback(null, { connection: socket });
          });
        },
        (err: Error) => callback(err),
      );
    },
  };
}

const agents = new WeakMap<OutboundPolicy, { http: http.Agent; https: https.Agent }>();

/** Keep-alive agents per policy, so a socket opened under one allow-list never serves another. */
function agentsFor(policy: OutboundPolicy) {
  let a = agents.get(policy);
  if (!a) {
    const lookup = guardedLookup(policy) as unknown as net.LookupFunction;
    // Idle sockets are dropped before a server's usual 5 s keep-alive ends, so a reused one is not already closed.
    a = {
      http: new http.Agent({ keepAlive: true, timeout: 4000, lookup } as http.AgentOptions),
      https: new https.Agent({ keepAlive: true, timeout: 4000, lookup } as https.AgentOptions),
    };
    agents.set(policy, a);
  }
  return a;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const NO_BODY = new Set([101, 103, 204, 205, 304]);
const MAX_REDIRECTS = 3;

/**
 * fetch() for admin-set URLs: every connection, including each redirect's, goes through the
 * policy. Redirects are followed for GET and HEAD only (at most three, the Authorization header
 * dropped when the origin changes); any other request gets the 3xx answer itself.
 */
export async function safeFetch(
  policy: OutboundPolicy,
  input: string,
  init: RequestInit = {},
): Promise<Response> {
  let url = new URL(input);
  let headers = new Headers(init.headers);
  const method = (init.method ?? 'GET').toUpperCase();
  // Request serialises any body fetch takes (a string, FormData with its boundary) into bytes.
  let body: Buffer | undefined;
  if (init.body !== undefined && init.body !== null && method !== 'GET' && method !== 'HEAD') {
    const request = new Request(url, { method, headers, body: init.body });
    body = Buffer.from(await request.arrayBuffer());
    headers = new Headers(request.headers);
  }
  for (let hop = 0; ; hop++) {
    const res = await request(policy, url, method, headers, body, init.signal ?? undefined);
    const location = res.headers.get('location');
    if (!REDIRECTS.has(res.status) || !location || (method !== 'GET' && method !== 'HEAD')) return res;
    await res.body?.cancel();
    if (hop >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects from ${input}`);
    const next = new URL(location, url);
    if (next.origin !== url.origin) headers.delete('authorization');
    url = next;
  }
}

async function request(
  policy: OutboundPolicy,
  url: URL,
  method: string,
  headers: Headers,
  body: Buffer | undefined,
  signal: AbortSignal | undefined,
): Promise<Response> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`${url.protocol} URLs are not fetched`);
  const host = bare(url.hostname);
  // Node does not call `lookup` for an address, so an address is checked here.
  if (net.isIP(host)) await resolveAllowed(policy, host);
  const secure = url.protocol === 'https:';
  const lib = secure ? https : http;
  const a = agentsFor(policy);
  return new Promise<Response>((resolve, reject) => {
    const req = lib.request(
      url,
      {
        method,
        headers: Object.fromEntries(headers),
        agent: secure ? a.https : a.http,
        signal,
      },
      (res) => resolve(toResponse(res, method)),
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A node response as a fetch Response: repeated headers kept, no body where HTTP has none. */
function toResponse(res: IncomingMessage, method: string): Response {
  const out = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) out.append(name, v);
  }
  const status = res.statusCode ?? 502;
  const stream = NO_BODY.has(status) || method === 'HEAD' ? null : Readable.toWeb(res);
  if (!stream) res.resume();
  return new Response(stream as ReadableStream | null, {
    status,
    statusText: res.statusMessage,
    headers: out,
  });
}

/**
 * Why a fetch() failed, in words an operator can act on: fetch only says "fetch failed" and keeps
 * the reason (ECONNREFUSED, ENOTFOUND, a certificate error) in its cause.
 */
export function networkReason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause as { code?: unknown; message?: unknown } | undefined;
  const why =
    typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : '';
  return why && !err.message.includes(why) ? `${err.message} (${why})` : err.message;
}
