// Defaulting and validation per resource, assembled for the API server: one entry per kind, as
// each registry's strategy.go in kubernetes/kubernetes pkg/registry/<group>/<kind>/ does it.
import type { KubeObject } from './client.ts';
import type { Strategies, Strategy, StrategyContext } from './strategy.ts';
import { forbidden } from './errors.ts';
import { resourceInfo } from './resources.ts';
import { prepareNewPod, defaultPodSpec } from './defaults/pod.ts';
import { defaultDeployment, defaultReplicaSet, defaultStatefulSet } from './defaults/workloads.ts';
import { keepAllocated, prepareNewService } from './defaults/service.ts';
import { prepareNewPersistentVolumeClaim } from './defaults/persistentvolumeclaim.ts';
import { prepareNewPersistentVolume } from './defaults/persistentvolume.ts';
import { defaultEndpointSlice, defaultNamespaceUpdate, defaultNode, defaultStorageClass, prepareNewNamespace } from './defaults/cluster-objects.ts';
import { validatePod, validatePodStatusUpdate, validatePodUpdate } from './validation/pod.ts';
import { validateStatefulSet, validateStatefulSetStatusUpdate, validateStatefulSetUpdate } from './validation/statefulset.ts';
import { validateDeployment, validateDeploymentUpdate, validateReplicaSet, validateReplicaSetUpdate } from './validation/deployment.ts';
import { validateService, validateServiceUpdate } from './validation/service.ts';
import {
  validatePersistentVolume, validatePersistentVolumeClaim, validatePersistentVolumeClaimUpdate, validatePersistentVolumeUpdate,
} from './validation/persistentvolumeclaim.ts';
import {
  validateConfigMap, validateConfigMapUpdate, validateServiceAccount, validateControllerRevision, validateControllerRevisionUpdate, validateEndpointSlice,
  validateEvent, validateNamespace, validateNode, validateStorageClass,
} from './validation/cluster-objects.ts';
import { validateObjectMetaUpdate } from './validation/names.ts';
import { validateVolumeAttachment, validateVolumeAttachmentUpdate } from './validation/volume-attachment.ts';

/** Workloads: status reset on create (PrepareForCreate), defaults again on update. */
function workload(defaults: (o: KubeObject) => void, validate: Strategy['validate'], validateUpdate: Strategy['validateUpdate'], validateStatusUpdate?: Strategy['validateStatusUpdate']): Strategy {
  return {
    tracksGeneration: true,
    hasStatusSubresource: true,
    prepareForCreate(o) {
      defaults(o);
      o.status = {};
    },
    prepareForUpdate(o) {
      defaults(o);
    },
    validate,
    validateUpdate,
    validateStatusUpdate,
  };
}

/**
 * The ServiceAccount admission plugin's lookup (plugin/pkg/admission/serviceaccount/admission.go
 * Admit: getServiceAccount, then admission.NewForbidden): a pod must run as an account that
 * exists in its namespace. `default` is let through: the plugin retries it for the controller
 * that makes it in every namespace (serviceaccounts-controller.ts), which the simulator runs in
 * the same instant. Mirror pods name no account.
 */
