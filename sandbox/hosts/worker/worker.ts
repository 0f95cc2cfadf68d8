// The lab's Web Worker (a module worker): one LabHost, exposed to the page over comlink.
// Started by src/lab/client.ts with
//   new Worker(new URL('../../sandbox/hosts/worker/worker.ts', import.meta.url), { type: 'module' })
// so Vite bundles it (and kubectl's lazy chunk) with the site: no CDN, works offline.
import * as Comlink from 'comlink';
import { LabHost } from './host.ts';

Comlink.expose(new LabHost());
