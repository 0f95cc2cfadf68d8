// The label selector parser against apimachinery pkg/labels/selector.go's grammar and messages
// (selector_test.go's cases where they show a learner's typing).
import { describe, expect, it } from 'vitest';
import { parseLabelSelector } from './label-selector-parser.ts';
import { matchRequirements } from './selectors.ts';

const fails = (s: string) => {
  try {
    parseLabelSelector(s);
  } catch (e) {
    return (e as Error).message;
  }
  return 'parsed';
};

describe('parseLabelSelector', () => {
  it('reads equality, set, existence and numeric requirements, sorted by key', () => {
    expect(parseLabelSelector('tier!=db, app==nginx,env in (b,a),!legacy,has,n>2')).toEqual([
      { key: 'app', op: 'in', values: ['nginx'] },
      { key: 'env', op: 'in', values: ['a', 'b'] },
      { key: 'has', op: 'exists' },
      { key: 'legacy', op: '!' },
      { key: 'n', op: 'gt', values: ['2'] },
      { key: 'tier', op: 'notin', values: ['db'] },
    ]);
    expect(parseLabelSelector('x in (foo,,baz),y,z notin ()')).toEqual([
      { key: 'x', op: 'in', values: ['', 'baz', 'foo'] },
      { key: 'y', op: 'exists' },
      { key: 'z', op: 'notin', values: [''] },
    ]);
    // `in` is a value where a value is expected.
    expect(parseLabelSelector('a in (in,notin)')).toEqual([{ key: 'a', op: 'in', values: ['in', 'notin'] }]);
    expect(parseLabelSelector('')).toEqual([]);
  });

  it('refuses what the API server refuses, in its words', () => {
    expect(fails('app in (nginx')).toBe("unable to parse requirement: found '', expected: ',' or ')'");
    expect(fails('app=nginx,')).toBe("found '', expected: identifier after ','");
    expect(fails('app nginx')).toBe('unable to parse requirement: found \'nginx\', expected: in, notin, =, ==, !=, gt, lt');
    expect(fails('=nginx')).toBe("found '=', expected: !, identifier, or 'end of string'");
    expect(fails('app in nginx')).toBe("unable to parse requirement: found 'nginx' expected: '('");
    expect(fails('app=a=b')).toBe("found '=', expected: ',' or 'end of string'");
    expect(fails('n>two')).toBe('unable to parse requirement: values[0]: Invalid value: "two": for \'Gt\', \'Lt\' operators, the value must be an integer');
    expect(fails('app=a@b')).toMatch(/^unable to parse requirement: values\[0\]\[app\]: Invalid value: "a@b": a valid label must be an empty string or consist of alphanumeric characters/);
    expect(fails('-app=x')).toMatch(/^unable to parse requirement: <nil>: Invalid value: "-app": name part must consist of alphanumeric characters/);
  });

  it('matches gt and lt as integers, never a label that is not one', () => {
    const [r] = parseLabelSelector('n>2');
    expect([{ n: '3' }, { n: '2' }, { n: 'x' }, {}].map((l) => matchRequirements([r], l))).toEqual([true, false, false, false]);
  });
});
