// The garbage collector: deletes dependents whose owners are gone, and carries out the
// `orphan` and `foregroundDeletion` finalizers that `kubectl delete --cascade=orphan|foreground`
// put on an owner. Behaviour after kubernetes/kubernetes pkg/controller/garbagecollector
// (garbagecollector.go attemptToDeleteItem, processDeletingDependentsItem, orphanDependents).
// Owners are looked up by uid with a live read, as the real collector confirms a dangling
// reference with a GET before acting. Everything runs in key order, so runs are deterministic.
import type { Component, ComponentContext } from '../../component.ts';
import type { KubeObject } from '../../api/client.ts';
import type { OwnerReference } from '../../types.ts';
import { resourceForKind } from '../../api/resources.ts';
import { isConflict, isNotFound, RateLimiter } from '../controller-utils.ts';

/** Resources whose objects may carry owner references. */
export const MONITORED_RESOURCES = [
  'pods', 'persistentvolumeclaims', 'controllerrevisions', 'replicasets', 'deployments', 'statefulsets',
  'endpointslices', 'endpoints', 'configmaps', 'services',
];

const ORPHAN = 'orphan';
const FOREGROUND = 'foregroundDeletion';

/** `resource|namespace|name`, the work-queue key of one object. */
function itemKey(resource: string, o: KubeObject): string {
  return `${resource}|${o.metadata.namespace ?? ''}|${o.metadata.name}`;
}

function hasFinalizer(o: KubeObject, f: string): boolean {
  return !!o.metadata.finalizers?.includes(f);
}

