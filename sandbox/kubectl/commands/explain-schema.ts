// The fields `kubectl explain` can show for the simulated kinds: a small, hand-kept subset of the
// OpenAPI v3 schema the API server publishes (descriptions from kubernetes/api types.go doc
// comments, shortened to their first paragraph).
export interface Field {
  type: string; // <string>, <integer>, <Object>, <[]Container>...
  desc: string;
  required?: boolean;
  fields?: Record<string, Field>;
}

const s = (desc: string, extra: Partial<Field> = {}): Field => ({ type: 'string', desc, ...extra });
const i = (desc: string): Field => ({ type: 'integer', desc });
const b = (desc: string): Field => ({ type: 'boolean', desc });
const map = (desc: string): Field => ({ type: 'map[string]string', desc });

const OBJECT_META: Field = {
  type: 'ObjectMeta',
  desc: "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
  fields: {
    annotations: map('Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata.'),
    creationTimestamp: s('CreationTimestamp is a timestamp representing the server time when this object was created.'),
    deletionTimestamp: s('DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted.'),
    generateName: s('GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided.'),
    labels: map('Map of string keys and values that can be used to organize and categorize (scope and select) objects.'),
    name: s('Name must be unique within a namespace. Cannot be updated.'),
    namespace: s('Namespace defines the space within which each name must be unique. Cannot be updated.'),
    ownerReferences: { type: '[]OwnerReference', desc: 'List of objects depended by this object. If ALL objects in the list have been deleted, this object will be garbage collected.' },
    resourceVersion: s('An opaque value that represents the internal version of this object that can be used by clients to determine when objects have changed.'),
    uid: s('UID is the unique in time and space value for this object.'),
  },
};

const CONTAINER: Field = {
  type: '[]Container',
  desc: 'List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.',
  required: true,
  fields: {
    args: { type: '[]string', desc: "Arguments to the entrypoint. The container image's CMD is used if this is not provided." },
    command: { type: '[]string', desc: "Entrypoint array. Not executed within a shell. The container image's ENTRYPOINT is used if this is not provided." },
    env: { type: '[]EnvVar', desc: 'List of environment variables to set in the container. Cannot be updated.' },
    image: s('Container image name. More info: https://kubernetes.io/docs/concepts/containers/images'),
    imagePullPolicy: s('Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise.'),
    livenessProbe: { type: 'Probe', desc: 'Periodic probe of container liveness. Container will be restarted if the probe fails.' },
    name: s('Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name (DNS_LABEL). Cannot be updated.', { required: true }),
    ports: { type: '[]ContainerPort', desc: 'List of ports to expose from the container.', fields: { containerPort: { ...i('Number of port to expose on the pod\'s IP address. This must be a valid port number, 0 < x < 65536.'), required: true }, name: s('If specified, this must be an IANA_SVC_NAME and unique within the pod. Each named port in a pod must have a unique name.'), protocol: s('Protocol for port. Must be UDP, TCP, or SCTP. Defaults to "TCP".') } },
    readinessProbe: { type: 'Probe', desc: 'Periodic probe of container service readiness. Container will be removed from service endpoints if the probe fails.' },
    resources: { type: 'ResourceRequirements', desc: 'Compute Resources required by this container.' },
    volumeMounts: { type: '[]VolumeMount', desc: "Pod volumes to mount into the container's filesystem. Cannot be updated.", fields: { mountPath: s("Path within the container at which the volume should be mounted.  Must not contain ':'.", { required: true }), name: s('This must match the Name of a Volume.', { required: true }), readOnly: b('Mounted read-only if true, read-write otherwise (false or unspecified). Defaults to false.'), subPath: s("Path within the volume from which the container's volume should be mounted. Defaults to \"\" (volume's root).") } },
  },
};

