// The attach/detach controller (`attachdetach-controller`): it attaches the PersistentVolume of
// each scheduled pod's claim to the pod's node, records what is attached where in
// node.status.volumesAttached, and detaches a volume once no pod on that node needs it.
// A ReadWriteOnce volume attached to one node cannot attach to another: the new pod gets a
// FailedAttachVolume "Multi-Attach error" event and waits. When the old node is unhealthy (its
// kubelet cannot report the unmount), the volume is force-detached 6 minutes
// (maxWaitForUnmountDuration) after the last pod using it there went away, or at once when the
// node carries node.kubernetes.io/out-of-service.
// Sources: kubernetes/kubernetes pkg/controller/volume/attachdetach/reconciler/reconciler.go
// (reconcile, reportMultiAttachError, nodeIsHealthy, hasOutOfServiceTaint),
// attach_detach_controller.go (maxWaitForUnmountDuration = 6 min),
// populator/desired_state_of_world_populator.go, pkg/volume/util/util.go (IsMultiAttachAllowed),
// pkg/volume/util/operationexecutor (GenerateMsg: `<prefix> for volume "<pv>" <suffix>`).
//
// The simulator treats every PersistentVolume as network-attached (a disk that follows the pod).
// Contract with the kubelet: a volume may be mounted on node N when N's status.volumesAttached
// lists `uniqueVolumeName(pv)` (see volume-names.ts). A kubelet may report what it has mounted in
// status.volumesInUse; a Ready node that does not list a volume there is taken as unmounted.
import type { Component, ComponentContext } from '../component.ts';
import type { EventRecorder } from '../events.ts';
import type { Informer } from '../informers.ts';
import { keyOf } from '../informers.ts';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from '../types.ts';
import { isNodeReady, isPodTerminal } from './node-utils.ts';
import { TAINT_NODE_OUT_OF_SERVICE } from './taints.ts';
import { isMultiAttachAllowed, uniqueVolumeName } from './volume-names.ts';

export const MAX_WAIT_FOR_UNMOUNT_MS = 6 * 60_000;

/** One attachment in the actual state of the world. */
interface Attachment {
  volume: string;
  pv: string;
  node: string;
  /** When the controller first saw the volume no longer wanted on the node (SetDetachRequestTime). */
  detachRequestedAt?: number;
}

interface AttachDetachState {
  attachments: Attachment[];
  /** `<volume>|<node>` pairs whose Multi-Attach error was reported (once per desired attachment). */
  multiAttachReported: string[];
  /** Pending force-detach checks. */
  timers: number[];
}

/** A volume some pods want on a node (desired state of the world). */
interface Desired {
  volume: string;
  pv: PersistentVolume;
  node: string;
  pods: Pod[];
}

