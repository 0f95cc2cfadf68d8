// What a filter program (cat, grep, head, wc...) reads: its file operands in order, or stdin
// when there are none or for `-`; and a text split into lines the way those programs count them.
import { resolvePath } from '../cluster/fs.ts';
import { fsErrorText } from './interpreter.ts';
import type { CommandIO } from './types.ts';

/** The texts a filter reads: its file operands, or stdin when there are none (or `-`). */
export function* inputs(io: CommandIO, files: string[]): Generator<{ name: string; text?: string; error?: string }> {
  if (!files.length) {
    yield { name: '-', text: io.stdin };
    return;
  }
  for (const f of files) {
    if (f === '-') {
      yield { name: '-', text: io.stdin };
      continue;
    }
    try {
      yield { name: f, text: io.fs.readFile(resolvePath(io.cwd, f)) };
    } catch (e) {
      yield { name: f, error: fsErrorText(e) };
    }
  }
}

export function lines(text: string): string[] {
  if (!text) return [];
  const ls = text.split('\n');
  if (ls[ls.length - 1] === '') ls.pop();
  return ls;
}
