// Writing a StatefulSet's status through the status subresource, retrying on conflict.
// Source: kubernetes/kubernetes pkg/controller/statefulset/stateful_set_status_updater.go.
import type { ApiServer } from '../../api/server.ts';
import type { StatefulSet, StatefulSetStatus } from '../../types.ts';
import { clone } from '../../api/clone.ts';
import { isConflict } from '../controller-utils.ts';

export class StatefulSetStatusUpdater {
  private readonly api: ApiServer;

  constructor(api: ApiServer) {
    this.api = api;
  }

  updateStatefulSetStatus(set: StatefulSet, status: StatefulSetStatus): void {
    let obj = clone(set);
    for (let attempt = 0; ; attempt++) {
      obj.status = toWire(status, obj.status?.conditions);
      try {
        this.api.update('statefulsets', obj.metadata.namespace, obj, { subresource: 'status' });
        return;
      } catch (e) {
        if (!isConflict(e) || attempt >= 4) throw e;
        obj = this.api.get<StatefulSet>('statefulsets', set.metadata.namespace, set.metadata.name!);
      }
    }
  }
}

/**
 * The status as the API serialises it: readyReplicas, currentReplicas, updatedReplicas and
 * observedGeneration are `omitempty` in k8s.io/api apps/v1 types.go; replicas and
 * availableReplicas are always written; collisionCount is a pointer the controller always sets.
 */
export function toWire(s: StatefulSetStatus, conditions?: StatefulSetStatus['conditions']): StatefulSetStatus {
  const out: StatefulSetStatus = { replicas: s.replicas };
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.currentReplicas) out.currentReplicas = s.currentReplicas;
  if (s.updatedReplicas) out.updatedReplicas = s.updatedReplicas;
  if (s.currentRevision) out.currentRevision = s.currentRevision;
  if (s.updateRevision) out.updateRevision = s.updateRevision;
  if (s.collisionCount !== undefined) out.collisionCount = s.collisionCount;
  if (conditions?.length) out.conditions = conditions;
  out.availableReplicas = s.availableReplicas ?? 0;
  return out;
}
