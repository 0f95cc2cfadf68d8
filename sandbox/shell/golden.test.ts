// Golden transcripts: a script in golden/NAME.sh, its transcript in golden/NAME.txt, checked
// byte for byte (fake kubectl and components from testing.ts). Regenerate with
// UPDATE_GOLDEN=1 npx vitest run sandbox/shell, then read the diff line by line.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testSession } from './testing.ts';

const dir = join(import.meta.dirname, 'golden');

describe('golden transcripts', () => {
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.sh'))) {
    it(`prints golden/${f.replace(/\.sh$/, '.txt')} for golden/${f}`, async () => {
      const script = readFileSync(join(dir, f), 'utf8');
      const got = await testSession({ seed: 1, ticks: 2 }).transcript(script);
      const file = join(dir, f.replace(/\.sh$/, '.txt'));
      if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, got);
      expect(got).toBe(readFileSync(file, 'utf8'));
    });
  }
});
