// A lab running: the shell Session built from a LabDefinition (its nodes, initial objects and
// starter files), its goals checked by kubectl probes that never touch the terminal, and its
// state as plain JSON (save, restore, reset with undo). No DOM: the browser worker and the tests
// drive it the same way.
import { Cluster, type ClusterSnapshot } from '../cluster/cluster.ts';
import { DEFAULT_CLUSTER_SPEC, type NodeSpec } from '../cluster/components.ts';
import { MemoryFs } from '../cluster/fs.ts';
import { resourceForKind } from '../cluster/api/resources.ts';
import type { KubeObject } from '../cluster/api/client.ts';
import { Session } from '../shell/session.ts';
import { labCommand } from '../shell/lab-command.ts';
import { Interruptor } from '../shell/interrupt.ts';
import type { GoalExpect, LabDefinition, LabGoal } from './schema.ts';

export const HOME = '/home/learner';

export interface GoalResult {
  id: string;
  passed: boolean;
  actual: string;
}

/** What a lab's state is, as JSON. */
export interface LabState {
  /**
   * The cluster as Cluster.snapshotJSON's text (what save() gives: cheaper to make, to post from
   * a worker and to store than the object), or as a snapshot object (states saved before).
   */
  cluster: ClusterSnapshot | string;
  files: Record<string, string>;
  cwd: string;
  history: string[];
}

export interface LabSessionOptions {
  output: { stdout(text: string): void; stderr(text: string): void };
  columns?: () => number;
  /** Start from this state instead of the definition's (throws if it cannot be restored). */
  state?: LabState;
  openEditor?: Session['services']['openEditor'];
  readTerminal?: Session['services']['readTerminal'];
  /** After a reset (the button or `lab reset` typed). */
  onReset?: () => void;
  /** False for scripts and tests: time moves only with sleeps and waits, watches end when quiet. Default true. */
  interactive?: boolean;
}

/** Does the probe's output meet the expectation? Output is trimmed; numbers compare by value. */
export function meetsExpectation(expect: GoalExpect, output: string): boolean {
  const out = output.trim();
  if ('equals' in expect) return out === expect.equals.trim();
  if ('matches' in expect) return new RegExp(expect.matches, 'm').test(out);
  return out !== '' && Number(out) === expect.number;
}

/** The lab's starting cluster: its nodes, then its initial objects created through the API. */
export function createLabCluster(def: LabDefinition, seed = def.seed): Cluster {
  const nodes: NodeSpec[] | undefined = def.nodes?.map((n) => ({ ...DEFAULT_CLUSTER_SPEC.nodes[0], zone: undefined, ...n }));
  const cluster = Cluster.create({ seed, spec: nodes ? { nodes } : undefined });
  for (const obj of def.initial) {
    const kind = String(obj.kind);
    const info = resourceForKind(kind);
    if (!info) throw new Error(`lab.yaml: initial: the simulator has no kind ${kind}`);
    const meta = (obj.metadata ?? {}) as { namespace?: string };
    cluster.api.create(info.resource, info.namespaced ? (meta.namespace ?? 'default') : undefined, JSON.parse(JSON.stringify(obj)) as KubeObject);
    cluster.settle();
  }
  return cluster;
}

export class LabSession {
  readonly def: LabDefinition;
  readonly session: Session;
  readonly fs: MemoryFs;
  /** The state before the last reset, for undo. */
  private beforeReset: LabState | undefined;
  private restoring: LabState['cluster'] | undefined;

  constructor(def: LabDefinition, opts: LabSessionOptions) {
    this.def = def;
    this.restoring = opts.state?.cluster;
    this.fs = new MemoryFs({ now: () => this.session?.cluster.clock.now() ?? 0, files: { [HOME + '/']: '' } });
    this.session = new Session({
      seed: def.seed,
      interactive: opts.interactive ?? true,
      output: opts.output,
      columns: opts.columns,
      fs: this.fs,
      home: HOME,
      cwd: opts.state?.cwd ?? HOME,
      openEditor: opts.openEditor,
      readTerminal: opts.readTerminal,
      createCluster: (seed) => {
        const snap = this.restoring;
        this.restoring = undefined;
        return snap ? restoreCluster(snap) : createLabCluster(def, seed);
      },
      programs: {
        // `lab reset` typed or run by the button: keep what was there for undo.
        lab: (io, services) => {
          if (io.argv[1] === 'reset') this.beforeReset = this.save();
          return labCommand(io, services);
        },
      },
      onReset: () => {
        this.writeStarterFiles();
        opts.onReset?.();
      },
    });
    if (opts.state) {
      this.fs.load({ [HOME + '/']: '', ...opts.state.files });
      this.session.shell.history.push(...opts.state.history);
    } else this.writeStarterFiles();
  }

  get cluster(): Cluster {
    return this.session.cluster;
  }

  save(): LabState {
    return {
      cluster: this.session.cluster.snapshotJSON(),
      files: this.fs.save(),
      cwd: this.session.shell.cwd,
      history: [...this.session.shell.history],
    };
  }

  get canUndoReset(): boolean {
    return this.beforeReset !== undefined;
  }

  /** Puts back the state from before the last reset. */
  undoReset(): boolean {
    const s = this.beforeReset;
    if (!s) return false;
    this.beforeReset = undefined;
    this.session.cluster = restoreCluster(s.cluster);
    this.fs.load({ [HOME + '/']: '', ...s.files });
    return true;
  }

  /** Runs a probe (a kubectl command line) on the cluster without the terminal; never throws. */
  async probe(line: string): Promise<{ status: number; out: string }> {
    let out = '';
    // Its own shell: a probe runs while the learner's command may be waiting on the cluster
    // (kubectl run --rm, delete, wait), and must not touch the `$?` that command will set.
    const sh = this.session.shell.sibling();
    try {
      const status = await sh.run(line, {
        stdin: '',
        out: (t) => void (out += t),
        err: () => {},
        signal: new Interruptor(),
        isTTY: false,
        background: true,
      });
      return { status, out };
    } catch (e) {
      return { status: 1, out: String((e as Error)?.message ?? e) };
    }
  }

  async checkGoal(goal: LabGoal): Promise<GoalResult> {
    const r = await this.probe(goal.probe);
    return { id: goal.id, passed: meetsExpectation(goal.expect, r.out), actual: r.out.trim().slice(0, 400) };
  }

  async checkGoals(): Promise<GoalResult[]> {
    const results: GoalResult[] = [];
    for (const g of this.def.goals) results.push(await this.checkGoal(g));
    return results;
  }

  private writeStarterFiles(): void {
    const files: Record<string, string> = { [HOME + '/']: '' };
    for (const [name, content] of Object.entries(this.def.files)) files[`${HOME}/${name}`] = content;
    this.fs.load(files);
  }
}

function restoreCluster(saved: LabState['cluster']): Cluster {
  return typeof saved === 'string' ? Cluster.restoreJSON(saved) : Cluster.restore(saved);
}
