// Golden transcripts: every file in golden/ is a session of kubectl commands against a cluster
// built by a fixture, with the exact output kubectl 1.35 prints. Each transcript was read line by
// line against kubernetes/kubernetes pkg/printers/internalversion/printers.go and
// kubernetes/kubectl pkg/describe/describe.go, pkg/cmd/*. Regenerate with UPDATE_GOLDEN=1
// (then read the diff before accepting it).
//
// Format: `# comment`, `@fixture web [replicas]`, `@file NAME` ... `@end` (writes a file in the
// working folder), `@stdin` ... `@end` (stdin of the next command), `@advance 30s`,
// `@abort-after N` (Ctrl-C after N changes, for -w), `@meanwhile kubectl ...` (another terminal:
// runs at the start of the next wait, output not shown), then `$ kubectl ...` followed by its output
// (stdout and stderr as a terminal interleaves them) and `[exit N]` when the status is not 0.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHarness } from './testing/harness.ts';
import { webFixture } from './testing/fixtures.ts';
import { registerContainerRunner } from './index.ts';

// A stand-in for the shell's container interpreter: shows what kubectl asked it to run.
registerContainerRunner(async (env, argv, io) => {
  io.stdout(`(in ${env.pod}/${env.container}) ${argv.join(' ')}\n`);
  return 0;
});

const dir = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const update = !!process.env.UPDATE_GOLDEN;

function duration(s: string): number {
  const m = /^(\d+)(ms|s|m|h)$/.exec(s);
  if (!m) throw new Error(`bad duration ${s}`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms']!;
}

async function replay(text: string): Promise<string> {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const h = createHarness({ editor: async (_n, t) => t.replace('replicas: 2', 'replicas: 3') });
  let out = '';
  let stdin: string | undefined;
  let abortAfter: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.startsWith('$ ')) {
      out += l + '\n';
      const r = await h.run(l.slice(2), { stdin, abortAfterChanges: abortAfter });
      stdin = undefined;
      abortAfter = undefined;
      out += r.output;
      if (r.output && !r.output.endsWith('\n')) out += '\n';
      if (r.code) out += `[exit ${r.code}]\n`;
      while (i + 1 < lines.length && !/^(\$ |@|# )/.test(lines[i + 1])) i++;
      continue;
    }
    out += l + '\n';
    if (l.startsWith('@fixture ')) {
      const [, name, n] = l.split(' ');
      if (name === 'web') webFixture(h, n ? Number(n) : 2);
      else if (name === 'nodes') (await import('./testing/fixtures.ts')).addNodes(h);
    } else if (l.startsWith('@advance ')) h.advance(duration(l.slice(9).trim()));
    else if (l.startsWith('@abort-after ')) abortAfter = Number(l.slice(13));
    else if (l.startsWith('@meanwhile ')) {
      // Another terminal: this command runs at the start of the next wait; its output is not shown.
      const cmd = l.slice('@meanwhile '.length);
      h.duringWaits.push(() => void h.run(cmd));
    }
    else if (l.startsWith('@file ') || l === '@stdin') {
      const body: string[] = [];
      while (lines[++i] !== '@end') {
        if (i >= lines.length) throw new Error(`unterminated ${l}`);
        body.push(lines[i]);
      }
      out += body.map((b) => b + '\n').join('') + '@end\n';
      if (l === '@stdin') stdin = body.join('\n') + '\n';
      else h.fs.writeFile(`/home/learner/${l.slice(6).trim()}`, body.join('\n') + '\n');
    }
  }
  return out;
}

describe('golden transcripts', () => {
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.txt')).sort()) {
    it(`prints ${f} as kubectl 1.35 does`, async () => {
      const text = readFileSync(join(dir, f), 'utf8');
      const actual = await replay(text);
      if (update && actual !== text) writeFileSync(join(dir, f), actual);
      else expect(actual).toBe(text);
    });
  }
});
