// `kubectl describe deploy` and `describe rs`. Source: kubernetes/kubectl
// pkg/describe/describe.go describeDeployment (printReplicaSetsByLabels), describeReplicaSet.
import { readList } from '../../cli/read.ts';
import type { ApiClient, KubeObject } from '../../../cluster/api/client.ts';
import { age, rfc1123z } from '../age.ts';
import { formatSelector } from '../table.ts';
import { describePodTemplate } from './containers.ts';
import { describeEvents, eventsFor } from './events.ts';
import { controllerOf } from './pod.ts';
import { podStatusForController } from './statefulset.ts';
import { LEVEL_0, LEVEL_1, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline } from './writer.ts';

export function describeDeployment(api: ApiClient, d: KubeObject, now: number, showEvents = true): string {
  const w = new PrefixWriter();
  const spec = d.spec ?? {};
  const st = d.status ?? {};
  w.write(LEVEL_0, `Name:\t${d.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', d.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${formatSelector(spec.selector)}\n`);
  w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
  w.write(LEVEL_0, `StrategyType:\t${spec.strategy?.type ?? 'RollingUpdate'}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  if (spec.strategy?.rollingUpdate) {
    const ru = spec.strategy.rollingUpdate;
    w.write(LEVEL_0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? '25%'} max unavailable, ${ru.maxSurge ?? '25%'} max surge\n`);
  }
  describePodTemplate(w, spec.template);
  if (st.conditions?.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(LEVEL_1, '----\t------\t------\n');
    for (const c of st.conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  const rss = readList(api, 'replicasets', d.metadata.namespace).filter((rs) => (rs.metadata.ownerReferences ?? []).some((r: any) => r.uid === d.metadata.uid));
  const hash = d.spec?.template?.metadata?.labels?.['pod-template-hash'];
  const newRS = rss.find((rs) => rs.metadata.labels?.['pod-template-hash'] && rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === d.metadata.annotations?.['deployment.kubernetes.io/revision']) ?? rss.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
  const old = rss.filter((rs) => rs !== newRS && (rs.spec?.replicas ?? 0) > 0);
  const fmt = (list: KubeObject[]) => (list.length ? list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ') : '<none>');
  w.write(LEVEL_0, `OldReplicaSets:\t${fmt(old)}\n`);
  w.write(LEVEL_0, `NewReplicaSet:\t${newRS ? fmt([newRS]) : '<none>'}\n`);
  if (showEvents) describeEvents(w, eventsFor(api, d), now);
  void age;
  return w.toString();
}

export function describeReplicaSet(api: ApiClient, rs: KubeObject, now: number, showEvents = true): string {
  const w = new PrefixWriter();
  const spec = rs.spec ?? {};
  w.write(LEVEL_0, `Name:\t${rs.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace}\n`);
  w.write(LEVEL_0, `Selector:\t${formatSelector(spec.selector)}\n`);
  printLabelsMultiline(w, 'Labels', rs.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations);
  const ctl = controllerOf(rs);
  if (ctl) w.write(LEVEL_0, `Controlled By:\t${ctl}\n`);
  w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${spec.replicas ?? 1} desired\n`);
  const [r, wt, s, f] = podStatusForController(api, rs, spec.selector);
  w.write(LEVEL_0, `Pods Status:\t${r} Running / ${wt} Waiting / ${s} Succeeded / ${f} Failed\n`);
  describePodTemplate(w, spec.template);
  if (showEvents) describeEvents(w, eventsFor(api, rs), now);
  return w.toString();
}
