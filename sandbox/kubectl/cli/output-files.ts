// `-o jsonpath-file=F`, `-o go-template-file=F` (`templatefile=F`) and `-o custom-columns-file=F`:
// the template read from the learner's file, then printed as the inline format would print it.
// A custom-columns file holds a line of headers and a line of field specs, split on whitespace.
// Sources: kubernetes/cli-runtime pkg/genericclioptions/jsonpath_flags.go and
// go_template_flags.go ("error reading --template %s, %v"), kubernetes/kubectl
// pkg/cmd/get/customcolumn_flags.go ("error reading template %s, %v") and customcolumn.go
// (NewCustomColumnsPrinterFromTemplate).
import { FsError, resolvePath, STRERROR } from '../../cluster/fs.ts';
import type { CommandIO } from '../../shell/types.ts';
import { KubectlError } from './errors.ts';

const FILE_FORMATS: Record<string, string> = {
  'jsonpath-file': 'jsonpath',
  'go-template-file': 'go-template',
  templatefile: 'go-template',
  'custom-columns-file': 'custom-columns',
};

/** Go's *PathError text: `open web.tmpl: no such file or directory`. */
function pathError(op: string, file: string, e: unknown): string {
  const why = e instanceof FsError ? STRERROR[e.code] : (e as Error).message;
  return `${op} ${file}: ${why.charAt(0).toLowerCase()}${why.slice(1)}`;
}

/** The -o value with a file format turned into its inline form; other values unchanged. */
export function inlineOutputFile(io: CommandIO, output: string | undefined): string | undefined {
  if (!output) return output;
  const eq = output.indexOf('=');
  const format = eq < 0 ? output : output.slice(0, eq);
  const inline = FILE_FORMATS[format];
  if (!inline || eq < 0) return output;
  const file = output.slice(eq + 1);
  let text: string;
  try {
    text = io.fs.readFile(resolvePath(io.cwd, file));
  } catch (e) {
    const reading = format === 'custom-columns-file' ? 'error reading template' : 'error reading --template';
    throw new KubectlError(`${reading} ${file}, ${pathError('open', file, e)}`);
  }
  if (inline !== 'custom-columns') return `${inline}=${text}`;
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const usage = 'Expected format is one line of space separated headers, one line of space separated column specs.';
  if (lines.length < 1 || (lines.length === 1 && lines[0] === '')) throw new KubectlError(`invalid template, missing header line. ${usage}`);
  if (lines.length < 2) throw new KubectlError(`invalid template, missing spec line. ${usage}`);
  const headers = lines[0].split(/\s+/).filter(Boolean);
  const specs = lines[1].split(/\s+/).filter(Boolean);
  if (headers.length !== specs.length) throw new KubectlError(`number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  return `custom-columns=${headers.map((h, i) => `${h}:${specs[i]}`).join(',')}`;
}
