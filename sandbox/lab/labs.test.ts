// Every lab in content/: its lab.yaml passes the schema, no goal is met at the start, and its
// solution (run as a script, watches ending when the cluster is quiet) meets every goal.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { parseLab } from './schema.ts';
import { LabSession } from './lab-session.ts';

const contentDir = new URL('../../content/', import.meta.url);
const labs = readdirSync(contentDir).filter((d) => existsSync(new URL(`${d}/lab.yaml`, contentDir)));

describe.each(labs)('content/%s/lab.yaml', (id) => {
  const file = `content/${id}/lab.yaml`;
  const def = parseLab(readFileSync(new URL(`${id}/lab.yaml`, contentDir), 'utf8'), file);

  it('meets no goal before the learner starts', async () => {
    const s = new LabSession(def, { output: { stdout: () => {}, stderr: () => {} } });
    expect((await s.checkGoals()).filter((g) => g.passed).map((g) => g.id)).toEqual([]);
  });

  it('meets every goal after its solution', async () => {
    let out = '';
    const s = new LabSession(def, { interactive: false, output: { stdout: (t) => void (out += t), stderr: (t) => void (out += t) } });
    for (const line of def.solution) await s.session.run(line);
    for (let i = 0; i < 600; i++) s.session.tick(1000); // ten more minutes of cluster time
    const failed = (await s.checkGoals()).filter((g) => !g.passed);
    expect(failed, out).toEqual([]);
  });
});
