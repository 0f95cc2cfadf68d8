// Properties that must hold after every step of any run, checked only through the API (and,
// for running containers, the kubelet's runtime view). Used by the randomized tests.
import type { ApiClient, KubeObject, WatchEvent } from './api/client.ts';

export interface Violation {
  rule: string;
  detail: string;
}

/** No PersistentVolume is bound to two claims, and every Bound claim's volume points back at it. */
export function checkVolumeBindings(api: ApiClient): Violation[] {
  const out: Violation[] = [];
  const pvs = api.list('persistentvolumes').items;
  const seen = new Map<string, string>();
  for (const pv of pvs) {
    const ref = pv.spec?.claimRef;
    if (!ref?.name) continue;
    const k = `${ref.namespace}/${ref.name}`;
    if (seen.has(k)) out.push({ rule: 'one PV per claim', detail: `${k} claimed by ${seen.get(k)} and ${pv.metadata.name}` });
    seen.set(k, pv.metadata.name!);
  }
  for (const pvc of api.list('persistentvolumeclaims').items) {
    if (pvc.status?.phase !== 'Bound') continue;
    const pv = pvs.find((v) => v.metadata.name === pvc.spec?.volumeName);
    if (!pv) out.push({ rule: 'bound claim has its volume', detail: `${pvc.metadata.name} → ${pvc.spec?.volumeName} missing` });
    else if (pv.spec?.claimRef?.uid && pv.spec.claimRef.uid !== pvc.metadata.uid) {
      out.push({ rule: 'bound claim has its volume', detail: `${pvc.metadata.name} → ${pv.metadata.name} which is claimed by ${pv.spec.claimRef.name}` });
    }
  }
  return out;
}

/** Every pod a StatefulSet owns has a name `<set>-<ordinal>` and at most one object per identity exists. */
export function checkStatefulIdentities(api: ApiClient): Violation[] {
  const out: Violation[] = [];
  const sets = api.list('statefulsets').items;
  const pods = api.list('pods').items;
  for (const sts of sets) {
    const mine = pods.filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === sts.metadata.uid));
    const names = new Set<string>();
    for (const p of mine) {
      const m = p.metadata.name!.match(/^(.*)-(\d+)$/);
      if (!m || m[1] !== sts.metadata.name) out.push({ rule: 'stateful pod names', detail: `${p.metadata.name} owned by ${sts.metadata.name}` });
      if (names.has(p.metadata.name!)) out.push({ rule: 'one pod per identity', detail: p.metadata.name! });
      names.add(p.metadata.name!);
    }
  }
  return out;
}

/**
 * Claims that a StatefulSet's retention policy keeps (Retain) are never removed by the
 * controllers. `ever` collects claim names seen so far; `deletedByUser` those the test deleted.
 */
export function checkRetainedClaims(api: ApiClient, ever: Map<string, boolean>, deletedByUser: Set<string>): Violation[] {
  const out: Violation[] = [];
  const now = new Set(api.list('persistentvolumeclaims').items.map((c) => `${c.metadata.namespace}/${c.metadata.name}`));
  for (const [k, retained] of ever) {
    if (retained && !now.has(k) && !deletedByUser.has(k)) out.push({ rule: 'retained claim kept', detail: `${k} disappeared` });
  }
  for (const c of api.list('persistentvolumeclaims').items) {
    const k = `${c.metadata.namespace}/${c.metadata.name}`;
    // A claim with no owner reference is kept by policy (the controller sets owners only for Delete).
    if (!ever.has(k)) ever.set(k, !(c.metadata.ownerReferences?.length));
  }
  return out;
}

/** A mirror of one resource built only from watch events; compare it with a fresh list. */
export class WatchMirror {
  readonly items = new Map<string, string>();
  readonly resource: string;
  constructor(api: ApiClient, resource: string) {
    this.resource = resource;
    api.watch(resource, undefined, { sendInitialEvents: true }, (ev: WatchEvent) => this.apply(ev));
  }
  private apply(ev: WatchEvent): void {
    const k = `${ev.object.metadata.namespace ?? ''}/${ev.object.metadata.name}`;
    if (ev.type === 'DELETED') this.items.delete(k);
    else this.items.set(k, ev.object.metadata.resourceVersion!);
  }
  check(api: ApiClient): Violation[] {
    const live = new Map(api.list(this.resource).items.map((o: KubeObject) => [`${o.metadata.namespace ?? ''}/${o.metadata.name}`, o.metadata.resourceVersion!]));
    const out: Violation[] = [];
    for (const [k, rv] of live) if (this.items.get(k) !== rv) out.push({ rule: `watch of ${this.resource} matches the store`, detail: `${k}: store rv ${rv}, watch rv ${this.items.get(k)}` });
    for (const k of this.items.keys()) if (!live.has(k)) out.push({ rule: `watch of ${this.resource} matches the store`, detail: `${k} deleted but not in the watch` });
    return out;
  }
}
