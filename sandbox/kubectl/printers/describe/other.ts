// describe for the remaining simulated kinds: namespace, configmap, endpoints, endpointslice,
// storageclass, controllerrevision, event. Source: kubernetes/kubectl pkg/describe/describe.go
// (describeNamespace, describeConfigMap, describeEndpoints, describeEndpointSliceV1,
// describeStorageClass) and GenericDescriberFor for the rest.
import type { ApiClient, KubeObject } from '../../../cluster/api/client.ts';
import { toYaml } from '../object.ts';
import { describeEvents, eventsFor } from './events.ts';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline } from './writer.ts';

function header(w: PrefixWriter, o: KubeObject, namespaced: boolean): void {
  w.write(LEVEL_0, `Name:\t${o.metadata.name}\n`);
  if (namespaced) w.write(LEVEL_0, `Namespace:\t${o.metadata.namespace}\n`);
  printLabelsMultiline(w, 'Labels', o.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', o.metadata.annotations);
}

export function describeNamespace(_api: ApiClient, ns: KubeObject): string {
  const w = new PrefixWriter();
  header(w, ns, false);
  w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? 'Active'}\n`);
  w.write(LEVEL_0, '\nNo resource quota.\n');
  w.write(LEVEL_0, '\nNo LimitRange resource.\n');
  return w.toString();
}

export function describeConfigMap(api: ApiClient, cm: KubeObject, now: number): string {
  const w = new PrefixWriter();
  header(w, cm, true);
  w.write(LEVEL_0, '\nData\n====\n');
  for (const k of Object.keys(cm.data ?? {}).sort()) {
    w.write(LEVEL_0, `${k}:\n----\n`);
    w.write(LEVEL_0, `${cm.data[k]}\n`);
    w.write(LEVEL_0, '\n');
  }
  w.write(LEVEL_0, '\nBinaryData\n====\n');
  for (const k of Object.keys(cm.binaryData ?? {}).sort()) w.write(LEVEL_0, `${k}: ${Math.floor((cm.binaryData[k].length * 3) / 4)} bytes\n`);
  w.write(LEVEL_0, '\n');
  describeEvents(w, eventsFor(api, cm), now);
  return w.toString();
}

/**
 * describeServiceAccount: the three lists in header order, each `<none>` when empty (tokens
 * are the legacy token Secrets, which bound-token clusters no longer make).
 */
export function describeServiceAccount(api: ApiClient, sa: KubeObject, now: number): string {
  const w = new PrefixWriter();
  header(w, sa, true);
  const lists: [string, string[]][] = [
    ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s: any) => s.name)],
    ['Mountable secrets: ', (sa.secrets ?? []).map((s: any) => s.name)],
    ['Tokens:            ', []],
  ];
  for (const [title, names] of lists) {
    if (!names.length) w.write(LEVEL_0, `${title}\t<none>\n`);
    names.forEach((n, i) => w.write(LEVEL_0, `${i ? '                   ' : title}\t${n}\n`));
  }
  describeEvents(w, eventsFor(api, sa), now);
  return w.toString();
}

export function describeEndpoints(api: ApiClient, ep: KubeObject, now: number): string {
  const w = new PrefixWriter();
  header(w, ep, true);
  w.write(LEVEL_0, 'Subsets:\n');
  for (const ss of ep.subsets ?? []) {
    w.write(LEVEL_1, `Addresses:\t${(ss.addresses ?? []).map((a: any) => a.ip).join(',') || '<none>'}\n`);
    w.write(LEVEL_1, `NotReadyAddresses:\t${(ss.notReadyAddresses ?? []).map((a: any) => a.ip).join(',') || '<none>'}\n`);
    if (ss.ports?.length) {
      w.write(LEVEL_1, 'Ports:\n');
      w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
      w.write(LEVEL_2, '----\t----\t--------\n');
      for (const p of ss.ports) w.write(LEVEL_2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}\n`);
    }
    w.write(LEVEL_0, '\n');
  }
  describeEvents(w, eventsFor(api, ep), now);
  return w.toString();
}

