// The lab's host in the browser: one LabSession driven by a real-time ticker, a line editor for
// xterm's raw keystrokes, and the RPC the page calls (protocol.ts). worker.ts exposes it over
// comlink; tests drive it directly. Real time (performance.now, setInterval) is read here only:
// the simulator below sees virtual time.
import { LabSession, HOME, type LabState } from '../../lab/lab-session.ts';
import type { LabDefinition } from '../../lab/schema.ts';
import { LineEditor } from '../../shell/line-editor.ts';
import { Typeahead } from './typeahead.ts';
import { needsMore } from '../../shell/parse.ts';
import { SNAPSHOT_VERSION, snapshotVersion } from '../../cluster/cluster.ts';
import type { KubeObject } from '../../cluster/api/client.ts';
import type { Interrupt } from '../../shell/types.ts';
import {
  SAVED_STATE_VERSION,
  type ChangeInfo,
  type ClusterEvent,
  type EditEvent,
  type EditRequest,
  type GoalStatus,
  type InitResult,
  type LabFile,
  type LabWorkerApi,
  type NodeInfo,
  type SavedLabState,
  type TerminalCallbacks,
  type TimeState,
} from './protocol.ts';

const TICK_MS = 100; // ≤ 10 change notifications a second
const SAVE_EVERY_MS = 1000;
/**
 * The page's clock moves each virtual second even while nothing in the cluster changes (a quiet
 * cluster writes only a node Lease every 10 s); at high speeds at most this often in wall time.
 */
const CLOCK_EVERY_MS = 250;
const SCROLLBACK_CHARS = 20_000;

/** FNV-1a of the definition: a changed lab.yaml makes older saved states unusable. */
export function labHash(def: LabDefinition): string {
  const s = JSON.stringify(def);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16);
}

export interface HostTimers {
  now(): number;
  every(ms: number, fn: () => void): () => void;
}

const realTimers: HostTimers = {
  now: () => performance.now(),
  every: (ms, fn) => {
    const id = setInterval(fn, ms);
    return () => clearInterval(id);
  },
};

