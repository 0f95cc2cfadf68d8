// What the learner typed in the lab's editor and the lab has not yet stored. The editor writes a
// file to the worker 300 ms after the last keystroke, and the worker's state reaches IndexedDB a
// moment later, asynchronously: a reload or a closed tab in between lost the last edits. So each
// edit is also kept here at once, synchronously, in localStorage, with the texts the file may
// still have on disk if the lab's save did not get that far (the text the edits started from
// and the texts the editor wrote since). When the lab opens again:
//   disk == draft           the save got through: the draft is dropped;
//   disk is one of `before` the save was lost: the editor puts the draft back;
//   anything else           the file changed since (a command, a reset): the draft is dropped.
// A change that comes from outside the editor (a command, reset, undo) drops the draft too.

const PREFIX = 'ssl:draft:';
/** Texts kept in `before`: the start and the last few writes (a lost save loses only the last). */
const KEEP = 4;

export interface Draft {
  text: string;
  before: string[];
}

function key(lab: string, file: string): string {
  return `${PREFIX}${lab}:${file}`;
}

function read(lab: string, file: string): Draft | undefined {
  try {
    const raw = localStorage.getItem(key(lab, file));
    if (!raw) return undefined;
    const d = JSON.parse(raw) as Partial<Draft>;
    if (typeof d?.text !== 'string' || !Array.isArray(d.before) || !d.before.every((b) => typeof b === 'string')) return undefined;
    return { text: d.text, before: d.before };
  } catch {
    return undefined;
  }
}

function write(lab: string, file: string, d: Draft): void {
  try {
    localStorage.setItem(key(lab, file), JSON.stringify(d));
  } catch {
    // storage full or blocked: the edit is still written to the lab as before
  }
}

/** The learner changed the file in the editor; `onDisk` is what the lab holds now. */
export function recordEdit(lab: string, file: string, text: string, onDisk: string): void {
  const d = read(lab, file);
  const before = d ? d.before : [];
  if (!before.includes(onDisk)) before.push(onDisk);
  write(lab, file, { text, before: before.slice(-KEEP) });
}

/** The editor wrote `text` to the lab: it is now one of the texts a lost save leaves behind. */
export function recordWrite(lab: string, file: string, text: string): void {
  const d = read(lab, file);
  if (!d) return;
  if (!d.before.includes(text)) d.before.push(text);
  write(lab, file, { text: d.text, before: d.before.slice(-KEEP) });
}

export function dropDraft(lab: string, file: string): void {
  try {
    localStorage.removeItem(key(lab, file));
  } catch {
    // nothing stored
  }
}

/**
 * The text to show for a file the lab holds as `onDisk`: the draft when the lab lost it (the
 * draft stays until it is written and found on disk), else undefined (and the draft is dropped).
 */
export function draftToRestore(lab: string, file: string, onDisk: string): string | undefined {
  const d = read(lab, file);
  if (!d) return undefined;
  if (d.text !== onDisk && d.before.includes(onDisk)) return d.text;
  dropDraft(lab, file);
  return undefined;
}
