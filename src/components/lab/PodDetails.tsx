// What the picture tells about one pod when it is selected: node, IP, labels, conditions, its
// recent events and the files on its persistent volumes (listed with `kubectl exec <pod> -- ls -la
// <mountPath>`, run silently through client.probe, so this reads the pod as a learner could).
// Text only through text nodes.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LabClient } from '../../lab/protocol.ts';
import { readEvents, type FeedEvent } from '../../lab/picture/events.ts';
import type { KubeObject } from '../../../sandbox/cluster/api/client.ts';
import { claimMounts, podState, shellQuote } from '../../lab/picture/pod-state.ts';
import { t } from '../../i18n/lab.ts';
import './PodDetails.css';

export interface PodDetailsProps {
  client: LabClient;
  /** The pod as last read; undefined once it is gone. */
  pod?: KubeObject;
  /** 'namespace/name' */
  name: string;
  /** Bumps on every cluster change (re-reads events and files). */
  changes: number;
  onClose(): void;
}

interface VolumeListing {
  volume: string;
  claim: string;
  mountPath: string;
  container: string;
  /** `ls -la` output, or why there is none. */
  text: string;
  ok: boolean;
}

export default function PodDetails({ client, pod, name, changes, onClose }: PodDetailsProps) {
  const [ns, podName] = name.split('/');
  const [events, setEvents] = useState<FeedEvent[]>([]);
  const [listings, setListings] = useState<VolumeListing[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);
  const running = pod?.status?.phase === 'Running' && !pod?.metadata.deletionTimestamp;
  const version = pod?.metadata.resourceVersion;
  // Changes come up to ten times a second while pods start: re-read at most about twice a second.
  const [tick, setTick] = useState(changes);
  useEffect(() => {
    const t = setTimeout(() => setTick(changes), 500);
    return () => clearTimeout(t);
  }, [changes]);

  useEffect(() => heading.current?.focus(), [name]);

  useEffect(() => {
    let live = true;
    // In the order they happened (feedEvents), as the feed shows them.
    readEvents(client, ns).then(
      (all) => live && setEvents(all.filter((e) => e.object === `pod/${podName}`).slice(-8)),
      () => {},
    );
    return () => void (live = false);
  }, [client, name, tick]);

  // Volume files: read again when the pod changes or the cluster does (a learner may have
  // written a file with kubectl exec), at most one probe run at a time.
  useEffect(() => {
    if (!pod) return setListings([]);
    let live = true;
    const mounts = claimMounts(pod);
    (async () => {
      const out: VolumeListing[] = [];
      for (const m of mounts) {
        if (!running) {
          out.push({ ...m, ok: false, text: t(pod.metadata.deletionTimestamp ? 'lab.pod.filesTerminating' : 'lab.pod.filesNotRunning') });
          continue;
        }
        try {
          const r = await client.probe(`kubectl exec ${shellQuote(podName)} -n ${shellQuote(ns)} -c ${shellQuote(m.container)} -- ls -la ${shellQuote(m.mountPath)}`);
          out.push({ ...m, ok: r.status === 0, text: r.out.trimEnd() || (r.status === 0 ? '(empty)' : `ls exited with status ${r.status}`) });
        } catch (e) {
          out.push({ ...m, ok: false, text: String((e as Error)?.message ?? e) });
        }
      }
      if (live) setListings(out);
    })();
    return () => void (live = false);
  }, [client, name, version, running, tick]);

  const state = pod ? podState(pod) : undefined;
  const labels = Object.entries(pod?.metadata.labels ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const conditions: any[] = pod?.status?.conditions ?? [];

  return (
    <section class="ssl-pod" aria-labelledby="ssl-pod-title" data-details-for={name}>
      <div class="ssl-pod__head">
        <h3 id="ssl-pod-title" tabIndex={-1} ref={heading}>
          {t('lab.pod.title', { pod: podName })}
        </h3>
        <button type="button" onClick={onClose} aria-label={t('lab.pod.closeLabel', { pod: podName })}>
          {t('lab.pod.close')}
        </button>
      </div>
      {!pod ? (
        <p>{t('lab.pod.gone')}</p>
      ) : (
        <>
          <dl class="ssl-pod__facts">
            <dt>{t('lab.pod.status')}</dt>
            <dd data-tone={state!.tone}>
              {t(state!.restarts === 1 ? 'lab.pod.statusLineOne' : 'lab.pod.statusLine', { status: state!.status, ready: state!.readyContainers, restarts: state!.restarts })}
            </dd>
            <dt>{t('lab.pod.node')}</dt>
            <dd>{pod.spec?.nodeName || t('lab.pod.notScheduled')}</dd>
            <dt>{t('lab.pod.ip')}</dt>
            <dd>{pod.status?.podIP || t('lab.pod.noneYet')}</dd>
            {pod.spec?.hostname && pod.spec?.subdomain && (
              <>
                <dt>{t('lab.pod.hostname')}</dt>
                <dd>
                  {pod.spec.hostname}.{pod.spec.subdomain}
                </dd>
              </>
            )}
            <dt>{t('lab.pod.namespace')}</dt>
            <dd>{ns}</dd>
          </dl>
          <h4>{t('lab.pod.labels')}</h4>
          {labels.length ? (
            <ul class="ssl-pod__labels">
              {labels.map(([k, v]) => (
                <li key={k}>
                  <code>
                    {k}={v}
                  </code>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('lab.pod.none')}</p>
          )}
          <h4>{t('lab.pod.conditions')}</h4>
          {conditions.length ? (
            <table class="ssl-pod__table">
              <thead>
                <tr>
                  <th scope="col">Type</th>
                  <th scope="col">Status</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {conditions.map((c) => (
                  <tr key={c.type} data-status={c.status}>
                    <td>{c.type}</td>
                    <td>{c.status}</td>
                    <td>{c.reason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>{t('lab.pod.noneYet')}</p>
          )}
          <h4>{t('lab.pod.files')}</h4>
          {listings.length ? (
            listings.map((l) => (
              <div key={l.volume} class="ssl-pod__volume">
                <p>
                  <code>{l.mountPath}</code> {t('lab.pod.fromClaim')} <code>{l.claim}</code>
                  {l.ok && (
                    <span class="ssl-pod__cmd">
                      {' '}
                      (kubectl exec {podName} -- ls -la {l.mountPath})
                    </span>
                  )}
                </p>
                <pre class={l.ok ? '' : 'ssl-pod__muted'}>{l.text}</pre>
              </div>
            ))
          ) : (
            <p>{claimMounts(pod).length ? t('lab.pod.reading') : t('lab.pod.noVolume')}</p>
          )}
        </>
      )}
      <h4>{t('lab.pod.events')}</h4>
      {events.length ? (
        <ul class="ssl-pod__events">
          {events.map((e, i) => (
            <li key={i} data-type={e.type}>
              <span class="ssl-pod__ev-reason">{e.reason}</span> {e.message}
              {e.count > 1 ? ` (×${e.count})` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('lab.pod.noEvents')}</p>
      )}
    </section>
  );
}
