import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NO_OUTBOUND_ALLOW,
  OutboundRefused,
  parseOutboundAllow,
  refusalOf,
  resolveAllowed,
  safeFetch,
} from './network.js';

const LOCAL = parseOutboundAllow('127.0.0.1').policy;

describe('which addresses are refused', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['fd00:ec2::254', 'unique-local'],
    ['100.100.100.200', 'CGNAT'],
    ['::7f00:1', 'IPv4-compatible'],
    ['64:ff9b::7f00:1', 'reserved'],
    ['224.0.0.1', 'multicast'],
  ])('%s is refused as %s', (address, kind) => {
    expect(refusalOf(NO_OUTBOUND_ALLOW, address)).toContain(kind);
  });

  it.each(['8.8.8.8', '157.240.1.1', '2606:4700::1111'])('%s, a public address, is reached', (address) => {
    expect(refusalOf(NO_OUTBOUND_ALLOW, address)).toBeNull();
  });

  it('the allow-list lets named hosts, addresses and ranges through, and only those', async () => {
    const { policy, bad } = parseOutboundAllow('10.0.0.0/8, [::1], mail.internal, localhost, nonsense!');
    expect(bad).toEqual(['nonsense!']);
    expect(refusalOf(policy, '10.20.30.40')).toBeNull();
    expect(refusalOf(policy, '::1')).toBeNull();
    expect(refusalOf(policy, '127.0.0.1')).toContain('loopback');
    expect(refusalOf(policy, '192.168.0.1')).toContain('private');
    expect((await resolveAllowed(policy, 'localhost')).length).toBeGreaterThan(0);
  });

  it.each([
    '127.1',
    '2130706433',
    '0x7f000001',
    '[::1]',
    '[::ffff:127.0.0.1]',
    '0.0.0.0',
    '169.254.169.254',
    'localhost',
  ])('the spelling %s is refused after resolution', async (host) => {
    await expect(resolveAllowed(NO_OUTBOUND_ALLOW, host)).rejects.toBeInstanceOf(OutboundRefused);
  });
});

describe('safeFetch', () => {
  let server: Server;
  let base: string;
  const hits: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/to-metadata') {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
        return res.end();
      }
      if (req.url === '/to-self') {
        res.writeHead(307, { location: '/hello' });
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path: req.url, auth: req.headers.authorization ?? null }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reaches an allowed host, and follows a redirect that stays allowed', async () => {
    const res = await safeFetch(LOCAL, `${base}/to-self`, { headers: { authorization: 'Bearer t' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ path: '/hello', auth: 'Bearer t' });
  });

  it('refuses loopback in every spelling without an allow-list, and nothing arrives', async () => {
    const port = new URL(base).port;
    const before = hits.length;
    for (const host of [
      '127.0.0.1',
      '127.1',
      '2130706433',
      '0x7f000001',
      'localhost',
      '[::ffff:127.0.0.1]',
    ]) {
      await expect(safeFetch(NO_OUTBOUND_ALLOW, `http://${host}:${port}/x`)).rejects.toBeInstanceOf(
        OutboundRefused,
      );
    }
    expect(hits.length).toBe(before);
  });

  it('refuses a redirect to the metadata address', async () => {
    const err = await safeFetch(LOCAL, `${base}/to-metadata`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutboundRefused);
    expect(String(err)).toMatch(/169\.254\.169\.254 is a link-local/);
  });

  it('sends a POST body as given and does not follow its redirect', async () => {
    const res = await safeFetch(LOCAL, `${base}/to-metadata`, { method: 'POST', body: '{"a":1}' });
    expect(res.status).toBe(302);
  });
});