export class GarbageCollector implements Component {
  readonly name = 'garbage-collector';
  private ctx!: ComponentContext;
  /** owner uid → keys of objects that reference it. */
  private dependents = new Map<string, Set<string>>();
  /** key → owner uids it references (to keep `dependents` current). */
  private owners = new Map<string, string[]>();
  /** uid → key of every monitored object. */
  private byUid = new Map<string, string>();
  private limiter = new RateLimiter();

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    for (const resource of MONITORED_RESOURCES) {
      ctx.informers.for(resource).onChange((ev, old) => this.onChange(resource, ev.type, ev.object, old));
    }
  }

  private onChange(resource: string, type: string, o: KubeObject, old: KubeObject | undefined): void {
    const key = itemKey(resource, o);
    const uid = o.metadata.uid!;
    const before = this.owners.get(key) ?? [];
    // The same (frozen) ownerReferences as the last event's (a status write keeps metadata's
    // parts): the index already says what it would be rebuilt to.
    const sameRefs = type === 'MODIFIED' && old !== undefined && old.metadata.ownerReferences === o.metadata.ownerReferences;
    const refs = sameRefs ? before : type === 'DELETED' ? [] : (o.metadata.ownerReferences ?? []).map((r) => r.uid);
    if (!sameRefs) {
      for (const u of before) this.dependents.get(u)?.delete(key);
      for (const u of refs) {
        let s = this.dependents.get(u);
        if (!s) this.dependents.set(u, (s = new Set()));
        s.add(key);
      }
      if (refs.length) this.owners.set(key, refs);
      else this.owners.delete(key);
    }

    if (type === 'DELETED') {
      if (this.byUid.get(uid) === key) this.byUid.delete(uid);
      // Its dependents may now be dangling.
      for (const d of this.dependentKeys(uid)) this.ctx.enqueue(d);
    } else {
      this.byUid.set(uid, key);
      // The same (frozen) array is unchanged: a status write keeps metadata's parts.
      const ownersChanged = old?.metadata.ownerReferences !== o.metadata.ownerReferences
        && JSON.stringify(old?.metadata.ownerReferences) !== JSON.stringify(o.metadata.ownerReferences);
      if (refs.length && (type === 'ADDED' || ownersChanged)) this.ctx.enqueue(key);
      if (o.metadata.deletionTimestamp && (hasFinalizer(o, ORPHAN) || hasFinalizer(o, FOREGROUND))) {
        this.ctx.enqueue(key);
        if (hasFinalizer(o, FOREGROUND)) for (const d of this.dependentKeys(uid)) this.ctx.enqueue(d);
      }
    }
    // An owner waiting on its dependents looks again when one of them changes or goes.
    // Each uid once, those of `before` first (as a Set of before and refs would give them).
    for (let i = 0; i < before.length; i++) if (before.indexOf(before[i]) === i) this.wakeOwner(before[i]);
    if (refs !== before) for (let i = 0; i < refs.length; i++) if (refs.indexOf(refs[i]) === i && !before.includes(refs[i])) this.wakeOwner(refs[i]);
  }

  private wakeOwner(uid: string): void {
    const ownerKey = this.byUid.get(uid);
    if (ownerKey) this.ctx.enqueue(ownerKey);
  }

  private dependentKeys(uid: string): string[] {
    return [...(this.dependents.get(uid) ?? [])].sort();
  }

  sync(key: string): void {
    const [resource, ns, name] = key.split('|');
    const item = this.ctx.informers.for(resource).get(ns || undefined, name);
    if (!item) {
      this.limiter.forget(key);
      return;
    }
    try {
      if (item.metadata.deletionTimestamp) {
        if (hasFinalizer(item, ORPHAN)) this.orphanDependents(resource, item);
        else if (hasFinalizer(item, FOREGROUND)) this.processDeletingDependents(resource, item);
      } else if (item.metadata.ownerReferences?.length) {
        this.attemptToDeleteItem(resource, item);
      }
      this.limiter.forget(key);
    } catch {
      this.ctx.enqueue(key, this.limiter.when(key));
    }
  }

  /** Looks an owner up by kind, name and uid: undefined when absent (the reference dangles). */
  private lookupOwner(ref: OwnerReference, namespace: string | undefined): KubeObject | undefined | 'unknown' {
    const info = resourceForKind(ref.kind);
    if (!info) return 'unknown';
    const owner = this.ctx.api.peek(info.resource, info.namespaced ? namespace : undefined, ref.name);
    return owner && owner.metadata.uid === ref.uid ? owner : undefined;
  }

  /**
   * attemptToDeleteItem: with a live owner, only drop dangling references; with none left,
   * delete the item (in the foreground when an owner waits for it and it has dependents).
   */
  private attemptToDeleteItem(resource: string, item: KubeObject): void {
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of item.metadata.ownerReferences ?? []) {
      const owner = this.lookupOwner(ref, item.metadata.namespace);
      if (owner === 'unknown') solid.push(ref);
      else if (!owner) dangling.push(ref);
      else if (owner.metadata.deletionTimestamp && hasFinalizer(owner, FOREGROUND)) waiting.push(ref);
      else solid.push(ref);
    }
    const { api } = this.ctx;
    if (solid.length) {
      if (!dangling.length && !waiting.length) return;
      // Remove dangling references; stop blocking owners that wait for their dependents.
      const gone = new Set(dangling.map((r) => r.uid));
      const refs = (item.metadata.ownerReferences ?? []).filter((r) => !gone.has(r.uid))
        .map((r) => (waiting.some((w) => w.uid === r.uid) ? { ...r, blockOwnerDeletion: false } : r));
      this.patchOwnerRefs(resource, item, refs);
      return;
    }
    let policy: 'Orphan' | 'Foreground' | 'Background' = 'Background';
    if (waiting.length && this.dependentKeys(item.metadata.uid!).length) policy = 'Foreground';
    else if (hasFinalizer(item, ORPHAN)) policy = 'Orphan';
    else if (hasFinalizer(item, FOREGROUND)) policy = 'Foreground';
    try {
      api.delete(resource, item.metadata.namespace, item.metadata.name!, { propagationPolicy: policy, preconditions: { uid: item.metadata.uid } });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  /** `orphan`: drop the owner's uid from every dependent's references, then the finalizer. */
  private orphanDependents(resource: string, owner: KubeObject): void {
    for (const key of this.dependentKeys(owner.metadata.uid!)) {
      const [r, ns, name] = key.split('|');
      const dep = this.ctx.informers.for(r).get(ns || undefined, name);
      if (!dep) continue;
      const refs = (dep.metadata.ownerReferences ?? []).filter((x) => x.uid !== owner.metadata.uid);
      this.patchOwnerRefs(r, dep, refs);
    }
    this.removeFinalizer(resource, owner, ORPHAN);
  }

  /** `foregroundDeletion`: the owner goes once no dependent blocks it (blockOwnerDeletion). */
  private processDeletingDependents(resource: string, owner: KubeObject): void {
    const uid = owner.metadata.uid!;
    const blocking = this.dependentKeys(uid).filter((key) => {
      const [r, ns, name] = key.split('|');
      const dep = this.ctx.informers.for(r).get(ns || undefined, name);
      return dep?.metadata.ownerReferences?.some((x) => x.uid === uid && x.blockOwnerDeletion);
    });
    if (!blocking.length) {
      this.removeFinalizer(resource, owner, FOREGROUND);
      return;
    }
    for (const key of this.dependentKeys(uid)) this.ctx.enqueue(key);
  }

  private patchOwnerRefs(resource: string, item: KubeObject, refs: OwnerReference[]): void {
    try {
      this.ctx.api.patch(resource, item.metadata.namespace, item.metadata.name!,
        { metadata: { ownerReferences: refs.length ? refs : null, uid: item.metadata.uid } }, 'merge');
    } catch (e) {
      if (!isNotFound(e) && !isConflict(e)) throw e;
    }
  }

  private removeFinalizer(resource: string, item: KubeObject, finalizer: string): void {
    for (let attempt = 0; attempt < 5; attempt++) {
      let fresh: KubeObject;
      try {
        fresh = this.ctx.api.get(resource, item.metadata.namespace, item.metadata.name!);
      } catch (e) {
        if (isNotFound(e)) return;
        throw e;
      }
      if (fresh.metadata.uid !== item.metadata.uid || !hasFinalizer(fresh, finalizer)) return;
      const rest = fresh.metadata.finalizers!.filter((f) => f !== finalizer);
      if (rest.length) fresh.metadata.finalizers = rest;
      else delete fresh.metadata.finalizers;
      try {
        this.ctx.api.update(resource, fresh.metadata.namespace, fresh);
        return;
      } catch (e) {
        if (isNotFound(e)) return;
        if (!isConflict(e)) throw e;
      }
    }
  }

  save(): unknown {
    return { failures: this.limiter.failures };
  }

  load(state: unknown): void {
    this.limiter.failures = { ...((state as { failures?: Record<string, number> })?.failures ?? {}) };
  }
}
