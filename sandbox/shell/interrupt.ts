// Ctrl-C as a value: the host aborts the foreground command's Interruptor; a background job has
// its own, aborted by `kill %N`. Commands see only the read side (Interrupt from types.ts).
import type { Interrupt } from './types.ts';

export class Interruptor implements Interrupt {
  private callbacks: (() => void)[] = [];
  private done = false;

  get aborted(): boolean {
    return this.done;
  }

  onAbort(cb: () => void): () => void {
    if (this.done) {
      cb();
      return () => {};
    }
    this.callbacks.push(cb);
    return () => {
      this.callbacks = this.callbacks.filter((c) => c !== cb);
    };
  }

  abort(): void {
    if (this.done) return;
    this.done = true;
    const cbs = this.callbacks;
    this.callbacks = [];
    for (const cb of cbs) cb();
  }
}

/** Lets pending promise chains run (a macrotask turn): no wall clock is read. */
export function yieldTurn(): Promise<void> {
  const g = globalThis as { setImmediate?: (cb: () => void) => unknown; setTimeout?: (cb: () => void, ms: number) => unknown };
  return new Promise((resolve) => (g.setImmediate ? g.setImmediate(resolve) : g.setTimeout ? g.setTimeout(resolve, 0) : queueMicrotask(resolve)));
}

declare function queueMicrotask(cb: () => void): void;
