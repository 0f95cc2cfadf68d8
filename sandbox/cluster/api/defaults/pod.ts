// Pod and pod template defaults, then what admission adds to a new pod.
// Sources: kubernetes/kubernetes pkg/apis/core/v1/defaults.go (SetDefaults_PodSpec,
// SetDefaults_Pod, SetDefaults_Container, SetDefaults_Probe, SetDefaults_HTTPGetAction,
// SetDefaults_ContainerPort, SetDefaults_Volume...), plugin/pkg/admission/serviceaccount,
// plugin/pkg/admission/defaulttolerationseconds, plugin/pkg/admission/priority,
// pkg/registry/core/pod/strategy.go PrepareForCreate and pkg/apis/core/helper/qos.
import type { KubeObject } from '../client.ts';
import { parseQuantity } from '../quantity.ts';
import { NAME_ALPHABET } from '../../random.ts';
import { mixedHash } from './mixed-hash.ts';
import { deepFreeze } from '../clone.ts';

/** SetDefaults_PodSpec and everything below it; runs on pods and on the templates of workloads. */
export function defaultPodSpec(spec: any): void {
  if (!spec || typeof spec !== 'object') return;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.restartPolicy ??= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ??= 'default-scheduler';
  for (const c of arr(spec.initContainers)) defaultContainer(c);
  for (const c of arr(spec.containers)) defaultContainer(c);
  for (const v of arr(spec.volumes)) defaultVolume(v);
}

/** Tag of an image reference (parsers.ParseImageName): "latest" when there is neither tag nor digest. */
export function imageTag(image: string): string {
  if (image.includes('@')) {
    const name = image.slice(0, image.indexOf('@'));
    const t = tagOf(name);
    return t;
  }
  return tagOf(image) || 'latest';
}

function tagOf(name: string): string {
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  return colon > slash ? name.slice(colon + 1) : '';
}

function defaultContainer(c: any): void {
  if (!c || typeof c !== 'object') return;
  // SetDefaults_Container: Always for :latest (or no tag), else IfNotPresent.
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(String(c.image ?? '')) === 'latest' ? 'Always' : 'IfNotPresent';
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  for (const p of arr(c.ports)) if (p && typeof p === 'object') p.protocol ??= 'TCP';
  for (const e of arr(c.env)) if (e?.valueFrom?.fieldRef) e.valueFrom.fieldRef.apiVersion ??= 'v1';
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) defaultProbe(probe);
  for (const h of [c.lifecycle?.postStart, c.lifecycle?.preStop]) if (h?.httpGet) defaultHttpGet(h.httpGet);
}

function defaultProbe(p: any): void {
  if (!p || typeof p !== 'object') return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (p.httpGet) defaultHttpGet(p.httpGet);
}

function defaultHttpGet(h: any): void {
  if (!h.path) h.path = '/';
  h.scheme ??= 'HTTP';
}

const VOLUME_SOURCES = [
  'emptyDir', 'hostPath', 'persistentVolumeClaim', 'configMap', 'secret', 'projected', 'downwardAPI', 'nfs',
  'csi', 'ephemeral', 'image', 'iscsi', 'local', 'gcePersistentDisk', 'awsElasticBlockStore',
];

/** Source keys a volume sets (exported for validation's "must specify a volume type"). */
export function volumeSources(v: any): string[] {
  return Object.keys(v ?? {}).filter((k) => k !== 'name' && v[k] != null && VOLUME_SOURCES.includes(k));
}

function defaultVolume(v: any): void {
  if (!v || typeof v !== 'object') return;
  // SetDefaults_Volume: a volume without a source is an emptyDir.
  if (!Object.keys(v).some((k) => k !== 'name' && v[k] != null)) v.emptyDir = {};
  if (v.configMap) v.configMap.defaultMode ??= 420;
  if (v.secret) v.secret.defaultMode ??= 420;
  if (v.projected) v.projected.defaultMode ??= 420;
  if (v.downwardAPI) v.downwardAPI.defaultMode ??= 420;
  if (v.hostPath) v.hostPath.type ??= '';
}

/** The tolerations DefaultTolerationSeconds adds (300 s) unless the pod already tolerates the taints. */
export const DEFAULT_TOLERATION_SECONDS = 300;

function addDefaultTolerations(spec: any): void {
  const tolerations: any[] = Array.isArray(spec.tolerations) ? spec.tolerations : [];
  const tolerates = (key: string) => tolerations.some((t) => (t?.key === key || !t?.key) && (t?.effect === 'NoExecute' || !t?.effect));
  const add: any[] = [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerates(key)) add.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  }
  if (add.length) spec.tolerations = [...tolerations, ...add];
}

