// The cluster picture as positioned boxes: API objects in, cards and links out. Pure, so the
// picture is tested without a browser; ClusterView.tsx only draws what this returns.
//
// Shape (top to bottom):
//   Services band   one box per Service (headless ones list the pod DNS names they give) and
//                   one per StatefulSet (ready/desired)
//   node columns    one column per Node (name, Ready/NotReady, machine state, cordoned); its pods
//                   stacked by name, each followed by the claims it mounts (PVC, then the PV
//                   bound to it), linked pod → PVC → PV
//   extra lanes     "Not scheduled" for pods without a node; "Claims not mounted" for PVCs no
//                   pod uses (kept after a scale down) and PVs without a claim
import type { KubeObject } from '../../../sandbox/cluster/api/client.ts';
import type { NodeInfo } from '../../../sandbox/hosts/worker/protocol.ts';
import { headlessDnsNames, isHeadless } from './dns.ts';
import { naturalCompare, podOrdinal, podState, type PodTone } from './pod-state.ts';

export interface PictureInput {
  nodes: KubeObject[];
  pods: KubeObject[];
  pvcs: KubeObject[];
  pvs: KubeObject[];
  services: KubeObject[];
  statefulsets: KubeObject[];
  /** The machines as `lab nodes` sees them (stopped, cut off); optional. */
  machines?: NodeInfo[];
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ColumnBox extends Box {
  /** 'node/<name>', 'lane/unscheduled', 'lane/storage' */
  key: string;
  kind: 'node' | 'unscheduled' | 'storage';
  title: string;
  /** 'Ready', 'NotReady', 'Unknown' (the Ready condition), '' for lanes. */
  ready: string;
  /** kubectl's STATUS for a node: 'Ready', 'NotReady,SchedulingDisabled', ... */
  status: string;
  cordoned: boolean;
  /** 'running' | 'stopped' | 'cut' | 'unknown' when known. */
  machine?: string;
}

export interface PodCard extends Box {
  key: string; // 'pod/<ns>/<name>'
  name: string;
  namespace: string;
  ordinal?: number;
  column: string;
  node?: string;
  status: string;
  readyContainers: string;
  ready: boolean;
  restarts: number;
  /**
   * The colour. A pod on a node that stopped reporting (Ready condition not True) is drawn
   * 'unknown' whatever its last status says: the API's view of it is stale.
   */
  tone: PodTone;
  /** Its node's Ready condition is not True (the status shown is the last one reported). */
  nodeLost: boolean;
  /** Claims it mounts: PVC names. */
  claims: string[];
  ip?: string;
}

export interface ClaimCard extends Box {
  key: string; // 'pvc/<ns>/<name>'
  name: string;
  namespace: string;
  phase: string; // Pending, Bound, Lost
  capacity: string;
  volumeName?: string;
  /** The pods that mount it. */
  pods: string[];
  column: string;
}

export interface VolumeCard extends Box {
  key: string; // 'pv/<name>'
  name: string;
  phase: string; // Available, Bound, Released, Failed
  capacity: string;
  reclaimPolicy: string;
  claim?: string; // '<ns>/<name>'
  column: string;
}

export interface ServiceCard extends Box {
  key: string; // 'svc/<ns>/<name>' or 'sts/<ns>/<name>'
  kind: 'service' | 'statefulset';
  name: string;
  namespace: string;
  /** Service: 'headless' or the ClusterIP; StatefulSet: 'ready/desired' */
  detail: string;
  /** Headless Services: the per-pod DNS names it gives now. */
  dnsNames: string[];
}

export interface Link {
  key: string; // '<from>-><to>'
  from: string;
  to: string;
  kind: 'mounts' | 'bound';
  /** A path with two points (or more), in picture coordinates. */
  points: [number, number][];
}

export interface Picture {
  width: number;
  height: number;
  columns: ColumnBox[];
  pods: PodCard[];
  claims: ClaimCard[];
  volumes: VolumeCard[];
  services: ServiceCard[];
  links: Link[];
}

export const GEOMETRY = {
  margin: 12,
  columnWidth: 208,
  columnGap: 12,
  headerHeight: 58,
  podHeight: 54,
  claimHeight: 34,
  volumeHeight: 30,
  gap: 8,
  indent: 14,
  serviceWidth: 320,
  serviceLine: 16,
  serviceHeader: 40,
};

const G = GEOMETRY;

function ns(o: KubeObject): string {
  return o.metadata.namespace ?? 'default';
}

function readyCondition(node: KubeObject): string {
  const c = (node.status?.conditions ?? []).find((x: any) => x.type === 'Ready');
  if (!c) return 'Unknown';
  return c.status === 'True' ? 'Ready' : c.status === 'False' ? 'NotReady' : 'Unknown';
}

/** kubectl's node STATUS (printers.go printNode): Ready/NotReady, then SchedulingDisabled. */
function nodeStatus(node: KubeObject): string {
  const c = (node.status?.conditions ?? []).find((x: any) => x.type === 'Ready');
  const s = [!c ? 'Unknown' : c.status === 'True' ? 'Ready' : 'NotReady'];
  if (node.spec?.unschedulable) s.push('SchedulingDisabled');
  return s.join(',');
}

function claimNamesOf(pod: KubeObject): string[] {
  return (pod.spec?.volumes ?? []).filter((v: any) => v.persistentVolumeClaim?.claimName).map((v: any) => v.persistentVolumeClaim.claimName as string);
}

function podSort(a: KubeObject, b: KubeObject): number {
  return naturalCompare(ns(a), ns(b)) || naturalCompare(a.metadata.name ?? '', b.metadata.name ?? '');
}

export function layoutPicture(input: PictureInput): Picture {
  const machines = new Map((input.machines ?? []).map((m) => [m.name, m]));
  const nodes = [...input.nodes].sort((a, b) => naturalCompare(a.metadata.name ?? '', b.metadata.name ?? ''));
  const nodeNames = new Set(nodes.map((n) => n.metadata.name!));
  const pods = [...input.pods].sort(podSort);
  const pvcByKey = new Map(input.pvcs.map((c) => [`${ns(c)}/${c.metadata.name}`, c]));
  const pvByName = new Map(input.pvs.map((v) => [v.metadata.name!, v]));

  // ---- Services band ----------------------------------------------------------------------
  const services: ServiceCard[] = [];
  const dns = headlessDnsNames(input.services, input.pods);
  let sx = G.margin;
  let bandHeight = 0;
  const serviceObjs = [...input.services].sort((a, b) => naturalCompare(`${ns(a)}/${a.metadata.name}`, `${ns(b)}/${b.metadata.name}`));
  for (const svc of serviceObjs) {
    const key = `${ns(svc)}/${svc.metadata.name}`;
    const names = isHeadless(svc) ? (dns.get(key) ?? []).map((d) => d.name) : [];
    const height = G.serviceHeader + Math.max(names.length, isHeadless(svc) ? 1 : 0) * G.serviceLine + (names.length || isHeadless(svc) ? 6 : 0);
    services.push({ key: `svc/${key}`, kind: 'service', name: svc.metadata.name!, namespace: ns(svc), detail: isHeadless(svc) ? 'headless' : svc.spec?.clusterIP ?? '', dnsNames: names, x: sx, y: G.margin, width: G.serviceWidth, height });
    sx += G.serviceWidth + G.columnGap;
    bandHeight = Math.max(bandHeight, height);
  }
  for (const sts of [...input.statefulsets].sort((a, b) => naturalCompare(`${ns(a)}/${a.metadata.name}`, `${ns(b)}/${b.metadata.name}`))) {
    const desired = sts.spec?.replicas ?? 1;
    const ready = sts.status?.readyReplicas ?? 0;
    services.push({ key: `sts/${ns(sts)}/${sts.metadata.name}`, kind: 'statefulset', name: sts.metadata.name!, namespace: ns(sts), detail: `${ready}/${desired}`, dnsNames: [], x: sx, y: G.margin, width: G.columnWidth, height: G.serviceHeader });
    sx += G.columnWidth + G.columnGap;
    bandHeight = Math.max(bandHeight, G.serviceHeader);
  }
  const top = G.margin + (bandHeight ? bandHeight + G.columnGap : 0);

  // ---- columns ----------------------------------------------------------------------------
  const columns: ColumnBox[] = [];
  const columnPods = new Map<string, KubeObject[]>();
  for (const n of nodes) {
    const key = `node/${n.metadata.name}`;
    const m = machines.get(n.metadata.name!);
    columns.push({ key, kind: 'node', title: n.metadata.name!, ready: readyCondition(n), status: nodeStatus(n), cordoned: !!n.spec?.unschedulable, machine: m?.state, x: 0, y: top, width: G.columnWidth, height: 0 });
    columnPods.set(key, []);
  }
  const unscheduled: KubeObject[] = [];
  for (const p of pods) {
    const node = p.spec?.nodeName;
    if (node && nodeNames.has(node)) columnPods.get(`node/${node}`)!.push(p);
    else unscheduled.push(p);
  }
  if (unscheduled.length) {
    columns.push({ key: 'lane/unscheduled', kind: 'unscheduled', title: 'Not scheduled', ready: '', status: '', cordoned: false, x: 0, y: top, width: G.columnWidth, height: 0 });
    columnPods.set('lane/unscheduled', unscheduled);
  }

  const podCards: PodCard[] = [];
  const claims: ClaimCard[] = [];
  const volumes: VolumeCard[] = [];
  const links: Link[] = [];
  const placedClaims = new Set<string>();
  const placedVolumes = new Set<string>();
  const podsByClaim = new Map<string, string[]>();
  for (const p of pods) for (const c of claimNamesOf(p)) podsByClaim.set(`${ns(p)}/${c}`, [...(podsByClaim.get(`${ns(p)}/${c}`) ?? []), p.metadata.name!]);

  const placeClaim = (claimKey: string, column: string, x: number, y: number): number => {
    const pvc = pvcByKey.get(claimKey);
    const [cns, cname] = claimKey.split('/');
    const card: ClaimCard = {
      key: `pvc/${claimKey}`,
      name: cname,
      namespace: cns,
      phase: pvc ? (pvc.status?.phase ?? 'Pending') : 'Missing',
      capacity: pvc?.status?.capacity?.storage ?? pvc?.spec?.resources?.requests?.storage ?? '',
      volumeName: pvc?.spec?.volumeName || undefined,
      pods: podsByClaim.get(claimKey) ?? [],
      column,
      x,
      y,
      width: G.columnWidth - (x - columnX(column)) - G.gap,
      height: G.claimHeight,
    };
    claims.push(card);
    placedClaims.add(claimKey);
    y += G.claimHeight + G.gap / 2;
    const pv = card.volumeName ? pvByName.get(card.volumeName) : undefined;
    if (pv) {
      const vx = x + G.indent;
      const v = volumeCard(pv, column, vx, y, G.columnWidth - (vx - columnX(column)) - G.gap);
      volumes.push(v);
      placedVolumes.add(pv.metadata.name!);
      links.push(link(card, v, 'bound'));
      y += G.volumeHeight + G.gap / 2;
    }
    return y;
  };

  const columnXs = new Map<string, number>();
  const columnX = (key: string) => columnXs.get(key)!;
  let x = G.margin;
  for (const col of columns) {
    col.x = x;
    columnXs.set(col.key, x);
    x += G.columnWidth + G.columnGap;
  }

  for (const col of columns) {
    let y = col.y + G.headerHeight + G.gap;
    const nodeLost = col.kind === 'node' && col.ready !== 'Ready';
    for (const p of columnPods.get(col.key) ?? []) {
      const st = podState(p);
      const done = st.tone === 'succeeded' || st.tone === 'failed';
      const claimNames = claimNamesOf(p);
      const card: PodCard = {
        key: `pod/${ns(p)}/${p.metadata.name}`,
        name: p.metadata.name!,
        namespace: ns(p),
        ordinal: podOrdinal(p),
        column: col.key,
        node: p.spec?.nodeName || undefined,
        status: st.status,
        readyContainers: st.readyContainers,
        ready: st.ready,
        restarts: st.restarts,
        tone: nodeLost && !done ? 'unknown' : st.tone,
        nodeLost,
        claims: claimNames,
        ip: p.status?.podIP || undefined,
        x: col.x + G.gap,
        y,
        width: G.columnWidth - 2 * G.gap,
        height: G.podHeight,
      };
      podCards.push(card);
      y += G.podHeight + G.gap / 2;
      for (const c of claimNames) {
        const claimKey = `${ns(p)}/${c}`;
        if (placedClaims.has(claimKey)) {
          // A claim shared by two pods (ReadWriteMany, or an old and a new pod): link, don't repeat.
          const existing = claims.find((k) => k.key === `pvc/${claimKey}`)!;
          links.push(link(card, existing, 'mounts'));
          continue;
        }
        const cy = y;
        y = placeClaim(claimKey, col.key, col.x + G.gap + G.indent, y);
        links.push(link(card, claims.find((k) => k.key === `pvc/${claimKey}`)!, 'mounts'));
        if (y === cy) y += G.gap / 2;
      }
      y += G.gap;
    }
    col.height = Math.max(y - col.y, G.headerHeight + G.podHeight + 2 * G.gap);
  }

  // ---- storage not mounted by any pod --------------------------------------------------------
  const leftoverClaims = [...pvcByKey.keys()].filter((k) => !placedClaims.has(k)).sort(naturalCompare);
  const leftoverVolumes = input.pvs.filter((v) => !placedVolumes.has(v.metadata.name!) && !(v.spec?.claimRef && leftoverClaims.includes(`${v.spec.claimRef.namespace}/${v.spec.claimRef.name}`) && pvcByKey.get(`${v.spec.claimRef.namespace}/${v.spec.claimRef.name}`)?.spec?.volumeName === v.metadata.name));
  if (leftoverClaims.length || leftoverVolumes.length) {
    const col: ColumnBox = { key: 'lane/storage', kind: 'storage', title: 'Claims not mounted', ready: '', status: '', cordoned: false, x, y: top, width: G.columnWidth, height: 0 };
    columns.push(col);
    columnXs.set(col.key, x);
    x += G.columnWidth + G.columnGap;
    let y = col.y + G.headerHeight + G.gap;
    for (const k of leftoverClaims) y = placeClaim(k, col.key, col.x + G.gap, y) + G.gap / 2;
    for (const v of leftoverVolumes.sort((a, b) => naturalCompare(a.metadata.name!, b.metadata.name!))) {
      if (placedVolumes.has(v.metadata.name!)) continue;
      volumes.push(volumeCard(v, col.key, col.x + G.gap, y, G.columnWidth - 2 * G.gap));
      placedVolumes.add(v.metadata.name!);
      y += G.volumeHeight + G.gap;
    }
    col.height = y - col.y;
  }

  // Equal column heights read as a table of machines.
  const colHeight = Math.max(0, ...columns.map((c) => c.height));
  for (const c of columns) c.height = colHeight;
  const width = Math.max(x - G.columnGap + G.margin, sx - G.columnGap + G.margin, 2 * G.margin + G.columnWidth);
  const height = top + colHeight + G.margin;
  return { width, height, columns, pods: podCards, claims, volumes, services, links };
}

function volumeCard(pv: KubeObject, column: string, x: number, y: number, width: number): VolumeCard {
  const ref = pv.spec?.claimRef;
  return {
    key: `pv/${pv.metadata.name}`,
    name: pv.metadata.name!,
    phase: pv.status?.phase ?? 'Pending',
    capacity: pv.spec?.capacity?.storage ?? '',
    reclaimPolicy: pv.spec?.persistentVolumeReclaimPolicy ?? '',
    claim: ref ? `${ref.namespace ?? 'default'}/${ref.name}` : undefined,
    column,
    x,
    y,
    width,
    height: G.volumeHeight,
  };
}

/** An elbow from the left edge of `from` down to the left edge of `to`. */
function link(from: Box & { key: string }, to: Box & { key: string }, kind: Link['kind']): Link {
  const x0 = from.x + 6;
  const y0 = from.y + from.height;
  const x1 = to.x;
  const y1 = to.y + to.height / 2;
  const points: [number, number][] = from.x + 6 < to.x && y1 > y0 ? [[x0, y0], [x0, y1], [x1, y1]] : [[from.x + from.width / 2, y0], [to.x + to.width / 2, to.y]];
  return { key: `${from.key}->${to.key}`, from: from.key, to: to.key, kind, points };
}

/** A plain-text description of the picture, for screen readers and as the SVG's long description. */
export function describePicture(p: Picture): string[] {
  const lines: string[] = [];
  for (const s of p.services) {
    if (s.kind === 'service') {
      lines.push(`Service ${s.name}: ${s.detail}${s.kind === 'service' && s.detail === 'headless' ? (s.dnsNames.length ? `, gives ${s.dnsNames.join(', ')}` : ', gives no pod DNS names yet') : ''}.`);
    } else lines.push(`StatefulSet ${s.name}: ${s.detail} ready.`);
  }
  for (const c of p.columns) {
    const pods = p.pods.filter((x) => x.column === c.key);
    const podText = pods.length ? pods.map((x) => `${x.name} ${x.status}${x.nodeLost ? ' (last known)' : ''}${x.restarts ? `, ${x.restarts} restarts` : ''}${x.claims.length ? `, mounts ${x.claims.join(', ')}` : ''}`).join('; ') : 'no pods';
    if (c.kind === 'node') lines.push(`Node ${c.title}: ${c.status}${c.machine && c.machine !== 'running' ? `, machine ${c.machine}` : ''}. Pods: ${podText}.`);
    else if (c.kind === 'unscheduled') lines.push(`Not scheduled: ${podText}.`);
    else {
      const cs = p.claims.filter((x) => x.column === c.key).map((x) => `${x.name} ${x.phase}`);
      const vs = p.volumes.filter((x) => x.column === c.key && !p.claims.some((k) => k.volumeName === x.name)).map((x) => `${x.name} ${x.phase}`);
      lines.push(`Storage not mounted by any pod: ${[...cs, ...vs].join('; ')}.`);
    }
  }
  for (const c of p.claims) if (c.column !== 'lane/storage') lines.push(`Claim ${c.name}: ${c.phase}${c.capacity ? `, ${c.capacity}` : ''}${c.volumeName ? `, volume ${c.volumeName}` : ''}.`);
  return lines;
}