export class AttachDetachController implements Component {
  readonly name = 'attachdetach-controller';
  private ctx!: ComponentContext;
  private recorder!: EventRecorder;
  private pods!: Informer<Pod>;
  private nodes!: Informer<Node>;
  private claims!: Informer<PersistentVolumeClaim>;
  private volumes!: Informer<PersistentVolume>;
  private state: AttachDetachState = { attachments: [], multiAttachReported: [], timers: [] };

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.recorder = ctx.recorder('attachdetach-controller');
    this.pods = ctx.informers.for<Pod>('pods');
    this.nodes = ctx.informers.for<Node>('nodes');
    this.claims = ctx.informers.for<PersistentVolumeClaim>('persistentvolumeclaims');
    this.volumes = ctx.informers.for<PersistentVolume>('persistentvolumes');
    // Only what the desired state reads: the node, the claims, whether the pod is finished or
    // terminating with containers still running (status heartbeats of a running pod do not count).
    this.pods.onChange((ev, old) => {
      const uses = (p: any) => !!p?.spec?.nodeName && (p.spec.volumes ?? []).some((v: any) => v.persistentVolumeClaim);
      if (!uses(ev.object) && !uses(old)) return;
      if (ev.type === 'MODIFIED' && old && podSignature(old as Pod) === podSignature(ev.object as Pod)) return;
      ctx.enqueue('reconcile');
    });
    // Node heartbeats change nothing here: only health, taints and the volume lists do.
    this.nodes.onChange((ev, old) => {
      const n = ev.object as Node;
      const o = old as Node | undefined;
      if (ev.type !== 'MODIFIED' || nodeSignature(o) !== nodeSignature(n)) ctx.enqueue('reconcile');
    });
    // A claim matters through its bound volume name, a volume through its spec.
    this.claims.onChange((ev, old) => {
      if (ev.type !== 'MODIFIED' || (old as PersistentVolumeClaim | undefined)?.spec?.volumeName !== (ev.object as PersistentVolumeClaim).spec?.volumeName) ctx.enqueue('reconcile');
    });
    this.volumes.onChange((ev, old) => {
      if (ev.type !== 'MODIFIED' || JSON.stringify(old?.spec) !== JSON.stringify(ev.object.spec)) ctx.enqueue('reconcile');
    });
  }

  save(): AttachDetachState {
    return this.state;
  }

  load(state: unknown): void {
    if (state) this.state = state as AttachDetachState;
  }

  onTimer(type: string, data: unknown): void {
    if (type !== 'reconcile') return;
    this.state.timers = this.state.timers.filter((t) => t !== data);
    this.ctx.enqueue('reconcile');
  }

  sync(): void {
    const desired = this.desiredStateOfWorld();
    const byKey = new Map(desired.map((d) => [`${d.volume}|${d.node}`, d]));
    this.state.multiAttachReported = this.state.multiAttachReported.filter((k) => byKey.has(k));
    this.detach(byKey);
    this.attach(desired);
    this.updateNodeStatuses();
  }

  /**
   * Pods on a node, not finished, and not terminating with every container stopped, want the
   * bound PersistentVolumes of their claims on that node.
   */
  private desiredStateOfWorld(): Desired[] {
    const out = new Map<string, Desired>();
    const pods = this.pods.list().map((p) => [keyOf(p), p] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1));
    for (const [, pod] of pods) {
      const nodeName = pod.spec?.nodeName;
      if (!nodeName || isPodTerminal(pod) || !this.nodes.get(undefined, nodeName)) continue;
      if (pod.metadata.deletionTimestamp && !(pod.status?.containerStatuses ?? []).some((c) => c.state?.running)) continue;
      for (const v of pod.spec?.volumes ?? []) {
        const claimName = v.persistentVolumeClaim?.claimName;
        if (!claimName) continue;
        const pvName = this.claims.get(pod.metadata.namespace, claimName)?.spec?.volumeName;
        const pv = pvName ? this.volumes.get(undefined, pvName) : undefined;
        if (!pv) continue;
        const volume = uniqueVolumeName(pv);
        const k = `${volume}|${nodeName}`;
        let d = out.get(k);
        if (!d) out.set(k, (d = { volume, pv, node: nodeName, pods: [] }));
        d.pods.push(pod);
      }
    }
    return [...out.values()];
  }

  private detach(desired: Map<string, Desired>): void {
    const now = this.ctx.clock.now();
    const keep: Attachment[] = [];
    for (const a of this.state.attachments) {
      if (desired.has(`${a.volume}|${a.node}`)) {
        delete a.detachRequestedAt;
        keep.push(a);
        continue;
      }
      a.detachRequestedAt ??= now;
      const node = this.nodes.get(undefined, a.node);
      const healthy = isNodeReady(node);
      const outOfService = (node?.spec?.taints ?? []).some((t) => t.key === TAINT_NODE_OUT_OF_SERVICE);
      // A healthy node reports its mounts; an unhealthy one cannot say it unmounted.
      const mounted = !healthy || (node?.status?.volumesInUse ?? []).includes(a.volume);
      const timedOut = now - a.detachRequestedAt >= MAX_WAIT_FOR_UNMOUNT_MS;
      const forceDetach = timedOut && !healthy;
      if (mounted && !forceDetach && !outOfService) {
        if (!healthy) this.wakeAt(a.detachRequestedAt + MAX_WAIT_FOR_UNMOUNT_MS);
        keep.push(a);
        continue;
      }
      // Detached: dropped from the actual state (and from the node's status below).
    }
    this.state.attachments = keep;
  }

  private attach(desired: Desired[]): void {
    // Attachments by volume (in order), so each desired one is looked up, not searched for.
    const byVolume = new Map<string, Attachment[]>();
    for (const a of this.state.attachments) {
      const l = byVolume.get(a.volume);
      if (l) l.push(a);
      else byVolume.set(a.volume, [a]);
    }
    for (const d of desired) {
      const same = byVolume.get(d.volume) ?? [];
      if (same.some((a) => a.node === d.node)) continue;
      const elsewhere = same.filter((a) => a.node !== d.node);
      if (elsewhere.length && !isMultiAttachAllowed(d.pv)) {
        const k = `${d.volume}|${d.node}`;
        if (!this.state.multiAttachReported.includes(k)) {
          this.state.multiAttachReported.push(k);
          this.reportMultiAttachError(d, elsewhere.map((a) => a.node));
        }
        continue;
      }
      const a = { volume: d.volume, pv: d.pv.metadata.name!, node: d.node };
      this.state.attachments.push(a);
      same.push(a);
      byVolume.set(d.volume, same);
      // GenerateMsg("AttachVolume.Attach succeeded", ""): "%v for volume %q %v" keeps a trailing space.
      for (const pod of d.pods) this.recorder.event(pod, 'Normal', 'SuccessfulAttachVolume', `AttachVolume.Attach succeeded for volume "${d.pv.metadata.name}" `);
    }
  }

  /** reportMultiAttachError: name the pods that hold the volume elsewhere when the user may see them. */
  private reportMultiAttachError(d: Desired, otherNodes: string[]): void {
    const holders = this.desiredStateOfWorld().filter((x) => x.volume === d.volume && otherNodes.includes(x.node)).flatMap((x) => x.pods);
    const prefix = `Multi-Attach error for volume "${d.pv.metadata.name}"`;
    for (const pod of d.pods) {
      let msg: string;
      if (!holders.length) {
        msg = "Volume is already exclusively attached to one node and can't be attached to another";
      } else {
        const local = holders.filter((h) => h.metadata.namespace === pod.metadata.namespace).map((h) => h.metadata.name);
        const others = holders.length - local.length;
        if (local.length) {
          msg = `Volume is already used by pod(s) ${local.join(', ')}`;
          if (others > 0) msg += ` and ${others} pod(s) in different namespaces`;
        } else {
          msg = `Volume is already used by ${others} pod(s) in different namespaces`;
        }
      }
      this.recorder.event(pod, 'Warning', 'FailedAttachVolume', `${prefix} ${msg}`);
    }
  }

  /** The node status updater: node.status.volumesAttached mirrors the actual state. */
  private updateNodeStatuses(): void {
    const { api } = this.ctx;
    const byNode = new Map<string, string[]>();
    for (const a of this.state.attachments) {
      const l = byNode.get(a.node);
      if (l) l.push(a.volume);
      else byNode.set(a.node, [a.volume]);
    }
    for (const node of this.nodes.list().sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))) {
      const want = (byNode.get(node.metadata.name!) ?? [])
        .sort()
        .map((name) => ({ name, devicePath: '' }));
      const have = node.status?.volumesAttached ?? [];
      if (JSON.stringify(have) === JSON.stringify(want)) continue;
      try {
        api.patch('nodes', undefined, node.metadata.name!, { status: { volumesAttached: want.length ? want : null } }, 'merge', { subresource: 'status' });
      } catch {
        this.ctx.enqueue('reconcile', 1000);
      }
    }
  }

  private wakeAt(at: number): void {
    if (this.state.timers.includes(at)) return;
    this.state.timers.push(at);
    this.ctx.setTimer(Math.max(0, at - this.ctx.clock.now()), 'reconcile', at);
  }
}