export class LabHost implements LabWorkerApi {
  private lab: LabSession | undefined;
  private def: LabDefinition | undefined;
  private labId = '';
  private readonly timers: HostTimers;
  private term: TerminalCallbacks | undefined;
  private outBuf = '';
  private flushQueued = false;
  private scrollback = '';
  private columns = 80;
  private editor: LineEditor;
  /** Keys typed while a command runs, for the next prompt (typeahead.ts). */
  private typeahead = new Typeahead();
  private pendingLines: string[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  private running = false;
  private stopTicker: (() => void) | undefined;
  private lastTick = 0;
  private lastRv = -1;
  private lastTimeKey = '';
  private lastSecond = -1;
  private clockCb: ((time: TimeState) => void) | undefined;
  private lastClockPost = -Infinity;
  private subscribers = new Map<number, (c: ChangeInfo) => void>();
  private nextSub = 1;
  private goalsCb: ((g: GoalStatus[]) => void) | undefined;
  private goalStatus: GoalStatus[] = [];
  private goalsRunning = false;
  private goalsAgain = false;
  private dirtyCb: (() => void) | undefined;
  private dirty = false;
  private lastSave = 0;
  private canUndo = false;
  private editListeners = new Map<number, (e: EditEvent) => void>();
  private nextEditListener = 1;
  private nextEditId = 1;
  /** The `kubectl edit` waiting for the page's editor. */
  private edit: { request: EditRequest; finish(content: string | undefined): void } | undefined;
  /** The `read` waiting for what the learner types (services.readTerminal). */
  private reading: { delim: string; max?: number; echo: boolean; finish(keys: string): void } | undefined;

  constructor(timers: HostTimers = realTimers) {
    this.timers = timers;
    this.editor = new LineEditor({
      write: (t) => this.write(t),
      history: () => this.lab?.session.shell.history ?? [],
      complete: (line, cursor) => this.lab!.session.complete(line, cursor),
    });
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  async init(labId: string, def: LabDefinition, saved?: SavedLabState): Promise<InitResult> {
    this.labId = labId;
    this.def = def;
    let start: InitResult['start'] = 'fresh';
    let notice: string | undefined;
    if (saved !== undefined && saved !== null) {
      const why = this.unusable(saved, def);
      if (why) {
        start = 'discarded';
        notice = `Your saved lab could not be restored (${why}), so it starts afresh.`;
      } else {
        try {
          this.lab = this.newSession(def, saved);
          this.scrollback = typeof saved.terminal === 'string' ? saved.terminal : '';
          const lab = this.lab.session.services.lab;
          if (saved.time?.paused) lab.pause();
          if ([1, 10, 60].includes(saved.time?.speed)) lab.speed(saved.time.speed);
          start = 'restored';
        } catch (e) {
          start = 'discarded';
          notice = `Your saved lab could not be restored (${(e as Error)?.message ?? 'it is damaged'}), so it starts afresh.`;
          this.lab = undefined;
        }
      }
    }
    this.lab ??= this.newSession(def);
    this.startTicker();
    // The prompt first: the goals' probes run right after and arrive through onGoals().
    setTimeout(() => void this.recheckGoals(), 0);
    return this.initResult(start, notice);
  }

  private unusable(saved: SavedLabState, def: LabDefinition): string | undefined {
    if (typeof saved !== 'object') return 'it is damaged';
    if (saved.version !== SAVED_STATE_VERSION) return 'it was saved by an older version of the lab';
    if (saved.labHash !== labHash(def)) return 'the lab has changed since';
    if (snapshotVersion(saved.cluster) !== SNAPSHOT_VERSION) return 'it was saved by an older version of the simulator';
    if (!saved.files || typeof saved.files !== 'object' || !Array.isArray(saved.history)) return 'it is damaged';
    return undefined;
  }

  private newSession(def: LabDefinition, saved?: SavedLabState): LabSession {
    const state: LabState | undefined = saved ? { cluster: saved.cluster as LabState['cluster'], files: saved.files, cwd: saved.cwd || HOME, history: saved.history } : undefined;
    return new LabSession(def, {
      output: { stdout: (t) => this.write(lf(t)), stderr: (t) => this.write(lf(t)) },
      columns: () => this.columns,
      openEditor: (fileName, content, signal) => this.openEditor(fileName, content, signal),
      readTerminal: (req, signal) => this.readTerminal(req, signal),
      state,
      onReset: () => (this.canUndo = true),
    });
  }

  private async initResult(start: InitResult['start'], notice?: string): Promise<InitResult> {
    return {
      start,
      notice,
      files: await this.listFiles(),
      nodes: await this.nodes(),
      time: await this.time(),
      goals: this.goalStatus,
      history: await this.history(),
      commands: this.def!.commands,
      canUndo: this.canUndo,
    };
  }

  private startTicker(): void {
    this.stopTicker?.();
    this.lastTick = this.timers.now();
    this.stopTicker = this.timers.every(TICK_MS, () => this.tick());
  }

  /** One real-time step: virtual time moves, then watchers hear of what changed. */
  tick(): void {
    const now = this.timers.now();
    const dt = Math.min(now - this.lastTick, 1000); // a throttled background tab does not jump ahead
    this.lastTick = now;
    try {
      this.lab?.session.tick(dt);
    } catch (e) {
      this.write(`\r\nlab: the simulator stopped: ${(e as Error).message}\r\n`);
      this.stopTicker?.();
    }
    this.afterChange();
  }

  private afterChange(): void {
    const lab = this.lab;
    if (!lab) return;
    const rv = lab.cluster.api.resourceVersion();
    const st = lab.session.services.lab.state();
    const timeKey = `${st.paused}:${st.speed}`;
    const changed = rv !== this.lastRv || timeKey !== this.lastTimeKey;
    const second = Math.floor(st.now / 1000);
    const wall = this.timers.now();
    const clockMoved = second !== this.lastSecond && wall - this.lastClockPost >= CLOCK_EVERY_MS;
    if (changed || clockMoved) {
      this.lastSecond = second;
      this.lastClockPost = wall;
      this.clockCb?.({ ...st });
    }
    if (changed) {
      this.lastRv = rv;
      this.lastTimeKey = timeKey;
      const info: ChangeInfo = { resourceVersion: String(rv), time: { ...st } };
      for (const cb of this.subscribers.values()) cb(info);
      void this.recheckGoals();
      this.dirty = true;
    }
    const t = this.timers.now();
    if (this.dirty && t - this.lastSave >= SAVE_EVERY_MS && this.dirtyCb) {
      this.dirty = false;
      this.lastSave = t;
      this.dirtyCb();
    }
  }

  // ---- terminal ----------------------------------------------------------------------------

  async attachTerminal(cb: TerminalCallbacks, columns: number): Promise<void> {
    this.term = cb;
    this.columns = columns || 80;
    const old = this.scrollback;
    this.scrollback = '';
    if (old) this.write(old.replace(/\r?\n?$/, '') + '\r\n\x1b[2m(restored)\x1b[0m\r\n');
    else this.write(`\x1b[1m${this.def?.title ?? 'Lab'}\x1b[0m: type a command, or \x1b[1mhelp\x1b[0m. Tab completes, arrows recall history.\r\n`);
    this.editor.prompt(this.lab?.session.prompt() ?? '$ ');
    this.flush();
  }

  async input(data: string): Promise<void> {
    const s = this.lab?.session;
    if (!s) return;
    if (this.running) {
      // While a command runs, Ctrl-C stops it (a watch, a sleep...) and drops what was typed
      // ahead; other keys wait for the next prompt, shown as a terminal echoes them. Not while
      // kubectl edit has the page's editor open: there the keys would have gone to the editor.
      if (data.includes('\x03')) {
        this.typeahead.clear();
        this.write('^C\r\n');
        s.interrupt();
      } else if (!this.edit) {
        const echo = this.typeahead.add(data);
        if (!this.reading || this.reading.echo) this.write(echo);
        this.feedRead();
      }
      return;
    }
    for (const ev of this.editor.feed(data)) {
      if (ev.type === 'interrupt') {
        this.pendingLines = [];
        this.promptNow();
      } else if (ev.type === 'eof') {
        if (s.ended || (await s.eof()) === 'ended') {
          this.write('(the lab shell cannot be closed; type lab reset to start again)\r\n');
        }
        this.promptNow();
      } else if (ev.type === 'line') {
        this.pendingLines.push(ev.line);
        const src = this.pendingLines.join('\n');
        if (needsMore(src)) {
          this.editor.prompt('> ');
          continue;
        }
        this.pendingLines = [];
        await this.exec(src);
        this.promptNow();
      }
    }
    await this.readTypeahead();
  }

  /** At a prompt again: what was typed meanwhile is read now, as the shell reads the tty. */
  private async readTypeahead(): Promise<void> {
    if (this.running) return;
    const keys = this.typeahead.take();
    if (keys) await this.input(keys);
  }

  private promptNow(): void {
    this.editor.prompt(this.pendingLines.length ? '> ' : (this.lab?.session.prompt() ?? '$ '));
  }

  private exec(src: string): Promise<number> {
    const run = async () => {
      this.running = true;
      try {
        return await this.lab!.session.run(src);
      } finally {
        this.running = false;
        this.afterChange();
        this.dirty = true;
      }
    };
    const p = this.chain.then(run, run);
    this.chain = p.catch(() => undefined);
    return p;
  }

  async runCommand(line: string): Promise<number> {
    const s = this.lab?.session;
    if (!s) return 1;
    // A line sent while a command reads the terminal (the phone's input line) is what it reads.
    if (this.reading) {
      await this.input(`${line}\r`);
      return 0;
    }
    if (this.running) {
      this.typeahead.clear();
      this.write('^C\r\n');
      s.interrupt();
      await this.chain;
    }
    this.pendingLines = [];
    // Replace whatever was half typed at the prompt with the command, as if typed.
    this.write(`\r\x1b[K${s.prompt()}${line}\r\n`);
    const status = await this.exec(line);
    this.promptNow();
    void this.readTypeahead();
    return status;
  }

  async resize(columns: number): Promise<void> {
    if (columns > 10) this.columns = columns;
  }

  async complete(line: string, cursor: number): Promise<{ start: number; items: string[] }> {
    const c = this.lab!.session.complete(line, cursor);
    return { start: c.start, items: c.items };
  }

  async history(): Promise<string[]> {
    return [...(this.lab?.session.shell.history ?? [])];
  }

  private write(text: string): void {
    if (!text) return;
    this.outBuf += text;
    this.scrollback += text;
    if (this.scrollback.length > SCROLLBACK_CHARS * 1.5) this.scrollback = this.scrollback.slice(-SCROLLBACK_CHARS);
    if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(() => this.flush());
    }
  }

  private flush(): void {
    this.flushQueued = false;
    if (!this.term || !this.outBuf) return;
    const t = this.outBuf;
    this.outBuf = '';
    this.term.write(t);
  }

  // ---- files -------------------------------------------------------------------------------

  async listFiles(): Promise<LabFile[]> {
    const fs = this.lab!.fs;
    const out: LabFile[] = [];
    const walk = (dir: string) => {
      for (const name of fs.readdir(dir)) {
        const p = `${dir}/${name}`;
        const st = fs.stat(p);
        if (st.type === 'dir') walk(p);
        else out.push({ path: p, name: p.slice(HOME.length + 1), size: st.size });
      }
    };
    if (fs.exists(HOME)) walk(HOME);
    return out;
  }

  private path(name: string): string {
    const p = name.startsWith('/') ? name : `${HOME}/${name}`;
    if (p.split('/').includes('..')) throw new Error(`${name}: no .. in file names`);
    return p;
  }

  async readFile(name: string): Promise<string> {
    return this.lab!.fs.readFile(this.path(name));
  }

  async writeFile(name: string, content: string): Promise<void> {
    const p = this.path(name);
    const dir = p.slice(0, p.lastIndexOf('/'));
    if (dir && !this.lab!.fs.exists(dir)) this.lab!.fs.mkdir(dir, { recursive: true });
    this.lab!.fs.writeFile(p, content);
    this.dirty = true;
  }

  async createFile(name: string, content = ''): Promise<void> {
    if (this.lab!.fs.exists(this.path(name))) throw new Error(`${name}: file exists`);
    await this.writeFile(name, content);
  }

  async deleteFile(name: string): Promise<void> {
    this.lab!.fs.rm(this.path(name));
    this.dirty = true;
  }

  // ---- read ----------------------------------------------------------------------------------

  /**
   * services.readTerminal: the keys typed ahead and then typed while the command waits, echoed as
   * the terminal's line discipline echoes them (typeahead.ts), until a whole line (or `max` keys,
   * or Ctrl-D) is there. Ctrl-C aborts `signal` and ends the read with nothing.
   */
  private readTerminal(req: { echo: boolean; delim: string; max?: number }, signal?: Interrupt): Promise<string> {
    if (signal?.aborted) return Promise.resolve('');
    return new Promise((resolve) => {
      let stopWatching: (() => void) | undefined;
      const finish = (keys: string) => {
        if (this.reading !== reading) return;
        this.reading = undefined;
        stopWatching?.();
        resolve(keys);
      };
      const reading = { ...req, finish };
      this.reading = reading;
      stopWatching = signal?.onAbort(() => finish(''));
      this.feedRead();
    });
  }

  /** Hands the waiting read what it can take of the keys kept so far. */
  private feedRead(): void {
    if (!this.reading) return;
    const keys = this.typeahead.takeRead(this.reading.delim, this.reading.max);
    if (keys !== undefined) this.reading.finish(keys);
  }

  // ---- kubectl edit ------------------------------------------------------------------------

  /**
   * services.openEditor: shows the file in the page's editor and waits for Save (its text) or
   * Cancel (undefined). Ctrl-C in the terminal, a button that runs a command, or a reset aborts
   * `signal` (Session.interrupt), which cancels the edit and closes the editor's tab.
   */
  private openEditor(fileName: string, content: string, signal?: Interrupt): Promise<string | undefined> {
    if (signal?.aborted) return Promise.resolve(undefined);
    this.edit?.finish(undefined);
    return new Promise((resolve) => {
      const request: EditRequest = { id: this.nextEditId++, fileName, content };
      let stopWatching: (() => void) | undefined;
      const finish = (text: string | undefined) => {
        if (this.edit?.request !== request) return;
        this.edit = undefined;
        stopWatching?.();
        this.emitEdit({ type: 'close', id: request.id });
        resolve(text);
      };
      this.edit = { request, finish };
      stopWatching = signal?.onAbort(() => finish(undefined));
      this.write(`\x1b[2m(editing ${fileName} in the editor: Save and apply, or Cancel; Ctrl-C here cancels)\x1b[0m\r\n`);
      this.emitEdit({ type: 'open', request });
    });
  }

  private emitEdit(e: EditEvent): void {
    for (const cb of this.editListeners.values()) {
      // A Comlink proxy returns a promise; a page that went away must not stop kubectl.
      Promise.resolve()
        .then(() => cb(e))
        .catch(() => undefined);
    }
  }

  async onEdit(cb: (event: EditEvent) => void): Promise<number> {
    const id = this.nextEditListener++;
    this.editListeners.set(id, cb);
    return id;
  }

  async offEdit(id: number): Promise<void> {
    this.editListeners.delete(id);
  }

  async pendingEdit(): Promise<EditRequest | undefined> {
    return this.edit?.request;
  }

  async finishEdit(id: number, content?: string): Promise<void> {
    if (this.edit?.request.id === id) this.edit.finish(typeof content === 'string' ? content : undefined);
  }

  // ---- cluster reads -----------------------------------------------------------------------

  async list(resource: string, namespace?: string): Promise<unknown[]> {
    return this.lab!.cluster.api.list(resource, namespace).items as unknown[];
  }

  async get(resource: string, namespace: string | undefined, name: string): Promise<unknown | undefined> {
    try {
      return this.lab!.cluster.api.get(resource, namespace, name);
    } catch {
      return undefined;
    }
  }

  async events(namespace?: string, limit = 200): Promise<ClusterEvent[]> {
    type Ev = KubeObject & { involvedObject?: { kind?: string; name?: string }; lastTimestamp?: string; eventTime?: string; firstTimestamp?: string; type?: string; reason?: string; message?: string; count?: number };
    const items = this.lab!.cluster.api.list('events', namespace).items as Ev[];
    const evs = items.map((e) => ({
      namespace: e.metadata?.namespace ?? '',
      lastTimestamp: e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? '',
      type: e.type ?? 'Normal',
      reason: e.reason ?? '',
      object: `${(e.involvedObject?.kind ?? '').toLowerCase()}/${e.involvedObject?.name ?? ''}`,
      message: e.message ?? '',
      count: e.count ?? 1,
    }));
    evs.sort((a, b) => (a.lastTimestamp < b.lastTimestamp ? -1 : a.lastTimestamp > b.lastTimestamp ? 1 : 0));
    return evs.slice(-limit);
  }

  async probe(line: string): Promise<{ status: number; out: string }> {
    return this.lab!.probe(line);
  }

  async subscribe(cb: (change: ChangeInfo) => void): Promise<number> {
    const id = this.nextSub++;
    this.subscribers.set(id, cb);
    return id;
  }

  async unsubscribe(id: number): Promise<void> {
    this.subscribers.delete(id);
  }

  async nodes(): Promise<NodeInfo[]> {
    const lab = this.lab!;
    const nodes = lab.cluster.api.list('nodes').items as (KubeObject & { status?: { conditions?: { type: string; status: string }[] } })[];
    return nodes.map((n) => {
      let state: NodeInfo['state'] = 'unknown';
      try {
        state = lab.session.services.runtime.nodeState(n.metadata.name!) ?? 'unknown';
      } catch {
        state = 'unknown';
      }
      return { name: n.metadata.name!, state, ready: n.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'Unknown' };
    });
  }

  // ---- time --------------------------------------------------------------------------------

  async time(): Promise<TimeState> {
    return { ...this.lab!.session.services.lab.state() };
  }

  async setPaused(paused: boolean): Promise<TimeState> {
    const lab = this.lab!.session.services.lab;
    if (paused) lab.pause();
    else lab.resume();
    this.afterChange();
    return this.time();
  }

  async setSpeed(speed: number): Promise<TimeState> {
    this.lab!.session.services.lab.speed(speed);
    this.afterChange();
    return this.time();
  }

  async skipToNext(): Promise<TimeState> {
    this.lab!.session.services.lab.skipToNext();
    this.afterChange();
    return this.time();
  }

  // ---- goals -------------------------------------------------------------------------------

  async goals(): Promise<GoalStatus[]> {
    return this.goalStatus;
  }

  async onClock(cb: (time: TimeState) => void): Promise<void> {
    this.clockCb = cb;
  }

  async onGoals(cb: (goals: GoalStatus[]) => void): Promise<void> {
    this.goalsCb = cb;
    cb(this.goalStatus);
  }

  /** Re-runs every probe; coalesces calls that come while probes run. */
  private async recheckGoals(): Promise<void> {
    if (!this.lab || !this.def) return;
    if (this.goalsRunning) {
      this.goalsAgain = true;
      return;
    }
    this.goalsRunning = true;
    try {
      do {
        this.goalsAgain = false;
        const results = await this.lab.checkGoals();
        const next: GoalStatus[] = this.def.goals.map((g, i) => ({ id: g.id, title: g.title, passed: results[i].passed, actual: results[i].actual, hints: g.hints }));
        const changed = JSON.stringify(next.map((g) => [g.id, g.passed])) !== JSON.stringify(this.goalStatus.map((g) => [g.id, g.passed]));
        this.goalStatus = next;
        if (changed) {
          this.goalsCb?.(next);
          this.dirty = true;
        }
      } while (this.goalsAgain);
    } finally {
      this.goalsRunning = false;
    }
  }

  // ---- state -------------------------------------------------------------------------------

  async save(): Promise<SavedLabState> {
    const st = this.lab!.save();
    return {
      version: SAVED_STATE_VERSION,
      labId: this.labId,
      labHash: labHash(this.def!),
      savedAt: 0, // the page stamps real time
      cluster: st.cluster,
      files: st.files,
      cwd: st.cwd,
      history: st.history.slice(-500),
      goalsPassed: this.goalStatus.filter((g) => g.passed).map((g) => g.id),
      shownSolution: false,
      time: await this.time(),
      terminal: this.scrollback.slice(-SCROLLBACK_CHARS),
    };
  }

  async onDirty(cb: () => void): Promise<void> {
    this.dirtyCb = cb;
  }

  async reset(): Promise<InitResult> {
    await this.runCommand('lab reset');
    this.canUndo = this.lab!.canUndoReset;
    this.afterChange();
    await this.recheckGoals();
    return this.initResult('fresh');
  }

  async undoReset(): Promise<InitResult | false> {
    const lab = this.lab!;
    if (this.running) {
      this.typeahead.clear();
      lab.session.interrupt();
      await this.chain;
    }
    if (!lab.undoReset()) return false;
    this.canUndo = false;
    this.write(`\r\x1b[K\x1b[2m(reset undone: the cluster and files are back as they were)\x1b[0m\r\n`);
    this.promptNow();
    this.dirty = true;
    this.afterChange();
    await this.recheckGoals();
    return this.initResult('restored');
  }

  /** Stops the ticker and background jobs (the page is closing the lab). */
  async close(): Promise<void> {
    this.stopTicker?.();
    await this.lab?.session.close();
  }
}

/** The shell writes \n; a terminal needs \r\n. */
function lf(t: string): string {
  return t.replace(/\r?\n/g, '\r\n');
}
