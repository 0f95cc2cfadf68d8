// The live picture of the cluster: an SVG drawn from the resource API only (list nodes, pods,
// claims, volumes, Services, StatefulSets on every change), laid out by src/lab/picture/layout.ts.
// Cards keep their keys, so a pod that moves or changes colour glides there (CSS transitions).
// Select a pod (click, Enter or Space) to see PodDetails. All learner-provided text (names,
// labels, messages) goes through text nodes: nothing is set as HTML.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { memo } from 'preact/compat';
import type { ClusterViewProps, NodeInfo } from '../../lab/protocol.ts';
import { Comlink } from '../../lab/client.ts';
import { paced } from '../../lab/paced.ts';
import type { KubeObject } from '../../../sandbox/cluster/api/client.ts';
import { describePicture, layoutPicture, type ClaimCard, type ColumnBox, type PictureInput, type PodCard, type ServiceCard, type VolumeCard } from '../../lab/picture/layout.ts';
import PodDetails from './PodDetails.tsx';
import { t } from '../../i18n/lab.ts';
import './ClusterView.css';

/** Namespaces of the cluster's own machinery: not drawn (the lessons work in default). */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

const EMPTY: PictureInput = { nodes: [], pods: [], pvcs: [], pvs: [], services: [], statefulsets: [] };

/**
 * Above this many pods the picture stops gliding and fading (ClusterView.css, data-motion):
 * the motion helps follow a few pods, but a big cluster that keeps changing would keep every
 * moving element animating, and each frame would repaint thousands of SVG elements (measured at
 * 300 pods and 60x: paint and layout took most of the page's time).
 */
const MOTION_MAX_PODS = 60;

function visible(o: KubeObject): boolean {
  return !SYSTEM_NAMESPACES.has(o.metadata.namespace ?? '');
}

/** Reads what the picture needs. The `kubernetes` Service of every cluster is left out. */
export async function readCluster(client: ClusterViewProps['client']): Promise<PictureInput> {
  const [nodes, pods, pvcs, pvs, services, statefulsets, machines] = await Promise.all([
    client.list('nodes'),
    client.list('pods'),
    client.list('persistentvolumeclaims'),
    client.list('persistentvolumes'),
    client.list('services'),
    client.list('statefulsets'),
    client.nodes().catch(() => [] as NodeInfo[]),
  ]);
  const objs = (xs: unknown[]) => (xs as KubeObject[]).filter(visible);
  return {
    nodes: nodes as KubeObject[],
    pods: objs(pods),
    pvcs: objs(pvcs),
    pvs: pvs as KubeObject[],
    services: objs(services).filter((s) => !(s.metadata.namespace === 'default' && s.metadata.name === 'kubernetes')),
    statefulsets: objs(statefulsets),
    machines,
  };
}

