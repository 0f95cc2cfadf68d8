// Pod, pod spec and pod template validation, with the API server's messages.
// Source: kubernetes/kubernetes pkg/apis/core/validation/validation.go (ValidatePod,
// ValidatePodSpec, ValidateVolumes, validateContainers, validateContainerCommon,
// ValidateVolumeMounts, validateContainerPorts, validateProbe, ValidateTolerations,
// ValidatePodTemplateSpec, ValidatePodUpdate with updatablePodSpecFields).
import type { KubeObject } from '../client.ts';
import type { FieldError } from '../errors.ts';
import { deepEqual, duplicate, forbidden, invalid, nonNegative, notFound, notSupported, required } from '../field.ts';
import { parseQuantity } from '../quantity.ts';
import { volumeSources } from '../defaults/pod.ts';
import { each, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain, validateAnnotations, validateLabels, validateDNS1123Label, validateObjectMeta } from './names.ts';
import { cmpDiff, POD_SPEC_FIELDS } from './diff.ts';
import { clone } from '../clone.ts';

export interface PodSpecOptions {
  /** Volume names that exist besides spec.volumes (a StatefulSet's volumeClaimTemplates). */
  extraVolumes?: string[];
}

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** IsValidPortNum. */
export function portNumErrors(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

/** IsValidPortName (IANA_SVC_NAME). */
export function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** ValidatePortNumOrName. */
export function validatePortNumOrName(port: unknown, field: string): FieldError[] {
  if (typeof port === 'number') return portNumErrors(port).map((m) => invalid(field, port, m));
  if (typeof port === 'string') {
    if (!port) return [required(field)];
    if (/^[0-9]+$/.test(port)) return portNumErrors(Number(port)).map((m) => invalid(field, Number(port), m));
    return each(field, port, portNameErrors(port));
  }
  return [required(field)];
}

function arr(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

function validateVolumes(volumes: unknown, path: string): { names: Set<string>; errs: FieldError[] } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  arr(volumes).forEach((v, i) => {
    const p = `${path}[${i}]`;
    const name = String(v?.name ?? '');
    if (!name) errs.push(required(`${p}.name`));
    else errs.push(...validateDNS1123Label(name, `${p}.name`));
    if (name && names.has(name)) errs.push(duplicate(`${p}.name`, name));
    else if (name) names.add(name);
    const sources = volumeSources(v);
    if (sources.length === 0) errs.push(required(p, 'must specify a volume type'));
    else if (sources.length > 1) errs.push(forbidden(`${p}.${sources[1]}`, 'may not specify more than 1 volume type'));
    if (v?.persistentVolumeClaim && !v.persistentVolumeClaim.claimName) errs.push(required(`${p}.persistentVolumeClaim.claimName`));
  });
  return { names, errs };
}

function validatePorts(ports: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  arr(ports).forEach((port, i) => {
    const p = `${path}[${i}]`;
    if (port?.name) {
      const msgs = portNameErrors(String(port.name));
      if (msgs.length) errs.push(...each(`${p}.name`, String(port.name), msgs));
      else if (names.has(port.name)) errs.push(duplicate(`${p}.name`, port.name));
      else names.add(port.name);
    }
    if (!port?.containerPort) errs.push(required(`${p}.containerPort`));
    else errs.push(...portNumErrors(port.containerPort).map((m) => invalid(`${p}.containerPort`, port.containerPort, m)));
    if (port?.hostPort) errs.push(...portNumErrors(port.hostPort).map((m) => invalid(`${p}.hostPort`, port.hostPort, m)));
    if (!port?.protocol) errs.push(required(`${p}.protocol`));
    else if (!PROTOCOLS.includes(port.protocol)) errs.push(notSupported(`${p}.protocol`, port.protocol, PROTOCOLS));
  });
  return errs;
}

function validateEnv(env: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(env).forEach((e, i) => {
    const p = `${path}[${i}]`;
    if (!e?.name) errs.push(required(`${p}.name`));
    else if (/[=]/.test(e.name) || /[^\x20-\x7e]/.test(e.name)) errs.push(invalid(`${p}.name`, e.name, "a valid environment variable name must consist only of printable ASCII characters other than '='"));
    if (e?.valueFrom && e.value) errs.push(invalid(`${p}.valueFrom`, '', 'may not be specified when `value` is not empty'));
  });
  return errs;
}

function validateVolumeMounts(mounts: unknown, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const mountpoints = new Set<string>();
  arr(mounts).forEach((m, i) => {
    const p = `${path}[${i}]`;
    const name = String(m?.name ?? '');
    if (!name) errs.push(required(`${p}.name`));
    if (!volumes.has(name)) errs.push(notFound(`${p}.name`, name));
    const mp = String(m?.mountPath ?? '');
    // No check that mountPath is absolute: a relative path passes the API (the runtime decides).
    if (!mp) errs.push(required(`${p}.mountPath`));
    if (mountpoints.has(mp)) errs.push(invalid(`${p}.mountPath`, mp, 'must be unique'));
    mountpoints.add(mp);
    if (m?.subPath) {
      const sp = String(m.subPath);
      if (sp.startsWith('/')) errs.push(invalid(`${p}.subPath`, sp, 'must be a relative path'));
      else if (sp.split('/').includes('..')) errs.push(invalid(`${p}.subPath`, sp, "must not contain '..'"));
    }
  });
  return errs;
}

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];

