// GNU uniq (coreutils src/uniq.c): adjacent equal lines as one; -c counts ("%7d "), -d only the
// repeated ones, -D every repeated line, -u only the unrepeated, -i ignoring case, -f N / -s N
// skipping fields / characters, -w N comparing at most N characters; [INPUT [OUTPUT]].
import { resolvePath } from '../cluster/fs.ts';
import { fsErrorText } from './interpreter.ts';
import { getopt, glibcMessage, type GetoptSpec } from '../cluster/kubelet/programs/getopt.ts';
import { inputs, lines } from './inputs.ts';
import type { Command } from './types.ts';

const OPTIONS: GetoptSpec = {
  short: 'cdDf:is:uw:z',
  long: [
    { name: 'count', arg: 'none', key: 'c' },
    { name: 'repeated', arg: 'none', key: 'd' },
    { name: 'all-repeated', arg: 'optional', key: 'D' },
    { name: 'skip-fields', arg: 'required', key: 'f' },
    { name: 'ignore-case', arg: 'none', key: 'i' },
    { name: 'skip-chars', arg: 'required', key: 's' },
    { name: 'unique', arg: 'none', key: 'u' },
    { name: 'check-chars', arg: 'required', key: 'w' },
  ],
};

export const uniq: Command = async (io) => {
  const { options, operands, error } = getopt(io.argv.slice(1), OPTIONS);
  const usage = (msg: string) => {
    io.stderr(`uniq: ${msg}\nTry 'uniq --help' for more information.\n`);
    return 1;
  };
  if (error) return usage(glibcMessage(error));
  if (operands.length > 2) return usage(`extra operand '${operands[2]}'`);
  let count = false;
  // uniq.c: -d drops the lines seen once, -u the repeated ones (both: nothing), -D prints every repeat.
  let unique = true;
  let repeated = true;
  let allRepeated = false;
  let fold = false;
  let skipFields = 0;
  let skipChars = 0;
  let width = Infinity;
  for (const { key, value } of options) {
    const n = () => {
      if (!/^\d+$/.test(value!)) throw new Error(`${value}: invalid number of ${key === 'f' ? 'fields to skip' : key === 's' ? 'bytes to skip' : 'bytes to compare'}`);
      return Number(value);
    };
    try {
      if (key === 'c') count = true;
      else if (key === 'd') unique = false;
      else if (key === 'D') {
        unique = false;
        allRepeated = true;
      } else if (key === 'u') repeated = false;
      else if (key === 'i') fold = true;
      else if (key === 'f') skipFields = n();
      else if (key === 's') skipChars = n();
      else if (key === 'w') width = n();
      else {
        io.stderr('uniq: -z is not simulated in this lab\n');
        return 1;
      }
    } catch (e) {
      io.stderr(`uniq: ${(e as Error).message}\n`);
      return 1;
    }
  }
  // uniq.c: "printing all duplicated lines and repeat counts is meaningless".
  if (count && allRepeated) return usage('printing all duplicated lines and repeat counts is meaningless');
  const inp = [...inputs(io, operands.slice(0, 1))][0];
  if (inp.error) {
    io.stderr(`uniq: ${inp.name}: ${inp.error}\n`);
    return 1;
  }
  /** The part of a line compared (find_field): fields and characters skipped, then at most -w. */
  const part = (l: string) => {
    let rest = l;
    for (let f = 0; f < skipFields; f++) rest = rest.replace(/^[ \t]*[^ \t]*/, '');
    rest = rest.slice(skipChars).slice(0, width);
    return fold ? rest.toUpperCase() : rest;
  };
  const groups: { lines: string[] }[] = [];
  for (const l of lines(inp.text!)) {
    const g = groups[groups.length - 1];
    if (g && part(g.lines[0]) === part(l)) g.lines.push(l);
    else groups.push({ lines: [l] });
  }
  let out = '';
  for (const g of groups) {
    const n = g.lines.length;
    if (n === 1 ? !unique : !repeated) continue;
    if (allRepeated) out += g.lines.join('\n') + '\n';
    else out += count ? `${String(n).padStart(7)} ${g.lines[0]}\n` : `${g.lines[0]}\n`;
  }
  if (operands[1] !== undefined) {
    try {
      io.fs.writeFile(resolvePath(io.cwd, operands[1]), out);
    } catch (e) {
      io.stderr(`uniq: ${operands[1]}: ${fsErrorText(e)}\n`);
      return 1;
    }
  } else io.stdout(out);
  return 0;
};
