// StatefulSet, Deployment and ReplicaSet defaults. Source: kubernetes/kubernetes
// pkg/apis/apps/v1/defaults.go (SetDefaults_StatefulSet, SetDefaults_Deployment,
// SetDefaults_ReplicaSet), with the pod template defaulted as a pod spec and claim templates as
// claims (pkg/apis/core/v1/defaults.go), and the strategies' PrepareForCreate (status reset,
// generation 1). MaxUnavailableStatefulSet is off by default from 1.35.4 (kubernetes#137904),
// so rollingUpdate gets no maxUnavailable default.
import type { KubeObject } from '../client.ts';
import { defaultPodSpec } from './pod.ts';

function templateDefaults(spec: any): void {
  spec.template = spec.template && typeof spec.template === 'object' ? spec.template : {};
  spec.template.metadata ??= {};
  defaultPodSpec((spec.template.spec ??= {}));
}

export function defaultStatefulSet(sts: KubeObject): void {
  const s = (sts.spec = sts.spec && typeof sts.spec === 'object' ? sts.spec : {});
  s.podManagementPolicy ||= 'OrderedReady';
  s.updateStrategy ??= {};
  if (!s.updateStrategy.type) {
    s.updateStrategy.type = 'RollingUpdate';
    s.updateStrategy.rollingUpdate ??= { partition: 0 };
  }
  if (s.updateStrategy.type === 'RollingUpdate' && s.updateStrategy.rollingUpdate) s.updateStrategy.rollingUpdate.partition ??= 0;
  s.persistentVolumeClaimRetentionPolicy ??= {};
  s.persistentVolumeClaimRetentionPolicy.whenDeleted ||= 'Retain';
  s.persistentVolumeClaimRetentionPolicy.whenScaled ||= 'Retain';
  s.replicas ??= 1;
  s.revisionHistoryLimit ??= 10;
  templateDefaults(s);
  for (const c of Array.isArray(s.volumeClaimTemplates) ? s.volumeClaimTemplates : []) {
    if (!c || typeof c !== 'object') continue;
    c.apiVersion ??= 'v1';
    c.kind ??= 'PersistentVolumeClaim';
    c.spec ??= {};
    c.spec.volumeMode ??= 'Filesystem';
    c.status ??= { phase: 'Pending' };
  }
}

export function defaultDeployment(d: KubeObject): void {
  const s = (d.spec = d.spec && typeof d.spec === 'object' ? d.spec : {});
  s.replicas ??= 1;
  s.strategy ??= {};
  s.strategy.type ||= 'RollingUpdate';
  if (s.strategy.type === 'RollingUpdate') {
    s.strategy.rollingUpdate ??= {};
    s.strategy.rollingUpdate.maxUnavailable ??= '25%';
    s.strategy.rollingUpdate.maxSurge ??= '25%';
  }
  s.revisionHistoryLimit ??= 10;
  s.progressDeadlineSeconds ??= 600;
  templateDefaults(s);
}

export function defaultReplicaSet(rs: KubeObject): void {
  const s = (rs.spec = rs.spec && typeof rs.spec === 'object' ? rs.spec : {});
  s.replicas ??= 1;
  templateDefaults(s);
}
