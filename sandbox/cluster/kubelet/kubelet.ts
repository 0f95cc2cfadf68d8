// The kubelet of every node, as one component: registers the nodes, heartbeats, and for each pod
// bound to a node does what pkg/kubelet's pod worker does (SyncPod, SyncTerminatingPod): wait for
// volumes, create the sandbox, pull images, create and start containers, probe them, restart
// them with back-off, stop them on deletion and remove the pod object. It also runs the machines
// under the nodes (power off, network cut, boot) and answers what runs in a container
// (KubeletRuntime: exec environment, HTTP, logs).
import { clone, deepFreeze } from '../api/clone.ts';
import { deepEqual } from '../api/field.ts';
import { toRFC3339 } from '../clock.ts';
import type { Component, ComponentContext } from '../component.ts';
import type { ClusterSpec, NodeSpec } from '../components.ts';
import type { KubeObject } from '../api/client.ts';
import { resourceInfo } from '../api/resources.ts';
import type { FsSnapshot } from '../fs.ts';
import type { Container, PersistentVolume, Pod, PodSpec, PodStatus, Service } from '../types.ts';
import type { ClusterNetwork, ContainerEnv, HttpRequest, HttpResponse, KubeletRuntime, LogLine, NetError } from '../runtime-api.ts';
import type { ContainerRuntime, NodeRuntime, PodRuntime, ProbeKind, ScriptStep, TerminatedState } from './runtime-state.ts';
import { defaultPullPolicy, imageEnv, lookupImage, programsOf, pullError, type ImageInfo } from './images.ts';
import { argvOf, planProcess, resumeScript } from './processes.ts';
import { nginxLogTime, serveKubia, serveKubiaPet, serveNginx, type Served } from './http-servers.ts';
import { runProgram, type ProgramResult } from './programs/run-program.ts';
import { generatePodStatus, podPhase, sameStatusInputs, statusInputs } from './pod-status.ts';
import { kubeletConditions, newNodeObject, nodeImages, nodeInternalIP, type NodeCondition } from './node-object.ts';
import { KubeletEvents, type InvolvedObject } from './events.ts';
import { PodVolumes } from './volumes.ts';
import { newPodTable, PodIndex } from './pod-index.ts';
import { runProbe } from './probes.ts';
import { containerEnvironment, podHostname, type EnvSources } from './container-env.ts';
import { goDuration, goSeconds, randomHex, randomUuid } from './format.ts';
import { reuse, reuseItems } from './same-json.ts';
import { PodTexts, SPEC_AS_STORED } from './pod-texts.ts';

/** How often the kubelet renews its Lease, or posts node status without one (nodeStatusUpdateFrequency). */
export const HEARTBEAT_MS = 10_000;
/** With a Lease, full node status is posted at least this often (nodeStatusReportFrequency). */
export const NODE_STATUS_REPORT_MS = 300_000;
/** Image and container back-off: 10 s doubling to 300 s (kubelet.go backOffPeriod, MaxContainerBackOff). */
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;
/** The pod worker retries a failed sync after 10 s plus up to 50 % jitter (pod_workers.go backOffPeriod). */
const WORKER_RETRY_MS = 10_000;
/** PLEG relists every second: a container exit is noticed within that. */
const PLEG_MS = 1_000;
/** WaitForAttachAndMount gives up after 2 minutes (volume_manager.go podAttachAndMountTimeout). */
const MOUNT_TIMEOUT_MS = 120_000;
/** killContainer's minimumGracePeriodInSeconds. */
const MIN_GRACE_S = 2;

export interface KubeletOptions {
  /**
   * Whether a pod waits until its PVs are listed in node.status.volumesAttached (the
   * attach-detach controller's work). 'auto': wait when a component named
   * 'attachdetach-controller' (or 'attach-detach-controller', 'attachdetach') runs.
   */
  attachDetach?: 'auto' | 'wait' | 'skip';
}


/** A pod's work-queue key and what it is made of. */
interface PodKey {
  namespace: string;
  name: string;
  uid: string;
  key: string;
}

interface SavedState {
  nodes: Record<string, NodeRuntime>;
  files: Record<string, FsSnapshot>;
}

export class Kubelet implements Component, KubeletRuntime {
  readonly name = 'kubelet';
  private ctx!: ComponentContext;
  private readonly spec: ClusterSpec;
  private readonly options: KubeletOptions;
  private nodes: Record<string, NodeRuntime> = {};
  private volumes!: PodVolumes;
  private events!: KubeletEvents;
  /** Counts syncs and timers (what may take keys off the queue or change pod stages). */
  private work = 0;
  private lastVolumeWake = { at: -1, work: -1 };
  /**
   * Bumped by everything that may change what a node reports (pod syncs, timers other than the
   * heartbeat, power operations). A heartbeat that finds it and the Node object unchanged since
   * the last heartbeat that had nothing to post skips computing the status again.
   */
  private statusWork = 0;
  private quiet = new Map<string, { work: number; obj: KubeObject }>();
  /** Work-queue keys by pod uid (keyOf), and the parts of each key (sync reads them back). */
  private keys = new Map<string, PodKey>();
  private keyParts = new Map<string, PodKey>();
  /**
   * Unique volume names of existing PVs by PV name, asked for each mounted PV at every node
   * status post; an entry goes when its PV changes spec or is deleted (a handler in start).
   */
  private pvUniqueNames = new Map<string, string>();
  /** Per pod runtime, the status last generated for it and what it was generated from (writeStatus). */
  private lastStatus = new WeakMap<PodRuntime, { status: PodStatus; inputs: unknown[] }>();
  /** Where each pod runtime is, and each node's pods (node.pods changes only through it). */
  private index = new PodIndex();
  /**
   * Each pod runtime's saved text, kept between saves (saveJSON). A pod's text is dropped
   * whenever the kubelet gets hold of it to change it: every pod runtime that is written to is
   * reached through `changing` or `changingPods` (sync, power operations, findRuntime).
   */
  private texts = new PodTexts();

  constructor(spec: ClusterSpec, options: KubeletOptions = {}) {
    this.spec = spec;
    this.options = options;
    spec.nodes.forEach((n, index) => {
      this.nodes[n.name] = { name: n.name, index, power: 'running', bootID: '', images: {}, pullBusyUntil: 0, nextIP: 2, pods: newPodTable() };
    });
    this.index.rebuild(this.nodeList());
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.events = new KubeletEvents((source, host) => ctx.recorder(source, host));
    this.volumes = new PodVolumes(ctx, this.options.attachDetach ?? 'auto');
    ctx.informers.for<Pod>('pods').onChange((ev, old) => {
      const pod = ev.object as Pod;
      const nodeName = pod.spec?.nodeName ?? (old as Pod | undefined)?.spec?.nodeName;
      if (ev.type === 'DELETED') this.dropKey(pod.metadata.uid!);
      if (!nodeName || this.nodes[nodeName]?.power !== 'running') return;
      ctx.enqueue(this.podKey(pod));
    });
    const volumeChanged = () => {
      // A burst of claim and volume changes in one instant, with no pod sync in between, would
      // queue the same keys again: one pass is enough.
      const now = ctx.clock.now();
      if (this.lastVolumeWake.at === now && this.lastVolumeWake.work === this.work) return;
      this.lastVolumeWake = { at: now, work: this.work };
      for (const node of this.nodeList()) {
        if (node.power !== 'running') continue;
        for (const rt of this.index.pods(node)) if (rt.stage === 'volumes') ctx.enqueue(this.rtKey(rt));
      }
    };
    ctx.informers.for('persistentvolumeclaims').onChange(volumeChanged);
    ctx.informers.for('persistentvolumes').onChange(volumeChanged);
    // A PV's unique name holds while the PV is there with the same spec (pvUniqueNames).
    ctx.informers.for<PersistentVolume>('persistentvolumes').onChange((ev, old) => {
      if (ev.type === 'DELETED' || (old as PersistentVolume | undefined)?.spec !== (ev.object as PersistentVolume).spec) this.pvUniqueNames.delete(ev.object.metadata.name!);
    });
    ctx.informers.for('configmaps').onChange(volumeChanged);
    // An attach shows up in node.status.volumesAttached: wake that node's waiting pods.
    ctx.informers.for('nodes').onChange((ev) => {
      const node = this.nodes[ev.object.metadata.name!];
      if (!node || node.power !== 'running' || !this.volumes.attachRequired()) return;
      for (const rt of this.index.pods(node)) if (rt.stage === 'volumes') ctx.enqueue(this.rtKey(rt));
    });
  }

