// The typed RPC between the lab page and its Web Worker (sandbox/hosts/worker/worker.ts), over
// comlink. The page holds a `LabClient` (= Remote<LabWorkerApi>, from `openLab()` in client.ts);
// every method returns a Promise on the page side. Callbacks given to the worker must be wrapped
// in `Comlink.proxy(fn)`. Everything else crossing the boundary is plain structured-clone data.
// The definitions live beside the worker (sandbox/ imports nothing from src/); this file adds
// what only the page needs.
import type { Remote } from 'comlink';
import type { LabFile, LabWorkerApi } from '../../sandbox/hosts/worker/protocol.ts';

export * from '../../sandbox/hosts/worker/protocol.ts';

export type LabClient = Remote<LabWorkerApi>;

/** Props the lab gives the other helper's components. */
export interface EditorProps {
  client: LabClient;
  files: LabFile[];
  activeFile?: string; // name
  /** Runs `kubectl apply -f <name>` visibly in the terminal. */
  onApply(name: string): void;
  /** Where unsaved edits are kept across a reload (src/lab/editor-drafts.ts): the lab's id. */
  draftKey?: string;
  /** Filled in by the editor: what the lab asks of it (reset). */
  control?: { current: EditorControl | null };
}
export interface EditorControl {
  /** Reset is coming: edits not yet written are dropped (they would land after it), and the
   *  files are shown as the lab has them once it is done. */
  discardPending(): void;
}
export interface ClusterViewProps {
  client: LabClient;
}
