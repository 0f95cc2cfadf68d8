// Cluster states for kubectl tests, built directly through the API (no controllers run), shaped
// like what the real controllers and kubelet leave behind for the tutorial's `web` StatefulSet.
import type { KubeObject } from '../../cluster/api/client.ts';
import type { Harness } from './harness.ts';

const iso = (h: Harness, deltaMs = 0) => new Date(h.cluster.clock.now() + deltaMs).toISOString().replace('.000Z', 'Z');

export function addNodes(h: Harness, names = ['minikube', 'minikube-m02', 'minikube-m03']): void {
  const api = h.cluster.api;
  names.forEach((name, i) => {
    const labels: Record<string, string> = {
      'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux',
    };
    if (i === 0) labels['node-role.kubernetes.io/control-plane'] = '';
    api.create('nodes', undefined, { metadata: { name, labels }, spec: { podCIDR: `10.244.${i}.0/24`, podCIDRs: [`10.244.${i}.0/24`] } });
    const now = iso(h);
    const node = api.get('nodes', undefined, name);
    node.status = {
      conditions: [
        { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: now, lastTransitionTime: now, reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
        { type: 'DiskPressure', status: 'False', lastHeartbeatTime: now, lastTransitionTime: now, reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
        { type: 'PIDPressure', status: 'False', lastHeartbeatTime: now, lastTransitionTime: now, reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
        { type: 'Ready', status: 'True', lastHeartbeatTime: now, lastTransitionTime: now, reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
      addresses: [{ type: 'InternalIP', address: `192.168.49.${i + 2}` }, { type: 'Hostname', address: name }],
      capacity: { cpu: '2', 'ephemeral-storage': '102107096Ki', memory: '3993764Ki', pods: '110' },
      allocatable: { cpu: '2', 'ephemeral-storage': '102107096Ki', memory: '3993764Ki', pods: '110' },
      nodeInfo: {
        machineID: `machine-${i}`, systemUUID: `uuid-${i}`, bootID: `boot-${i}`, kernelVersion: '6.8.0-1017-gcp', osImage: 'Ubuntu 22.04.5 LTS',
        containerRuntimeVersion: 'docker://28.4.0', kubeletVersion: 'v1.35.0', kubeProxyVersion: '', operatingSystem: 'linux', architecture: 'amd64',
      },
    };
    api.update('nodes', undefined, node, { subresource: 'status' });
  });
}

export const WEB_STS = {
  apiVersion: 'apps/v1', kind: 'StatefulSet',
  metadata: { name: 'web' },
  spec: {
    serviceName: 'nginx', replicas: 2, podManagementPolicy: 'OrderedReady', revisionHistoryLimit: 10, minReadySeconds: 0,
    selector: { matchLabels: { app: 'nginx' } },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    template: {
      metadata: { labels: { app: 'nginx' } },
      spec: {
        containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21', imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 80, name: 'web', protocol: 'TCP' }], volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }],
        restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst',
      },
    },
    volumeClaimTemplates: [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' } }],
  },
};

/** A small deterministic string hash (distinct names for events created in the same instant). */
function hash(s: string): number {
  let x = 7;
  for (let i = 0; i < s.length; i++) x = (x * 31 + s.charCodeAt(i)) >>> 0;
  return x;
}

export function event(h: Harness, obj: KubeObject, type: string, reason: string, message: string, component: string, opts: { fieldPath?: string; count?: number; firstAgoMs?: number; host?: string } = {}): void {
  const ns = obj.metadata.namespace ?? 'default';
  const now = h.cluster.clock.now();
  h.cluster.api.create('events', ns, {
    metadata: { name: `${obj.metadata.name}.${(now * 1000 + (hash(reason + message) % 1000)).toString(16)}`, namespace: ns },
    involvedObject: { kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name, uid: obj.metadata.uid, apiVersion: obj.apiVersion, ...(opts.fieldPath ? { fieldPath: opts.fieldPath } : {}) },
    reason, message, type, source: opts.host ? { component, host: opts.host } : { component },
    firstTimestamp: iso(h, -(opts.firstAgoMs ?? 0)), lastTimestamp: iso(h), count: opts.count ?? 1,
    reportingComponent: component, reportingInstance: opts.host ?? '',
  });
}

/** web-0..web-(n-1) Running and Ready, their PVCs bound, the headless Service, events. */
export function webFixture(h: Harness, replicas = 2): { sts: KubeObject } {
  const api = h.cluster.api;
  addNodes(h);
  h.advance(60_000);
  api.create('services', 'default', {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: 'nginx', labels: { app: 'nginx' } },
    spec: { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80, protocol: 'TCP', targetPort: 80 }], sessionAffinity: 'None', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster' },
  });
  const stsIn = JSON.parse(JSON.stringify(WEB_STS));
  stsIn.spec.replicas = replicas;
  const sts = api.create('statefulsets', 'default', stsIn);
  const hash = 'web-5d8b9f7c6';
  api.create('controllerrevisions', 'default', {
    metadata: { name: hash, labels: { app: 'nginx', 'controller.kubernetes.io/hash': '5d8b9f7c6' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: sts.metadata.uid, controller: true, blockOwnerDeletion: true }] },
    data: { spec: { template: { ...WEB_STS.spec.template, $patch: 'replace' } } },
    revision: 1,
  });
  const nodes = ['minikube-m02', 'minikube-m03', 'minikube'];
  for (let i = 0; i < replicas; i++) {
    const pvcName = `www-web-${i}`;
    const pvc: KubeObject = api.create('persistentvolumeclaims', 'default', {
      metadata: { name: pvcName, labels: { app: 'nginx' }, annotations: { 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes', 'volume.beta.kubernetes.io/storage-provisioner': 'k8s.io/minikube-hostpath', 'volume.kubernetes.io/storage-provisioner': 'k8s.io/minikube-hostpath' }, finalizers: ['kubernetes.io/pvc-protection'] },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeMode: 'Filesystem' },
    });
    const pvName = `pvc-${pvc.metadata.uid}`;
    api.create('persistentvolumes', undefined, {
      metadata: { name: pvName, annotations: { 'hostPathProvisionerIdentity': 'minikube', 'pv.kubernetes.io/provisioned-by': 'k8s.io/minikube-hostpath' }, finalizers: ['kubernetes.io/pv-protection'] },
      spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' }, claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: pvcName, namespace: 'default', uid: pvc.metadata.uid }, hostPath: { path: `/tmp/hostpath-provisioner/default/${pvcName}`, type: '' }, persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'standard', volumeMode: 'Filesystem' },
    });
    const pv = api.get('persistentvolumes', undefined, pvName);
    pv.status = { phase: 'Bound', lastPhaseTransitionTime: iso(h) };
    api.update('persistentvolumes', undefined, pv, { subresource: 'status' });
    const pvc2 = api.get('persistentvolumeclaims', 'default', pvcName);
    pvc2.spec.volumeName = pvName;
    api.update('persistentvolumeclaims', 'default', pvc2);
    const pvc3 = api.get('persistentvolumeclaims', 'default', pvcName);
    pvc3.status = { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } };
    api.update('persistentvolumeclaims', 'default', pvc3, { subresource: 'status' });
    event(h, sts, 'Normal', 'SuccessfulCreate', `create Claim ${pvcName} Pod web-${i} in StatefulSet web success`, 'statefulset-controller');
    event(h, sts, 'Normal', 'SuccessfulCreate', `create Pod web-${i} in StatefulSet web successful`, 'statefulset-controller');
    const pod = api.create('pods', 'default', {
      metadata: {
        name: `web-${i}`, generateName: 'web-',
        labels: { app: 'nginx', 'apps.kubernetes.io/pod-index': String(i), 'controller-revision-hash': hash, 'statefulset.kubernetes.io/pod-name': `web-${i}` },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: sts.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        hostname: `web-${i}`, subdomain: 'nginx', nodeName: nodes[i % 3], serviceAccountName: 'default', priority: 0,
        containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21', imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 80, name: 'web', protocol: 'TCP' }], volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }, { name: 'kube-api-access-x7k2p', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }] }],
        volumes: [
          { name: 'www', persistentVolumeClaim: { claimName: pvcName } },
          { name: 'kube-api-access-x7k2p', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }, { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }, { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } }] } },
        ],
        restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst',
        tolerations: [
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
          { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        ],
      },
    });
    h.advance(2_000);
    const start = iso(h);
    const p = api.get('pods', 'default', `web-${i}`);
    const ip = `10.244.${(i % 3) + 1}.${i + 2}`;
    p.status = {
      phase: 'Running', hostIP: `192.168.49.${((i + 1) % 3) + 2}`, hostIPs: [{ ip: `192.168.49.${((i + 1) % 3) + 2}` }], podIP: ip, podIPs: [{ ip }], startTime: start, qosClass: 'BestEffort',
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True', lastTransitionTime: start },
        { type: 'Initialized', status: 'True', lastTransitionTime: start },
        { type: 'Ready', status: 'True', lastTransitionTime: start },
        { type: 'ContainersReady', status: 'True', lastTransitionTime: start },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: start },
      ],
      containerStatuses: [{ name: 'nginx', ready: true, started: true, restartCount: 0, image: 'registry.k8s.io/nginx-slim:0.21', imageID: 'docker-pullable://registry.k8s.io/nginx-slim@sha256:6c0c4f4a', containerID: `docker://c0ffee${i}`, state: { running: { startedAt: start } } }],
    };
    // Kubelet 1.35 wording (pkg/kubelet/kuberuntime/kuberuntime_container.go startContainer,
    // pkg/kubelet/images/image_manager.go); kubectl prefixes the fieldPath.
    api.update('pods', 'default', p, { subresource: 'status' });
    event(h, pod, 'Normal', 'Scheduled', `Successfully assigned default/web-${i} to ${nodes[i % 3]}`, 'default-scheduler');
    event(h, pod, 'Normal', 'Pulled', 'Container image "registry.k8s.io/nginx-slim:0.21" already present on machine and can be accessed by the pod', 'kubelet', { fieldPath: 'spec.containers{nginx}', host: nodes[i % 3] });
    event(h, pod, 'Normal', 'Created', 'Container created', 'kubelet', { fieldPath: 'spec.containers{nginx}', host: nodes[i % 3] });
    event(h, pod, 'Normal', 'Started', 'Container started', 'kubelet', { fieldPath: 'spec.containers{nginx}', host: nodes[i % 3] });
    h.logs.set(`default/web-${i}/nginx`, [`10.244.0.1 - - [01/Jan/2026:00:0${i}:15 +0000] "GET / HTTP/1.1" 200 6 "-" "curl/8.5.0"`]);
    h.envs.set(`default/web-${i}/nginx`, { namespace: 'default', pod: `web-${i}`, container: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21', hostname: `web-${i}`, podIP: ip, fs: h.fs, env: {}, programs: ['sh', 'ls', 'cat', 'hostname'] });
    h.advance(8_000);
  }
  const s = api.get('statefulsets', 'default', 'web');
  s.status = { observedGeneration: 1, replicas, readyReplicas: replicas, currentReplicas: replicas, updatedReplicas: replicas, availableReplicas: replicas, currentRevision: hash, updateRevision: hash, collisionCount: 0 };
  api.update('statefulsets', 'default', s, { subresource: 'status' });
  h.advance(5 * 60_000);
  return { sts: api.get('statefulsets', 'default', 'web') };
}