/** Cuts a label to fit `width` px of 11–12 px text; the full text stays in a <title>. */
function fit(text: string, width: number, charPx = 6.8): string {
  const max = Math.max(4, Math.floor(width / charPx));
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

const MACHINE_TEXT: Record<string, string> = { stopped: t('lab.machine.stopped'), cut: t('lab.picture.machineCut'), unknown: t('lab.picture.machineUnknown') };

function ClusterView({ client }: ClusterViewProps) {
  const [input, setInput] = useState<PictureInput>(EMPTY);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState('');
  const [selected, setSelected] = useState<string | undefined>(); // 'ns/name'
  const [changes, setChanges] = useState(0);
  // 'auto': scaled down to the pane when that keeps text readable (≥ 70 %), else actual size
  // with scrolling (phones).
  const [zoom, setZoom] = useState<'auto' | 'fit' | 'actual'>('auto');
  const [paneWidth, setPaneWidth] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setPaneWidth(el.clientWidth));
    ro.observe(el);
    setPaneWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    let live = true;
    let id: number | undefined;
    // Paced (src/lab/paced.ts): a big cluster changing all the time must not keep the page busy
    // redrawing it.
    const refresh = paced(async () => {
      try {
        const next = await readCluster(client);
        if (!live) return;
        setInput(next);
        setLoaded(true);
        setError('');
        setChanges((n) => n + 1);
      } catch (e) {
        if (live) setError(String((e as Error)?.message ?? e));
      }
    }, { live: () => live });
    refresh();
    void client.subscribe(Comlink.proxy(() => refresh())).then((x) => {
      if (live) id = x;
      else void client.unsubscribe(x);
    });
    return () => {
      live = false;
      if (id !== undefined) void client.unsubscribe(id);
    };
  }, [client]);

  const picture = useMemo(() => layoutPicture(input), [input]);
  const description = useMemo(() => describePicture(picture), [picture]);
  const selectedPod = selected ? input.pods.find((p) => `${p.metadata.namespace ?? 'default'}/${p.metadata.name}` === selected) : undefined;
  const podCards = picture.pods;

  const select = (card: PodCard) => setSelected((s) => (s === `${card.namespace}/${card.name}` ? undefined : `${card.namespace}/${card.name}`));
  const onCardKey = (e: KeyboardEvent, card: PodCard) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      select(card);
      return;
    }
    // Arrow keys move between pod cards (left/right: columns, up/down: within a column).
    const i = podCards.indexOf(card);
    let next: PodCard | undefined;
    if (e.key === 'ArrowDown') next = podCards.slice(i + 1).find((c) => c.column === card.column);
    else if (e.key === 'ArrowUp') next = podCards.slice(0, i).reverse().find((c) => c.column === card.column);
    else if (e.key === 'ArrowRight') next = podCards.find((c) => c.x > card.x + 10);
    else if (e.key === 'ArrowLeft') next = [...podCards].reverse().find((c) => c.x < card.x - 10);
    if (next) {
      e.preventDefault();
      (scroller.current?.querySelector(`[data-pod="${CSS.escape(`${next.namespace}/${next.name}`)}"]`) as SVGGElement | null)?.focus();
    }
  };

  const fitWidth = zoom === 'fit' || (zoom === 'auto' && paneWidth >= 0.7 * picture.width);
  const scale = fitWidth && paneWidth ? Math.min(1, paneWidth / picture.width) : 1;
  const nothing = loaded && !picture.pods.length && !picture.claims.length && !picture.services.length;

  return (
    <div class="ssl-cluster" data-loaded={loaded ? 'true' : 'false'} data-changes={changes} data-motion={picture.pods.length > MOTION_MAX_PODS ? 'off' : 'on'}>
      <div class="ssl-cluster__tools">
        <span class="ssl-cluster__legend" aria-hidden="true">
          <span class="ssl-cluster__key" data-tone="ready">{t('lab.picture.tone.ready')}</span>
          <span class="ssl-cluster__key" data-tone="progressing">{t('lab.picture.tone.progressing')}</span>
          <span class="ssl-cluster__key" data-tone="pending">{t('lab.picture.tone.pending')}</span>
          <span class="ssl-cluster__key" data-tone="failed">{t('lab.picture.tone.failed')}</span>
          <span class="ssl-cluster__key" data-tone="terminating">{t('lab.picture.tone.terminating')}</span>
          <span class="ssl-cluster__key" data-tone="unknown">{t('lab.picture.tone.unknown')}</span>
        </span>
        <button type="button" aria-pressed={fitWidth} onClick={() => setZoom(fitWidth ? 'actual' : 'fit')}>
          {t('lab.picture.fit')}
        </button>
      </div>
      {error && (
        <p class="ssl-cluster__error" role="alert">
          {t('lab.picture.readFailed', { error })}
        </p>
      )}
      <div class={`ssl-cluster__scroll${fitWidth ? ' ssl-cluster__scroll--fit' : ''}`} ref={scroller} tabIndex={0} role="region" aria-label={t('lab.picture.region')} data-scale={scale.toFixed(2)}>
        <svg
          class="ssl-cluster__svg"
          role="group"
          aria-label={t('lab.picture.label', { nodes: picture.columns.filter((c) => c.kind === 'node').length, pods: picture.pods.length })}
          aria-describedby="ssl-cluster-text"
          viewBox={`0 0 ${picture.width} ${picture.height}`}
          width={Math.round(picture.width * scale)}
          height={Math.round(picture.height * scale)}
          preserveAspectRatio="xMinYMin meet"
        >
          {picture.services.map((s) => (
            <ServiceBox key={s.key} s={s} />
          ))}
          {picture.columns.map((c) => (
            <Column key={c.key} c={c} />
          ))}
          <g class="ssl-cluster__links" aria-hidden="true">
            {picture.links.map((l) => (
              <polyline key={l.key} class={`ssl-cluster__link ssl-cluster__link--${l.kind}`} points={l.points.map((p) => p.join(',')).join(' ')} />
            ))}
          </g>
          {picture.claims.map((c) => (
            <Claim key={c.key} c={c} />
          ))}
          {picture.volumes.map((v) => (
            <Volume key={v.key} v={v} />
          ))}
          {picture.pods.map((p) => (
            <Pod key={p.key} p={p} selected={selected === `${p.namespace}/${p.name}`} onSelect={() => select(p)} onKey={(e) => onCardKey(e, p)} />
          ))}
        </svg>
        {nothing && <p class="ssl-cluster__empty">{t('lab.picture.empty')}</p>}
        {!loaded && !error && <p class="ssl-cluster__empty">{t('lab.picture.reading')}</p>}
      </div>
      <details class="ssl-cluster__text">
        <summary>{t('lab.picture.asText')}</summary>
        <ul id="ssl-cluster-text">
          {description.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      </details>
      {selected && (
        <PodDetails
          client={client}
          pod={selectedPod}
          name={selected}
          changes={changes}
          onClose={() => {
            const key = selected;
            setSelected(undefined);
            requestAnimationFrame(() => (scroller.current?.querySelector(`[data-pod="${CSS.escape(key)}"]`) as SVGGElement | null)?.focus());
          }}
        />
      )}
    </div>
  );
}

