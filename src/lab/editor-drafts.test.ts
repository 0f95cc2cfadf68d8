// The editor's unsaved-edit drafts (editor-drafts.ts): what comes back after a reload, and what
// must not (a file changed since by a command or a reset).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { draftToRestore, dropDraft, recordEdit, recordWrite } from './editor-drafts.ts';

const LAB = 'what-is-a-statefulset';
const START = 'kind: StatefulSet\nreplicas: 3\n';

beforeEach(() => {
  const data = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, String(v)),
    removeItem: (k: string) => void data.delete(k),
  });
});

describe('editor drafts', () => {
  it('brings back an edit the lab never stored (the file is as it started)', () => {
    recordEdit(LAB, 'web.yaml', START + '# mine\n', START);
    expect(draftToRestore(LAB, 'web.yaml', START)).toBe(START + '# mine\n');
  });

  it('brings back the last edit when the lab stored only an earlier write', () => {
    recordEdit(LAB, 'web.yaml', START + '# a\n', START);
    recordWrite(LAB, 'web.yaml', START + '# a\n');
    recordEdit(LAB, 'web.yaml', START + '# a\n# b\n', START + '# a\n');
    expect(draftToRestore(LAB, 'web.yaml', START + '# a\n')).toBe(START + '# a\n# b\n');
  });

  it('drops the draft once the lab holds it', () => {
    recordEdit(LAB, 'web.yaml', START + '# mine\n', START);
    expect(draftToRestore(LAB, 'web.yaml', START + '# mine\n')).toBeUndefined();
    // Gone: the starting text later (a reset) does not bring it back.
    expect(draftToRestore(LAB, 'web.yaml', START)).toBeUndefined();
  });

  it('drops the draft when the file changed since in another way (a command wrote it)', () => {
    recordEdit(LAB, 'web.yaml', START + '# mine\n', START);
    expect(draftToRestore(LAB, 'web.yaml', '# from the terminal\n')).toBeUndefined();
    expect(draftToRestore(LAB, 'web.yaml', START)).toBeUndefined();
  });

  it('keeps drafts per lab and per file, and forgets a dropped one', () => {
    recordEdit(LAB, 'web.yaml', 'A', START);
    recordEdit(LAB, 'svc.yaml', 'B', '');
    recordEdit('node-loss', 'web.yaml', 'C', START);
    dropDraft(LAB, 'svc.yaml');
    expect(draftToRestore(LAB, 'svc.yaml', '')).toBeUndefined();
    expect(draftToRestore('node-loss', 'web.yaml', START)).toBe('C');
    expect(draftToRestore(LAB, 'web.yaml', START)).toBe('A');
  });

  it('ignores what it cannot read, and works without storage', () => {
    localStorage.setItem(`ssl:draft:${LAB}:web.yaml`, '{not json');
    expect(draftToRestore(LAB, 'web.yaml', START)).toBeUndefined();
    vi.stubGlobal('localStorage', undefined);
    expect(() => recordEdit(LAB, 'web.yaml', 'A', START)).not.toThrow();
    expect(draftToRestore(LAB, 'web.yaml', START)).toBeUndefined();
  });
});
