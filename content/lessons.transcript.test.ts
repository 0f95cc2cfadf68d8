// The lessons show real simulator output: every ```console block of a lesson's index.mdx must
// appear, byte for byte, in the transcript of its transcript.sh run in its own lab (seed on the
// first line). And every lab is solvable: its solution meets all its goals, while the starting
// state meets none of them.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONTENT, lessonTranscript, readLab, refreshConsoleBlocks, solvedLab, transcriptLessons } from './transcript.ts';
import { LabSession } from '../sandbox/lab/lab-session.ts';
import { runTranscript } from '../sandbox/shell/transcript.ts';
import { parseQuiz } from '../src/lib/quiz-schema.ts';

/** The bodies of the ```console blocks of an MDX page. */
function consoleBlocks(mdx: string): string[] {
  const blocks: string[] = [];
  const re = /^```console[^\n]*\n([\s\S]*?)^```\s*$/gm;
  for (let m = re.exec(mdx); m; m = re.exec(mdx)) blocks.push(m[1]);
  return blocks;
}

const quiet = { stdout: () => {}, stderr: () => {} };

describe('lesson transcripts', () => {
  it('finds the lessons that carry a transcript', () => {
    expect(transcriptLessons().length).toBeGreaterThanOrEqual(6);
  });
  for (const id of transcriptLessons()) {
    it(`shows in content/${id}/index.mdx and quiz.yaml only what content/${id}/transcript.sh prints`, async () => {
      const mdx = readFileSync(join(CONTENT, id, 'index.mdx'), 'utf8');
      const blocks = consoleBlocks(mdx);
      expect(blocks.length, 'the page shows at least one console block').toBeGreaterThan(0);
      const out = await lessonTranscript(id);
      for (const b of blocks) expect(out, `console block not in the transcript:\n${b}`).toContain(b);
      // "Predict the output" questions show real output too: the command and what it printed.
      const quizFile = join(CONTENT, id, 'quiz.yaml');
      if (existsSync(quizFile)) {
        for (const q of parseQuiz(readFileSync(quizFile, 'utf8'), quizFile).questions) {
          if (q.kind !== 'predict') continue;
          expect(out, `quiz ${q.id}: command not in the transcript`).toContain(`$ ${q.command}\n`);
          expect(out, `quiz ${q.id}: output not in the transcript`).toContain(q.output);
        }
      }
    });
  }
});

const labs = readdirSync(CONTENT).filter((d) => existsSync(join(CONTENT, d, 'lab.yaml'))).sort();

describe('labs', () => {
  for (const id of labs) {
    it(`content/${id}/lab.yaml: the solution meets every goal`, async () => {
      const def = readLab(id);
      expect(def.solution.length, 'the lab has a solution').toBeGreaterThan(0);
      const lab = await solvedLab(def);
      const results = await lab.checkGoals();
      for (const r of results) expect(r, `goal ${r.id} after the solution (printed: ${r.actual})`).toMatchObject({ passed: true });
    });

    it(`content/${id}/lab.yaml: the starting state meets no goal, and waiting alone does not solve it`, async () => {
      const def = readLab(id);
      const lab = new LabSession(def, { output: quiet, interactive: false });
      const atStart = await lab.checkGoals();
      for (const r of atStart) expect(r, `goal ${r.id} already met at the start`).toMatchObject({ passed: false });
      await runTranscript(lab.session, 'sleep 120', () => {});
      const afterWaiting = await lab.checkGoals();
      expect(afterWaiting.every((r) => r.passed), 'two minutes of waiting met every goal').toBe(false);
    });
  }
});

describe('consoleBlocks', () => {
  it('returns the body of each console fence and ignores other languages', () => {
    const mdx = 'a\n```console\n$ kubectl get pods\nNo resources found\n```\n```yaml\nx: 1\n```\n';
    expect(consoleBlocks(mdx)).toEqual(['$ kubectl get pods\nNo resources found\n']);
  });
});

describe('refreshConsoleBlocks', () => {
  it('rewrites each console block with the output of the same commands, in order', () => {
    const transcript = '$ kubectl get pods\nold\n$ sleep 5\n$ kubectl get pods\nnew\n$ date\nnow\n';
    const mdx = 'x\n```console\n$ kubectl get pods\nstale\n```\ny\n```console\n$ kubectl get pods\nstale\n$ date\n```\n';
    expect(refreshConsoleBlocks(mdx, transcript)).toBe('x\n```console\n$ kubectl get pods\nold\n```\ny\n```console\n$ kubectl get pods\nnew\n$ date\nnow\n```\n');
  });
  it('throws when a block names commands the transcript lacks', () => {
    expect(() => refreshConsoleBlocks('```console\n$ kubectl version\n```\n', '$ date\nnow\n')).toThrow(/kubectl version/);
  });
});
