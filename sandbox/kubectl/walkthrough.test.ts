// Whole learner sessions through the shell (sandbox/shell Session + runTranscript, exactly what
// `npm run sim -- FILE` prints) on the full simulator: golden/session/NAME.sh → NAME.txt, byte
// for byte. Each transcript was read line by line against kubernetes/kubernetes
// pkg/printers/internalversion/printers.go and kubernetes/kubectl pkg/describe/describe.go,
// pkg/cmd/*. Regenerate with UPDATE_GOLDEN=1 npx vitest run sandbox/kubectl/walkthrough.test.ts
// and read the diff before accepting it.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session } from '../shell/session.ts';
import { runTranscript } from '../shell/transcript.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'golden', 'session');

async function transcript(script: string): Promise<string> {
  let out = '';
  const write = (t: string) => void (out += t);
  const session = new Session({ seed: 1, interactive: false, output: { stdout: write, stderr: write } });
  await runTranscript(session, script, write);
  return out;
}

describe('learner sessions through the shell (npm run sim)', () => {
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.sh')).sort()) {
    it(`prints golden/session/${f.replace(/\.sh$/, '.txt')} for ${f}`, async () => {
      const got = await transcript(readFileSync(join(dir, f), 'utf8'));
      const file = join(dir, f.replace(/\.sh$/, '.txt'));
      if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, got);
      expect(got).toBe(readFileSync(file, 'utf8'));
    }, 30_000);
  }
});