function requireServiceAccount(pod: KubeObject, ctx: StrategyContext): void {
  const name = pod.spec?.serviceAccountName;
  if (!name || name === 'default' || pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return;
  const ns = pod.metadata.namespace;
  if (ctx.peek('serviceaccounts', ns, name)) return;
  throw forbidden(`pods "${ctx.admissionName}" is forbidden: error looking up service account ${ns}/${name}: serviceaccount "${name}" not found`, resourceInfo('pods'), ctx.admissionName);
}

/** A kind with only metadata rules on update. */
function simpleUpdate(validate: (o: KubeObject) => ReturnType<NonNullable<Strategy['validate']>>): Strategy['validateUpdate'] {
  return (o, old) => [...validateObjectMetaUpdate(o, old), ...validate(o).filter((e) => !e.field.startsWith('metadata'))];
}

export const STRATEGIES: Strategies = {
  pods: {
    // Pods carry metadata.generation since 1.33 (pod generation, KEP-5067).
    tracksGeneration: true,
    hasStatusSubresource: true,
    prepareForCreate(o, ctx) {
      prepareNewPod(o, `${o.metadata.namespace}/${o.metadata.name}@${ctx.resourceVersion}`);
      requireServiceAccount(o, ctx);
    },
    prepareForUpdate(o) {
      defaultPodSpec(o.spec);
    },
    validate: validatePod,
    validateUpdate: (o, old) => [...validateObjectMetaUpdate(o, old), ...validatePodUpdate(o, old)],
    validateStatusUpdate: validatePodStatusUpdate,
    // pkg/registry/core/pod/strategy.go CheckGracefulDelete.
    gracePeriod(pod, requested) {
      let period = requested ?? pod.spec?.terminationGracePeriodSeconds ?? 0;
      if (!pod.spec?.nodeName) period = 0;
      if (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded') period = 0;
      return period < 0 ? 1 : period;
    },
  },
  statefulsets: workload(defaultStatefulSet, validateStatefulSet, validateStatefulSetUpdate, (o) => validateStatefulSetStatusUpdate(o)),
  deployments: workload(defaultDeployment, validateDeployment, validateDeploymentUpdate),
  replicasets: workload(defaultReplicaSet, validateReplicaSet, validateReplicaSetUpdate),
  services: {
    hasStatusSubresource: true,
    prepareForCreate: (o, ctx) => prepareNewService(o, ctx),
    prepareForUpdate: (o, old) => keepAllocated(o, old),
    validate: validateService,
    validateUpdate: validateServiceUpdate,
  },
  persistentvolumeclaims: {
    hasStatusSubresource: true,
    prepareForCreate: (o, ctx) => prepareNewPersistentVolumeClaim(o, ctx),
    validate: validatePersistentVolumeClaim,
    validateUpdate: validatePersistentVolumeClaimUpdate,
  },
  persistentvolumes: {
    hasStatusSubresource: true,
    prepareForCreate: (o, ctx) => prepareNewPersistentVolume(o, ctx.now),
    prepareForUpdate(o, old) {
      o.spec ??= {};
      o.spec.persistentVolumeReclaimPolicy ??= old.spec?.persistentVolumeReclaimPolicy ?? 'Retain';
      o.spec.volumeMode ??= old.spec?.volumeMode;
    },
    validate: validatePersistentVolume,
    validateUpdate: validatePersistentVolumeUpdate,
  },
  namespaces: {
    hasStatusSubresource: true,
    prepareForCreate: (o) => prepareNewNamespace(o),
    prepareForUpdate(o, old) {
      defaultNamespaceUpdate(o);
      // spec.finalizers change only through the finalize subresource (update with subresource 'status' here).
      o.spec = old.spec;
    },
    validate: validateNamespace,
    validateUpdate: simpleUpdate(validateNamespace),
  },
  nodes: {
    hasStatusSubresource: true,
    prepareForCreate: (o) => defaultNode(o),
    prepareForUpdate: (o) => defaultNode(o),
    validate: validateNode,
    validateUpdate: simpleUpdate(validateNode),
  },
  configmaps: { validate: validateConfigMap, validateUpdate: validateConfigMapUpdate },
  serviceaccounts: { validate: validateServiceAccount, validateUpdate: simpleUpdate(validateServiceAccount) },
  events: { validate: validateEvent, validateUpdate: simpleUpdate(validateEvent) },
  controllerrevisions: { validate: validateControllerRevision, validateUpdate: validateControllerRevisionUpdate },
  endpointslices: {
    prepareForCreate: (o) => defaultEndpointSlice(o),
    prepareForUpdate: (o) => defaultEndpointSlice(o),
    validate: validateEndpointSlice,
    validateUpdate: simpleUpdate(validateEndpointSlice),
  },
  endpoints: {},
  storageclasses: {
    prepareForCreate: (o) => defaultStorageClass(o),
    validate: validateStorageClass,
    validateUpdate: simpleUpdate(validateStorageClass),
  },
  volumeattachments: {
    hasStatusSubresource: true,
    // pkg/registry/storage/volumeattachment/strategy.go PrepareForCreate: the status is the
    // attacher's to write (`attached` is not omitempty, so it reads false).
    prepareForCreate: (o) => void (o.status = { attached: false }),
    validate: validateVolumeAttachment,
    validateUpdate: validateVolumeAttachmentUpdate,
  },
};
