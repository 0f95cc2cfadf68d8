// Runs a lesson's command script (content/<id>/transcript.sh) in the lesson's own lab (its nodes,
// initial objects and starter files from lab.yaml) and returns the transcript, exactly as
// `npm run sim -- FILE` prints one: every command after its prompt, then what it printed.
// The first line of transcript.sh names the seed: `# seed: 7`.
//   npx tsx content/transcript.ts pets-and-cattle          prints the transcript of that lesson
//   npx tsx content/transcript.ts pets-and-cattle FILE     runs FILE in that lesson's lab
//   npx tsx content/transcript.ts --refresh pets-and-cattle rewrites the page's ```console blocks
//     from a fresh run (after a simulator change; read the diff before keeping it)
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseLab, type LabDefinition } from '../sandbox/lab/schema.ts';
import { LabSession } from '../sandbox/lab/lab-session.ts';
import { runTranscript } from '../sandbox/shell/transcript.ts';

export const CONTENT = import.meta.dirname;

/** Lesson folders that have a page and a transcript.sh, in name order. */
export function transcriptLessons(): string[] {
  return readdirSync(CONTENT)
    .filter((d) => existsSync(join(CONTENT, d, 'transcript.sh')) && existsSync(join(CONTENT, d, 'index.mdx')))
    .sort();
}

export function readLab(id: string): LabDefinition {
  const file = join(CONTENT, id, 'lab.yaml');
  return parseLab(readFileSync(file, 'utf8'), `content/${id}/lab.yaml`);
}

/** The seed named on the first line of a script (`# seed: N`). */
export function scriptSeed(script: string): number {
  const m = /^#\s*seed:?\s*(\d+)/.exec(script);
  if (!m) throw new Error('transcript.sh must start with a "# seed: N" line');
  return Number(m[1]);
}

/** Runs commands (one per line, `#` lines skipped) in a fresh LabSession of the lab; returns everything printed. */
export async function runInLab(def: LabDefinition, script: string, seed = def.seed): Promise<string> {
  let out = '';
  const write = (t: string) => void (out += t);
  const lab = new LabSession({ ...def, seed }, { output: { stdout: write, stderr: write }, interactive: false });
  const body = script
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n');
  await runTranscript(lab.session, body, write);
  return out;
}

export async function lessonTranscript(id: string): Promise<string> {
  const script = readFileSync(join(CONTENT, id, 'transcript.sh'), 'utf8');
  return runInLab(readLab(id), script, scriptSeed(script));
}

/** Runs a lab's solution and returns the LabSession afterwards (for goal checks). */
export async function solvedLab(def: LabDefinition): Promise<LabSession> {
  const lab = new LabSession(def, { output: { stdout: () => {}, stderr: () => {} }, interactive: false });
  await runTranscript(lab.session, def.solution.join('\n'), () => {});
  return lab;
}

/** A transcript cut into entries: each command (the line after `$ `) and everything it printed, prompt included. */
export function transcriptEntries(transcript: string): { command: string; text: string }[] {
  const entries: { command: string; text: string }[] = [];
  for (const line of transcript.split(/(?<=\n)/)) {
    if (line.startsWith('$ ')) entries.push({ command: line.slice(2).replace(/\n$/, ''), text: line });
    else if (entries.length) entries[entries.length - 1].text += line;
  }
  return entries;
}

/**
 * Replaces the body of every ```console block of an MDX page with the same commands' output in
 * `transcript`: a block's `$ ` lines name a run of consecutive commands, searched in order.
 */
export function refreshConsoleBlocks(mdx: string, transcript: string): string {
  const entries = transcriptEntries(transcript);
  let from = 0;
  return mdx.replace(/^```console([^\n]*)\n([\s\S]*?)^```[ \t]*$/gm, (_all, meta: string, body: string) => {
    const commands = body.split('\n').filter((l) => l.startsWith('$ ')).map((l) => l.slice(2));
    for (let i = from; i + commands.length <= entries.length; i++) {
      if (commands.every((c, k) => entries[i + k].command === c)) {
        from = i + commands.length;
        const text = entries.slice(i, from).map((e) => e.text).join('');
        return '```console' + meta + '\n' + text + (text.endsWith('\n') ? '' : '\n') + '```';
      }
    }
    throw new Error(`no run of commands ${JSON.stringify(commands)} in the transcript after entry ${from}`);
  });
}

if (import.meta.filename === process.argv[1]) {
  if (process.argv[2] === '--refresh') {
    const id = process.argv[3];
    const page = join(CONTENT, id, 'index.mdx');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(page, refreshConsoleBlocks(readFileSync(page, 'utf8'), await lessonTranscript(id)));
    process.exit(0);
  }
  const id = process.argv[2];
  if (!id) {
    process.stderr.write('usage: npx tsx content/transcript.ts <lesson-id>\n');
    process.exit(2);
  }
  // A second argument runs another script in that lesson's lab (drafting a transcript).
  const other = process.argv[3];
  if (other) {
    const script = readFileSync(other, 'utf8');
    process.stdout.write(await runInLab(readLab(id), script, scriptSeed(script)));
  } else process.stdout.write(await lessonTranscript(id));
}
