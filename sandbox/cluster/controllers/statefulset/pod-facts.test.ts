import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../api/clone.ts';
import type { Pod } from '../../types.ts';
import { factsAvailable, ordinalOf, podFacts } from './pod-facts.ts';

const readyPod = (name: string, since: string): Pod => ({
  metadata: { name, namespace: 'default', uid: 'u', labels: { 'controller-revision-hash': 'web-1' } },
  spec: { containers: [] },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: since }] },
});

describe('podFacts (stateful_set_utils.go and podutil.IsPodAvailable, read once per stored pod)', () => {
  it('reads ordinal, phase, readiness and revision', () => {
    const f = podFacts(deepFreeze(readyPod('web-12', '2026-01-01T00:00:00Z')));
    expect([f.parent, f.ordinal, f.phase, f.created, f.terminating, f.revision, f.ready]).toEqual(['web', 12, 'Running', true, false, 'web-1', true]);
    // Available after minReadySeconds from the Ready transition, not before.
    const t = Date.parse('2026-01-01T00:00:00Z');
    expect(factsAvailable(f, 10, t + 9_999)).toBe(false);
    expect(factsAvailable(f, 10, t + 10_000)).toBe(true);
  });

  it('reads a pod the controller is still changing (not stored, not frozen) afresh', () => {
    const pod = readyPod('web-1', '2026-01-01T00:00:00Z');
    expect(podFacts(pod).ready).toBe(true);
    pod.status!.conditions![0].status = 'False';
    pod.metadata.name = 'web-7';
    expect(podFacts(pod).ready).toBe(false);
    expect(ordinalOf(pod)).toBe(7);
  });

  it('gives no ordinal to names without one or out of int32 range (strconv.ParseInt(s, 10, 32))', () => {
    expect(ordinalOf(deepFreeze(readyPod('web', 'x')))).toBe(-1);
    expect(ordinalOf(deepFreeze(readyPod('web-2147483648', 'x')))).toBe(-1);
    expect(ordinalOf(deepFreeze(readyPod('web-2147483647', 'x')))).toBe(2147483647);
  });
});
