// CoreDNS's loadbalance plugin (coredns/coredns plugin/loadbalance/loadbalance.go), driven with
// chosen dns.Id() values so each swap can be checked against the Go loop by hand.
import { describe, expect, it } from 'vitest';
import type { DnsAnswer, DnsRecord } from '../runtime-api.ts';
import { loadbalance } from './dns-loadbalance.ts';

const a = (ip: string): DnsRecord => ({ type: 'A', name: 'nginx.default.svc.cluster.local', ip, ttl: 30 });
const answer = (...records: DnsRecord[]): DnsAnswer => ({ rcode: 'NOERROR', name: 'nginx.default.svc.cluster.local', records });
const ips = (ans: DnsAnswer) => ans.records.map((r) => (r.type === 'A' ? r.ip : r.type));

/** dns.Id() giving these values in turn, and how many were asked for. */
function ids(...values: number[]): { id: () => number; used: () => number } {
  let i = 0;
  return { id: () => values[i++], used: () => i };
}

describe('loadbalance (round_robin)', () => {
  it('swaps two A records when the id is even, and keeps them when it is odd', () => {
    expect(ips(loadbalance(answer(a('10.244.0.2'), a('10.244.1.2')), ids(4).id))).toEqual(['10.244.1.2', '10.244.0.2']);
    expect(ips(loadbalance(answer(a('10.244.0.2'), a('10.244.1.2')), ids(7).id))).toEqual(['10.244.0.2', '10.244.1.2']);
  });

  it('moves each place j to j + id % (n - j), asking for one id per place', () => {
    // [x, y, z], ids 1, 1, 7: j=0 swaps with 1 → [y, x, z]; j=1 swaps with 2 → [y, z, x]; j=2 stays.
    const ask = ids(1, 1, 7);
    expect(ips(loadbalance(answer(a('x'), a('y'), a('z')), ask.id))).toEqual(['y', 'z', 'x']);
    expect(ask.used()).toBe(3);
    // ids 65535 (% 3 = 0), 2 (% 2 = 0), 0: nothing moves.
    expect(ips(loadbalance(answer(a('x'), a('y'), a('z')), ids(65535, 2, 0).id))).toEqual(['x', 'y', 'z']);
  });

  it('leaves one record, SRV and PTR answers and NXDOMAIN as they are, without drawing an id', () => {
    const srv: DnsRecord = { type: 'SRV', name: 'nginx.default.svc.cluster.local', port: 80, priority: 0, weight: 50, target: 'web-0.nginx.default.svc.cluster.local', ttl: 30 };
    for (const ans of [answer(a('10.244.0.2')), answer(srv, { ...srv, target: 'web-1.nginx.default.svc.cluster.local' }), { rcode: 'NXDOMAIN', name: 'nope', records: [] } as DnsAnswer]) {
      const ask = ids();
      expect(loadbalance(ans, ask.id)).toEqual(ans);
      expect(ask.used()).toBe(0);
    }
  });

  it('does not change the answer it was given (the DNS view may share it)', () => {
    const given = answer(a('x'), a('y'));
    loadbalance(given, ids(0).id);
    expect(ips(given)).toEqual(['x', 'y']);
  });
});