/** Where the ServiceAccount admission plugin mounts the API credentials (DefaultAPITokenMountPath). */
export const API_TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * The ServiceAccount admission plugin's mountServiceAccountToken (plugin/pkg/admission/
 * serviceaccount/admission.go, bound token volumes): unless the pod says
 * automountServiceAccountToken: false, every init and app container without a mount at
 * DefaultAPITokenMountPath gets one, read-only, of a projected volume `kube-api-access-XXXXX`
 * (TokenVolumeSource: a token for 3607 s, ca.crt from the kube-root-ca.crt ConfigMap, the
 * namespace from the downward API), added after the pod's own volumes. `seed` stands for the
 * name generator's randomness (five letters of its alphabet).
 */
function mountServiceAccountToken(spec: any, seed: string): void {
  if (spec.automountServiceAccountToken === false) return;
  const volumes: any[] = Array.isArray(spec.volumes) ? spec.volumes : [];
  const existing = volumes.find((v) => typeof v?.name === 'string' && v.name.startsWith('kube-api-access-'));
  let name = existing?.name as string | undefined;
  if (!name) {
    let h = mixedHash(seed);
    name = 'kube-api-access-';
    for (let i = 0; i < 5; i++, h = Math.floor(h / NAME_ALPHABET.length)) name += NAME_ALPHABET[h % NAME_ALPHABET.length];
  }
  let needed = false;
  for (const c of [...arr(spec.initContainers), ...arr(spec.containers)]) {
    if (!c || typeof c !== 'object') continue;
    const mounts: any[] = Array.isArray(c.volumeMounts) ? c.volumeMounts : [];
    if (mounts.some((m) => m?.mountPath === API_TOKEN_MOUNT_PATH)) continue;
    c.volumeMounts = [...mounts, { name, readOnly: true, mountPath: API_TOKEN_MOUNT_PATH }];
    needed = true;
  }
  if (existing || !needed) return;
  spec.volumes = [...volumes, { name, projected: TOKEN_VOLUME_SOURCE }];
}

/**
 * TokenVolumeSource, the same for every pod: one frozen object that all the pods' stored specs
 * share (stored objects are frozen and never changed in place; a client gets a copy), rather than
 * a copy per pod for the control plane to hold and for each snapshot to walk.
 */
const TOKEN_VOLUME_SOURCE = deepFreeze({
  defaultMode: 420,
  sources: [
    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
    { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
    { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
  ],
});

/**
 * A new pod: SetDefaults_Pod, the admission plugins, and the status PrepareForCreate sets.
 * `seed` tells this creation from any other (the name generator's randomness stands on it).
 */
export function prepareNewPod(pod: KubeObject, seed = `${pod.metadata?.namespace}/${pod.metadata?.name}`): void {
  pod.spec = pod.spec && typeof pod.spec === 'object' ? pod.spec : {};
  const spec = pod.spec;
  defaultPodSpec(spec);
  // SetDefaults_Pod: requests default to limits; enableServiceLinks defaults to true.
  for (const c of [...arr(spec.initContainers), ...arr(spec.containers)]) {
    const limits = c?.resources?.limits;
    if (limits && typeof limits === 'object') {
      c.resources.requests ??= {};
      for (const [k, v] of Object.entries(limits)) c.resources.requests[k] ??= v;
    }
  }
  spec.enableServiceLinks ??= true;
  // ServiceAccount admission: the account (every namespace has `default`), its API credentials.
  spec.serviceAccountName ||= spec.serviceAccount || 'default';
  spec.serviceAccount = spec.serviceAccountName;
  mountServiceAccountToken(spec, seed);
  addDefaultTolerations(spec);
  // Priority admission: no priorityClassName and no global default class gives priority 0.
  spec.priority ??= 0;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  pod.status = { phase: 'Pending', qosClass: podQOS(spec) };
}

/** pkg/apis/core/helper/qos ComputePodQOS. */
export function podQOS(spec: any): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = [...arr(spec?.initContainers), ...arr(spec?.containers)];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c?.resources?.requests ?? {};
    const lim = c?.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      const q = parseQuantity(req[r]);
      const l = parseQuantity(lim[r]);
      if (q > 0 || l > 0) any = true;
      if (!(l > 0) || q !== l) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function arr(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}