  /** Node registration on a fresh cluster (kubelet registerWithAPIServer). */
  bootstrap(): void {
    for (const spec of this.spec.nodes) this.boot(spec, false);
  }

  // ---- snapshot --------------------------------------------------------------------------------

  save(): SavedState {
    return { nodes: this.texts.savedNodes(this.nodes, this.storedSpec), files: this.volumes.save() };
  }

  /** JSON.stringify(this.save()), with the texts of the pods and file systems nothing changed since the last save kept. */
  saveJSON(): string {
    return `{"nodes":${this.texts.nodesJSON(this.nodes, this.storedSpec)},"files":${this.volumes.saveJSON()}}`;
  }

  /** The spec of the stored pod a runtime runs, while the API has that pod (same uid). */
  private readonly storedSpec = (rt: PodRuntime): PodSpec | undefined => {
    const pod = this.ctx.api.peek('pods', rt.namespace, rt.name) as Pod | undefined;
    return pod?.metadata.uid === rt.uid ? pod.spec : undefined;
  };

  load(state: unknown, owned?: boolean): void {
    const s = state as SavedState;
    this.nodes = owned ? s.nodes : clone(s.nodes);
    this.texts.clear();
    // A spec saved as the stored pod's is picked from the restored pod again (pod-texts.ts).
    for (const node of Object.values(this.nodes)) {
      for (const rt of Object.values(node.pods)) {
        if ((rt.spec as unknown) !== SPEC_AS_STORED) continue;
        const stored = this.storedSpec(rt);
        if (!stored) throw new Error(`snapshot: the kubelet of ${node.name} runs pod ${rt.namespace}/${rt.name} as stored, but the API has no such pod (uid ${rt.uid})`);
        rt.spec = kubeletSpec(stored, true);
        this.texts.picked(rt.spec, stored);
      }
    }
    this.index.rebuild(this.nodeList());
    this.pvUniqueNames.clear();
    this.volumes.load(s.files);
  }

  // ---- machines --------------------------------------------------------------------------------

  nodeState(name: string): 'running' | 'stopped' | 'cut' | undefined {
    return this.nodes[name]?.power;
  }

  stopNode(name: string): void {
    this.statusWork++;
    this.work++;
    const node = this.nodes[name];
    if (!node || node.power === 'stopped') return;
    node.power = 'stopped';
    const now = this.now();
    // Power off: every process dies where it stands; the runtime keeps the exited containers.
    for (const rt of this.changingPods(node)) {
      for (const c of rt.containers) {
        if (c.phase === 'running') {
          this.exitContainer(c, now, 255, 'Error');
          this.volumes.dropRoot(rt, c);
        } else if (c.phase === 'pulling') {
          c.phase = c.restartCount || c.lastTerminated ? 'waiting' : 'new';
        }
      }
      rt.sandboxReady = false;
      if (rt.stage === 'running' || rt.stage === 'sandbox') {
        rt.stage = 'sandbox';
        rt.sandboxChanged = true;
        rt.sandboxAt = undefined;
        rt.podIP = undefined;
      }
      rt.nextWake = undefined;
    }
    node.pullBusyUntil = 0;
  }

  cutNode(name: string): void {
    this.statusWork++;
    this.work++;
    const node = this.nodes[name];
    if (!node || node.power !== 'running') return;
    node.power = 'cut';
  }

  startNode(name: string): void {
    this.statusWork++;
    this.work++;
    const node = this.nodes[name];
    const spec = this.spec.nodes.find((n) => n.name === name);
    if (!node || !spec || node.power === 'running') return;
    if (node.power === 'stopped') {
      this.boot(spec, true);
    } else {
      // Reconnect: the kubelet catches up with the API and posts its status.
      node.power = 'running';
      this.postNodeStatus(node, true);
      this.scheduleHeartbeat(node);
    }
    for (const rt of this.index.pods(node)) this.ctx.enqueue(this.rtKey(rt));
    for (const pod of this.ctx.informers.for<Pod>('pods').list()) if (pod.spec?.nodeName === name) this.ctx.enqueue(this.podKey(pod));
  }