function ServiceBox({ s }: { s: ServiceCard }) {
  const title = s.kind === 'service' ? `Service ${s.name}` : `StatefulSet ${s.name}`;
  const detail = s.kind === 'service' ? (s.detail === 'headless' ? t('lab.picture.headless') : `ClusterIP ${s.detail}`) : t('lab.picture.setReady', { ready: s.detail });
  return (
    <g class={`ssl-cluster__service ssl-cluster__service--${s.kind}`} style={{ transform: `translate(${s.x}px, ${s.y}px)` }}>
      <rect width={s.width} height={s.height} rx="6" />
      <text x="10" y="17" class="ssl-cluster__title">
        {fit(title, s.width - 20)}
      </text>
      <text x="10" y="33" class="ssl-cluster__sub">
        {detail}
      </text>
      {s.kind === 'service' && s.detail === 'headless' && s.dnsNames.length === 0 && (
        <text x="10" y="50" class="ssl-cluster__dns ssl-cluster__dns--none">
          {t('lab.picture.noDns')}
        </text>
      )}
      {s.dnsNames.map((n, i) => (
        <text key={n} x="10" y={50 + i * 16} class="ssl-cluster__dns">
          {fit(n, s.width - 20, 6.7)}
          <title>{n}</title>
        </text>
      ))}
    </g>
  );
}

function Column({ c }: { c: ColumnBox }) {
  const lines: string[] = [];
  if (c.kind === 'node') {
    lines.push(c.status.replace(',', ' · '));
    if (c.machine && c.machine !== 'running') lines.push(MACHINE_TEXT[c.machine] ?? c.machine);
    else if (c.ready === 'Unknown') lines.push(t('lab.picture.nodeUnknown'));
  } else if (c.kind === 'unscheduled') lines.push(t('lab.picture.unscheduled'));
  else lines.push(t('lab.picture.kept'));
  return (
    <g class={`ssl-cluster__column ssl-cluster__column--${c.kind}`} data-ready={c.ready} data-machine={c.machine} data-cordoned={c.cordoned ? 'true' : undefined} style={{ transform: `translate(${c.x}px, ${c.y}px)` }}>
      <rect class="ssl-cluster__column-bg" width={c.width} height={c.height} rx="8" />
      <text x="10" y="20" class="ssl-cluster__title">
        {fit(c.title, c.width - 20, 7.4)}
      </text>
      {lines.map((l, i) => (
        <text key={i} x="10" y={37 + i * 14} class={`ssl-cluster__sub${i === 0 && c.kind === 'node' ? ' ssl-cluster__node-status' : ''}`}>
          {fit(l, c.width - 20)}
        </text>
      ))}
    </g>
  );
}

