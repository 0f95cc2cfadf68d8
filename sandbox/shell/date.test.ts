// date as GNU coreutils 9 prints it (src/date.c) in the C locale with TZ=UTC, on the virtual
// clock, through the learner's shell. The format conversions themselves are checked against the
// real GNU date in cluster/strftime.test.ts.
import { describe, expect, it } from 'vitest';
import { testSession } from './testing.ts';

async function sh(line: string): Promise<string> {
  const t = testSession();
  await t.session.run(line);
  return t.out();
}

describe('date', () => {
  it('prints the virtual time, and moves with it (sleep)', async () => {
    const before = Number(await sh('date +%s'));
    expect(await sh('date +%s; sleep 65; date +%s')).toBe(`${before}\n${before + 65}\n`);
    expect(await sh(`date -d @${before}`)).toBe(await sh('date'));
  });

  it('formats: +FORMAT, -R, -I[FMT], --rfc-3339=FMT, -u', async () => {
    const at = '-d @1767312245';
    expect(await sh(`date ${at}`)).toBe('Fri Jan  2 00:04:05 UTC 2026\n');
    expect(await sh(`date -u ${at} +'%Y-%m-%dT%H:%M:%SZ'`)).toBe('2026-01-02T00:04:05Z\n');
    expect(await sh(`date ${at} -R`)).toBe('Fri, 02 Jan 2026 00:04:05 +0000\n');
    expect(await sh(`date ${at} -I`)).toBe('2026-01-02\n');
    expect(await sh(`date ${at} -Iseconds`)).toBe('2026-01-02T00:04:05+00:00\n');
    expect(await sh(`date ${at} --iso-8601=min`)).toBe('2026-01-02T00:04+00:00\n');
    expect(await sh(`date ${at} --rfc-3339=ns`)).toBe('2026-01-02 00:04:05.000000000+00:00\n');
  });

  it('reads options as getopt_long does: bundled, the argument in the next word, long names abbreviated', async () => {
    const at = '-d @1767312245';
    expect(await sh(`date -uR ${at}`)).toBe('Fri, 02 Jan 2026 00:04:05 +0000\n');
    expect(await sh(`date ${at} --rfc-3339 seconds`)).toBe('2026-01-02 00:04:05+00:00\n');
    expect(await sh(`date ${at} --iso`)).toBe('2026-01-02\n');
    expect(await sh(`date +%s --date=@1767312245 -u`)).toBe('1767312245\n');
    expect(await sh('date --date')).toBe("date: option '--date' requires an argument\nTry 'date --help' for more information.\n");
  });

  it('-d reads @SECONDS, ISO dates and times (UTC), today, yesterday and tomorrow', async () => {
    expect(await sh("date -d '2026-03-05 14:30' +%c")).toBe('Thu Mar  5 14:30:00 2026\n');
    expect(await sh('date --date=2026-03-05 +%F%t%T')).toBe('2026-03-05\t00:00:00\n');
    const today = await sh('date +%F');
    expect(await sh("date -d tomorrow +%F")).not.toBe(today);
    expect(await sh("date -d 'yesterday' +%s")).toBe(`${Number(await sh('date +%s')) - 86400}\n`);
  });

  it('fails as GNU date does: bad dates, options and operands; the clock cannot be set', async () => {
    expect(await sh('date -d garbage; echo $?')).toBe("date: invalid date 'garbage'\n1\n");
    expect(await sh('date a b')).toBe("date: extra operand 'b'\nTry 'date --help' for more information.\n");
    expect(await sh('date -x')).toBe("date: invalid option -- 'x'\nTry 'date --help' for more information.\n");
    expect(await sh('date --fancy')).toBe("date: unrecognized option '--fancy'\nTry 'date --help' for more information.\n");
    expect(await sh('date -R +%s')).toBe('date: multiple output formats specified\n');
    expect(await sh('date -Iweeks')).toBe("date: invalid argument 'weeks' for '--iso-8601'\nValid arguments are:\n  - 'hours'\n  - 'minutes'\n  - 'date'\n  - 'seconds'\n  - 'ns'\nTry 'date --help' for more information.\n");
    expect(await sh('date -d now 0102')).toBe("date: the argument '0102' lacks a leading '+';\nwhen using an option to specify date(s), any non-option\nargument must be a format string beginning with '+'\nTry 'date --help' for more information.\n");
    expect(await sh('date 0102030426; echo $?')).toBe('date: cannot set date: Operation not permitted\nFri Jan  2 03:04:00 UTC 2026\n1\n');
    expect(await sh('date 1399')).toBe("date: invalid date '1399'\n");
  });
});
