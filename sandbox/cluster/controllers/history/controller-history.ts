// ControllerRevisions: the recorded history of a StatefulSet's (or DaemonSet's) template.
// Source: kubernetes/kubernetes pkg/controller/history/controller_history.go.
import type { ApiServer } from '../../api/server.ts';
import type { Informer } from '../../informers.ts';
import type { KubeObject } from '../../api/client.ts';
import type { ControllerRevision, LabelSelector } from '../../types.ts';
import { clone } from '../../api/clone.ts';
import {
  fnv32, getControllerOf, isAlreadyExists, newControllerRef, safeEncodeString, selectorMatches, stableStringify,
  type GroupVersionKind,
} from '../controller-utils.ts';

/** The label holding the hash of a ControllerRevision's data. */
export const ControllerRevisionHashLabel = 'controller.kubernetes.io/hash';

/** `prefix-hash`, the prefix cut to 223 characters so the name fits in 253. */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}

/** The serialised data of a revision (the bytes Go keeps in Data.Raw). */
export function revisionData(revision: ControllerRevision): string {
  // A stored revision (frozen) never changes, and every sync compares the set's template
  // with the stored revisions: their data is serialised once.
  let data = storedData.get(revision);
  if (data === undefined) {
    data = stableStringify(revision.data ?? null);
    if (Object.isFrozen(revision)) storedData.set(revision, data);
  }
  return data;
}

const storedData = new WeakMap<ControllerRevision, string>();

/**
 * HashControllerRevision: FNV-1 32 over the data, then the decimal collision count (the probe is
 * always given by the StatefulSet controller, so "0" is hashed too), safe-encoded:
 * `rand.SafeEncodeString(fmt.Sprint(hf.Sum32()))`.
 */
export function hashControllerRevision(revision: ControllerRevision, probe?: number): string {
  let raw = revisionData(revision);
  if (probe !== undefined) raw += String(probe);
  return safeEncodeString(String(fnv32(raw)));
}

/** NewControllerRevision: labels from the template, the controller reference, name `<parent>-<hash>`. */
export function newControllerRevision(
  parent: KubeObject, parentKind: GroupVersionKind, templateLabels: Record<string, string> | undefined,
  data: unknown, revision: number, collisionCount: number,
): ControllerRevision {
  const cr: ControllerRevision = {
    apiVersion: 'apps/v1', kind: 'ControllerRevision',
    metadata: {
      labels: { ...(templateLabels ?? {}) },
      ownerReferences: [newControllerRef(parent, parentKind)],
    },
    data: data as any,
    revision,
  };
  const hash = hashControllerRevision(cr, collisionCount);
  cr.metadata.name = controllerRevisionName(parent.metadata.name!, hash);
  cr.metadata.labels![ControllerRevisionHashLabel] = hash;
  return cr;
}

/** SortControllerRevisions: by revision, then creation time, then name. */
export function sortControllerRevisions(revisions: ControllerRevision[]): ControllerRevision[] {
  return revisions.sort((a, b) => {
    if (a.revision !== b.revision) return a.revision - b.revision;
    const ta = a.metadata.creationTimestamp ?? '';
    const tb = b.metadata.creationTimestamp ?? '';
    if (ta !== tb) return ta < tb ? -1 : 1;
    return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
  });
}

/** EqualRevision: same hash label (when both have one) and the same data. */
export function equalRevision(lhs: ControllerRevision | undefined, rhs: ControllerRevision | undefined): boolean {
  if (!lhs || !rhs) return lhs === rhs;
  const lh = lhs.metadata.labels?.[ControllerRevisionHashLabel];
  const rh = rhs.metadata.labels?.[ControllerRevisionHashLabel];
  if (lh !== undefined && rh !== undefined && lh !== rh) {
    // Go parses the label as a decimal number and compares only when both parse; safe-encoded
    // hashes made only of digits are the only ones that do.
    if (/^\d+$/.test(lh) && /^\d+$/.test(rh)) return false;
  }
  return revisionData(lhs) === revisionData(rhs);
}

export function findEqualRevisions(revisions: ControllerRevision[], needle: ControllerRevision): ControllerRevision[] {
  return revisions.filter((r) => equalRevision(r, needle));
}

/** The `history.Interface` of the real controller, over the API and a ControllerRevision informer. */
export class History {
  private readonly api: ApiServer;
  private readonly lister: Informer<ControllerRevision>;

  constructor(api: ApiServer, lister: Informer<ControllerRevision>) {
    this.api = api;
    this.lister = lister;
  }

  /** Revisions in the parent's namespace matching selector and owned by parent or by no controller. */
  listControllerRevisions(parent: KubeObject, selector: LabelSelector | undefined): ControllerRevision[] {
    return this.lister.list(parent.metadata.namespace)
      .filter((r) => selectorMatches(selector, r.metadata.labels))
      .filter((r) => {
        const ref = getControllerOf(r);
        return !ref || ref.uid === parent.metadata.uid;
      });
  }

  /**
   * Creates revision, renaming it with a bumped collision count while the name is taken by
   * different data. `collisionCount.value` is updated in place like Go's *int32.
   */
  createControllerRevision(parent: KubeObject, revision: ControllerRevision, collisionCount: { value: number }): ControllerRevision {
    const c = clone(revision);
    const ns = parent.metadata.namespace;
    for (;;) {
      const hash = hashControllerRevision(revision, collisionCount.value);
      // Only the name changes; the hash label keeps the first hash, as in Go.
      c.metadata.name = controllerRevisionName(parent.metadata.name!, hash);
      try {
        return this.api.create<ControllerRevision>('controllerrevisions', ns, c);
      } catch (e) {
        if (!isAlreadyExists(e)) throw e;
        const exists = this.api.get<ControllerRevision>('controllerrevisions', ns, c.metadata.name);
        if (revisionData(exists) === revisionData(c)) return exists;
        collisionCount.value++;
      }
    }
  }

  deleteControllerRevision(revision: ControllerRevision): void {
    this.api.delete('controllerrevisions', revision.metadata.namespace, revision.metadata.name!);
  }

  /** Sets .revision (a rollback to an earlier template reuses its ControllerRevision). */
  updateControllerRevision(revision: ControllerRevision, newRevision: number): ControllerRevision {
    if (revision.revision === newRevision) return revision;
    const c = clone(revision);
    c.revision = newRevision;
    return this.api.update<ControllerRevision>('controllerrevisions', c.metadata.namespace, c);
  }

  adoptControllerRevision(parent: KubeObject, parentKind: GroupVersionKind, revision: ControllerRevision): ControllerRevision {
    const owner = getControllerOf(revision);
    if (owner) throw new Error(`attempt to adopt revision owned by ${JSON.stringify(owner)}`);
    const refs = [...(revision.metadata.ownerReferences ?? []), newControllerRef(parent, parentKind)];
    return this.api.patch<ControllerRevision>('controllerrevisions', parent.metadata.namespace, revision.metadata.name!,
      { metadata: { ownerReferences: refs, uid: revision.metadata.uid } }, 'merge');
  }
}