export function describeEndpointSlice(api: ApiClient, eps: KubeObject, now: number): string {
  const w = new PrefixWriter();
  header(w, eps, true);
  w.write(LEVEL_0, `AddressType:\t${eps.addressType ?? ''}\n`);
  if (!eps.ports?.length) w.write(LEVEL_0, 'Ports: <unset>\n');
  else {
    w.write(LEVEL_0, 'Ports:\n');
    w.write(LEVEL_1, 'Name\tPort\tProtocol\n');
    w.write(LEVEL_1, '----\t----\t--------\n');
    for (const p of eps.ports) w.write(LEVEL_1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? 'TCP'}\n`);
  }
  if (!eps.endpoints?.length) w.write(LEVEL_0, 'Endpoints: <none>\n');
  else {
    w.write(LEVEL_0, 'Endpoints:\n');
    for (const e of eps.endpoints) {
      w.write(LEVEL_1, `- Addresses:\t${(e.addresses ?? []).join(', ') || '<none>'}\n`);
      w.write(LEVEL_2, 'Conditions:\n');
      w.write(LEVEL_3, `Ready:\t${e.conditions?.ready == null ? '<unset>' : String(e.conditions.ready)}\n`);
      w.write(LEVEL_2, `Hostname:\t${e.hostname ?? '<unset>'}\n`);
      if (e.targetRef) w.write(LEVEL_2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}\n`);
      w.write(LEVEL_2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`);
      w.write(LEVEL_2, `Zone:\t${e.zone ?? '<unset>'}\n`);
    }
  }
  describeEvents(w, eventsFor(api, eps), now);
  return w.toString();
}

export function describeStorageClass(api: ApiClient, sc: KubeObject, now: number): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${sc.metadata.name}\n`);
  const def = sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true' ? 'Yes' : 'No';
  w.write(LEVEL_0, `IsDefaultClass:\t${def}\n`);
  printAnnotationsMultiline(w, 'Annotations', sc.metadata.annotations);
  w.write(LEVEL_0, `Provisioner:\t${sc.provisioner ?? ''}\n`);
  const params = Object.entries(sc.parameters ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
  w.write(LEVEL_0, `Parameters:\t${params || '<none>'}\n`);
  w.write(LEVEL_0, `AllowVolumeExpansion:\t${sc.allowVolumeExpansion == null ? '<unset>' : sc.allowVolumeExpansion ? 'True' : 'False'}\n`);
  w.write(LEVEL_0, `MountOptions:\t${(sc.mountOptions ?? []).join(',') || '<none>'}\n`);
  w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy ?? 'Delete'}\n`);
  w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode ?? 'Immediate'}\n`);
  describeEvents(w, eventsFor(api, sc), now);
  return w.toString();
}

/** GenericDescriberFor: metadata, then the remaining fields as indented YAML-like text. */
export function describeGeneric(api: ApiClient, o: KubeObject, now: number, namespaced: boolean): string {
  const w = new PrefixWriter();
  header(w, o, namespaced);
  w.write(LEVEL_0, `API Version:\t${o.apiVersion ?? ''}\n`);
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (!['apiVersion', 'kind', 'metadata'].includes(k)) rest[k] = v;
  w.write(LEVEL_0, `Kind:\t${o.kind ?? ''}\n`);
  w.write(LEVEL_0, 'Metadata:\n');
  w.write(LEVEL_1, `Creation Timestamp:\t${o.metadata.creationTimestamp ?? ''}\n`);
  w.write(LEVEL_1, `Resource Version:\t${o.metadata.resourceVersion ?? ''}\n`);
  w.write(LEVEL_1, `UID:\t${o.metadata.uid ?? ''}\n`);
  const titled = (k: string) => k.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
  for (const line of toYaml(rest).split('\n')) {
    if (!line.trim()) continue;
    const m = /^(\s*)(- )?([A-Za-z0-9_.\/-]+):(.*)$/.exec(line);
    if (m) w.write(LEVEL_0, `${m[1]}${m[2] ?? ''}${titled(m[3])}:${m[4] ? '\t' + m[4].trim() : ''}\n`);
    else w.write(LEVEL_0, `${line}\n`);
  }
  if (o.kind !== 'Event') describeEvents(w, eventsFor(api, o), now);
  return w.toString();
}
