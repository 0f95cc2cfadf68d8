// `hostname` on the learner's machine, which the lab calls `lab` (the name `watch` shows in its
// header too). Debian's hostname: the name, the same for -s and -f (no domain), and no way to
// change it without root.
import type { Command } from './types.ts';

export const LEARNER_HOSTNAME = 'lab';

export const learnerHostname: Command = async (io) => {
  const args = io.argv.slice(1);
  const option = args.find((a) => a.startsWith('-') && !['-s', '--short', '-f', '--fqdn', '--long'].includes(a));
  if (option) {
    io.stderr(`hostname: ${option}: not simulated in this lab (hostname, -s and -f are)\n`);
    return 1;
  }
  if (args.some((a) => !a.startsWith('-'))) {
    io.stderr('hostname: you must be root to change the host name\n');
    return 1;
  }
  io.stdout(`${LEARNER_HOSTNAME}\n`);
  return 0;
};
