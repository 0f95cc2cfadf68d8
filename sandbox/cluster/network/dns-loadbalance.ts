// CoreDNS's loadbalance plugin, which the Corefile of kubeadm and minikube ends with
// (kubernetes/kubernetes cmd/kubeadm/app/phases/addons/dns/manifests.go, CoreDNSConfigMap):
// every successful answer has its A records shuffled, so `nslookup nginx` lists a headless
// Service's pods in a new order each time. Source: coredns/coredns
// plugin/loadbalance/loadbalance.go (the default round_robin policy: randomShuffle, roundRobin,
// roundRobinShuffle). The plugin sits before `cache` in CoreDNS's plugin chain, so cached
// answers are shuffled too.
import type { DnsAnswer, DnsRecord } from '../runtime-api.ts';

/** `answer` as the plugin writes it; `id` stands for miekg/dns's dns.Id(), a random uint16. */
export function loadbalance(answer: DnsAnswer, id: () => number): DnsAnswer {
  if (answer.rcode !== 'NOERROR') return answer;
  return { ...answer, records: roundRobin(answer.records, id) };
}

function roundRobin(records: DnsRecord[], id: () => number): DnsRecord[] {
  if (records.length <= 1) return records;
  const type = records[0].type;
  if (type === 'A' && records.every((r) => r.type === type)) return shuffle([...records], id);
  // Mixed answers: CNAMEs first, then the rest as they came, then the shuffled addresses (MX
  // records, shuffled last, are none the cluster DNS gives). No CNAMEs either.
  const address = records.filter((r) => r.type === 'A');
  const rest = records.filter((r) => r.type !== 'A');
  return [...rest, ...shuffle(address, id)];
}

/** roundRobinShuffle: two records swap on an even id; more, each place j takes j + id % (n - j). */
function shuffle(records: DnsRecord[], id: () => number): DnsRecord[] {
  const n = records.length;
  if (n === 2) {
    if (id() % 2 === 0) [records[0], records[1]] = [records[1], records[0]];
  } else if (n > 2) {
    for (let j = 0; j < n; j++) {
      const p = j + (id() % (n - j));
      if (p !== j) [records[j], records[p]] = [records[p], records[j]];
    }
  }
  return records;
}