/** What of a pod the desired state of the world depends on. */
function podSignature(p: Pod): string {
  // A stored pod is frozen: worked out once (each event's old object was the previous new one).
  let sig = podSignatures.get(p);
  if (sig !== undefined) return sig;
  const terminatingRunning = !!p.metadata.deletionTimestamp && (p.status?.containerStatuses ?? []).some((c) => c.state?.running);
  sig = JSON.stringify([p.spec?.nodeName, (p.spec?.volumes ?? []).map((v) => v.persistentVolumeClaim?.claimName), isPodTerminal(p), !!p.metadata.deletionTimestamp, terminatingRunning]);
  if (Object.isFrozen(p)) podSignatures.set(p, sig);
  return sig;
}

const podSignatures = new WeakMap<Pod, string>();

// A stored Node is frozen: its signature is worked out once (each event's old object was the
// previous event's new one).
const signatures = new WeakMap<Node, string>();

/** What of a Node the controller acts on: health, taints and the volume lists. */
function nodeSignature(x: Node | undefined): string {
  let sig = x && signatures.get(x);
  if (sig === undefined) {
    sig = JSON.stringify([isNodeReady(x), x?.spec?.taints ?? [], x?.status?.volumesInUse ?? [], x?.status?.volumesAttached ?? []]);
    if (x && Object.isFrozen(x)) signatures.set(x, sig);
  }
  return sig;
}
