// The lab once it is open: starts the worker, restores the saved state, and lays out the cluster
// picture, terminal, editor, goals and events with the time, node and reset controls. Loaded by
// Lab.tsx with a dynamic import, so none of this (nor xterm) is on a lesson page until needed.
// Every control that changes the cluster runs a visible command in the terminal (runCommand).
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import { Comlink, type OpenedLab } from '../../lab/client.ts';
import { EMPTY_VIEW, clearLabState, loadLabState, recordGoalProgress, saveLabState, viewOf, type LabViewState } from '../../lab/persist.ts';
import { readEvents, type FeedEvent } from '../../lab/picture/events.ts';
import { t } from '../../i18n/lab.ts';
import { onLabRunRequest } from '../../lib/lab-run.ts';
import type { ClusterViewProps, EditorControl, EditorProps, GoalStatus, InitResult, LabClient, LabDefinition, LabFile, NodeInfo, TimeState } from '../../lab/protocol.ts';
import Terminal, { type TerminalHandle } from './Terminal.tsx';
import Goals from './Goals.tsx';
import PhoneInput from './PhoneInput.tsx';
import type { LabProps } from './Lab.tsx';

// The editor and the picture are separate components (and chunks); until they exist, a
// placeholder. import.meta.glob keeps the build working either way.
const editorModules = import.meta.glob<{ default: ComponentType<EditorProps> }>('./Editor.tsx');
const viewModules = import.meta.glob<{ default: ComponentType<ClusterViewProps> }>('./ClusterView.tsx');
const eventsModules = import.meta.glob<{ default: ComponentType<{ events?: FeedEvent[]; now?: number }> }>('./EventsFeed.tsx');
const labYamls = import.meta.glob<string>('/content/*/lab.yaml', { query: '?raw', import: 'default' });

type Tab = 'terminal' | 'editor' | 'cluster' | 'events';
const TABS: [Tab, string][] = [
  ['terminal', t('lab.tab.terminal')],
  ['editor', t('lab.tab.editor')],
  ['cluster', t('lab.tab.cluster')],
  ['events', t('lab.tab.events')],
];

/** How long after a command line the lab's state is saved: most commands are done by then. */
const SAVE_AFTER_COMMAND_MS = 100;

declare global {
  interface Window {
    /** For the browser tests: readyAt is performance.now() when the prompt became usable. */
    __lab?: { ready: boolean; readyMs?: number; readyAt?: number; text(): string; client: LabClient; labId: string };
  }
}

async function loadDefinition(labId: string): Promise<LabDefinition> {
  const file = `/content/${labId}/lab.yaml`;
  const load = labYamls[file];
  if (!load) throw new Error(`${file.slice(1)} does not exist`);
  const [{ parseLab }, text] = await Promise.all([import('../../../sandbox/lab/schema.ts'), load()]);
  return parseLab(text, file.slice(1));
}

function useLazy<P>(modules: Record<string, () => Promise<{ default: ComponentType<P> }>>, wanted: boolean): ComponentType<P> | null | undefined {
  // undefined: not loaded yet; null: not available
  const [C, setC] = useState<ComponentType<P> | null | undefined>(undefined);
  useEffect(() => {
    if (!wanted || C !== undefined) return;
    const load = Object.values(modules)[0];
    if (!load) return setC(null);
    load().then(
      (m) => setC(() => m.default),
      () => setC(null),
    );
  }, [wanted]);
  return C;
}

