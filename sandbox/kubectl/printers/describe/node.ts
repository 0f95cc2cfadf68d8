// `kubectl describe node`. Source: kubernetes/kubectl pkg/describe/describe.go describeNode,
// describeNodeResource (non-terminated pods, allocated resources). No Lease objects are
// simulated: the Lease block shows the node's own heartbeat as holder and renew time.
import { readList } from '../../cli/read.ts';
import type { ApiClient, KubeObject } from '../../../cluster/api/client.ts';
import { age, rfc1123z } from '../age.ts';
import { nodeRoles } from '../nodes.ts';
import { describeEvents, eventsFor } from './events.ts';
import { LEVEL_0, LEVEL_1, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline } from './writer.ts';

function cpuMillis(q: string | undefined): number {
  if (!q) return 0;
  return q.endsWith('m') ? Number(q.slice(0, -1)) : Number(q) * 1000;
}

const MEM_UNITS: Record<string, number> = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
function bytes(q: string | undefined): number {
  if (!q) return 0;
  const m = /^(\d+(?:\.\d+)?)([A-Za-z]*)$/.exec(q);
  if (!m) return 0;
  return Number(m[1]) * (MEM_UNITS[m[2]] ?? 1);
}

function cpuString(m: number): string {
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

function memString(b: number): string {
  if (b === 0) return '0';
  for (const [u, f] of [['Gi', 1024 ** 3], ['Mi', 1024 ** 2], ['Ki', 1024]] as const) if (b % f === 0) return `${b / f}${u}`;
  return String(b);
}

function sumResources(pod: KubeObject, kind: 'requests' | 'limits'): { cpu: number; mem: number } {
  let cpu = 0, mem = 0;
  for (const c of pod.spec?.containers ?? []) {
    cpu += cpuMillis(c.resources?.[kind]?.cpu);
    mem += bytes(c.resources?.[kind]?.memory);
  }
  return { cpu, mem };
}

export function describeNode(api: ApiClient, node: KubeObject, now: number, showEvents = true): string {
  const w = new PrefixWriter();
  const st = node.status ?? {};
  w.write(LEVEL_0, `Name:\t${node.metadata.name}\n`);
  const roles = nodeRoles(node);
  w.write(LEVEL_0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', node.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  printTaintsMultiline(w, 'Taints', node.spec?.taints);
  w.write(LEVEL_0, `Unschedulable:\t${!!node.spec?.unschedulable}\n`);
  const ready = (st.conditions ?? []).find((c: any) => c.type === 'Ready');
  w.write(LEVEL_0, 'Lease:\n');
  w.write(LEVEL_1, `HolderIdentity:\t${node.metadata.name}\n`);
  w.write(LEVEL_1, `AcquireTime:\t<unset>\n`);
  w.write(LEVEL_1, `RenewTime:\t${ready?.lastHeartbeatTime ? rfc1123z(ready.lastHeartbeatTime) : '<unset>'}\n`);
  if (st.conditions?.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of st.conditions) {
      w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const a of st.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [['Capacity', st.capacity], ['Allocatable', st.allocatable]] as const) {
    if (!list || !Object.keys(list).length) continue;
    w.write(LEVEL_0, `${title}:\n`);
    for (const k of Object.keys(list).sort()) w.write(LEVEL_0, `  ${k}:\t${list[k]}\n`);
  }
  const info = st.nodeInfo ?? {};
  w.write(LEVEL_0, 'System Info:\n');
  w.write(LEVEL_0, `  Machine ID:\t${info.machineID ?? ''}\n`);
  w.write(LEVEL_0, `  System UUID:\t${info.systemUUID ?? ''}\n`);
  w.write(LEVEL_0, `  Boot ID:\t${info.bootID ?? ''}\n`);
  w.write(LEVEL_0, `  Kernel Version:\t${info.kernelVersion ?? ''}\n`);
  w.write(LEVEL_0, `  OS Image:\t${info.osImage ?? ''}\n`);
  w.write(LEVEL_0, `  Operating System:\t${info.operatingSystem ?? ''}\n`);
  w.write(LEVEL_0, `  Architecture:\t${info.architecture ?? ''}\n`);
  w.write(LEVEL_0, `  Container Runtime Version:\t${info.containerRuntimeVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kubelet Version:\t${info.kubeletVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kube-Proxy Version:\t${info.kubeProxyVersion ?? ''}\n`);
  if (node.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec?.podCIDRs?.length) w.write(LEVEL_0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
  if (node.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`);
  const pods = readList(api, 'pods', undefined, { fieldSelector: `spec.nodeName=${node.metadata.name}` })
    .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const alloc = st.allocatable ?? st.capacity ?? {};
  const acpu = cpuMillis(alloc.cpu);
  const amem = bytes(alloc.memory);
  const pct = (x: number, of: number) => (of ? Math.trunc((x / of) * 100) : 0);
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  let rc = 0, lc = 0, rm = 0, lm = 0;
  for (const p of pods) {
    const r = sumResources(p, 'requests');
    const l = sumResources(p, 'limits');
    rc += r.cpu; lc += l.cpu; rm += r.mem; lm += l.mem;
    w.write(LEVEL_1, `${p.metadata.namespace}\t${p.metadata.name}\t\t${cpuString(r.cpu)} (${pct(r.cpu, acpu)}%)\t${cpuString(l.cpu)} (${pct(l.cpu, acpu)}%)\t${memString(r.mem)} (${pct(r.mem, amem)}%)\t${memString(l.mem)} (${pct(l.mem, amem)}%)\t${age(p.metadata.creationTimestamp, now)}\n`);
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  w.write(LEVEL_1, `cpu\t${cpuString(rc)} (${pct(rc, acpu)}%)\t${cpuString(lc)} (${pct(lc, acpu)}%)\n`);
  w.write(LEVEL_1, `memory\t${memString(rm)} (${pct(rm, amem)}%)\t${memString(lm)} (${pct(lm, amem)}%)\n`);
  w.write(LEVEL_1, 'ephemeral-storage\t0 (0%)\t0 (0%)\n');
  if (showEvents) {
    // Node events are recorded under the node's name or uid (kubelet uses the name).
    describeEvents(w, eventsFor(api, node), now);
  }
  return w.toString();
}
