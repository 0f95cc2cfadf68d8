// `kubectl get nodes`: NAME STATUS ROLES AGE VERSION (+ INTERNAL-IP EXTERNAL-IP OS-IMAGE
// KERNEL-VERSION CONTAINER-RUNTIME). Source: kubernetes/kubernetes
// pkg/printers/internalversion/printers.go printNode, findNodeRoles.
import type { KubeObject } from '../../cluster/api/client.ts';
import { age } from './age.ts';
import { registerTable } from './table.ts';

export function nodeRoles(node: KubeObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const r = k.slice('node-role.kubernetes.io/'.length);
      if (r) roles.add(r);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort();
}

export function nodeStatus(node: KubeObject): string {
  const conds: any[] = node.status?.conditions ?? [];
  const ready = conds.find((c) => c.type === 'Ready');
  const status: string[] = [];
  if (!ready) status.push('Unknown');
  else status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

function address(node: KubeObject, type: string): string {
  return (node.status?.addresses ?? []).find((a: any) => a.type === type)?.address ?? '<none>';
}

registerTable('nodes', {
  columns: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
  wide: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
  row(node, now, wide) {
    const roles = nodeRoles(node);
    const info = node.status?.nodeInfo ?? {};
    const cells = [node.metadata.name ?? '', nodeStatus(node), roles.length ? roles.join(',') : '<none>', age(node.metadata.creationTimestamp, now), info.kubeletVersion ?? ''];
    if (wide) {
      const osImage = info.osImage || '<unknown>';
      const kernel = info.kernelVersion || '<unknown>';
      cells.push(address(node, 'InternalIP'), address(node, 'ExternalIP'), osImage, kernel, info.containerRuntimeVersion || '<unknown>');
    }
    return cells;
  },
});