const POD_SPEC: Field = {
  type: 'PodSpec',
  desc: 'Specification of the desired behavior of the pod.',
  fields: {
    containers: CONTAINER,
    hostname: s("Specifies the hostname of the Pod If not specified, the pod's hostname will be set to a system-defined value."),
    initContainers: { type: '[]Container', desc: 'List of initialization containers belonging to the pod. Init containers are executed in order prior to containers being started.' },
    nodeName: s('NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName.'),
    nodeSelector: map("NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node."),
    restartPolicy: s('Restart policy for all containers within the pod. One of Always, OnFailure, Never. Default to Always.'),
    subdomain: s('If specified, the fully qualified Pod hostname will be "<hostname>.<subdomain>.<pod namespace>.svc.<cluster domain>". If not specified, the pod will not have a domainname at all.'),
    terminationGracePeriodSeconds: i('Optional duration in seconds the pod needs to terminate gracefully. May be decreased in delete request. Defaults to 30 seconds.'),
    tolerations: { type: '[]Toleration', desc: "If specified, the pod's tolerations." },
    volumes: { type: '[]Volume', desc: 'List of volumes that can be mounted by containers belonging to the pod.' },
  },
};

const PVC_SPEC: Field = {
  type: 'PersistentVolumeClaimSpec',
  desc: 'spec defines the desired characteristics of a volume requested by a pod author.',
  fields: {
    accessModes: { type: '[]string', desc: 'accessModes contains the desired access modes the volume should have.' },
    resources: { type: 'VolumeResourceRequirements', desc: 'resources represents the minimum resources the volume should have.' },
    storageClassName: s('storageClassName is the name of the StorageClass required by the claim.'),
    volumeMode: s('volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec.'),
    volumeName: s('volumeName is the binding reference to the PersistentVolume backing this claim.'),
  },
};

const top = (kindDesc: string, spec: Field, status: Field): Field => ({
  type: 'Object',
  desc: kindDesc,
  fields: {
    apiVersion: s('APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources'),
    kind: s('Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds'),
    metadata: OBJECT_META,
    spec,
    status,
  },
});