  /** A kubelet starting on a machine: register or update the Node, events, heartbeats. */
  private boot(spec: NodeSpec, reboot: boolean): void {
    const { api, random } = this.ctx;
    const node = this.nodes[spec.name];
    node.power = 'running';
    node.bootID = randomUuid(random);
    node.pullBusyUntil = 0;
    const now = this.now();
    const existing = api.peek('nodes', undefined, spec.name);
    const nodeRef = this.nodeRef(spec.name);
    this.events.record(spec.name, nodeRef, 'Normal', 'Starting', 'Starting kubelet.');
    if (!existing) {
      try {
        api.create('nodes', undefined, newNodeObject(spec, node, now, randomUuid(random), randomHex(random, 32)));
      } catch {
        // Registration is retried by the next heartbeat.
      }
    }
    for (const r of ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID']) {
      this.events.record(spec.name, nodeRef, 'Normal', r, `Node ${spec.name} status is now: ${r}`);
    }
    this.events.record(spec.name, nodeRef, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    if (reboot) {
      this.events.record(spec.name, nodeRef, 'Warning', 'Rebooted', `Node ${spec.name} has been rebooted, boot id: ${node.bootID}`);
      // The kubelet's back-off memory is gone with its process.
      for (const rt of this.changingPods(node)) {
        for (const c of rt.containers) {
          c.crashBackoffMs = c.crashLastUpdate = c.pullBackoffMs = c.pullLastUpdate = c.retryAt = undefined;
        }
      }
    }
    if (!existing) this.events.record(spec.name, nodeRef, 'Normal', 'NodeReady', `Node ${spec.name} status is now: NodeReady`);
    else this.postNodeStatus(node, true);
    this.renewLease(node);
    this.scheduleHeartbeat(node);
  }

  private scheduleHeartbeat(node: NodeRuntime): void {
    if (node.hbTimer !== undefined) this.ctx.cancelTimer(node.hbTimer);
    node.hbTimer = this.ctx.setTimer(HEARTBEAT_MS, 'heartbeat', node.name);
  }

  onTimer(type: string, data: unknown): void {
    this.work++;
    if (type !== 'heartbeat') this.statusWork++;
    if (type !== 'heartbeat') return;
    const node = this.nodes[data as string];
    if (!node) return;
    node.hbTimer = undefined;
    if (node.power !== 'running') return;
    if (this.hasLeases()) {
      this.renewLease(node);
      this.postNodeStatus(node, false);
    } else {
      this.postNodeStatus(node, true);
    }
    this.scheduleHeartbeat(node);
  }

  private hasLeases(): boolean {
    return !!resourceInfo('leases');
  }

  /** Renews `kube-node-lease/<node>` (pkg/kubelet/nodelease, leaseDurationSeconds 40). */
  private renewLease(node: NodeRuntime): void {
    if (!this.hasLeases()) return;
    const { api } = this.ctx;
    const nodeObj = api.peek('nodes', undefined, node.name);
    // MicroTime: `2026-01-01T00:00:05.123000Z`.
    const now = this.now();
    const renewTime = `${toRFC3339(now).slice(0, -1)}.${String(((now % 1000) + 1000) % 1000).padStart(3, '0')}000Z`;
    const cur = api.peek('leases', 'kube-node-lease', node.name);
    try {
      if (!cur) {
        api.create('leases', 'kube-node-lease', {
          metadata: {
            name: node.name, namespace: 'kube-node-lease',
            ...(nodeObj ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.name, uid: nodeObj.metadata.uid! }] } : {}),
          },
          spec: { holderIdentity: node.name, leaseDurationSeconds: 40, renewTime },
        });
      } else {
        const { resourceVersion: _rv, ...metadata } = cur.metadata;
        const next = { ...cur, metadata, spec: { ...cur.spec, holderIdentity: node.name, renewTime } };
        api.update('leases', 'kube-node-lease', next, { sharedResult: true });
      }
    } catch {
      // Retried at the next renewal.
    }
  }

  /**
   * Posts node status (kubelet_node_status.go updateNodeStatus): conditions with a fresh
   * heartbeat time, images, volumes in use. With a Lease the kubelet posts only on change or
   * every 5 minutes; `force` posts anyway.
   */
  private postNodeStatus(node: NodeRuntime, force: boolean): void {
    const { api } = this.ctx;
    const cur = api.peek('nodes', undefined, node.name);
    if (!cur) return;
    const now = this.now();
    const quiet = this.quiet.get(node.name);
    if (!force && quiet && quiet.work === this.statusWork && quiet.obj === cur && now - (node.lastReportAt ?? 0) < NODE_STATUS_REPORT_MS) return;
    const prevConds = (cur.status?.conditions ?? []) as NodeCondition[];
    const conditions = kubeletConditions(prevConds, now);
    const volumesInUse = this.volumesInUse(node, cur);
    const images = nodeImages(node);
    const sig = JSON.stringify([conditions.map((c) => c.status), images, volumesInUse, node.bootID]);
    const changed = node.lastReportSig !== sig || prevConds.find((c) => c.type === 'Ready')?.status !== 'True';
    if (!force && !changed && now - (node.lastReportAt ?? 0) < NODE_STATUS_REPORT_MS) {
      this.quiet.set(node.name, { work: this.statusWork, obj: cur });
      return;
    }
    node.lastReportAt = now;
    node.lastReportSig = sig;
    const wasReady = prevConds.find((c) => c.type === 'Ready')?.status;
    // Parts that come out as stored are the stored ones, which the API server then shares rather
    // than copies and compares again (heartbeat times have whole seconds: the many posts of one
    // second, one per volume mounted, repeat the conditions).
    const status: Record<string, unknown> = {
      ...(cur.status ?? {}),
      conditions: reuseItems(prevConds, conditions),
      images: reuse(cur.status?.images, images),
    };
    if (volumesInUse.length) status.volumesInUse = reuse(cur.status?.volumesInUse, volumesInUse);
    else delete status.volumesInUse;
    if (cur.status?.nodeInfo && cur.status.nodeInfo.bootID !== node.bootID) status.nodeInfo = { ...cur.status.nodeInfo, bootID: node.bootID };
    // Frozen, it is stored as it is rather than copied first (nothing changes it after this).
    deepFreeze(status);
    try {
      api.update('nodes', undefined, { metadata: { name: node.name, uid: cur.metadata.uid }, status }, { subresource: 'status', sharedResult: true });
    } catch {
      return;
    }
    if (wasReady !== undefined && wasReady !== 'True') {
      this.events.record(node.name, this.nodeRef(node.name), 'Normal', 'NodeReady', `Node ${node.name} status is now: NodeReady`);
    }
  }

  /** node.status.volumesInUse: the unique names of mounted PVs, as the attach-detach controller lists them. */
  private volumesInUse(node: NodeRuntime, nodeObj: KubeObject): string[] {
    const out = new Set<string>();
    for (const pv of this.index.mountedPVs(node)) out.add(this.uniqueVolumeName(pv, nodeObj));
    return [...out].sort();
  }

  private uniqueVolumeName(pv: string, nodeObj: KubeObject | undefined): string {
    const known = this.pvUniqueNames.get(pv);
    if (known !== undefined) return known;
    const obj = this.ctx.informers.for<PersistentVolume>('persistentvolumes').get(undefined, pv);
    if (obj) {
      const name = this.volumes.volumeNames.nameOf(obj);
      this.pvUniqueNames.set(pv, name);
      return name;
    }
    const attached = (nodeObj?.status?.volumesAttached ?? []) as { name: string }[];
    return attached.find((a) => a.name.endsWith(`/${pv}`) || a.name.endsWith(`^${pv}`))?.name ?? `kubernetes.io/host-path/${pv}`;
  }

  // ---- the pod worker --------------------------------------------------------------------------

  sync(key: string): void {
    this.work++;
    this.statusWork++;
    // The key's parts as keyOf had them (strings whose hashes are known, for the lookups below),
    // else from the key itself (a key restored with a snapshot's queue).
    const parts = this.keyParts.get(key);
    const [, ns, name, uid] = parts ? ['', parts.namespace, parts.name, parts.uid] : key.split('/');
    const pods = this.ctx.informers.for<Pod>('pods');
    let pod = pods.get(ns, name);
    if (pod && pod.metadata.uid !== uid) pod = undefined;
    // The node holding this pod's runtime, if any (a pod is only ever on one).
    const found = this.index.find(uid);
    let node = found?.node;
    let rt = found?.rt;
    if (!rt) {
      if (!pod?.spec?.nodeName) return;
      node = this.nodes[pod.spec.nodeName];
      if (!node || node.power !== 'running') return;
      // A pod that ended before this kubelet knew it (e.g. after a reboot) needs nothing.
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') {
        if (pod.metadata.deletionTimestamp) this.deletePodObject(pod);
        return;
      }
      rt = this.admit(node, pod);
    }
    // The pod worker may change anything of its pod from here on.
    this.changing(rt);
    if (!node || node.power === 'stopped') return;
    const connected = node.power === 'running';
    if (rt.nextWake !== undefined && this.now() >= rt.nextWake) rt.nextWake = undefined;
    if (connected) this.observe(rt, pod);
    this.syncPod(node, rt, connected);
    if (!this.index.has(node, rt.uid)) return;
    if (connected && !rt.apiGone && !this.inFirstSync(rt)) this.writeStatus(node, rt);
    if (rt.stage === 'terminated' && connected && rt.deletion && !rt.apiGone) {
      this.deletePodObject(this.ctx.informers.for<Pod>('pods').get(rt.namespace, rt.name) ?? pod);
      this.forget(node, rt);
      return;
    }
    this.scheduleWake(rt);
  }

  /**
   * The first SyncPod creates the sandbox and pulls before it returns; the status it generated
   * at its start (ContainerCreating, no IP) stands until the next sync, after the containers
   * started. So a watcher sees ContainerCreating once, then Running.
   */
  private inFirstSync(rt: PodRuntime): boolean {
    if (!rt.statusWritten || (rt.stage !== 'sandbox' && rt.stage !== 'running')) return false;
    if (rt.sandboxChanged) return false;
    return rt.containers.every((c) => (c.phase === 'new' || c.phase === 'pulling') && !c.waitingReason && !c.containerID);
  }

  /** HandlePodAdditions: the kubelet takes a pod bound to its node. */
  private admit(node: NodeRuntime, pod: Pod): PodRuntime {
    const spec = kubeletSpec(pod.spec!);
    this.texts.picked(spec, pod.spec!);
    const rt: PodRuntime = {
      uid: pod.metadata.uid!, namespace: pod.metadata.namespace!, name: pod.metadata.name!, spec,
      generation: pod.metadata.generation,
      stage: 'volumes', volumesSince: this.now(), sandboxReady: false, startTime: this.now(),
      containers: [
        ...(spec.initContainers ?? []).map((c: Container) => newContainer(c, true)),
        ...spec.containers.map((c: Container) => newContainer(c, false)),
      ],
      mountedPVs: {},
    };
    this.index.add(node, rt);
    return rt;
  }

  /** What the kubelet learns from the API object: deletion, grace period, spec changes. */
  private observe(rt: PodRuntime, pod: Pod | undefined): void {
    const now = this.now();
    if (!pod) {
      if (!rt.apiGone) {
        rt.apiGone = true;
        // Removed without the kubelet (force delete, PodGC): stop with the minimum grace.
        const deadline = now + MIN_GRACE_S * 1000;
        rt.deletion = { at: now, deadline: rt.deletion ? Math.min(rt.deletion.deadline, deadline) : deadline };
      }
      return;
    }
    rt.generation = pod.metadata.generation;
    if (pod.metadata.deletionTimestamp) {
      const grace = Math.max(MIN_GRACE_S, pod.metadata.deletionGracePeriodSeconds ?? rt.spec.terminationGracePeriodSeconds ?? 30);
      const deadline = now + grace * 1000;
      if (!rt.deletion) rt.deletion = { at: now, deadline };
      else if (deadline < rt.deletion.deadline) rt.deletion.deadline = deadline;
    }
  }

  private syncPod(node: NodeRuntime, rt: PodRuntime, connected: boolean): void {
    const now = this.now();
    if (rt.deletion) {
      this.syncTerminating(node, rt);
      return;
    }
    if (rt.stage === 'terminated') return;
    if (rt.stage === 'volumes') {
      if (!connected) return;
      const problem = this.volumes.problem(node, rt);
      if (problem) {
        if (now - (rt.failedMountAt ?? rt.volumesSince ?? now) >= MOUNT_TIMEOUT_MS) {
          this.podEvent(node, rt, undefined, 'Warning', 'FailedMount', problem);
          rt.failedMountAt = now;
        }
        return;
      }
      const before = { ...rt.mountedPVs };
      this.volumes.mount(rt);
      this.index.mountsChanged(node, rt, before);
      // The volume manager reports volumes in use before it mounts them (node.status.volumesInUse),
      // so the attach-detach controller never detaches a mounted volume.
      if (Object.keys(rt.mountedPVs).length) this.postNodeStatus(node, true);
      rt.stage = 'sandbox';
    }
    if (rt.stage === 'sandbox') {
      if (rt.sandboxAt === undefined) rt.sandboxAt = now + 300 + this.ctx.random.int(400);
      if (now < rt.sandboxAt) return;
      rt.podIP = this.allocateIP(node);
      rt.sandboxReady = true;
      rt.stage = 'running';
      if (rt.sandboxChanged) {
        rt.sandboxChanged = false;
        this.podEvent(node, rt, undefined, 'Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.');
      }
    }
    // Containers in order: init containers one by one to success, then the app containers.
    for (const c of rt.containers) {
      this.syncContainer(node, rt, c);
      if (c.init && !(c.phase === 'exited' && c.terminated?.exitCode === 0)) break;
    }
    const phase = podPhase(rt);
    if (phase === 'Succeeded' || phase === 'Failed') {
      // Every container finished and none restarts: the pod is done; its sandbox and volumes go.
      rt.terminalPhase = phase;
      this.finish(node, rt);
    }
  }

  private syncContainer(node: NodeRuntime, rt: PodRuntime, c: ContainerRuntime): void {
    const now = this.now();
    if (c.phase === 'running') {
      this.runActions(node, rt, c);
      if (c.exitAt !== undefined && now >= c.exitAt) {
        this.exitContainer(c, c.exitAt, c.exitCode ?? 0);
      } else {
        this.runProbes(node, rt, c);
        if (c.exitAt !== undefined && now >= c.exitAt) this.exitContainer(c, c.exitAt, c.exitCode ?? 0);
        return;
      }
    }
    if (c.phase === 'pulling') {
      if (now < c.pullDoneAt!) return;
      this.finishPull(node, rt, c);
      return;
    }
    if (c.phase === 'exited') {
      // The exit is noticed at the next relist; then restart or not (computePodActions).
      if (now < (c.retryAt ?? 0)) return;
      if (!this.shouldRestart(rt, c)) {
        c.retryAt = undefined;
        return;
      }
      if (this.inCrashBackOff(node, rt, c)) return;
      this.restartBookkeeping(c);
    } else if (c.phase === 'waiting' && c.waitingReason === 'CrashLoopBackOff') {
      if (now < (c.retryAt ?? 0)) return;
      if (this.inCrashBackOff(node, rt, c)) return;
      c.restartCount++;
    } else if (c.phase === 'waiting' && now < (c.retryAt ?? 0)) {
      return;
    }
    this.startContainer(node, rt, c);
  }

  private shouldRestart(rt: PodRuntime, c: ContainerRuntime): boolean {
    const policy = rt.spec.restartPolicy ?? 'Always';
    const code = c.terminated?.exitCode ?? 0;
    if (c.init) return code !== 0 && policy !== 'Never';
    if (policy === 'Always') return true;
    if (policy === 'OnFailure') return code !== 0;
    return false;
  }

  /**
   * doBackOff (kuberuntime_manager.go): in back-off while less than the current back-off has
   * passed since the container finished; otherwise the back-off doubles and it restarts.
   */
  private inCrashBackOff(node: NodeRuntime, rt: PodRuntime, c: ContainerRuntime): boolean {
    const now = this.now();
    const finished = (c.terminated ?? c.lastTerminated)?.finishedAt ?? now;
    const expired = c.crashLastUpdate !== undefined && now - c.crashLastUpdate > 2 * BACKOFF_MAX_MS;
    if (c.crashBackoffMs && !expired && now - finished < c.crashBackoffMs) {
      if (c.terminated) {
        c.lastTerminated = c.terminated;
        c.terminated = undefined;
      }
      c.phase = 'waiting';
      c.waitingReason = 'CrashLoopBackOff';
      const pod = `${rt.name}_${rt.namespace}(${rt.uid})`;
      c.waitingMessage = `back-off ${goSeconds(c.crashBackoffMs / 1000)} restarting failed container=${c.name} pod=${pod}`;
      this.podEvent(node, rt, c, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${pod}`);
      c.retryAt = Math.min(finished + c.crashBackoffMs, now + this.workerRetry());
      return true;
    }
    c.crashBackoffMs = !c.crashBackoffMs || expired ? BACKOFF_INITIAL_MS : Math.min(c.crashBackoffMs * 2, BACKOFF_MAX_MS);
    c.crashLastUpdate = now;
    return false;
  }

  private restartBookkeeping(c: ContainerRuntime): void {
    if (c.terminated) {
      c.lastTerminated = c.terminated;
      c.terminated = undefined;
    }
    c.restartCount++;
  }

  /** EnsureImageExists (images/image_manager.go), then create and start. */
  private startContainer(node: NodeRuntime, rt: PodRuntime, c: ContainerRuntime): void {
    const now = this.now();
    const spec = this.containerSpec(rt, c);
    const policy = spec?.imagePullPolicy ?? defaultPullPolicy(c.image);
    const info = lookupImage(c.image);
    const present = !!info && !!node.images[info.ref];
    if (policy === 'Never' && !present) {
      const msg = `Container image "${c.image}" is not present with pull policy of Never`;
      this.podEvent(node, rt, c, 'Warning', 'ErrImageNeverPull', msg);
      this.podEvent(node, rt, c, 'Warning', 'Failed', 'Error: ErrImageNeverPull');
      this.waiting(c, 'ErrImageNeverPull', msg, now + this.workerRetry());
      return;
    }
    if (present && policy !== 'Always') {
      this.podEvent(node, rt, c, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine and can be accessed by the pod`);
      this.createAndStart(node, rt, c, info!);
      return;
    }
    const expired = c.pullLastUpdate !== undefined && now - c.pullLastUpdate > 2 * BACKOFF_MAX_MS;
    if (c.pullBackoffMs && !expired && now - c.pullLastUpdate! < c.pullBackoffMs) {
      const msg = `Back-off pulling image "${c.image}"`;
      this.podEvent(node, rt, c, 'Normal', 'BackOff', msg);
      this.podEvent(node, rt, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
      // Since 1.32 the waiting message carries the last pull error (PR #127918).
      this.waiting(c, 'ImagePullBackOff', c.pullLastError ? `${msg}: ${c.pullLastError}` : msg, now + this.workerRetry());
      return;
    }
    this.podEvent(node, rt, c, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
    // Pulls are serialized per node (serializeImagePulls: true); an image already on the node
    // (policy Always) only checks its manifest.
    const r = this.ctx.random.float();
    const duration = !info ? 700 + Math.round(r * 900) : present ? 400 + Math.round(r * 600) : Math.round(info.pullMs * (0.8 + 0.4 * r));
    const start = Math.max(now, node.pullBusyUntil);
    c.pullRequestedAt = now;
    c.pullStartAt = start;
    c.pullDoneAt = start + duration;
    node.pullBusyUntil = c.pullDoneAt;
    c.phase = 'pulling';
  }

  private finishPull(node: NodeRuntime, rt: PodRuntime, c: ContainerRuntime): void {
    const now = this.now();
    const info = lookupImage(c.image);
    if (!info) {
      const err = pullError(c.image);
      this.podEvent(node, rt, c, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${err}`);
      this.podEvent(node, rt, c, 'Warning', 'Failed', 'Error: ErrImagePull');
      const expired = c.pullLastUpdate !== undefined && now - c.pullLastUpdate > 2 * BACKOFF_MAX_MS;
      c.pullBackoffMs = !c.pullBackoffMs || expired ? BACKOFF_INITIAL_MS : Math.min(c.pullBackoffMs * 2, BACKOFF_MAX_MS);
      c.pullLastUpdate = now;
      c.pullLastError = `ErrImagePull: ${err}`;
      // The sandbox's own event wakes the pod worker again a moment later: then ImagePullBackOff.
      this.waiting(c, 'ErrImagePull', err, now + PLEG_MS);
      return;
    }
    const had = node.images[info.ref];
    if (!had || had.imageID !== info.imageID || had.sizeBytes !== info.sizeBytes) node.images[info.ref] = { imageID: info.imageID, sizeBytes: info.sizeBytes };
    const pull = goDuration(c.pullDoneAt! - c.pullStartAt!);
    const total = goDuration(c.pullDoneAt! - c.pullRequestedAt!);
    this.podEvent(node, rt, c, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${pull} (${total} including waiting). Image size: ${info.sizeBytes} bytes.`);
    c.pullBackoffMs = c.pullLastUpdate = c.pullLastError = undefined;
    this.createAndStart(node, rt, c, info);
  }

  private waiting(c: ContainerRuntime, reason: string, message: string | undefined, retryAt: number): void {
    c.phase = 'waiting';
    c.waitingReason = reason;
    c.waitingMessage = message;
    c.retryAt = retryAt;
  }

  /** startContainer (kuberuntime_container.go): create, start, and the process begins. */
  private createAndStart(node: NodeRuntime, rt: PodRuntime, c: ContainerRuntime, info: ImageInfo): void {
    const now = this.now();
    const spec = this.containerSpec(rt, c)!;
    this.volumes.dropRoot(rt, c);
    c.containerID = randomHex(this.ctx.random, 64);
    c.imageRef = info.ref;
    c.imageID = info.imageID;
    // Since 1.35 the messages leave the container name to the event's fieldPath (PR #134043).
    this.podEvent(node, rt, c, 'Normal', 'Created', 'Container created');
    this.podEvent(node, rt, c, 'Normal', 'Started', 'Container started');
    const hostname = podHostname({ name: rt.name, spec: rt.spec });
    // Only a command of the pod's own needs the environment (for $VAR); the image's process does not.
    const env = spec.command?.length || spec.args?.length ? this.environment(node, rt, spec, info) : {};
    const plan = planProcess(info, argvOf(info, spec.command, spec.args), {
      hostname, env, logTime: nginxLogTime(now), now, programs: programsOf(info.family), stdinTty: !!(spec.stdin && spec.tty),
      run: this.programRunner(node, rt, c, info), fs: () => this.volumes.containerFs(node, rt, c, info),
    });
    c.phase = 'running';
    c.waitingReason = c.waitingMessage = c.retryAt = undefined;
    c.startedAt = now;
    c.port = plan.port;
    c.processKind = plan.kind;
    c.stopMs = plan.stopMs;
    c.exitAt = plan.exitAfterMs !== undefined ? now + plan.exitAfterMs : undefined;
    c.exitCode = plan.exitCode;
    c.killReason = undefined;
    if (c.restartCount > 0 || c.lastTerminated) {
      c.prevLogs = c.logs;
      c.prevLogAt = c.logAt;
      c.prevBanner = c.banner;
    }
    // nginx's start-up lines are regenerated when read (they follow from image and start time),
    // which keeps snapshots of big clusters small.
    c.banner = plan.kind === 'nginx' && plan.startLogs.length ? now : undefined;
    c.logs = c.banner !== undefined ? [] : [...plan.startLogs];
    c.logAt = c.logs.length ? c.logs.map(() => now) : undefined;
    c.actions = plan.actions.map((a) => ({ ...a, at: now + a.at }));
    this.runActions(node, rt, c);
    c.probes = {};
    const kinds: [ProbeKind, any][] = [['startup', spec.startupProbe], ['liveness', spec.livenessProbe], ['readiness', spec.readinessProbe]];
    for (const [kind, probe] of kinds) {
      if (probe) c.probes[kind] = { next: now + (probe.initialDelaySeconds ?? 0) * 1000, successes: 0, failures: 0 };
    }
    c.started = !spec.startupProbe;
    c.ready = c.started && !spec.readinessProbe;
  }

  /**
   * How the container's own command runs nslookup and wget: as `kubectl exec` runs them, over the
   * container's file system, asking the cluster network from the pod (its namespace's DNS, HTTP
   * from its address). The script is planned up to its first sleep or wait, and the rest when
   * it gets there (runActions), so they see the cluster as it is when the script reaches them.
   * Without a network component (a kubelet tested alone) they are not run.
   */
  private programRunner(node: NodeRuntime, rt: PodRuntime, c: ContainerRuntime, info: ImageInfo): ((argv: string[]) => ProgramResult | undefined) | undefined {
    const network = this.ctx.component('network') as unknown as Partial<ClusterNetwork> | undefined;
    if (typeof network?.resolve !== 'function' || typeof network.http !== 'function') return undefined;
    const net = network as ClusterNetwork;
    const from = { namespace: rt.namespace, pod: rt.name };
    return (argv) => runProgram(argv, {
      namespace: rt.namespace, image: c.image, busybox: info.family === 'busybox',
      fs: this.volumes.containerFs(node, rt, c, info),
      resolve: (q, type) => net.resolve(rt.namespace, q, type),
      // As the shell's exec dials (sandbox/shell/container.ts): open() names the address it connected to.
      dial: (url, req) => net.open?.(from, url, req) ?? { result: net.http(from, url, req) },
    });
  }

  /**
   * A script's steps that are due: what it prints, writes and removes, in order; at a `resume`
   * step the rest of the script is planned then, its steps run in turn when they are due.
   */
  private runActions(node: NodeRuntime, rt: PodRuntime, c: ContainerRuntime): void {
    const now = this.now();
    if (!c.actions?.length || c.actions[0].at > now) return;
    const info = lookupImage(c.image)!;
    const fs = this.volumes.containerFs(node, rt, c, info);
    while (c.actions.length && c.actions[0].at <= now) {
      const a = c.actions.shift()!;
      if (a.op === 'resume') {
        this.resumeScript(node, rt, c, info, a);
        continue;
      }
      try {
        if (a.op === 'log') this.appendLogs(c, [a.data ?? ''], a.at);
        else if (a.op === 'write') fs.writeFile(a.path!, a.data ?? '', { append: a.append });
        else if (a.op === 'mkdir') fs.mkdir(a.path!, { recursive: true });
        else if (a.op === 'rm' && fs.exists(a.path!)) fs.rm(a.path!, { recursive: true });
      } catch {
        this.appendLogs(c, [a.op === 'write' ? `sh: can't create ${a.path}: nonexistent directory` : `${a.op}: can't remove '${a.path}'`], a.at);
      }
    }
    if (!c.actions.length) c.actions = undefined;
  }

  /**
   * Plans the rest of a container's script at the time it gets there (`step.at`): its steps join
   * the queue and its exit, if it has one, replaces "runs on". A container being killed keeps
   * its kill time unless the script ends sooner on its own (a shell ignores SIGTERM).
   */
  private resumeScript(node: NodeRuntime, rt: PodRuntime, c: ContainerRuntime, info: ImageInfo, step: ScriptStep): void {
    const spec = this.containerSpec(rt, c);
    const plan = resumeScript(step.data ?? '', {
      hostname: podHostname({ name: rt.name, spec: rt.spec }), env: step.env ?? {}, logTime: nginxLogTime(step.at), now: step.at,
      programs: programsOf(info.family), stdinTty: !!(spec?.stdin && spec.tty),
      run: this.programRunner(node, rt, c, info), fs: () => this.volumes.containerFs(node, rt, c, info),
    });
    const steps = plan.actions.map((a) => ({ ...a, at: step.at + a.at }));
    // Steps still queued come first at the same time (they were planned before this one).
    c.actions = [...(c.actions ?? []), ...steps].sort((x, y) => x.at - y.at);
    const exitAt = plan.exitAfterMs !== undefined ? step.at + plan.exitAfterMs : undefined;
    if (!c.killReason || (exitAt !== undefined && (c.exitAt === undefined || exitAt < c.exitAt))) {
      c.exitAt = exitAt;
      c.exitCode = plan.exitCode;
    }
  }

  private exitContainer(c: ContainerRuntime, at: number, exitCode: number, reason?: string): void {
    c.actions = undefined;
    const t: TerminatedState = {
      exitCode, reason: reason ?? (exitCode === 0 ? 'Completed' : 'Error'),
      startedAt: c.startedAt ?? at, finishedAt: at, containerID: c.containerID ?? '',
    };
    c.phase = 'exited';
    c.terminated = t;
    c.ready = false;
    c.started = false;
    c.exitAt = undefined;
    c.retryAt = at + PLEG_MS;
  }

  private runProbes(node: NodeRuntime, rt: PodRuntime, c: ContainerRuntime): void {
    const now = this.now();
    const spec = this.containerSpec(rt, c);
    if (!spec) return;
    const order: ProbeKind[] = c.started ? ['liveness', 'readiness'] : ['startup'];
    for (const kind of order) {
      const st = c.probes[kind];
      const probe = kind === 'startup' ? spec.startupProbe : kind === 'liveness' ? spec.livenessProbe : spec.readinessProbe;
      if (!st || !probe || st.next > now || c.killReason) continue;
      const period = (probe.periodSeconds ?? 10) * 1000;
      st.next = Math.max(st.next + period, now + 1);
      const info = lookupImage(c.image)!;
      const outcome = runProbe(probe, {
        podIP: rt.podIP ?? '', container: spec, fs: this.volumes.containerFs(node, rt, c, info), programs: programsOf(info.family),
        busybox: info.family === 'busybox',
        serve: (port, req) => {
          const served = this.serveFrom(node, rt, c, port, req, `10.244.${node.index}.1`);
          return served?.response;
        },
      });
      const label = kind === 'startup' ? 'Startup' : kind === 'liveness' ? 'Liveness' : 'Readiness';
      if (outcome.ok) {
        st.failures = 0;
        st.successes++;
        if (st.successes >= (probe.successThreshold ?? 1)) {
          if (kind === 'startup') {
            c.started = true;
            c.ready = !spec.readinessProbe;
            for (const k of ['liveness', 'readiness'] as ProbeKind[]) if (c.probes[k]) c.probes[k]!.next = Math.max(c.probes[k]!.next, now);
          }
          if (kind === 'readiness') c.ready = true;
        }
        continue;
      }
      st.successes = 0;
      st.failures++;
      this.podEvent(node, rt, c, 'Warning', 'Unhealthy', `${label} probe failed: ${outcome.output}`);
      if (st.failures < (probe.failureThreshold ?? 3)) continue;
      if (kind === 'readiness') {
        c.ready = false;
        continue;
      }
      // A failed liveness or startup probe kills the container; the restart policy decides the rest.
      this.podEvent(node, rt, c, 'Normal', 'Killing', `Container ${c.name} failed ${kind} probe, will be restarted`);
      const grace = (probe.terminationGracePeriodSeconds ?? rt.spec.terminationGracePeriodSeconds ?? 30) * 1000;
      c.killReason = 'liveness';
      c.ready = false;
      if (c.stopMs !== undefined && c.stopMs < grace) {
        c.exitAt = now + c.stopMs;
        c.exitCode = 0;
      } else {
        c.exitAt = now + Math.max(grace, MIN_GRACE_S * 1000);
        c.exitCode = 137;
      }
      return;
    }
  }

  /** SyncTerminatingPod: stop every container within the grace period, then finish. */
  private syncTerminating(node: NodeRuntime, rt: PodRuntime): void {
    const now = this.now();
    const deadline = rt.deletion!.deadline;
    if (rt.stage !== 'terminating' && rt.stage !== 'terminated') {
      rt.stage = 'terminating';
      for (const c of rt.containers) {
        if (c.phase === 'running') {
          this.podEvent(node, rt, c, 'Normal', 'Killing', `Stopping container ${c.name}`);
          c.killReason = 'delete';
          const graceful = c.stopMs !== undefined ? now + c.stopMs : undefined;
          if (graceful !== undefined && graceful < deadline) {
            c.exitAt = c.exitAt !== undefined ? Math.min(c.exitAt, graceful) : graceful;
            if (c.exitAt === graceful) c.exitCode = 0;
          } else if (c.exitAt === undefined || c.exitAt > deadline) {
            c.exitAt = deadline;
            c.exitCode = 137;
          }
        } else if (c.phase === 'pulling') {
          c.phase = 'waiting';
          c.waitingReason = c.waitingReason ?? 'ContainerCreating';
        }
      }
    }
    if (rt.stage === 'terminated') {
      // Already finished (a completed pod); nothing runs, only the bookkeeping goes.
      if (rt.apiGone) this.forget(node, rt);
      return;
    }
    for (const c of rt.containers) {
      if (c.phase !== 'running') continue;
      // A script goes on through the grace period (a shell ignores SIGTERM): it may end on its own first.
      this.runActions(node, rt, c);
      const at = Math.min(c.exitAt ?? deadline, deadline);
      if (now >= at) this.exitContainer(c, at, at === deadline && c.exitAt !== at ? 137 : c.exitCode ?? 137);
    }
    if (rt.containers.some((c) => c.phase === 'running')) return;
    rt.terminalPhase = rt.containers.filter((c) => !c.init).every((c) => c.phase === 'exited' && c.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed';
    this.finish(node, rt);
    if (rt.apiGone) this.forget(node, rt);
  }

  /** The pod is done here: sandbox stopped, volumes unmounted, emptyDirs removed. */
  private finish(node: NodeRuntime, rt: PodRuntime): void {
    rt.stage = 'terminated';
    rt.sandboxReady = false;
    for (const c of rt.containers) {
      c.retryAt = undefined;
      this.volumes.dropRoot(rt, c);
    }
    this.volumes.dropEmptyDirs(rt);
    const hadPVs = Object.keys(rt.mountedPVs).length > 0;
    const before = rt.mountedPVs;
    rt.mountedPVs = {};
    this.index.mountsChanged(node, rt, before);
    if (hadPVs && node.power === 'running') this.postNodeStatus(node, true);
  }

  private forget(node: NodeRuntime, rt: PodRuntime): void {
    this.finish(node, rt);
    this.index.remove(node, rt);
    this.dropKey(rt.uid);
  }

  /**
   * A pod's work-queue key, `pod/<namespace>/<name>/<uid>`, built once per pod: pod events and
   * volume wake-ups enqueue the same pods thousands of times in a big settle, and the same
   * string (its hash computed once) makes each enqueue cheap.
   */
  private keyOf(namespace: string, name: string, uid: string): string {
    const c = this.keys.get(uid);
    if (c && c.namespace === namespace && c.name === name) return c.key;
    if (c) this.keyParts.delete(c.key);
    const key = `pod/${namespace}/${name}/${uid}`;
    const parts = { namespace, name, uid, key };
    this.keys.set(uid, parts);
    this.keyParts.set(key, parts);
    return key;
  }

  private dropKey(uid: string): void {
    const c = this.keys.get(uid);
    if (!c) return;
    this.keys.delete(uid);
    this.keyParts.delete(c.key);
  }

  private podKey(pod: Pod): string {
    return this.keyOf(pod.metadata.namespace!, pod.metadata.name!, pod.metadata.uid!);
  }

  private rtKey(rt: PodRuntime): string {
    return this.keyOf(rt.namespace, rt.name, rt.uid);
  }

  /** The status manager's final step: delete with grace 0 once the pod is terminal (status/status_manager.go). */
  private deletePodObject(pod: Pod | undefined): void {
    if (!pod) return;
    try {
      this.ctx.api.delete('pods', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
    } catch {
      // Already gone or replaced.
    }
  }

  private writeStatus(node: NodeRuntime, rt: PodRuntime): void {
    const current = this.ctx.informers.for<Pod>('pods').get(rt.namespace, rt.name);
    if (!current || current.metadata.uid !== rt.uid) return;
    rt.statusWritten = true;
    const hostIP = nodeInternalIP(node.index);
    // The status generated last time is the one stored (it was written, or found equal), and
    // nothing it follows from changed since: generating it again gives the stored status back,
    // a no-op. This is the sync the kubelet's own status write wakes, after most changes.
    const inputs = statusInputs(rt, hostIP);
    const last = this.lastStatus.get(rt);
    if (inputs && last && last.status === current.status && sameStatusInputs(inputs, last.inputs)) return;
    const status = generatePodStatus({ rt, current, hostIP, now: this.now() });
    if (inputs) this.lastStatus.set(rt, { status, inputs });
    else this.lastStatus.delete(rt);
    if (deepEqual(status, current.status)) return;
    // Frozen, the new status is stored as it is rather than copied first (nothing changes it
    // after this: the kubelet generates a new one every time).
    deepFreeze(status);
    try {
      this.ctx.api.update('pods', rt.namespace, { metadata: { name: rt.name, namespace: rt.namespace, uid: rt.uid }, status } as KubeObject, { subresource: 'status', sharedResult: true });
    } catch {
      this.ctx.enqueue(this.rtKey(rt), 1000);
    }
  }

  /** One timer for the earliest thing due in this pod. */
  private scheduleWake(rt: PodRuntime): void {
    const now = this.now();
    let next = Infinity;
    const at = (t: number | undefined) => {
      if (t !== undefined && t < next) next = t;
    };
    if (rt.stage === 'volumes') at((rt.failedMountAt ?? rt.volumesSince ?? now) + MOUNT_TIMEOUT_MS);
    if (rt.stage === 'sandbox') at(rt.sandboxAt);
    if (rt.stage === 'terminating') at(rt.deletion?.deadline);
    if (rt.stage !== 'terminated') {
      for (const c of rt.containers) {
        if (c.phase === 'pulling') at(c.pullDoneAt);
        if (c.phase === 'running') {
          at(c.exitAt);
          at(c.actions?.[0]?.at);
          if (rt.stage === 'running' && !c.killReason) {
            for (const kind in c.probes) if (c.started ? kind !== 'startup' : kind === 'startup') at(c.probes[kind as ProbeKind]?.next);
          }
        }
        if (c.phase === 'waiting' || c.phase === 'exited') at(c.retryAt);
      }
    }
    if (next === Infinity) return;
    // Something due now that this sync did not consume would spin the loop: never wake in the same instant.
    const t = Math.max(next, now + 1);
    // A wake already set for this time or earlier will look again then.
    if (rt.nextWake !== undefined && rt.nextWake > now && rt.nextWake <= t) return;
    rt.nextWake = t;
    this.ctx.enqueue(this.rtKey(rt), t - now);
  }

  // ---- what runs in containers -------------------------------------------------------------------

  private environment(node: NodeRuntime, rt: PodRuntime, spec: Container, info: ImageInfo): Record<string, string> {
    const pod = this.ctx.informers.for<Pod>('pods').get(rt.namespace, rt.name);
    const services = this.ctx.informers.for<Service>('services').list(rt.namespace).filter((s) => !(rt.namespace === 'default' && s.metadata.name === 'kubernetes'));
    const src: EnvSources = {
      pod: { name: rt.name, namespace: rt.namespace, uid: rt.uid, labels: pod?.metadata.labels, annotations: pod?.metadata.annotations, spec: rt.spec },
      podIP: rt.podIP ?? '', hostIP: nodeInternalIP(node.index), nodeName: node.name, services,
      masterService: this.ctx.informers.for<Service>('services').get('default', 'kubernetes'),
      configMap: (n) => this.ctx.informers.for('configmaps').get(rt.namespace, n)?.data,
    };
    return containerEnvironment(spec, imageEnv(info), podHostname({ name: rt.name, spec: rt.spec }), src);
  }

  /** A running container's server answering one request (side effects: logs, files). */
  private serveFrom(node: NodeRuntime, rt: PodRuntime, c: ContainerRuntime, port: number, req: HttpRequest, clientIp: string): Served | undefined {
    if (c.phase !== 'running' || c.port !== port) return undefined;
    // A container told to stop no longer accepts connections once its stop signal arrived.
    if (c.killReason === 'delete' && c.stopMs !== undefined) return undefined;
    const info = lookupImage(c.image)!;
    const ctx = {
      fs: this.volumes.containerFs(node, rt, c, info), hostname: podHostname({ name: rt.name, spec: rt.spec }), info, now: this.now(),
      clientIp, host: (req.headers?.Host ?? req.headers?.host ?? rt.podIP ?? '').replace(/:\d+$/, ''),
    };
    const served = c.processKind === 'nginx' ? serveNginx(req, ctx) : c.processKind === 'kubia-pet' ? serveKubiaPet(req, ctx) : c.processKind === 'kubia' ? serveKubia(req, ctx) : undefined;
    if (served) this.appendLogs(c, served.logs);
    return served;
  }

  /** Lines the container wrote at `at` (a script's step: when it was due, even if run late). */
  private appendLogs(c: ContainerRuntime, lines: string[], at = this.now()): void {
    if (!lines.length) return;
    const times = lineTimes(c.logs, c.logAt, c.startedAt ?? at);
    c.logs.push(...lines);
    for (const _ of lines) times.push(at);
    c.logAt = times;
    if (c.logs.length > 1000) {
      c.logs.splice(0, c.logs.length - 1000);
      times.splice(0, times.length - 1000);
    }
  }

  containerEnv(namespace: string, pod: string, container?: string, opts: { exited?: boolean } = {}): ContainerEnv | undefined {
    const found = this.findRuntime(namespace, pod);
    if (!found || found.node.power === 'stopped') return undefined;
    const { node, rt } = found;
    const c = container ? rt.containers.find((x) => x.name === container && !x.init) ?? rt.containers.find((x) => x.name === container) : rt.containers.find((x) => !x.init);
    if (!c || !(c.phase === 'running' || (opts.exited && c.phase === 'exited'))) return undefined;
    const info = lookupImage(c.image)!;
    const spec = this.containerSpec(rt, c)!;
    return {
      namespace, pod, container: c.name, image: c.image,
      hostname: podHostname({ name: rt.name, spec: rt.spec }), podIP: rt.podIP ?? '',
      fs: this.volumes.containerFs(node, rt, c, info),
      env: this.environment(node, rt, spec, info),
      programs: programsOf(info.family),
      // Called later, maybe after a save: the pod changes again.
      log: (line: string) => {
        this.changing(rt);
        this.appendLogs(c, [line]);
      },
    };
  }

  closeStdin(namespace: string, pod: string, container?: string, exitCode = 0): void {
    const found = this.findRuntime(namespace, pod);
    if (!found || found.node.power !== 'running') return;
    const { rt } = found;
    const c = container ? rt.containers.find((x) => x.name === container && !x.init) : rt.containers.find((x) => !x.init);
    const spec = c && this.containerSpec(rt, c);
    // Only a process that waits on stdin forever (a shell kept open by stdin+tty) notices EOF:
    // not `sh -c SCRIPT`, which never reads stdin, even while its script sleeps or loops.
    if (!c || c.phase !== 'running' || !spec?.stdin || !spec.stdinOnce || c.processKind !== 'script' || c.exitAt !== undefined) return;
    if (!readsStdin(argvOf(lookupImage(c.image)!, spec.command, spec.args))) return;
    this.work++;
    c.exitAt = this.now();
    c.exitCode = exitCode;
    this.ctx.enqueue(this.rtKey(rt));
  }

  serveHttp(namespace: string, pod: string, port: number, req: HttpRequest): HttpResponse | NetError {
    const found = this.findRuntime(namespace, pod);
    const host = found?.rt.podIP ?? pod;
    if (!found) return { error: 'refused', host, port };
    const { node, rt } = found;
    // A powered-off or unreachable machine never answers: the client waits until it gives up.
    if (node.power !== 'running') return { error: 'timeout', host, port };
    const clientIp = req.headers?.['X-Client-IP'] ?? `10.244.${node.index}.1`;
    for (const c of rt.containers) {
      const served = this.serveFrom(node, rt, c, port, req, clientIp);
      if (served) return served.response;
    }
    return { error: 'refused', host, port };
  }

  logs(namespace: string, pod: string, container?: string, previous?: boolean): LogLine[] | undefined {
    const found = this.findRuntime(namespace, pod);
    if (!found || found.node.power !== 'running') return undefined;
    const c = container ? found.rt.containers.find((x) => x.name === container) : found.rt.containers.find((x) => !x.init);
    if (!c || !c.containerID) return undefined;
    const info = lookupImage(c.image);
    const banner = (at: number | undefined): LogLine[] => (at !== undefined && info ? planProcess(info, ['nginx'], { hostname: '', env: {}, logTime: nginxLogTime(at), programs: [], stdinTty: false }).startLogs.map((text) => ({ at, text })) : []);
    const lines = (texts: string[], times: number[] | undefined, bannerAt: number | undefined, started: number | undefined): LogLine[] => {
      const at = lineTimes(texts, times, started ?? bannerAt ?? 0);
      return [...banner(bannerAt), ...texts.map((text, i) => ({ at: at[i], text }))];
    };
    if (previous) return c.prevLogs ? lines(c.prevLogs, c.prevLogAt, c.prevBanner, c.lastTerminated?.startedAt) : undefined;
    return lines(c.logs, c.logAt, c.banner, c.startedAt);
  }

  /**
   * The runtime of the pod object now in the API, else any pod of that name still on a node.
   * The callers act on the container (exec, HTTP and its logs, stdin): the pod is `changing`.
   */
  private findRuntime(namespace: string, name: string): { node: NodeRuntime; rt: PodRuntime } | undefined {
    const pod = this.ctx.informers.for<Pod>('pods').get(namespace, name);
    let fallback: { node: NodeRuntime; rt: PodRuntime } | undefined;
    for (const node of this.nodeList()) {
      if (pod?.metadata.uid && this.index.has(node, pod.metadata.uid)) return { node, rt: this.changing(node.pods[pod.metadata.uid]) };
      for (const rt of this.index.pods(node)) {
        if (rt.namespace === namespace && rt.name === name && rt.containers.some((c) => c.phase === 'running')) fallback = { node, rt };
      }
    }
    if (fallback) this.changing(fallback.rt);
    return fallback;
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private podEvent(node: NodeRuntime, rt: PodRuntime, c: ContainerRuntime | undefined, type: 'Normal' | 'Warning', reason: string, message: string): void {
    // An unreachable kubelet's events never arrive.
    if (node.power !== 'running') return;
    const pod = this.ctx.informers.for<Pod>('pods').get(rt.namespace, rt.name);
    // One object shape for every pod event (absent parts undefined, as record reads them).
    const involved: InvolvedObject = {
      kind: 'Pod', namespace: rt.namespace, name: rt.name, uid: rt.uid, apiVersion: 'v1',
      resourceVersion: pod?.metadata.uid === rt.uid ? pod.metadata.resourceVersion : undefined,
      fieldPath: c ? (c.init ? `spec.initContainers{${c.name}}` : `spec.containers{${c.name}}`) : undefined,
    };
    this.events.record(node.name, involved, type, reason, message);
  }

  /** rt, about to be changed: its saved text is made again at the next save (PodTexts). */
  private changing(rt: PodRuntime): PodRuntime {
    this.texts.drop(rt);
    return rt;
  }

  /** The node's pods, each about to be changed (changing). */
  private changingPods(node: NodeRuntime): PodRuntime[] {
    const pods = [...this.index.pods(node)];
    for (const rt of pods) this.texts.drop(rt);
    return pods;
  }

  private nodeRef(name: string): InvolvedObject {
    return { kind: 'Node', name, uid: name, apiVersion: 'v1' };
  }

  private containerSpec(rt: PodRuntime, c: ContainerRuntime): Container | undefined {
    return (c.init ? rt.spec.initContainers ?? [] : rt.spec.containers).find((x) => x.name === c.name);
  }

  /** host-local IPAM: the next free address of the node's podCIDR, .2 to .254. */
  private allocateIP(node: NodeRuntime): string {
    // Usually the first address tried is free: look through the node's pods per address tried
    // rather than collect every pod's address first.
    const used = (ip: string) => {
      for (const rt of this.index.pods(node)) if (rt.podIP === ip) return true;
      return false;
    };
    for (let i = 0; i < 253; i++) {
      const n = ((node.nextIP - 2 + i) % 253) + 2;
      const ip = `10.244.${node.index}.${n}`;
      if (!used(ip)) {
        node.nextIP = n + 1 > 254 ? 2 : n + 1;
        return ip;
      }
    }
    return `10.244.${node.index}.${node.nextIP}`;
  }

  private workerRetry(): number {
    return WORKER_RETRY_MS + this.ctx.random.int(5000);
  }

  private nodeList(): NodeRuntime[] {
    return this.spec.nodes.map((n) => this.nodes[n.name]).filter(Boolean);
  }

  private now(): number {
    return this.ctx.clock.now();
  }

}

/**
 * The parts of a pod spec the kubelet acts on (its copy outlives the API object). The parts
 * themselves are the stored object's: frozen, they never change, and the kubelet only reads them.
 * `stored`: the spec is a stored object's even if not frozen (a restore freezes objects at the
 * top only, and nothing changes them in place either).
 */
function kubeletSpec(spec: PodSpec, stored = false): PodSpec {
  const keep = ['containers', 'initContainers', 'volumes', 'restartPolicy', 'terminationGracePeriodSeconds', 'hostname', 'subdomain', 'hostAliases', 'enableServiceLinks', 'serviceAccountName'] as const;
  const ckeep = ['name', 'image', 'command', 'args', 'env', 'envFrom', 'ports', 'volumeMounts', 'livenessProbe', 'readinessProbe', 'startupProbe', 'imagePullPolicy', 'stdin', 'stdinOnce', 'tty', 'resources'] as const;
  const pick = <T extends object>(o: T, keys: readonly string[]): T => {
    const out: Record<string, unknown> = {};
    for (const k of keys) if ((o as Record<string, unknown>)[k] !== undefined) out[k] = (o as Record<string, unknown>)[k];
    // A part not frozen (a caller's own object) is copied, as a JSON round trip would.
    return (stored || Object.isFrozen(o) ? out : clone(out)) as T;
  };
  const out = pick(spec, keep) as PodSpec;
  out.containers = (spec.containers ?? []).map((c) => pick(c, ckeep));
  if (spec.initContainers) out.initContainers = spec.initContainers.map((c) => pick(c, ckeep));
  return out;
}

function newContainer(c: Container, init: boolean): ContainerRuntime {
  return { name: c.name, init, image: c.image ?? '', phase: 'new', restartCount: 0, ready: false, started: false, probes: {}, logs: [] };
}

/**
 * The times of a container's log lines: as kept, or for lines kept without times (a save from
 * before they were), `start` for each.
 */
function lineTimes(texts: string[], times: number[] | undefined, start: number): number[] {
  return times && times.length === texts.length ? times : texts.map(() => start);
}

/** A shell reading its commands from stdin: sh, bash or ash without -c. */
function readsStdin(argv: string[]): boolean {
  const base = (argv[0] ?? '').split('/').pop() ?? '';
  return ['sh', 'bash', 'ash'].includes(base) && !argv.includes('-c');
}
