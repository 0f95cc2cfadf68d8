// jq 1.7 as learners pipe kubectl's JSON into it: construction, map and the common builtins,
// and jq's own errors for what it does not know.
import { describe, expect, it } from 'vitest';
import { testSession } from './testing.ts';

const PODS = JSON.stringify({
  kind: 'List',
  items: [
    { metadata: { name: 'web-1', labels: { app: 'nginx' } }, status: { phase: 'Running', podIP: '10.244.2.4' } },
    { metadata: { name: 'web-0', labels: { app: 'nginx' } }, status: { phase: 'Running', podIP: '10.244.1.3' } },
  ],
});

async function jq(args: string): Promise<string> {
  const t = testSession();
  t.session.fs.writeFile('/home/learner/pods.json', PODS);
  await t.session.run(`jq ${args} pods.json; echo "status $?"`);
  return t.out();
}

describe('jq', () => {
  it('builds objects and arrays: {name: .metadata.name}, {name}, {(.k): .v}, [...]', async () => {
    expect(await jq(`-c '.items[] | {name: .metadata.name, ip: .status.podIP}'`)).toBe('{"name":"web-1","ip":"10.244.2.4"}\n{"name":"web-0","ip":"10.244.1.3"}\nstatus 0\n');
    expect(await jq(`-c '.items[0].metadata | {name}'`)).toBe('{"name":"web-1"}\nstatus 0\n');
    expect(await jq(`-c '[.items[] | {(.metadata.name): .status.phase}] | add'`)).toBe('{"web-1":"Running","web-0":"Running"}\nstatus 0\n');
  });

  it('maps, sorts, joins and tests keys', async () => {
    expect(await jq(`-r '.items | sort_by(.metadata.name) | map(.metadata.name) | join(",")'`)).toBe('web-0,web-1\nstatus 0\n');
    expect(await jq(`'[.items[].status.phase] | unique'`)).toBe('[\n  "Running"\n]\nstatus 0\n');
    expect(await jq(`'.items[0].metadata.labels | has("app"), has("tier")'`)).toBe('true\nfalse\nstatus 0\n');
  });

  it("fails as jq does: an unknown function at compile time (3), iterating a string at run time (5)", async () => {
    expect(await jq(`'.items | foo'`)).toBe('jq: error: foo/0 is not defined at <top-level>, line 1:\n.items | foo\njq: 1 compile error\nstatus 3\n');
    expect(await jq(`'.kind | .[]'`)).toBe('jq: error (at <stdin>:0): Cannot iterate over string ("List")\nstatus 5\n');
  });
});
