// The learner's machine: `hostname` says `lab`, and the programs the lab runs as builtins
// (watch, clear) are where `type` and `which` find them on a real machine, /usr/bin.
import { describe, expect, it } from 'vitest';
import { Session } from './session.ts';

async function sh(line: string): Promise<string> {
  let out = '';
  const session = new Session({ seed: 1, interactive: false, output: { stdout: (t) => void (out += t), stderr: (t) => void (out += t) } });
  await session.run(line);
  return out;
}

describe("the learner's machine", () => {
  it('is called lab; its name cannot be changed without root', async () => {
    expect(await sh('hostname; hostname -s; hostname --fqdn')).toBe('lab\nlab\nlab\n');
    expect(await sh('hostname web-0; echo $?')).toBe('hostname: you must be root to change the host name\n1\n');
  });

  it('is $HOSTNAME, a variable bash sets without exporting it', async () => {
    expect(await sh('echo "$HOSTNAME"; env | grep -c HOSTNAME')).toBe('lab\n0\n');
  });

  it('type and which find watch and clear in /usr/bin, and help is a shell builtin', async () => {
    expect(await sh('type watch clear help cd')).toBe('watch is /usr/bin/watch\nclear is /usr/bin/clear\nhelp is a shell builtin\ncd is a shell builtin\n');
    expect(await sh('which watch clear hostname; which help; echo $?')).toBe('/usr/bin/watch\n/usr/bin/clear\n/usr/bin/hostname\n1\n');
  });
});
