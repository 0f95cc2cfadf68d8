import { describe, expect, it } from 'vitest';
import { onLabRunRequest, requestLabRun } from './lab-run.ts';

describe('lab run requests', () => {
  it('reach a lab that listens, which takes them', () => {
    const page = new EventTarget();
    const ran: string[] = [];
    const stop = onLabRunRequest((command) => (ran.push(command), true), page);
    expect(requestLabRun('kubectl get pods', page)).toBe(true);
    expect(ran).toEqual(['kubectl get pods']);
    stop();
    expect(requestLabRun('kubectl get pvc', page)).toBe(false);
    expect(ran).toEqual(['kubectl get pods']);
  });

  it('are not taken when no lab listens, or the lab declines', () => {
    const page = new EventTarget();
    expect(requestLabRun('kubectl get pods', page)).toBe(false);
    onLabRunRequest(() => false, page);
    expect(requestLabRun('kubectl get pods', page)).toBe(false);
  });

  it('go to one lab only when two labs share a page', () => {
    const page = new EventTarget();
    const first: string[] = [];
    const second: string[] = [];
    onLabRunRequest((c) => (first.push(c), true), page);
    onLabRunRequest((c) => (second.push(c), true), page);
    expect(requestLabRun('hostname', page)).toBe(true);
    expect([first, second]).toEqual([['hostname'], []]);
  });

  it('are a no-op outside a browser', () => {
    expect(requestLabRun('kubectl get pods', undefined)).toBe(false);
    expect(() => onLabRunRequest(() => true, undefined)()).not.toThrow();
  });
});
