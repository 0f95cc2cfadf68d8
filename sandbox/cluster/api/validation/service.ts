// Service validation. Source: kubernetes/kubernetes pkg/apis/core/validation/validation.go
// (ValidateService, validateServicePort, ValidateServiceUpdate) and the ClusterIP allocator's
// answers from pkg/registry/core/service/ipallocator ("failed to allocate IP ...").
import type { KubeObject } from '../client.ts';
import type { FieldError } from '../errors.ts';
import { duplicate, goStruct, invalid, invalidRendered, notSupported, required } from '../field.ts';
import { each, nameIsDNS1035Label, isDNS1123Label, validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './names.ts';
import { portNumErrors, validatePortNumOrName } from './pod.ts';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

export function validateService(svc: KubeObject): FieldError[] {
  const errs = validateObjectMeta(svc, true, nameIsDNS1035Label);
  const s = svc.spec ?? {};
  const headless = s.clusterIP === 'None';
  const ports = Array.isArray(s.ports) ? s.ports : [];
  if (!ports.length && !headless && s.type !== 'ExternalName') errs.push(required('spec.ports'));
  const names = new Set<string>();
  ports.forEach((p: any, i: number) => {
    const path = `spec.ports[${i}]`;
    if (ports.length > 1 && !p?.name) errs.push(required(`${path}.name`));
    if (p?.name) {
      errs.push(...each(`${path}.name`, p.name, isDNS1123Label(p.name)));
      if (names.has(p.name)) errs.push(duplicate(`${path}.name`, p.name));
      names.add(p.name);
    }
    errs.push(...portNumErrors(p?.port).map((m) => invalid(`${path}.port`, p?.port ?? 0, m)));
    if (!p?.protocol) errs.push(required(`${path}.protocol`));
    else if (!PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${path}.protocol`, p.protocol, PROTOCOLS));
    if (p?.targetPort !== undefined) errs.push(...validatePortNumOrName(p.targetPort, `${path}.targetPort`));
  });
  if (!TYPES.includes(s.type)) errs.push(notSupported('spec.type', s.type ?? '', TYPES));
  if (s.sessionAffinity && s.sessionAffinity !== 'None' && s.sessionAffinity !== 'ClientIP') errs.push(notSupported('spec.sessionAffinity', s.sessionAffinity, ['ClientIP', 'None']));
  errs.push(...validateLabels(s.selector, 'spec.selector'));
  if (s.clusterIP && s.clusterIP !== 'None' && !isIPv4(s.clusterIP)) {
    errs.push(invalidRendered('spec.clusterIPs[0]', JSON.stringify(s.clusterIP), 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  }
  return errs;
}

export function validateServiceUpdate(svc: KubeObject, old: KubeObject): FieldError[] {
  const errs = [...validateObjectMetaUpdate(svc, old), ...validateService(svc).filter((e) => !e.field.startsWith('metadata'))];
  const needsClusterIP = (o: KubeObject) => o.spec?.type !== 'ExternalName';
  const oldIPs = old.spec?.clusterIPs ?? [];
  const newIPs = svc.spec?.clusterIPs ?? [];
  if (needsClusterIP(old) && needsClusterIP(svc) && oldIPs.length && oldIPs[0] !== newIPs[0]) {
    errs.push(invalidRendered('spec.clusterIPs[0]', goStruct(newIPs), 'may not change once set'));
  }
  return errs;
}
