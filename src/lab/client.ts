// Starts the lab's Web Worker and wraps it with comlink. Loaded only when a lab opens.
import * as Comlink from 'comlink';
import type { LabClient, LabWorkerApi } from './protocol.ts';

export interface OpenedLab {
  client: LabClient;
  /** Ends the worker (and everything in it). */
  close(): void;
}

export function openLab(): OpenedLab {
  // A module worker bundled by Vite from the same origin: no special headers, works offline.
  const worker = new Worker(new URL('../../sandbox/hosts/worker/worker.ts', import.meta.url), { type: 'module', name: 'statefulset-lab' });
  const client = Comlink.wrap<LabWorkerApi>(worker);
  return {
    client,
    close: () => {
      client[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

export { Comlink };
