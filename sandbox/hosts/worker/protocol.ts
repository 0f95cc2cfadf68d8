// The typed RPC between the lab page (src/lab/) and its Web Worker (worker.ts here), over
// comlink. The page re-exports these types from src/lab/protocol.ts. Callbacks given to the
// worker must be wrapped in `Comlink.proxy(fn)`; everything else is structured-clone data.
import type { LabDefinition } from '../../lab/schema.ts';

export type { LabDefinition };

/** Bump when the saved shape changes: older saved states are discarded with a notice. */
export const SAVED_STATE_VERSION = 1;

/** What the page stores in IndexedDB for one lab (key `statefulset-lab:lab:<labId>`). */
export interface SavedLabState {
  version: number;
  labId: string;
  /** Hash of the lab definition the state was made from: a changed lab.yaml discards the state. */
  labHash: string;
  savedAt: number; // real ms (Date.now() in the page)
  cluster: unknown; // Cluster.snapshotJSON()'s text (or, saved before, a ClusterSnapshot object): sandbox/cluster/cluster.ts
  files: Record<string, string>; // working folder: path → content (MemoryFs.save())
  cwd: string;
  history: string[];
  goalsPassed: string[];
  shownSolution: boolean;
  time: TimeState;
  /** The end of the terminal's output (replayed on reload so the learner sees where they were). */
  terminal: string;
}

export interface TimeState {
  paused: boolean;
  speed: number; // 1, 10 or 60
  now: number; // virtual ms since the epoch
}

/** A file in the learner's working folder (the editor's tabs). Paths are absolute. */
export interface LabFile {
  path: string; // '/home/learner/web.yaml'
  name: string; // 'web.yaml' (relative to the home folder)
  size: number;
}

export interface GoalStatus {
  id: string;
  title: string;
  passed: boolean;
  /** What the probe printed (trimmed), for "why not yet". */
  actual?: string;
  hints: string[];
}

export interface ClusterEvent {
  namespace: string;
  lastTimestamp: string; // ISO
  type: string; // Normal | Warning
  reason: string;
  object: string; // 'pod/web-0'
  message: string;
  count: number;
}

export interface ChangeInfo {
  resourceVersion: string;
  time: TimeState;
}

export interface NodeInfo {
  name: string;
  /** The machine, as `lab nodes` prints it. */
  state: 'running' | 'stopped' | 'cut' | 'unknown';
  /** The Node's Ready condition status as Kubernetes sees it: 'True' | 'False' | 'Unknown'. */
  ready: string;
}

export interface InitResult {
  /** 'fresh': started from lab.yaml; 'restored': from the saved state; 'discarded': a saved state was unusable. */
  start: 'fresh' | 'restored' | 'discarded';
  /** Why a saved state was discarded (shown to the learner). */
  notice?: string;
  files: LabFile[];
  nodes: NodeInfo[];
  time: TimeState;
  goals: GoalStatus[];
  history: string[];
  /** Starter commands from lab.yaml (phone suggestions). */
  commands: string[];
  /** True when reset() was done and undoReset() can put the state back. */
  canUndo: boolean;
}

/** `kubectl edit` waiting for the page's editor: the temporary file it wrote and its text. */
export interface EditRequest {
  /** New for every time kubectl opens the editor (an invalid edit reopens it with a new id). */
  id: number;
  fileName: string; // '/tmp/kubectl-edit-1234567.yaml'
  content: string;
}

/** What onEdit listeners hear: an edit to show, or that the one with this id is over (saved, cancelled, Ctrl-C). */
export type EditEvent = { type: 'open'; request: EditRequest } | { type: 'close'; id: number };

export interface TerminalCallbacks {
  /** Text for the terminal (ANSI, \r\n line ends). Wrap in Comlink.proxy. */
  write(text: string): void;
}

export interface LabWorkerApi {
  /** Creates the session: from `saved` if it is usable, else from the definition. */
  init(labId: string, lab: LabDefinition, saved?: SavedLabState): Promise<InitResult>;

