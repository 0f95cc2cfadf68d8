// Starts the lab's Web Worker and wraps it with comlink. Loaded only when a lab opens.
import * as Comlink from 'comlink';
import type { LabClient, LabWorkerApi } from './protocol.ts';

export interface OpenedLab {
  client: LabClient;
  /** Ends the worker (and everything in it). */
  close(): void;
  /** Called if the worker fails to load or throws at the top level. */
  onError(cb: (message: string) => void): void;
}

export function openLab(): OpenedLab {
  // A module worker bundled by Vite from the same origin: no special headers, works offline.
  const worker = new Worker(new URL('../../sandbox/hosts/worker/worker.ts', import.meta.url), { type: 'module', name: 'statefulset-lab' });
  const client = Comlink.wrap<LabWorkerApi>(worker);
  let errorCb: ((m: string) => void) | undefined;
  let pending: string | undefined;
  worker.addEventListener('error', (e) => {
    const m = e.message || 'the simulator could not load';
    if (errorCb) errorCb(m);
    else pending = m;
  });
  return {
    client,
    onError: (cb) => {
      errorCb = cb;
      if (pending) cb(pending);
    },
    close: () => {
      client[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

export { Comlink };
