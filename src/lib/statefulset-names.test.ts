import { describe, expect, it } from 'vitest';
import { isDns1035Label, isDnsLabel, statefulSetNames } from './statefulset-names.ts';

describe('statefulSetNames', () => {
  it('names pods web-0..web-2, claims www-web-0.. and per-pod DNS under the headless service', () => {
    expect(statefulSetNames({ statefulSet: 'web', service: 'nginx', claimTemplate: 'www', replicas: 3 })).toEqual([
      { ordinal: 0, pod: 'web-0', dns: 'web-0.nginx.default.svc.cluster.local', pvc: 'www-web-0' },
      { ordinal: 1, pod: 'web-1', dns: 'web-1.nginx.default.svc.cluster.local', pvc: 'www-web-1' },
      { ordinal: 2, pod: 'web-2', dns: 'web-2.nginx.default.svc.cluster.local', pvc: 'www-web-2' },
    ]);
  });

  it('starts at spec.ordinals.start when given', () => {
    const rows = statefulSetNames({ statefulSet: 'db', service: 'db', claimTemplate: 'data', replicas: 2, startOrdinal: 5 });
    expect(rows.map((r) => r.pod)).toEqual(['db-5', 'db-6']);
  });

  it('gives nothing for zero replicas', () =>
    expect(statefulSetNames({ statefulSet: 'web', service: 'nginx', claimTemplate: 'www', replicas: 0 })).toEqual([]));
});

describe('isDnsLabel', () => {
  it('accepts lowercase names with inner dashes', () => expect(isDnsLabel('web-app-1')).toBe(true));
  it('rejects uppercase, as the seed note\'s podA-0 would be', () => expect(isDnsLabel('podA')).toBe(false));
  it('rejects a leading or trailing dash and names over 63 characters', () => {
    expect(isDnsLabel('-web')).toBe(false);
    expect(isDnsLabel('web-')).toBe(false);
    expect(isDnsLabel('a'.repeat(64))).toBe(false);
  });
});

describe('isDns1035Label (Service names)', () => {
  it('rejects a name that starts with a digit, which a StatefulSet name may do', () => {
    expect(isDnsLabel('1web')).toBe(true);
    expect(isDns1035Label('1web')).toBe(false);
    expect(isDns1035Label('nginx-1')).toBe(true);
  });
});