  // ---- terminal ---------------------------------------------------------------------------
  /** Where terminal output goes (call once, before or after init; re-calling replaces). Then the prompt is printed. */
  attachTerminal(cb: TerminalCallbacks, columns: number): Promise<void>;
  /** Raw keystrokes from xterm's onData. */
  input(data: string): Promise<void>;
  resize(columns: number, rows: number): Promise<void>;
  /**
   * Types `line` visibly at the prompt and runs it (Apply, time and node buttons, the phone
   * input, suggestions). If a command is running, it is interrupted first. Resolves with the exit status.
   */
  runCommand(line: string): Promise<number>;
  /** Tab completion for the phone input: replaces line[start..cursor] with one of items. */
  complete(line: string, cursor: number): Promise<{ start: number; items: string[] }>;
  history(): Promise<string[]>;

  // ---- working folder ---------------------------------------------------------------------
  listFiles(): Promise<LabFile[]>;
  /** `name` relative to the home folder, or an absolute path. Rejects with ENOENT text. */
  readFile(name: string): Promise<string>;
  writeFile(name: string, content: string): Promise<void>;
  /** Like writeFile but rejects if the file exists. */
  createFile(name: string, content?: string): Promise<void>;
  deleteFile(name: string): Promise<void>;

  // ---- kubectl edit ------------------------------------------------------------------------
  /**
   * `cb` hears every `kubectl edit` that opens the editor and when it closes. Returns an id for
   * offEdit. kubectl waits until finishEdit (or Ctrl-C in the terminal).
   */
  onEdit(cb: (event: EditEvent) => void): Promise<number>;
  offEdit(id: number): Promise<void>;
  /** The edit kubectl is waiting for now, if any (for an editor that mounts after it opened). */
  pendingEdit(): Promise<EditRequest | undefined>;
  /** Saves (content) or cancels (undefined) the edit with this id; kubectl then goes on. */
  finishEdit(id: number, content?: string): Promise<void>;

  // ---- cluster reads ----------------------------------------------------------------------
  /** Plain API objects (deep copies) of a resource ('pods', 'nodes', 'statefulsets', 'persistentvolumeclaims', ...). */
  list(resource: string, namespace?: string): Promise<unknown[]>;
  get(resource: string, namespace: string | undefined, name: string): Promise<unknown | undefined>;
  /** Newest last; at most `limit` (default 200). */
  events(namespace?: string, limit?: number): Promise<ClusterEvent[]>;
  /**
   * Runs a command line silently (not in the terminal, not in history), e.g. for details:
   * `kubectl exec web-0 -- ls /usr/share/nginx/html`. Output is stdout only.
   */
  probe(line: string): Promise<{ status: number; out: string }>;
  /**
   * `cb` is called after every settled change (API write), at most 10 times a second, with the
   * resourceVersion; also when time state changes. Returns an id for unsubscribe.
   */
  subscribe(cb: (change: ChangeInfo) => void): Promise<number>;
  unsubscribe(id: number): Promise<void>;

  nodes(): Promise<NodeInfo[]>;

  // ---- time ------------------------------------------------------------------------------
  /** Direct controls (the buttons use runCommand('lab time ...') so the learner sees them). */
  time(): Promise<TimeState>;
  setPaused(paused: boolean): Promise<TimeState>;
  setSpeed(speed: number): Promise<TimeState>;
  skipToNext(): Promise<TimeState>;

  // ---- goals -----------------------------------------------------------------------------
  goals(): Promise<GoalStatus[]>;
  /** `cb` is called whenever any goal's status changes (and once right away). */
  onGoals(cb: (goals: GoalStatus[]) => void): Promise<void>;
  /**
   * The virtual clock, each time its second changes (at most every 250 ms of wall time), also
   * while the cluster is quiet and subscribe() hears nothing: for the clock the page shows.
   */
  onClock(cb: (time: TimeState) => void): Promise<void>;

  // ---- state -----------------------------------------------------------------------------
  /** The state to persist now (the page stores it). */
  save(): Promise<SavedLabState>;
  /** `cb` is called (debounced ~500 ms) whenever the state changed and should be saved. */
  onDirty(cb: () => void): Promise<void>;
  /** Back to lab.yaml's start; the previous state is kept for undoReset(). */
  reset(): Promise<InitResult>;
  /** Restores the state from before the last reset (false if there is none). */
  undoReset(): Promise<InitResult | false>;
}

