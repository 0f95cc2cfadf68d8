// The contract between the learner's shell, the commands it runs (kubectl, lab, grep...) and
// the host that owns the cluster. Commands are async because some wait on virtual time
// (`sleep`, `kubectl get -w`, `kubectl rollout status`) and stop on Ctrl-C.
import type { ApiClient } from '../cluster/api/client.ts';
import type { FileSystem } from '../cluster/fs.ts';
import type { ClusterNetwork, HttpRequest, HttpResponse, KubeletRuntime, NetError } from '../cluster/runtime-api.ts';

/** Ctrl-C: a command checks `aborted` or registers a callback. */
export interface Interrupt {
  readonly aborted: boolean;
  onAbort(cb: () => void): () => void;
}

export interface CommandIO {
  argv: string[]; // argv[0] is the command name
  stdin: string; // what a pipe, redirection or here-document fed in; '' otherwise
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string>;
  cwd: string;
  fs: FileSystem;
  signal: Interrupt;
  isTTY: boolean;
  columns: number;
}

/** Exit status (0 success). */
export interface Command {
  (io: CommandIO, services: Services): Promise<number>;
  /**
   * For a program that can be the last stage of a pipe and take its input line by line as it
   * arrives (grep, awk), as a real pipe feeds it: `kubectl get pods -w | grep web` shows each
   * line at once. `io` is what the program would get, without stdin. Undefined when these
   * arguments need the whole input first (or a file, or options that count to the end).
   */
  lineStage?(io: CommandIO, services: Services): LineStage | undefined;
}

/**
 * A pipe's last stage fed line by line: `line` gets each line (without its newline; `unterminated`
 * for a last line that had none), `end` the exit status once the input ends. `done` says the
 * program has exited before its input ended (`grep -m 1`, `head -n 3`, awk's `exit`): it reads
 * no more, and the stage writing to it dies at its next write, as a writer to a closed pipe does.
 */
export interface LineStage {
  line(text: string, unterminated?: boolean): void;
  end(): number;
  done?(): boolean;
}

export interface LabControls {
  nodeStop(name: string): void;
  nodeCut(name: string): void;
  nodeStart(name: string): void;
  pause(): void;
  resume(): void;
  speed(factor: number): void;
  /** Moves virtual time forward now (does not wait in real time). */
  advance(ms: number): void;
  /** Jumps to the next scheduled change; returns the virtual ms skipped (0 when nothing is scheduled). */
  skipToNext(): number;
  reset(): void;
  state(): { paused: boolean; speed: number; now: number };
}

/** What the host gives every command. */
export interface Services {
  api: ApiClient;
  runtime: KubeletRuntime;
  network: ClusterNetwork;
  /** Current virtual time in ms since the epoch. */
  now(): number;
  /** Resolves after `ms` of virtual time has passed (rejects nothing; resolves early when interrupted). */
  sleep(ms: number, signal?: Interrupt): Promise<void>;
  /**
   * For watches and waits: resolves on the next change to the cluster (any API write, or with
   * `resources` a write to one of those resources, e.g. `['pods']`: pass them, since node
   * heartbeats write every 10 s), or when the host decides the wait is over: in a
   * non-interactive run once there has been no such change for `quietMs` of virtual time
   * (returns 'quiet'; a script's waits also end after an hour of virtual time); on Ctrl-C
   * (returns 'interrupted').
   */
  nextChange(quietMs: number, signal?: Interrupt, resources?: string[]): Promise<'changed' | 'quiet' | 'interrupted'>;
  /**
   * `kubectl edit`: hands the file's text to the page's editor and resolves with the saved text,
   * or undefined when the learner closed it without saving (Cancel) or `signal` was aborted
   * (Ctrl-C). Undefined when there is no editor (CLI, tests).
   */
  openEditor?(fileName: string, content: string, signal?: Interrupt): Promise<string | undefined>;
  /**
   * `read` whose standard input is the terminal (`read -p "Name? " name` at the prompt): the keys
   * the learner types next, as a tty hands them to a reading program. What was typed ahead while
   * the command ran comes first. Resolves with the characters up to and including `delim` (Enter
   * is '\n'; until then Backspace corrects the line), or `max` characters, or what was typed
   * before Ctrl-D (nothing at the start of a line: end of file), or '' when `signal` is aborted.
   * Echoed unless `echo` is false (`read -s`). Undefined where no one types (CLI scripts, tests):
   * there `read` finds the end of its input.
   */
  readTerminal?(req: { echo: boolean; delim: string; max?: number }, signal?: Interrupt): Promise<string>;
  lab: LabControls;
  /**
   * True when a person is at the terminal (browser, `npm run sim` in a TTY): time runs on its own
   * and waits end only on Ctrl-C. False in `npm run sim -- FILE` and tests: time moves only
   * through sleep and waits, and waits end once the cluster is quiet.
   */
  interactive: boolean;
  /**
   * `localhost:<port>` on the learner's machine: `kubectl proxy` calls
   * `services.listen?.(8001, (req) => services.network.proxy(req.path, req))` and calls the
   * returned function when it stops (Ctrl-C or `kill %1`). `curl localhost:8001/...` then reaches it.
   * Undefined when something already serves the port (another listen, a `kubectl proxy &` job):
   * the caller reports `address already in use`. A handler may answer with a network error
   * (kubectl port-forward to a port nothing listens on in the pod).
   */
  listen?(port: number, handler: (req: HttpRequest) => HttpResponse | NetError): (() => void) | undefined;
  /**
   * `kubectl exec -it POD -- sh`: the host hands its terminal to `shell` until it exits and
   * resolves with its exit status. Undefined where there is no terminal. `runInContainer` from
   * container.ts calls this; kubectl need not.
   */
  attach?(shell: InteractiveShell): Promise<number>;
  /** The Services a background job (`cmd &`) gets: its waits never move virtual time. */
  background?: Services;
}

/** A shell the host drives line by line (a container's `sh` after `kubectl exec -it`). */
export interface InteractiveShell {
  prompt(): string;
  /** Runs one complete input; resolves with the exit status when the shell exits, else undefined. */
  run(src: string, out: { stdout(text: string): void; stderr(text: string): void }, signal: Interrupt): Promise<number | undefined>;
  /** Ctrl-D on an empty line: the exit status. */
  eof(): number;
  /** Command names for Tab. */
  completions(): string[];
}
