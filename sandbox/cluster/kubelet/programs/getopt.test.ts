// getopt as glibc's getopt_long reads words (posix/getopt.c): bundles, arguments glued or in
// the next word, optional arguments, `+` ordering, long options and their abbreviations, and
// getopt's error wording.
import { describe, expect, it } from 'vitest';
import { getopt, glibcMessage, type GetoptSpec } from './getopt.ts';

const WATCHLIKE: GetoptSpec = {
  short: '+d::n:tx',
  long: [
    { name: 'differences', arg: 'optional', key: 'd' },
    { name: 'interval', arg: 'required', key: 'n' },
    { name: 'no-title', arg: 'none', key: 't' },
    { name: 'no-wrap', arg: 'none', key: 'w' },
  ],
};
const DATELIKE: GetoptSpec = {
  short: 'd:I::Ru',
  long: [
    { name: 'rfc-email', arg: 'none', key: 'R' },
    { name: 'rfc-2822', arg: 'none', key: 'R' },
    { name: 'rfc-3339', arg: 'required' },
    { name: 'utc', arg: 'none', key: 'u' },
    { name: 'universal', arg: 'none', key: 'u' },
  ],
};

const keys = (args: string[], spec: GetoptSpec) => {
  const r = getopt(args, spec);
  return { options: r.options.map((o) => (o.value === undefined ? o.key : `${o.key}=${o.value}`)), operands: r.operands, error: r.error && glibcMessage(r.error) };
};

describe('getopt', () => {
  it('bundles short options; one with an argument takes the rest of the word or the next word', () => {
    expect(keys(['-tn5', 'kubectl'], WATCHLIKE)).toEqual({ options: ['t', 'n=5'], operands: ['kubectl'], error: undefined });
    expect(keys(['-t', '-n', '5', 'kubectl'], WATCHLIKE).options).toEqual(['t', 'n=5']);
    // The next word is the argument even when it looks like an option.
    expect(keys(['-n', '-t', 'ls'], WATCHLIKE).options).toEqual(['n=-t']);
  });

  it('gives an optional argument only when glued: `-dn 1` is -d with argument n (watch.c d::)', () => {
    expect(keys(['-dn', '1', 'date'], WATCHLIKE)).toEqual({ options: ['d=n'], operands: ['1', 'date'], error: undefined });
    expect(keys(['-d', 'date'], WATCHLIKE).options).toEqual(['d']);
    expect(keys(['--differences=permanent', 'date'], WATCHLIKE).options).toEqual(['d=permanent']);
    expect(keys(['--differences', 'date'], WATCHLIKE)).toEqual({ options: ['d'], operands: ['date'], error: undefined });
  });

  it('with + stops at the first operand; without it options after operands still count (GNU order)', () => {
    expect(keys(['kubectl', 'get', '-t'], WATCHLIKE)).toEqual({ options: [], operands: ['kubectl', 'get', '-t'], error: undefined });
    expect(keys(['+%s', '-u'], DATELIKE)).toEqual({ options: ['u'], operands: ['+%s'], error: undefined });
    expect(keys(['-u', '--', '-x'], DATELIKE)).toEqual({ options: ['u'], operands: ['-x'], error: undefined });
    expect(keys(['-', '-u'], DATELIKE).operands).toEqual(['-']);
  });

  it('reads long options with =value or the next word, and any unambiguous prefix', () => {
    expect(keys(['--interval=5', 'ls'], WATCHLIKE).options).toEqual(['n=5']);
    expect(keys(['--interval', '5', 'ls'], WATCHLIKE).options).toEqual(['n=5']);
    expect(keys(['--inter', '5', '--no-t', 'ls'], WATCHLIKE).options).toEqual(['n=5', 't']);
    expect(keys(['--rfc-3339', 'ns'], DATELIKE).options).toEqual(['rfc-3339=ns']);
    // --u is --utc or --universal: both are -u, so it is not ambiguous.
    expect(keys(['--u'], DATELIKE).options).toEqual(['u']);
  });

  it("complains in glibc's words and keeps the options read before the error", () => {
    expect(keys(['-t', '-z', 'ls'], WATCHLIKE)).toEqual({ options: ['t'], operands: [], error: "invalid option -- 'z'" });
    expect(keys(['-n'], WATCHLIKE).error).toBe("option requires an argument -- 'n'");
    expect(keys(['--bogus=1', 'ls'], WATCHLIKE).error).toBe("unrecognized option '--bogus=1'");
    expect(keys(['--interval'], WATCHLIKE).error).toBe("option '--interval' requires an argument");
    expect(keys(['--utc=1'], DATELIKE).error).toBe("option '--utc' doesn't allow an argument");
    // glibc lists the first match and those that differ from it (--rfc-2822 is -R as --rfc-email is).
    expect(keys(['--rfc'], DATELIKE).error).toBe("option '--rfc' is ambiguous; possibilities: '--rfc-email' '--rfc-3339'");
    expect(keys(['--no', 'ls'], WATCHLIKE).error).toBe("option '--no' is ambiguous; possibilities: '--no-title' '--no-wrap'");
  });

  it('without long options reads `--x` as letters, `-` among them (busybox getopt32)', () => {
    expect(keys(['--foo'], { short: '+F:' }).error).toBe("invalid option -- '-'");
  });
});
