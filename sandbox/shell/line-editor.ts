// Keys → an edited line, for terminals that send raw keystrokes (xterm.js in the page, a TTY in
// raw mode for `npm run sim`). Arrows walk the history, Tab completes, Ctrl-C/L/D/A/E/U/K/W as in
// readline. Writes only ANSI sequences; knows nothing of the shell beyond the callbacks.
import { commonPrefix, type Completion } from './complete.ts';

export type EditorEvent =
  | { type: 'line'; line: string } // Enter
  | { type: 'interrupt' } // Ctrl-C
  | { type: 'eof' } // Ctrl-D on an empty line
  | { type: 'clear' }; // Ctrl-L (the editor already cleared the screen)

export interface LineEditorOptions {
  write(text: string): void;
  history(): string[];
  complete?(line: string, cursor: number): Completion;
}

export class LineEditor {
  private readonly o: LineEditorOptions;
  private line = '';
  private cursor = 0;
  private promptText = '';
  private histIndex = -1;
  private saved = '';
  private lastWasTab = false;
  private pending = '';

  constructor(o: LineEditorOptions) {
    this.o = o;
  }

  /** Prints the prompt and starts a new line. */
  prompt(text: string): void {
    this.promptText = text;
    this.line = '';
    this.cursor = 0;
    this.histIndex = -1;
    this.o.write(text);
  }

  /** Feeds terminal input; returns what the host must act on. */
  feed(data: string): EditorEvent[] {
    const events: EditorEvent[] = [];
    let s = this.pending + data;
    this.pending = '';
    while (s.length) {
      // CSI and SS3 sequences (arrows, Home, Delete...), else ESC and one key: readline's Meta
      // prefix (Alt+b sends ESC b), so Escape then a letter is that letter's Meta command.
      // A control key after ESC is itself (Escape then Ctrl-C still interrupts).
      const esc = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Z]|[^[O\x00-\x1f])/.exec(s);
      if (!esc && /^\x1b(\[[0-9;]*|O)?$/.test(s)) {
        this.pending = s; // an escape sequence split across reads
        break;
      }
      const key = esc ? esc[0] : s[0] === '\r' && s[1] === '\n' ? '\r\n' : s[0];
      s = s.slice(key.length);
      const ev = this.key(key);
      if (ev) events.push(ev);
    }
    return events;
  }

  private key(k: string): EditorEvent | undefined {
    const tab = k === '\t';
    const wasTab = this.lastWasTab;
    this.lastWasTab = false;
    switch (k) {
      case '\r':
      case '\n':
      case '\r\n': {
        const line = this.line;
        this.o.write('\r\n');
        this.line = '';
        this.cursor = 0;
        return { type: 'line', line };
      }
      case '\x03':
        this.o.write('^C\r\n');
        this.line = '';
        this.cursor = 0;
        return { type: 'interrupt' };
      case '\x04':
        if (!this.line) return { type: 'eof' };
        this.edit(this.line.slice(0, this.cursor) + this.line.slice(this.cursor + 1), this.cursor);
        return undefined;
      case '\x0c':
        this.o.write('\x1b[H\x1b[2J' + this.promptText + this.line);
        this.moveTo(this.cursor, this.line.length);
        return { type: 'clear' };
      case '\x7f':
      case '\b':
        if (this.cursor > 0) this.edit(this.line.slice(0, this.cursor - 1) + this.line.slice(this.cursor), this.cursor - 1);
        return undefined;
      case '\x1b[3~':
        this.edit(this.line.slice(0, this.cursor) + this.line.slice(this.cursor + 1), this.cursor);
        return undefined;
      case '\x01':
      case '\x1b[H':
      case '\x1bOH':
        this.edit(this.line, 0);
        return undefined;
      case '\x05':
      case '\x1b[F':
      case '\x1bOF':
        this.edit(this.line, this.line.length);
        return undefined;
      case '\x15':
        this.edit(this.line.slice(this.cursor), 0);
        return undefined;
      case '\x0b':
        this.edit(this.line.slice(0, this.cursor), this.cursor);
        return undefined;
      case '\x17': {
        const before = this.line.slice(0, this.cursor).replace(/\S+\s*$/, '');
        this.edit(before + this.line.slice(this.cursor), before.length);
        return undefined;
      }
      case '\x1b[D':
      case '\x1bOD':
        this.edit(this.line, Math.max(0, this.cursor - 1));
        return undefined;
      case '\x1b[C':
      case '\x1bOC':
        this.edit(this.line, Math.min(this.line.length, this.cursor + 1));
        return undefined;
      // readline's backward-word / forward-word (M-b, M-f; Ctrl+arrows in Debian's inputrc).
      case '\x1bb':
      case '\x1b[1;5D':
        this.edit(this.line, wordStart(this.line, this.cursor));
        return undefined;
      case '\x1bf':
      case '\x1b[1;5C':
        this.edit(this.line, wordEnd(this.line, this.cursor));
        return undefined;
      // kill-word (M-d) and backward-kill-word (M-DEL).
      case '\x1bd':
        this.edit(this.line.slice(0, this.cursor) + this.line.slice(wordEnd(this.line, this.cursor)), this.cursor);
        return undefined;
      case '\x1b\x7f': {
        const start = wordStart(this.line, this.cursor);
        this.edit(this.line.slice(0, start) + this.line.slice(this.cursor), start);
        return undefined;
      }
      case '\x1b[A':
      case '\x1bOA':
        this.historyStep(-1);
        return undefined;
      case '\x1b[B':
      case '\x1bOB':
        this.historyStep(1);
        return undefined;
    }
    if (tab) {
      this.lastWasTab = true;
      this.completeWord(wasTab);
      return undefined;
    }
    if (k.startsWith('\x1b') || k < ' ') return undefined;
    if (this.cursor === this.line.length) {
      // Typing at the end: just echo (no redraw).
      this.line += k;
      this.cursor += k.length;
      this.o.write(k);
      return undefined;
    }
    this.edit(this.line.slice(0, this.cursor) + k + this.line.slice(this.cursor), this.cursor + k.length);
    return undefined;
  }