export default function LabApp({ lab: labId, def: givenDef, openedAt, opened: openedPromise }: LabProps & { openedAt: number; opened: Promise<OpenedLab> }) {
  const [client, setClient] = useState<LabClient | null>(null);
  const [def, setDef] = useState<LabDefinition | undefined>(givenDef);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [files, setFiles] = useState<LabFile[]>([]);
  const [activeFile, setActiveFile] = useState<string | undefined>();
  const [goals, setGoals] = useState<GoalStatus[]>([]);
  const [time, setTime] = useState<TimeState>({ paused: false, speed: 1, now: 0 });
  const [nodes, setNodes] = useState<NodeInfo[]>([]);
  const [events, setEvents] = useState<FeedEvent[]>([]);
  const [history, setHistory] = useState<string[]>([]);
  const [canUndo, setCanUndo] = useState(false);
  const [ready, setReady] = useState(false);
  const [tab, setTab] = useState<Tab>('terminal');
  const [full, setFull] = useState(false);
  const [narrow, setNarrow] = useState(false);
  const [editorWanted, setEditorWanted] = useState(false);
  const termRef = useRef<TerminalHandle | null>(null);
  const editorControl = useRef<EditorControl | null>(null);
  const rootRef = useRef<HTMLElement>(null);
  // Open hints and the solution: saved with the lab state (persist.ts), so kept in a ref for the
  // worker-driven saves, and a change of its own saves too (the worker does not know of it).
  const [view, setViewState] = useState<LabViewState>(EMPTY_VIEW);
  const viewRef = useRef<LabViewState>(EMPTY_VIEW);
  const saveRef = useRef<() => Promise<void>>(async () => {});
  // The worker asks for a save at most once a second; a command the learner has just run is
  // saved sooner (a reload a moment later kept the state from before it).
  const lineSaveTimer = useRef<ReturnType<typeof setTimeout>>();
  const saveSoonAfterCommand = useCallback(() => {
    // Not pushed back by the next command: quick commands in a row still save in between.
    lineSaveTimer.current ??= setTimeout(() => {
      lineSaveTimer.current = undefined;
      void saveRef.current();
    }, SAVE_AFTER_COMMAND_MS);
  }, []);
  useEffect(() => () => clearTimeout(lineSaveTimer.current), []);
  const setView = useCallback((v: LabViewState) => {
    viewRef.current = v;
    setViewState(v);
    void saveRef.current();
  }, []);

  useEffect(() => {
    const mq = matchMedia('(max-width: 50rem)');
    const on = () => setNarrow(mq.matches);
    on();
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);

  // The editor loads when first shown: at once side by side on wide screens, on its tab on phones.
  useEffect(() => {
    if (!narrow || tab === 'editor') setEditorWanted(true);
  }, [narrow, tab]);

  // ---- start the worker --------------------------------------------------------------------
  useEffect(() => {
    let opened: OpenedLab | undefined;
    let c!: OpenedLab['client'];
    let live = true;
    let saving = false;
    let saveAgain = false;
    const save = async () => {
      if (saving) return void (saveAgain = true);
      saving = true;
      try {
        do {
          saveAgain = false;
          const st = await c.save();
          if (!live) return;
          await saveLabState(labId, st, viewRef.current);
        } while (saveAgain && live);
      } catch {
        // the worker is gone (page closing)
      } finally {
        saving = false;
      }
    };
    saveRef.current = save;
    let nodesTimer: ReturnType<typeof setTimeout> | undefined;
    const refreshSoon = () => {
      nodesTimer ??= setTimeout(async () => {
        nodesTimer = undefined;
        if (!live) return;
        try {
          const [n, ev] = await Promise.all([c.nodes(), readEvents(c, undefined, 100)]);
          if (!live) return;
          setNodes(n);
          setEvents(ev);
        } catch {
          /* closing */
        }
      }, 250);
    };
    (async () => {
      performance.mark('lab:app');
      const [o, d, saved] = await Promise.all([openedPromise, givenDef ?? loadDefinition(labId), loadLabState(labId)]);
      performance.mark('lab:inputs');
      opened = o;
      if (!live) return opened.close();
      opened.onError((m) => live && setError(m));
      c = opened.client;
      setDef(d);
      const r = await c.init(labId, d, saved);
      performance.mark('lab:init');
      if (!live) return;
      if (r.start === 'discarded') {
        setNotice(r.notice ?? t('lab.discarded'));
        await clearLabState(labId);
      } else if (r.start === 'restored') {
        viewRef.current = viewOf(saved);
        setViewState(viewRef.current);
      }
      apply(r);
      setActiveFile(r.files.find((f) => /\.ya?ml$/.test(f.name))?.name ?? r.files[0]?.name);
      // The terminal mounts now (the prompt comes first). The callbacks are posted in this same
      // tick, before the terminal (rendered later) attaches, and the worker handles messages in
      // order: they are in place before the prompt shows.
      performance.mark('lab:client');
      setClient(() => c);
      await Promise.all([
        c.onGoals(
          Comlink.proxy((g: GoalStatus[]) => {
            setGoals(g);
            recordGoalProgress(labId, g);
          }),
        ),
        c.onDirty(
          Comlink.proxy(() => {
            void save();
            void c.listFiles().then((f) => live && setFiles(f));
            void c.history().then((h) => live && setHistory(h));
          }),
        ),
        c.subscribe(
          Comlink.proxy((ch: { time: TimeState }) => {
            setTime(ch.time);
            refreshSoon();
          }),
        ),
        // The clock moves each virtual second, also while the cluster is quiet.
        c.onClock(Comlink.proxy((t: TimeState) => setTime(t))),
      ]);
      // `kubectl edit` opens its file in the editor (Editor.tsx shows it): load the editor and,
      // on phones, switch to its tab; back to the terminal (and its prompt) when the edit is over.
      await c.onEdit(
        Comlink.proxy((e: { type: 'open' | 'close' }) => {
          if (!live) return;
          if (e.type === 'open') {
            setEditorWanted(true);
            setTab('editor');
          } else {
            setTab((t) => (t === 'editor' ? 'terminal' : t));
            requestAnimationFrame(() => termRef.current?.focus());
          }
        }),
      );
      refreshSoon();
    })().catch((e) => live && setError(String(e?.message ?? e)));
    const onHide = () => {
      if (document.visibilityState === 'hidden') void save();
    };
    document.addEventListener('visibilitychange', onHide);
    return () => {
      live = false;
      document.removeEventListener('visibilitychange', onHide);
      clearTimeout(nodesTimer);
      opened?.close();
    };
  }, [labId]);

  function apply(r: InitResult) {
    setFiles(r.files);
    setGoals(r.goals);
    setTime(r.time);
    setNodes(r.nodes);
    setHistory(r.history);
    setCanUndo(r.canUndo);
  }

  const onTerminalReady = useCallback(
    (h: TerminalHandle) => {
      termRef.current = h;
      setReady(true);
      const readyAt = performance.mark('lab:prompt').startTime;
      const readyMs = Math.round(readyAt - openedAt);
      window.__lab = { ready: true, readyMs, readyAt, text: () => h.text(), client: client!, labId };
      document.documentElement.dataset.labReady = 'true';
      console.info(`lab: usable prompt ${readyMs} ms after the lab started loading`);
    },
    [client, openedAt, labId],
  );

  // ---- actions -----------------------------------------------------------------------------
  const run = useCallback(
    async (line: string) => {
      if (!client) return;
      if (narrow && tab !== 'terminal') setTab('terminal');
      await client.runCommand(line);
      saveSoonAfterCommand();
      setHistory(await client.history());
      setFiles(await client.listFiles());
    },
    [client, narrow, tab],
  );

  // A quiz's "Run it in the lab" (src/lib/lab-run.ts): run the command in this terminal, where
  // the learner sees it, once the prompt is usable.
  useEffect(
    () =>
      onLabRunRequest((command) => {
        if (!client || !ready) return false;
        rootRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
        void run(command);
        return true;
      }),
    [client, ready, run],
  );

  const reset = async () => {
    if (!client) return;
    setTab('terminal');
    editorControl.current?.discardPending();
    apply(await client.reset());
    setNotice('');
  };
  const undo = async () => {
    if (!client) return;
    editorControl.current?.discardPending();
    const r = await client.undoReset();
    if (r) apply(r);
  };

  // Full screen: the browser's own (top layer, Esc leaves) where allowed, else a fixed overlay.
  const toggleFull = () => {
    const el = rootRef.current;
    if (!full) {
      setFull(true);
      el?.requestFullscreen?.().catch(() => {});
    } else {
      setFull(false);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    }
  };
  useEffect(() => {
    if (!full) return;
    const onKey = (e: KeyboardEvent) => {
      // Not from the terminal or the editor: there Escape is theirs (and the first half of Escape then Tab).
      if (e.key === 'Escape' && !(e.target as HTMLElement)?.closest?.('.ssl-term, .monaco-editor')) setFull(false);
    };
    let wasFull = false;
    const onChange = () => {
      if (document.fullscreenElement) wasFull = true;
      else if (wasFull) setFull(false);
    };
    addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onChange);
    document.documentElement.classList.add('ssl-lab-fullscreen');
    return () => {
      removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onChange);
      document.documentElement.classList.remove('ssl-lab-fullscreen');
    };
  }, [full]);

  useEffect(() => {
    // Panels change size when tabs switch or full screen toggles: refit the terminal.
    requestAnimationFrame(() => termRef.current?.fit());
  }, [tab, full, narrow]);

  // The prompt comes first: the editor (Monaco), the picture and the feed load once it is usable.
  const Editor = useLazy(editorModules, editorWanted && ready);
  const ClusterView = useLazy(viewModules, ready && (!narrow || tab === 'cluster'));
  const EventsFeed = useLazy(eventsModules, ready && (!narrow || tab === 'events'));

  const clock = useMemo(() => (time.now ? new Date(time.now).toISOString().slice(11, 19) : '--:--:--'), [time.now]);
  const title = def?.title ?? labId;
  const show = (t: Tab) => !narrow || tab === t;

  if (error) {
    return (
      <section class="ssl-lab not-content" aria-label={t('lab.region', { title })}>
        <p class="ssl-lab__error" role="alert">
          {t('lab.startFailed', { error })}
        </p>
        {/* Most failures are a file that did not arrive (offline, a new version of the site): a reload fetches it again. */}
        <button type="button" class="ssl-lab__retry" onClick={() => location.reload()}>
          {t('lab.retry')}
        </button>
      </section>
    );
  }

  return (
    <section
      ref={rootRef}
      class={`ssl-lab not-content${full ? ' ssl-lab--full' : ''}${narrow ? ' ssl-lab--narrow' : ''}`}
      aria-label={t('lab.region', { title })}
      data-ready={ready ? 'true' : 'false'}
    >
      <header class="ssl-lab__bar">
        <h2 class="ssl-lab__title">{title}</h2>
        <div class="ssl-lab__time" role="group" aria-label={t('lab.time.group')}>
          <span class="ssl-lab__clock" aria-label={t('lab.time.clock', { clock, state: time.paused ? t('lab.time.paused') : t('lab.time.running', { speed: time.speed }) })} title={t('lab.time.clockTitle')}>
            {clock}
          </span>
          <button type="button" disabled={!client} aria-pressed={time.paused} onClick={() => run(time.paused ? 'lab time resume' : 'lab time pause')}>
            {time.paused ? t('lab.time.resume') : t('lab.time.pause')}
          </button>
          {[1, 10, 60].map((s) => (
            <button type="button" key={s} disabled={!client} aria-pressed={!time.paused && time.speed === s} aria-label={t('lab.time.speed', { speed: s })} onClick={() => run(time.paused ? `lab time resume; lab time speed ${s}` : `lab time speed ${s}`)}>
              {s}×
            </button>
          ))}
          <button type="button" disabled={!client} onClick={() => run('lab time next')} title={t('lab.time.skipTitle')}>
            {t('lab.time.skip')}
          </button>
        </div>
        <div class="ssl-lab__actions">
          <button type="button" disabled={!client} onClick={reset} title={t('lab.resetTitle')}>
            {t('lab.reset')}
          </button>
          {canUndo && (
            <button type="button" class="ssl-lab__undo" onClick={undo}>
              {t('lab.undoReset')}
            </button>
          )}
          <button type="button" aria-pressed={full} onClick={toggleFull} aria-label={full ? t('lab.leaveFullScreen') : t('lab.fullScreen')}>
            {full ? t('lab.exitFullScreen') : t('lab.fullScreen')}
          </button>
        </div>
      </header>

      {notice && (
        <p class="ssl-lab__notice" role="status">
          {notice}{' '}
          <button type="button" onClick={() => setNotice('')}>
            {t('lab.dismiss')}
          </button>
        </p>
      )}

      <Goals folded={narrow} goals={goals} hints={def?.hints ?? []} solution={def?.solution ?? []} view={view} onView={setView} onRun={run} />

      {narrow && (
        <div class="ssl-lab__tabs" role="tablist" aria-label={t('lab.tabs')}>
          {TABS.map(([t, label]) => (
            <button
              type="button"
              role="tab"
              key={t}
              id={`ssl-tab-${t}`}
              aria-selected={tab === t}
              aria-controls={`ssl-pane-${t}`}
              tabIndex={tab === t ? 0 : -1}
              onClick={() => setTab(t)}
              onKeyDown={(e) => {
                const i = TABS.findIndex(([x]) => x === tab);
                const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
                if (!d) return;
                const next = TABS[(i + d + TABS.length) % TABS.length][0];
                setTab(next);
                (e.currentTarget.parentElement?.querySelector(`#ssl-tab-${next}`) as HTMLElement | null)?.focus();
              }}
            >
              {label}
            </button>
          ))}
        </div>
      )}

      <div class="ssl-lab__picture" id="ssl-pane-cluster" role={narrow ? 'tabpanel' : 'region'} aria-label={t('lab.tab.cluster')} hidden={!show('cluster')} data-slot="cluster-view">
        {client && ClusterView ? <ClusterView client={client} /> : <p class="ssl-lab__placeholder">{ClusterView === null ? t('lab.picture.unavailable') : t('lab.picture.loading')}</p>}
        <ul class="ssl-lab__nodes" aria-label={t('lab.machines')}>
          {nodes.map((n) => (
            <li key={n.name} class="ssl-lab__node" data-state={n.state} data-ready={n.ready}>
              <span class="ssl-lab__node-name">{n.name}</span>
              <span class="ssl-lab__node-state">
                {n.state === 'running' ? t('lab.machine.running') : n.state === 'stopped' ? t('lab.machine.stopped') : n.state === 'cut' ? t('lab.machine.cut') : n.state}
                {' · '}
                {t('lab.machine.ready', { ready: n.ready })}
              </span>
              <span class="ssl-lab__node-buttons">
                <button type="button" disabled={!client || n.state === 'stopped'} aria-label={t('lab.machine.stopLabel', { node: n.name })} title={t('lab.machine.stopTitle')} onClick={() => run(`lab node stop ${n.name}`)}>
                  {t('lab.machine.stop')}
                </button>
                <button type="button" disabled={!client || n.state !== 'running'} aria-label={t('lab.machine.cutOffLabel', { node: n.name })} title={t('lab.machine.cutOffTitle')} onClick={() => run(`lab node cut ${n.name}`)}>
                  {t('lab.machine.cutOff')}
                </button>
                <button type="button" disabled={!client || n.state === 'running'} aria-label={t('lab.machine.startLabel', { node: n.name })} title={t('lab.machine.startTitle')} onClick={() => run(`lab node start ${n.name}`)}>
                  {t('lab.machine.start')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      </div>

      <div class="ssl-lab__work">
        <div class="ssl-lab__terminal" id="ssl-pane-terminal" role={narrow ? 'tabpanel' : 'region'} aria-label={t('lab.tab.terminal')} hidden={!show('terminal')}>
          <Terminal client={client} onReady={onTerminalReady} onLine={saveSoonAfterCommand} />
          {narrow && client && <PhoneInput client={client} history={history} commands={def?.commands ?? []} onRun={run} />}
        </div>
        <div class="ssl-lab__editor" id="ssl-pane-editor" role={narrow ? 'tabpanel' : 'region'} aria-label={t('lab.tab.editor')} hidden={!show('editor')} data-slot="editor">
          {client && Editor ? (
            <Editor client={client} files={files} activeFile={activeFile} draftKey={labId} control={editorControl} onApply={(name) => void run(`kubectl apply -f ${name}`)} />
          ) : (
            <FilesFallback client={client} files={files} loading={Editor === undefined} onApply={(name) => void run(`kubectl apply -f ${name}`)} />
          )}
        </div>
      </div>

      <div class="ssl-lab__events" id="ssl-pane-events" role={narrow ? 'tabpanel' : 'region'} aria-label={narrow ? t('lab.tab.events') : undefined} aria-labelledby={narrow ? undefined : 'ssl-events-title'} hidden={!show('events')}>
        {!narrow && (
          <h3 class="ssl-lab__pane-title" id="ssl-events-title">
            {t('lab.events.title')}
          </h3>
        )}
        {EventsFeed ? <EventsFeed events={events} now={time.now} /> : <p class="ssl-lab__placeholder">{t('lab.events.loading')}</p>}
      </div>
    </section>
  );
}

/** Until the editor component exists: the files as read-only text with an Apply button. */
function FilesFallback({ client, files, loading, onApply }: { client: LabClient | null; files: LabFile[]; loading: boolean; onApply(name: string): void }) {
  const [name, setName] = useState<string | undefined>();
  const [text, setText] = useState('');
  const current = name ?? files[0]?.name;
  useEffect(() => {
    if (client && current) void client.readFile(current).then(setText, () => setText(''));
  }, [client, current, files]);
  if (loading) return <p class="ssl-lab__placeholder">{t('lab.editor.loading')}</p>;
  return (
    <div class="ssl-lab__files">
      <div class="ssl-lab__file-tabs" role="group" aria-label={t('lab.files')}>
        {files.map((f) => (
          <button type="button" key={f.name} aria-pressed={f.name === current} onClick={() => setName(f.name)}>
            {f.name}
          </button>
        ))}
        {current && (
          <button type="button" class="ssl-lab__apply" onClick={() => onApply(current)}>
            {t('lab.apply')}
          </button>
        )}
      </div>
      <pre class="ssl-lab__file-text" tabIndex={0} role="region" aria-label={current ? t('lab.fileContents', { name: current }) : t('lab.noFile')}>
        {text}
      </pre>
    </div>
  );
}
