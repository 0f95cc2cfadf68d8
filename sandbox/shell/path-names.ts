// GNU basename and dirname (coreutils basename.c, dirname.c): the last part of a path, and
// what leads to it. basename takes a SUFFIX to drop (or -s SUFFIX, -a for several names).
import type { Command, CommandIO } from './types.ts';

function missing(io: CommandIO, name: string): number {
  io.stderr(`${name}: missing operand\nTry '${name} --help' for more information.\n`);
  return 1;
}

/** The last component: trailing slashes dropped; `/` stays `/`. */
function base(path: string, suffix: string): string {
  if (path === '') return '';
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  const name = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  // A suffix equal to the whole name is kept (basename.c remove_suffix).
  return suffix && name !== suffix && name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
}

/** Everything before the last component: `.` when there is none, `/` for the root. */
function dir(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path.startsWith('/') ? '/' : '.';
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0) return '.';
  const d = trimmed.slice(0, slash).replace(/\/+$/, '');
  return d === '' ? '/' : d;
}

export const basename: Command = async (io) => {
  const args = io.argv.slice(1);
  let multiple = false;
  let suffix = '';
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-a' || a === '--multiple') multiple = true;
    else if (a === '-s' || a === '--suffix') {
      suffix = args[++i] ?? '';
      multiple = true;
    } else if (a.startsWith('--suffix=')) {
      suffix = a.slice(9);
      multiple = true;
    } else names.push(a);
  }
  if (!names.length) return missing(io, 'basename');
  if (!multiple) {
    if (names.length > 2) {
      io.stderr(`basename: extra operand '${names[2]}'\nTry 'basename --help' for more information.\n`);
      return 1;
    }
    io.stdout(`${base(names[0], names[1] ?? '')}\n`);
    return 0;
  }
  for (const n of names) io.stdout(`${base(n, suffix)}\n`);
  return 0;
};

export const dirname: Command = async (io) => {
  const names = io.argv.slice(1);
  if (!names.length) return missing(io, 'dirname');
  for (const n of names) io.stdout(`${dir(n)}\n`);
  return 0;
};