  private historyStep(dir: number): void {
    const h = this.o.history();
    if (!h.length) return;
    if (this.histIndex === -1) {
      if (dir > 0) return;
      this.saved = this.line;
      this.histIndex = h.length;
    }
    const i = this.histIndex + dir;
    if (i < 0) return;
    if (i >= h.length) {
      this.histIndex = -1;
      this.edit(this.saved, this.saved.length);
      return;
    }
    this.histIndex = i;
    const l = h[i].split('\n')[0];
    this.edit(l, l.length);
  }

  private completeWord(secondTab: boolean): void {
    if (!this.o.complete) return;
    const c = this.o.complete(this.line, this.cursor);
    if (!c.items.length) return;
    const word = this.line.slice(c.start, this.cursor);
    const insert = c.items.length === 1 ? c.items[0] : commonPrefix(c.items);
    if (insert.length > word.length) {
      this.edit(this.line.slice(0, c.start) + insert + this.line.slice(this.cursor), c.start + insert.length);
      return;
    }
    if (secondTab || c.items.length > 1) {
      if (!secondTab) return;
      const shown = c.items.map((i) => i.trimEnd().replace(/^.*\/(?=.)/, ''));
      this.o.write('\r\n' + shown.join('  ') + '\r\n' + this.promptText + this.line);
      this.moveTo(this.cursor, this.line.length);
    }
  }

  /** Replaces the line and redraws it from the prompt. */
  private edit(line: string, cursor: number): void {
    const back = this.cursor;
    this.line = line;
    this.cursor = cursor;
    this.o.write((back ? `\x1b[${back}D` : '') + '\x1b[K' + line);
    this.moveTo(cursor, line.length);
  }

  private moveTo(cursor: number, from: number): void {
    if (from > cursor) this.o.write(`\x1b[${from - cursor}D`);
  }
}

/** readline's words are letters and digits: where backward-word lands from `cursor`. */
function wordStart(line: string, cursor: number): number {
  let i = cursor;
  while (i > 0 && !/[A-Za-z0-9]/.test(line[i - 1])) i--;
  while (i > 0 && /[A-Za-z0-9]/.test(line[i - 1])) i--;
  return i;
}

/** Where forward-word lands: the end of the next word. */
function wordEnd(line: string, cursor: number): number {
  let i = cursor;
  while (i < line.length && !/[A-Za-z0-9]/.test(line[i])) i++;
  while (i < line.length && /[A-Za-z0-9]/.test(line[i])) i++;
  return i;
}