function validateProbe(probe: any, path: string, liveness: boolean): FieldError[] {
  if (!probe) return [];
  const errs: FieldError[] = [];
  const handlers = HANDLERS.filter((h) => probe[h] != null);
  if (handlers.length === 0) errs.push(required(path, 'must specify a handler type'));
  else if (handlers.length > 1) errs.push(forbidden(`${path}.${handlers[1]}`, 'may not specify more than 1 handler type'));
  if (probe.httpGet) errs.push(...validatePortNumOrName(probe.httpGet.port, `${path}.httpGet.port`));
  if (probe.tcpSocket) errs.push(...validatePortNumOrName(probe.tcpSocket.port, `${path}.tcpSocket.port`));
  if (probe.exec && !arr(probe.exec.command).length) errs.push(required(`${path}.exec.command`));
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...nonNegative(probe[f], `${path}.${f}`));
  }
  if (liveness && probe.successThreshold !== undefined && probe.successThreshold !== 1) errs.push(invalid(`${path}.successThreshold`, probe.successThreshold, 'must be 1'));
  return errs;
}

function validateResources(res: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const req = res?.requests ?? {};
  const lim = res?.limits ?? {};
  for (const [k, v] of Object.entries({ ...lim, ...req }).sort(([a], [b]) => (a < b ? -1 : 1))) {
    void v;
    for (const [kind, list] of [['limits', lim], ['requests', req]] as const) {
      if (list[k] === undefined) continue;
      const q = parseQuantity(list[k]);
      if (Number.isNaN(q)) errs.push(invalid(`${path}.${kind}[${k}]`, String(list[k]), 'quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\''));
      else if (q < 0) errs.push(invalid(`${path}.${kind}[${k}]`, String(list[k]), 'must be greater than or equal to 0'));
    }
    const q = parseQuantity(req[k]);
    const l = parseQuantity(lim[k]);
    if (q > l) errs.push(invalid(`${path}.requests`, String(req[k]), `must be less than or equal to ${k} limit of ${lim[k]}`));
  }
  return errs;
}