function Pod({ p, selected, onSelect, onKey }: { p: PodCard; selected: boolean; onSelect(): void; onKey(e: KeyboardEvent): void }) {
  const statusLine = `${p.status}${p.nodeLost ? t('lab.picture.nodeLost') : ''} · ${p.readyContainers}`;
  // Starts with the card's visible text (name, status line), as speech-input users say it.
  const description =
    t('lab.picture.pod', { pod: p.name, status: p.status }) +
    (p.nodeLost ? t('lab.picture.podNodeLost') : '') +
    t(p.restarts === 1 ? 'lab.picture.podReadyRestart' : 'lab.picture.podReadyRestarts', { ready: p.readyContainers, restarts: p.restarts }) +
    (p.node ? t('lab.picture.podOn', { node: p.node }) : t('lab.picture.podUnscheduled')) +
    (p.claims.length ? t('lab.picture.podMounts', { claims: p.claims.join(', ') }) : '');
  const label = `${p.name} ${statusLine}: ${description}`;
  const badge = p.ordinal !== undefined ? String(p.ordinal) : '•';
  return (
    <g
      class="ssl-cluster__pod"
      data-tone={p.tone}
      data-pod={`${p.namespace}/${p.name}`}
      data-selected={selected ? 'true' : undefined}
      style={{ transform: `translate(${p.x}px, ${p.y}px)` }}
      role="button"
      // Lowercase: on SVG elements Preact sets attributes as written, and only `tabindex` works.
      tabindex={0}
      aria-pressed={selected}
      onClick={onSelect}
      onKeyDown={onKey}
    >
      <title>{label}</title>
      <rect class="ssl-cluster__pod-bg" width={p.width} height={p.height} rx="6" />
      <circle class="ssl-cluster__ordinal" cx="20" cy={p.height / 2} r="13" />
      <text class="ssl-cluster__ordinal-text" x="20" y={p.height / 2 + 4} text-anchor="middle" aria-hidden="true">
        {badge}
      </text>
      <text x="40" y="21" class="ssl-cluster__title">
        {/* The trailing space keeps name and status apart in the card's text content. */}
        {fit(p.name, p.width - 80, 7.4) + ' '}
      </text>
      <text x="40" y="39" class="ssl-cluster__sub ssl-cluster__pod-status">
        {fit(statusLine, p.width - 50)}
      </text>
      {p.restarts > 0 && (
        <text x={p.width - 8} y="21" class="ssl-cluster__restarts" text-anchor="end" aria-hidden="true">
          ↻{p.restarts}
        </text>
      )}
    </g>
  );
}

function Claim({ c }: { c: ClaimCard }) {
  return (
    <g class="ssl-cluster__claim" data-phase={c.phase} data-claim={`${c.namespace}/${c.name}`} style={{ transform: `translate(${c.x}px, ${c.y}px)` }}>
      <title>{`PersistentVolumeClaim ${c.name}: ${c.phase}${c.capacity ? `, ${c.capacity}` : ''}${c.volumeName ? `, bound to ${c.volumeName}` : ''}`}</title>
      <rect width={c.width} height={c.height} rx="4" />
      <text x="8" y="14" class="ssl-cluster__small-title">
        {fit(`PVC ${c.name}`, c.width - 14, 6.4)}
      </text>
      <text x="8" y="27" class="ssl-cluster__small">
        {fit(`${c.phase}${c.capacity ? ` · ${c.capacity}` : ''}`, c.width - 14, 6)}
      </text>
    </g>
  );
}

function Volume({ v }: { v: VolumeCard }) {
  return (
    <g class="ssl-cluster__volume" data-phase={v.phase} style={{ transform: `translate(${v.x}px, ${v.y}px)` }}>
      <title>{`PersistentVolume ${v.name}: ${v.phase}, ${v.capacity}, reclaim policy ${v.reclaimPolicy}${v.claim ? `, claim ${v.claim}` : ''}`}</title>
      <rect width={v.width} height={v.height} rx="4" />
      <text x="8" y="13" class="ssl-cluster__small-title">
        {fit(`PV ${v.name}`, v.width - 14, 6.2)}
      </text>
      <text x="8" y="25" class="ssl-cluster__small">
        {fit(`${v.phase} · ${v.reclaimPolicy || 'no policy'}`, v.width - 14, 6)}
      </text>
    </g>
  );
}

/**
 * Drawn again only by its own (paced) refreshes: the lab panel around it re-renders at every
 * clock tick and node refresh, and re-diffing a few thousand SVG elements each time would keep
 * the page busy with a big cluster.
 */
export default memo(ClusterView, (a, b) => a.client === b.client);
