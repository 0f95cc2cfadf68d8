// The cluster's events as `kubectl get events -w` shows them: LAST SEEN, TYPE, REASON, OBJECT,
// MESSAGE, newest at the bottom. Warnings stand out. The list follows new events unless the
// learner has scrolled up to read; then a button brings them back to the newest.
//
// Two ways to use it: give `events` (and `now`, the cluster's virtual time) from the lab, or give
// only `client` and it reads the Event objects on every change itself. Rows come in the order the
// events happened (src/lab/picture/events.ts feedEvents), repeats as `12s (x3 over 2m)`.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ChangeInfo, LabClient } from '../../lab/protocol.ts';
import { Comlink } from '../../lab/client.ts';
import { lastSeen, readEvents, type FeedEvent } from '../../lab/picture/events.ts';
import { t } from '../../i18n/lab.ts';
import './EventsFeed.css';

export interface EventsFeedProps {
  client?: LabClient;
  events?: FeedEvent[];
  /** Virtual ms since the epoch (TimeState.now), for LAST SEEN. */
  now?: number;
  /** Rows kept on screen (default 200). */
  limit?: number;
}

export default function EventsFeed({ client, events: given, now: givenNow, limit = 200 }: EventsFeedProps) {
  const [own, setOwn] = useState<FeedEvent[]>([]);
  const [ownNow, setOwnNow] = useState<number | undefined>();
  const events = (given ?? own).slice(-limit);
  const now = givenNow ?? ownNow;
  const box = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const [unseen, setUnseen] = useState(0);
  const lastCount = useRef(0);

  useEffect(() => {
    if (given || !client) return;
    let live = true;
    let id: number | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = (change?: ChangeInfo) => {
      if (change) setOwnNow(change.time.now);
      timer ??= setTimeout(async () => {
        timer = undefined;
        try {
          const ev = await readEvents(client, undefined, limit);
          if (live) setOwn(ev);
        } catch {
          /* closing */
        }
      }, 150);
    };
    void client.time().then((t) => live && setOwnNow(t.now), () => {});
    read();
    void client.subscribe(Comlink.proxy(read)).then((x) => {
      if (live) id = x;
      else void client.unsubscribe(x);
    });
    return () => {
      live = false;
      clearTimeout(timer);
      if (id !== undefined) void client.unsubscribe(id);
    };
  }, [client, !!given, limit]);

  // Keep the newest row in view while following.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const added = Math.max(0, events.length - lastCount.current);
    lastCount.current = events.length;
    if (follow) el.scrollTop = el.scrollHeight;
    else if (added) setUnseen((n) => n + added);
  }, [events.length, events[events.length - 1]?.lastTimestamp, events[events.length - 1]?.count]);

  const onScroll = () => {
    const el = box.current;
    if (!el) return;
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - 8;
    setFollow(atBottom);
    if (atBottom) setUnseen(0);
  };

  const toNewest = () => {
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
    setFollow(true);
    setUnseen(0);
  };

  return (
    <div class="ssl-feed">
      <div class="ssl-feed__scroll" ref={box} onScroll={onScroll} tabIndex={0} role="region" aria-label={t('lab.events.region')}>
        {events.length === 0 ? (
          <p class="ssl-feed__empty">{t('lab.events.empty')}</p>
        ) : (
          <table class="ssl-feed__table">
            <thead>
              <tr>
                <th scope="col">LAST SEEN</th>
                <th scope="col">TYPE</th>
                <th scope="col">REASON</th>
                <th scope="col">OBJECT</th>
                <th scope="col">MESSAGE</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e, i) => (
                <tr key={e.name ?? `${e.namespace}/${e.object}/${e.reason}/${e.message}/${i}`} data-type={e.type}>
                  <td class="ssl-feed__age">{lastSeen(e, now)}</td>
                  <td>{e.type}</td>
                  <td>{e.reason}</td>
                  <td class="ssl-feed__object">{e.object}</td>
                  <td class="ssl-feed__message">{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {!follow && (
        <button type="button" class="ssl-feed__newest" onClick={toNewest}>
          {unseen === 1 ? t('lab.events.newOne') : unseen ? t('lab.events.newMany', { count: unseen }) : t('lab.events.newest')}
        </button>
      )}
    </div>
  );
}