function validateContainers(containers: unknown, volumes: Set<string>, path: string, init: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const list = arr(containers);
  if (!init && list.length === 0) errs.push(required(path));
  const names = new Set<string>();
  list.forEach((c, i) => {
    const p = `${path}[${i}]`;
    // validateContainerCommon
    const name = String(c?.name ?? '');
    if (!name) errs.push(required(`${p}.name`));
    else errs.push(...validateDNS1123Label(name, `${p}.name`));
    if (!c?.image) errs.push(required(`${p}.image`));
    const tmp = c?.terminationMessagePolicy;
    if (!tmp) errs.push(required(`${p}.terminationMessagePolicy`));
    else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') errs.push(notSupported(`${p}.terminationMessagePolicy`, tmp, ['File', 'FallbackToLogsOnError']));
    errs.push(...validatePorts(c?.ports, `${p}.ports`));
    errs.push(...validateEnv(c?.env, `${p}.env`));
    errs.push(...validateVolumeMounts(c?.volumeMounts, volumes, `${p}.volumeMounts`));
    const pull = c?.imagePullPolicy;
    if (!pull) errs.push(required(`${p}.imagePullPolicy`));
    else if (!['Always', 'IfNotPresent', 'Never'].includes(pull)) errs.push(notSupported(`${p}.imagePullPolicy`, pull, ['Always', 'IfNotPresent', 'Never']));
    errs.push(...validateResources(c?.resources, `${p}.resources`));
    if (name && names.has(name)) errs.push(duplicate(`${p}.name`, name));
    else names.add(name);
    if (!init) {
      errs.push(...validateProbe(c?.livenessProbe, `${p}.livenessProbe`, true));
      errs.push(...validateProbe(c?.readinessProbe, `${p}.readinessProbe`, false));
      errs.push(...validateProbe(c?.startupProbe, `${p}.startupProbe`, true));
    }
  });
  return errs;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** ValidateTolerations. */
export function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(tolerations).forEach((t, i) => {
    const p = `${path}[${i}]`;
    if (t?.key) errs.push(...each(`${p}.key`, t.key, isQualifiedName(t.key)));
    if (!t?.key && t?.operator !== 'Exists') errs.push(invalid(`${p}.operator`, t?.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (t?.tolerationSeconds != null && t?.effect !== 'NoExecute') errs.push(invalid(`${p}.effect`, t?.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    if (t?.operator && t.operator !== 'Equal' && t.operator !== 'Exists') errs.push(notSupported(`${p}.operator`, t.operator, ['Equal', 'Exists']));
    if (t?.operator === 'Exists' && t?.value) errs.push(invalid(`${p}.operator`, t.value, "value must be empty when `operator` is 'Exists'"));
    if (t?.effect && !EFFECTS.includes(t.effect)) errs.push(notSupported(`${p}.effect`, t.effect, EFFECTS));
  });
  return errs;
}

/** ValidatePodSpec: the checks a learner can trip, in the API server's order. */
export function validatePodSpec(spec: any, path: string, opts: PodSpecOptions = {}): FieldError[] {
  const s = spec ?? {};
  const { names, errs } = validateVolumes(s.volumes, `${path}.volumes`);
  for (const v of opts.extraVolumes ?? []) names.add(v);
  errs.push(...validateContainers(s.containers, names, `${path}.containers`, false));
  errs.push(...validateContainers(s.initContainers, names, `${path}.initContainers`, true));
  const rp = s.restartPolicy;
  if (!rp) errs.push(required(`${path}.restartPolicy`));
  else if (!['Always', 'OnFailure', 'Never'].includes(rp)) errs.push(notSupported(`${path}.restartPolicy`, rp, ['Always', 'OnFailure', 'Never']));
  const dp = s.dnsPolicy;
  if (dp && !['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(dp)) errs.push(notSupported(`${path}.dnsPolicy`, dp, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']));
  errs.push(...validateLabels(s.nodeSelector, `${path}.nodeSelector`));
  arr(s.imagePullSecrets).forEach((x, i) => {
    if (!x?.name) errs.push(required(`${path}.imagePullSecrets[${i}].name`));
  });
  if (s.serviceAccountName) errs.push(...each(`${path}.serviceAccountName`, s.serviceAccountName, isDNS1123Subdomain(s.serviceAccountName)));
  if (s.nodeName) errs.push(...each(`${path}.nodeName`, s.nodeName, isDNS1123Subdomain(s.nodeName)));
  if (s.activeDeadlineSeconds != null && (s.activeDeadlineSeconds < 1 || s.activeDeadlineSeconds > 2147483647)) {
    errs.push(invalid(`${path}.activeDeadlineSeconds`, s.activeDeadlineSeconds, 'must be between 1 and 2147483647, inclusive'));
  }
  if (s.hostname) errs.push(...each(`${path}.hostname`, s.hostname, isDNS1123Label(s.hostname)));
  if (s.subdomain) errs.push(...each(`${path}.subdomain`, s.subdomain, isDNS1123Label(s.subdomain)));
  errs.push(...validateTolerations(s.tolerations, `${path}.tolerations`));
  if (s.terminationGracePeriodSeconds != null && s.terminationGracePeriodSeconds < 0) {
    errs.push(invalid(`${path}.terminationGracePeriodSeconds`, s.terminationGracePeriodSeconds, 'must be greater than or equal to 0'));
  }
  return errs;
}

/** ValidatePodTemplateSpec: template labels (at `<path>.labels`, as the source words it), annotations, spec. */
export function validatePodTemplateSpec(template: any, path: string, opts: PodSpecOptions = {}): FieldError[] {
  const errs = validateLabels(template?.metadata?.labels, `${path}.labels`);
  errs.push(...validateAnnotations(template?.metadata?.annotations, `${path}.annotations`));
  errs.push(...validatePodSpec(template?.spec, `${path}.spec`, opts));
  return errs;
}

export function validatePod(pod: KubeObject): FieldError[] {
  return [...validateObjectMeta(pod, true, nameIsDNSSubdomain), ...validatePodSpec(pod.spec, 'spec')];
}

/** The fields a pod update may touch (updatablePodSpecFields), joined with ",". */
export const POD_UPDATE_FORBIDDEN = 'pod updates may not change fields other than ' + [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
].join(',');

export function validatePodUpdate(pod: KubeObject, old: KubeObject): FieldError[] {
  const errs = validatePodSpec(pod.spec, 'spec');
  const ns = pod.spec ?? {};
  const os = old.spec ?? {};
  for (const key of ['containers', 'initContainers'] as const) {
    if (arr(ns[key]).length !== arr(os[key]).length) {
      errs.push(forbidden(`spec.${key}`, 'pod updates may not add or remove containers'));
      return errs;
    }
  }
  if (ns.activeDeadlineSeconds != null) {
    if (os.activeDeadlineSeconds != null && os.activeDeadlineSeconds < ns.activeDeadlineSeconds) {
      errs.push(invalid('spec.activeDeadlineSeconds', ns.activeDeadlineSeconds, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (os.activeDeadlineSeconds != null) {
    errs.push(invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  // validateOnlyAddedTolerations: every old toleration must still be there.
  arr(os.tolerations).forEach((t, i) => {
    const kept = arr(ns.tolerations).some((n) => deepEqual(n, t) || (t.effect === 'NoExecute' && deepEqual({ ...n, tolerationSeconds: undefined }, { ...t, tolerationSeconds: undefined })));
    if (!kept) errs.push(forbidden(`spec.tolerations[${i}]`, 'existing toleration can not be modified except its tolerationSeconds'));
  });
  // Munge the updatable fields back to the old values; whatever still differs is forbidden.
  const munged = clone(ns);
  for (const key of ['containers', 'initContainers'] as const) {
    arr(munged[key]).forEach((c, i) => {
      c.image = os[key][i]?.image;
    });
  }
  munged.activeDeadlineSeconds = os.activeDeadlineSeconds;
  munged.tolerations = os.tolerations;
  munged.schedulingGates = os.schedulingGates;
  if ((os.terminationGracePeriodSeconds ?? 0) < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = os.terminationGracePeriodSeconds;
  const a = { ...os, serviceAccount: undefined };
  const b = { ...munged, serviceAccount: undefined };
  if (!deepEqual(a, b)) errs.push(forbidden('spec', `${POD_UPDATE_FORBIDDEN}\n${cmpDiff('core.PodSpec', a, b, POD_SPEC_FIELDS)}`));
  return errs;
}

export function validatePodStatusUpdate(pod: KubeObject, old: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if (pod.status?.qosClass !== old.status?.qosClass && old.status?.qosClass) {
    errs.push(invalid('status.qosClass', pod.status?.qosClass ?? '', 'field is immutable'));
  }
  return errs;
}
