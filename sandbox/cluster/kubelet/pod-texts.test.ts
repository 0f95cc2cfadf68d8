import { describe, expect, it } from 'vitest';
import { PodTexts } from './pod-texts.ts';
import type { NodeRuntime, PodRuntime } from './runtime-state.ts';

const pod = (uid: string, extra: Record<string, unknown> = {}) =>
  ({ uid, namespace: 'default', name: uid, spec: { containers: [] }, stage: 'running', sandboxReady: true, containers: [], mountedPVs: {}, ...extra }) as unknown as PodRuntime;

describe('PodTexts.nodesJSON: JSON.stringify(nodes), the same text', () => {
  it('in JSON.stringify\'s key order and without undefined fields, whatever the keys and field history', () => {
    const a = pod('7', { podIP: undefined, nextWake: 5 });
    const b = pod('b-uid');
    const pods: Record<string, PodRuntime> = { 'b-uid': b, '7': a };
    const node = { name: '2', index: 0, power: 'running', bootID: '', images: {}, pullBusyUntil: 0, nextIP: 2, pods, hbTimer: undefined, lastReportSig: '["a\\"b"]' } as unknown as NodeRuntime;
    // Integer-like names come first in JSON.stringify (and Object.keys), whatever the insertion order.
    const nodes = { zeta: { ...node, name: 'zeta', pods: {} }, '2': node } as Record<string, NodeRuntime>;
    const texts = new PodTexts();
    expect(texts.nodesJSON(nodes)).toBe(JSON.stringify(nodes));
    // A field deleted and added again moves to the end; a pod removed and added again too.
    delete (node as any).index;
    (node as any).index = 0;
    delete pods['7'];
    pods['9'] = pod('9');
    pods['7'] = a;
    expect(texts.nodesJSON(nodes)).toBe(JSON.stringify(nodes));
  });

  it('keeps a pod text until dropped: a change made without drop is not seen (the reason kubelet.ts drops)', () => {
    const a = pod('a');
    const nodes = { n: { name: 'n', pods: { a } } } as unknown as Record<string, NodeRuntime>;
    const texts = new PodTexts();
    const before = texts.nodesJSON(nodes);
    a.stage = 'terminated';
    expect(texts.nodesJSON(nodes)).toBe(before);
    texts.drop(a);
    expect(texts.nodesJSON(nodes)).toBe(JSON.stringify(nodes));
    expect(texts.nodesJSON(nodes)).not.toBe(before);
  });
});
