// unifiedDiff against GNU diff itself (`diff -u -N`, which kubectl diff runs), on generated
// YAML-like files and edits of them: same bytes, modification times included. Skipped where the
// machine has no GNU diff.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Random } from '../../cluster/random.ts';
import { unifiedDiff } from './unified-diff.ts';

function gnuDiff(): boolean {
  try {
    return execFileSync('diff', ['--version'], { encoding: 'utf8' }).includes('GNU diffutils');
  } catch {
    return false;
  }
}

const LINES = ['metadata:', '  name: web', '  generation: 1', 'spec:', '  replicas: 2', '  selector:', '    matchLabels:', '      app: nginx', '  template:', '    spec:', '      containers:', '      - image: nginx', '        name: nginx', 'status:', '  replicas: 2', '  readyReplicas: 2'];

/** A file of `n` lines, and an edit of it: lines changed, dropped and added here and there. */
function pair(r: Random): [string, string] {
  const a = Array.from({ length: 3 + r.int(30) }, () => LINES[r.int(LINES.length)]);
  const b = [...a];
  for (let k = 1 + r.int(9); k > 0; k--) {
    const i = r.int(b.length + 1);
    const op = r.int(3);
    if (op === 0 && i < b.length) b[i] = `${b[i]}x`;
    else if (op === 1 && i < b.length) b.splice(i, 1);
    else b.splice(i, 0, LINES[r.int(LINES.length)]);
  }
  return [a.join('\n') + '\n', b.join('\n') + '\n'];
}

describe.skipIf(!gnuDiff())('unifiedDiff prints what GNU diff -u -N prints', () => {
  it('for 1000 generated edits, an absent file and identical files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'udiff-'));
    const mtime = Date.UTC(2026, 0, 1, 0, 5, 7);
    try {
      const r = new Random(7);
      const cases: Array<[string | undefined, string | undefined]> = [[undefined, 'a: 1\nb: 2\n'], ['a: 1\n', 'a: 1\n']];
      for (let i = 0; i < 1000; i++) cases.push(pair(r));
      for (const [i, [a, b]] of cases.entries()) {
        const from = join(dir, `LIVE-${i}`), to = join(dir, `MERGED-${i}`);
        if (a !== undefined) writeFileSync(from, a);
        if (b !== undefined) writeFileSync(to, b);
        for (const [f, t] of [[from, a], [to, b]] as const) if (t !== undefined) utimesSync(f, mtime / 1000, mtime / 1000);
        let want = '';
        try {
          want = execFileSync('diff', ['-u', '-N', from, to], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
        } catch (e) {
          want = (e as { stdout: string }).stdout; // exit status 1: differences
        }
        const got = unifiedDiff({ path: from, text: a, mtime }, { path: to, text: b, mtime });
        expect(got, `case ${i}`).toBe(want === '' ? '' : `diff -u -N ${from} ${to}\n${want}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
