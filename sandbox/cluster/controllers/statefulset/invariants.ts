// The StatefulSet guarantee as checks any test can run through the API: at most one live pod per
// identity. An identity is (namespace, set, ordinal); its pod is `<set>-<ordinal>`, carries the
// pod-name label, and mounts the claims `<template>-<set>-<ordinal>`. A pod is live from its
// creation until its object is gone (a Terminating pod may still run its containers).
import type { ApiClient, KubeObject, WatchEvent } from '../../api/client.ts';
import type { Pod, StatefulSet } from '../../types.ts';
import { getOrdinal, getPersistentVolumeClaimName, StatefulSetPodNameLabel } from './stateful-set-utils.ts';

export interface IdentityViolation {
  rule: string;
  detail: string;
}

/** The identity a pod holds: `ns/set-ordinal` by its pod-name label or, if owned by a set, its name. */
function identityOf(pod: KubeObject): string | undefined {
  const label = pod.metadata.labels?.[StatefulSetPodNameLabel];
  const owned = pod.metadata.ownerReferences?.some((r) => r.kind === 'StatefulSet' && r.controller);
  const id = label ?? (owned ? pod.metadata.name : undefined);
  return id ? `${pod.metadata.namespace}/${id}` : undefined;
}

/**
 * Checks the store now: no two pods hold the same identity, and no claim of a set's template is
 * mounted by two pods.
 */
export function checkOnePodPerIdentity(api: ApiClient): IdentityViolation[] {
  const out: IdentityViolation[] = [];
  const pods = api.list<Pod>('pods').items;
  const byIdentity = new Map<string, string[]>();
  for (const p of pods) {
    const id = identityOf(p);
    if (!id) continue;
    byIdentity.set(id, [...(byIdentity.get(id) ?? []), p.metadata.name!]);
  }
  for (const [id, holders] of byIdentity) {
    if (holders.length > 1) out.push({ rule: 'one pod per StatefulSet identity', detail: `${id} held by ${holders.join(', ')}` });
  }
  for (const set of api.list<StatefulSet>('statefulsets').items) {
    const templates = set.spec?.volumeClaimTemplates ?? [];
    const users = new Map<string, string[]>();
    for (const p of pods) {
      if (p.metadata.namespace !== set.metadata.namespace) continue;
      for (const v of p.spec?.volumes ?? []) {
        const claim = v.persistentVolumeClaim?.claimName;
        if (!claim) continue;
        if (!templates.some((t) => claim.startsWith(`${t.metadata?.name}-${set.metadata.name}-`))) continue;
        users.set(claim, [...(users.get(claim) ?? []), p.metadata.name!]);
      }
    }
    for (const [claim, who] of users) {
      if (who.length > 1) out.push({ rule: 'one pod per StatefulSet claim', detail: `${set.metadata.namespace}/${claim} mounted by ${who.join(', ')}` });
    }
    // A member pod mounts the claims of its own ordinal.
    for (const p of pods) {
      if (p.metadata.namespace !== set.metadata.namespace) continue;
      if (!p.metadata.ownerReferences?.some((r) => r.uid === set.metadata.uid)) continue;
      const ord = getOrdinal(p);
      for (const t of templates) {
        const want = getPersistentVolumeClaimName(set, t, ord);
        const has = p.spec?.volumes?.some((v) => v.name === t.metadata?.name && v.persistentVolumeClaim?.claimName === want);
        if (!has) out.push({ rule: 'pod mounts its own claims', detail: `${p.metadata.name} lacks ${want}` });
      }
    }
  }
  return out;
}

/**
 * Checks over time, from a pods watch: a pod never appears for an identity while an earlier
 * pod of that identity still exists. Create it before the run; read `violations` after.
 */
export class IdentityWatch {
  readonly violations: IdentityViolation[] = [];
  /** identity → uids of pods holding it now. */
  private holders = new Map<string, Set<string>>();

  constructor(api: ApiClient) {
    api.watch('pods', undefined, { sendInitialEvents: true }, (ev) => this.apply(ev));
  }

  private apply(ev: WatchEvent): void {
    const id = identityOf(ev.object);
    if (!id) return;
    const uid = ev.object.metadata.uid!;
    let set = this.holders.get(id);
    if (!set) this.holders.set(id, (set = new Set()));
    if (ev.type === 'DELETED') {
      set.delete(uid);
      return;
    }
    if (!set.has(uid) && set.size > 0) {
      this.violations.push({ rule: 'one pod per StatefulSet identity', detail: `${id}: ${uid} appeared while ${[...set].join(', ')} still exists` });
    }
    set.add(uid);
  }
}
