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

  it('concatenates and interpolates strings, and formats rows with @tsv and @csv', async () => {
    expect(await jq(`-r '.items[] | .metadata.name + " " + .status.podIP'`)).toBe('web-1 10.244.2.4\nweb-0 10.244.1.3\nstatus 0\n');
    expect(await jq(`-r '.items[] | "\\(.metadata.name) is \\(.status.phase) at \\(.status.podIP)"'`)).toBe('web-1 is Running at 10.244.2.4\nweb-0 is Running at 10.244.1.3\nstatus 0\n');
    expect(await jq(`-r '.items[] | [.metadata.name, .status.phase, 3, null] | @tsv'`)).toBe('web-1\tRunning\t3\t\nweb-0\tRunning\t3\t\nstatus 0\n');
    expect(await jq(`-r '.items[0] | [.metadata.name, "say \\"hi\\""] | @csv'`)).toBe('"web-1","say ""hi"""\nstatus 0\n');
  });

  it("does arithmetic with jq's types and order, falls back with //, and branches with if", async () => {
    expect(await jq(`-c '[(.items | length) * 10, (.items | length) % 2, 7 / 2, [1,2,3] - [2], {"a":1} + {"b":2}, null + 1, "ab" * 2]'`)).toBe('[20,0,3.5,[1,3],{"a":1,"b":2},1,"abab"]\nstatus 0\n');
    expect(await jq(`-c '[(1,2) + (10,20)]'`)).toBe('[11,12,21,22]\nstatus 0\n');
    expect(await jq(`-r '.items[] | .metadata.labels.tier // "none"'`)).toBe('none\nnone\nstatus 0\n');
    expect(await jq(`-r '.items[] | if .metadata.name == "web-0" then "first" elif .status.phase == "Running" then "running" else "other" end'`)).toBe('running\nfirst\nstatus 0\n');
    expect(await jq(`-c '[.items[] | select(.status.phase == "Running" and (.metadata.name | test("0$")))] | map(.metadata.name)'`)).toBe('["web-0"]\nstatus 0\n');
    expect(await jq(`'.kind + 1'`)).toBe('jq: error (at <stdin>:0): string ("List") and number (1) cannot be added\nstatus 5\n');
  });

  it('splits, trims and rebuilds: split, ltrimstr, ascii_upcase, with_entries', async () => {
    expect(await jq(`-c '.items[0].status.podIP | split(".")'`)).toBe('["10","244","2","4"]\nstatus 0\n');
    expect(await jq(`-r '.items[0].metadata.name | ltrimstr("web-") | ascii_upcase'`)).toBe('1\nstatus 0\n');
    expect(await jq(`-c '.items[0].metadata.labels | with_entries({key: .value, value: .key})'`)).toBe('{"nginx":"app"}\nstatus 0\n');
  });

  it("fails as jq does: an unknown function at compile time (3), iterating a string at run time (5)", async () => {
    expect(await jq(`'.items | foo'`)).toBe('jq: error: foo/0 is not defined at <top-level>, line 1:\n.items | foo\njq: 1 compile error\nstatus 3\n');
    expect(await jq(`'.kind | .[]'`)).toBe('jq: error (at <stdin>:0): Cannot iterate over string ("List")\nstatus 5\n');
  });
});