export const EXPLAIN: Record<string, Field> = {
  Pod: top('Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.', POD_SPEC, { type: 'PodStatus', desc: 'Most recently observed status of the pod. This data may not be up to date. Populated by the system. Read-only.' }),
  StatefulSet: top(
    'StatefulSet represents a set of pods with consistent identities. Identities are defined as:\n  - Network: A single stable DNS and hostname.\n  - Storage: As many VolumeClaims as requested.\n\nThe StatefulSet guarantees that a given network identity will always map to the same storage identity.',
    {
      type: 'StatefulSetSpec', desc: 'Spec defines the desired identities of pods in this set.',
      fields: {
        minReadySeconds: i('Minimum number of seconds for which a newly created pod should be ready without any of its container crashing for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)'),
        ordinals: { type: 'StatefulSetOrdinals', desc: 'ordinals controls the numbering of replica indices in a StatefulSet. The default ordinals behavior assigns a "0" index to the first replica and increments the index by one for each additional replica requested.' },
        persistentVolumeClaimRetentionPolicy: { type: 'StatefulSetPersistentVolumeClaimRetentionPolicy', desc: 'persistentVolumeClaimRetentionPolicy describes the lifecycle of persistent volume claims created from volumeClaimTemplates. By default, all persistent volume claims are created as needed and retained until manually deleted.', fields: { whenDeleted: s('WhenDeleted specifies what happens to PVCs created from StatefulSet VolumeClaimTemplates when the StatefulSet is deleted. The default policy of `Retain` causes PVCs to not be affected by StatefulSet deletion. The `Delete` policy causes those PVCs to be deleted.'), whenScaled: s('WhenScaled specifies what happens to PVCs created from StatefulSet VolumeClaimTemplates when the StatefulSet is scaled down. The default policy of `Retain` causes PVCs to not be affected by a scaledown. The `Delete` policy causes the associated PVCs for any excess pods above the replica count to be deleted.') } },
        podManagementPolicy: s('podManagementPolicy controls how pods are created during initial scale up, when replacing pods on nodes, or when scaling down. The default policy is `OrderedReady`, where pods are created in increasing order (pod-0, then pod-1, etc) and the controller will wait until each pod is ready before continuing. When scaling down, the pods are removed in the opposite order. The alternative policy is `Parallel` which will create pods in parallel to match the desired scale without waiting, and on scale down will delete all pods at once.'),
        replicas: i('replicas is the desired number of replicas of the given Template. These are replicas in the sense that they are instantiations of the same Template, but individual replicas also have a consistent identity. If unspecified, defaults to 1.'),
        revisionHistoryLimit: i("revisionHistoryLimit is the maximum number of revisions that will be maintained in the StatefulSet's revision history. The revision history consists of all revisions not represented by a currently applied StatefulSetSpec version. The default value is 10."),
        selector: { type: 'LabelSelector', desc: "selector is a label query over pods that should match the replica count. It must match the pod template's labels.", required: true },
        serviceName: s('serviceName is the name of the service that governs this StatefulSet. This service must exist before the StatefulSet, and is responsible for the network identity of the set. Pods get DNS/hostnames that follow the pattern: pod-specific-string.serviceName.default.svc.cluster.local where "pod-specific-string" is managed by the StatefulSet controller.'),
        template: { type: 'PodTemplateSpec', desc: 'template is the object that describes the pod that will be created if insufficient replicas are detected. Each pod stamped out by the StatefulSet will fulfill this Template, but have a unique identity from the rest of the StatefulSet.', required: true, fields: { metadata: OBJECT_META, spec: POD_SPEC } },
        updateStrategy: { type: 'StatefulSetUpdateStrategy', desc: 'updateStrategy indicates the StatefulSetUpdateStrategy that will be employed to update Pods in the StatefulSet when a revision is made to Template.', fields: { rollingUpdate: { type: 'RollingUpdateStatefulSetStrategy', desc: 'RollingUpdate is used to communicate parameters when Type is RollingUpdateStatefulSetStrategyType.', fields: { maxUnavailable: { type: 'IntOrString', desc: 'The maximum number of pods that can be unavailable during the update. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). Defaults to 1.' }, partition: i('Partition indicates the ordinal at which the StatefulSet should be partitioned for updates. During a rolling update, all pods from ordinal Replicas-1 to Partition are updated. All pods from ordinal Partition-1 to 0 remain untouched. Default value is 0.') } }, type: s('Type indicates the type of the StatefulSetUpdateStrategy. Default is RollingUpdate.') } },
        volumeClaimTemplates: { type: '[]PersistentVolumeClaim', desc: 'volumeClaimTemplates is a list of claims that pods are allowed to reference. The StatefulSet controller is responsible for mapping network identities to claims in a way that maintains the identity of a pod. Every claim in this list must have at least one matching (by name) volumeMount in one container in the template.', fields: { metadata: OBJECT_META, spec: PVC_SPEC } },
      },
    },
    { type: 'StatefulSetStatus', desc: 'Status is the current status of Pods in this StatefulSet. This data may be out of date by some window of time.', fields: { availableReplicas: i('Total number of available pods (ready for at least minReadySeconds) targeted by this statefulset.'), currentReplicas: i('currentReplicas is the number of Pods created by the StatefulSet controller from the StatefulSet version indicated by currentRevision.'), readyReplicas: i('readyReplicas is the number of pods created for this StatefulSet with a Ready Condition.'), replicas: { ...i('replicas is the number of Pods created by the StatefulSet controller.'), required: true }, updatedReplicas: i('updatedReplicas is the number of Pods created by the StatefulSet controller from the StatefulSet version indicated by updateRevision.') } },
  ),
  Service: top('Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.', {
    type: 'ServiceSpec', desc: 'Spec defines the behavior of a service.',
    fields: {
      clusterIP: s('clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName. Valid values are "None", empty string (""), or a valid IP address. Setting this to "None" makes a "headless service" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.'),
      ports: { type: '[]ServicePort', desc: 'The list of ports that are exposed by this service.' },
      selector: map('Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify.'),
      type: s('type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer.'),
    },
  }, { type: 'ServiceStatus', desc: 'Most recently observed status of the service. Populated by the system. Read-only.' }),
  PersistentVolumeClaim: top('PersistentVolumeClaim is a user\'s request for and claim to a persistent volume', PVC_SPEC, { type: 'PersistentVolumeClaimStatus', desc: 'status represents the current information/status of a persistent volume claim. Read-only.' }),
};
