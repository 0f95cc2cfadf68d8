// `kubectl describe sts`. Source: kubernetes/kubectl pkg/describe/describe.go
// describeStatefulSet, getPodStatusForController, describeVolumeClaimTemplates. Service Name,
// Pod Management Policy and the PVC retention policy lines follow kubectl at 1.35 (see
// /work/shared/reference/k8s-statefulset-semantics.md §7.5).
import { readList } from '../../cli/read.ts';
import type { ApiClient, KubeObject } from '../../../cluster/api/client.ts';
import { rfc1123z } from '../age.ts';
import { formatSelector } from '../table.ts';
import { describePodTemplate } from './containers.ts';
import { describeEvents, eventsFor } from './events.ts';
import { LEVEL_0, LEVEL_1, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline } from './writer.ts';

/** Running / Waiting (Pending) / Succeeded / Failed pods a controller owns. */
export function podStatusForController(api: ApiClient, owner: KubeObject, selector: any): [number, number, number, number] {
  const labelSelector = Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
  const pods = readList(api, 'pods', owner.metadata.namespace, { labelSelector: labelSelector || undefined, unsorted: true });
  let running = 0, waiting = 0, succeeded = 0, failed = 0;
  for (const p of pods) {
    const ref = (p.metadata.ownerReferences ?? []).find((r: any) => r.controller);
    if (!ref || ref.uid !== owner.metadata.uid) continue;
    switch (p.status?.phase) {
      case 'Running': running++; break;
      case 'Pending': waiting++; break;
      case 'Succeeded': succeeded++; break;
      case 'Failed': failed++; break;
    }
  }
  return [running, waiting, succeeded, failed];
}

export function describeStatefulSet(api: ApiClient, sts: KubeObject, now: number, showEvents = true): string {
  const w = new PrefixWriter();
  const spec = sts.spec ?? {};
  w.write(LEVEL_0, `Name:\t${sts.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${sts.metadata.namespace}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(sts.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Selector:\t${formatSelector(spec.selector)}\n`);
  printLabelsMultiline(w, 'Labels', sts.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', sts.metadata.annotations);
  if (spec.serviceName) w.write(LEVEL_0, `Service Name:\t${spec.serviceName}\n`);
  if (spec.podManagementPolicy) w.write(LEVEL_0, `Pod Management Policy:\t${spec.podManagementPolicy}\n`);
  w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 1} desired | ${sts.status?.replicas ?? 0} total\n`);
  w.write(LEVEL_0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`);
  const ru = spec.updateStrategy?.rollingUpdate;
  if (ru && ru.partition != null) {
    w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable != null) w.write(LEVEL_1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
  }
  const rp = spec.persistentVolumeClaimRetentionPolicy;
  if (rp) {
    w.write(LEVEL_0, 'Persistent Volume Claim Retention Policy:\n');
    w.write(LEVEL_1, `WhenDeleted:\t${rp.whenDeleted ?? 'Retain'}\n`);
    w.write(LEVEL_1, `WhenScaled:\t${rp.whenScaled ?? 'Retain'}\n`);
  }
  const [r, wt, s, f] = podStatusForController(api, sts, spec.selector);
  w.write(LEVEL_0, `Pods Status:\t${r} Running / ${wt} Waiting / ${s} Succeeded / ${f} Failed\n`);
  describePodTemplate(w, spec.template);
  const vcts: any[] = spec.volumeClaimTemplates ?? [];
  if (!vcts.length) w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
  else {
    w.write(LEVEL_0, 'Volume Claims:\n');
    for (const pvc of vcts) {
      w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
      w.write(LEVEL_1, `StorageClass:\t${pvc.spec?.storageClassName ?? ''}\n`);
      printLabelsMultiline(w, 'Labels', pvc.metadata?.labels, '  ');
      printLabelsMultiline(w, 'Annotations', pvc.metadata?.annotations, '  ');
      w.write(LEVEL_1, `Capacity:\t${pvc.spec?.resources?.requests?.storage ?? '<default>'}\n`);
      w.write(LEVEL_1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
    }
  }
  if (showEvents) describeEvents(w, eventsFor(api, sts), now);
  return w.toString();
}
