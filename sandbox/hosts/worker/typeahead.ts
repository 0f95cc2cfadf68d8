// Keys typed while a command runs. A real terminal does not lose them: the tty's line discipline
// (canonical mode, ECHO and ECHOE on) shows them as they are typed and keeps them until the shell
// reads its next line, where readline shows them again after the prompt. `sleep 5`, a watch or a
// rollout status that the learner types past therefore still gets the next command run.
// An interrupt (Ctrl-C) flushes them, as the driver flushes its queues on SIGINT (no NOFLSH).

export class Typeahead {
  private keys = '';
  /** The echoed part of the line being typed, for the erase of a backspace. */
  private echoedLine = '';

  /**
   * Keeps `data` as the line discipline keeps it (a backspace erases the last character of the
   * line being typed, so the shell later reads the line as corrected) and returns what the
   * terminal echoes for it.
   */
  add(data: string): string {
    let echo = '';
    // Escape sequences (arrows, function keys) are kept for the shell but not echoed.
    for (const part of data.split(/(\x1b(?:\[[0-9;]*[A-Za-z~]|O[A-Za-z]|.))/)) {
      if (part.startsWith('\x1b')) {
        this.keys += part;
        continue;
      }
      for (const ch of part) {
        if (ch === '\r' || ch === '\n') {
          this.keys += ch;
          echo += '\r\n';
          this.echoedLine = '';
        } else if (ch === '\x7f' || ch === '\b') {
          // VERASE with ECHOE: erase the last character, never past the start of the line.
          if (this.echoedLine) {
            this.echoedLine = this.echoedLine.slice(0, -1);
            this.keys = this.keys.slice(0, -1);
            echo += '\b \b';
          }
        } else {
          this.keys += ch;
          if (ch >= ' ') {
            this.echoedLine += ch;
            echo += ch;
          }
        }
      }
    }
    return echo;
  }

  /**
   * What a program reading the terminal gets now (bash's `read`), or undefined while it must
   * wait for more keys: the kept keys up to and with `delim` (Enter arrives as '\r', which the
   * line discipline turns into '\n'), or the first `max` of them; before a Ctrl-D, the keys
   * typed before it without the Ctrl-D (none at the start of a line: the end of the input).
   * The rest stays kept for the next read or the next prompt.
   */
  takeRead(delim: string, max?: number): string | undefined {
    const keys = this.keys.replace(/\r/g, '\n');
    for (let i = 0; i < keys.length; i++) {
      if (max !== undefined && i === max) return this.takeFirst(i, i);
      if (keys[i] === '\x04') return this.takeFirst(i, i + 1);
      if (keys[i] === delim) return this.takeFirst(i + 1, i + 1);
    }
    return max !== undefined && keys.length >= max ? this.takeFirst(max, max) : undefined;
  }

  /** The first `n` keys (as read, '\r' as '\n'), dropping `used` of them from what is kept. */
  private takeFirst(n: number, used: number): string {
    const taken = this.keys.slice(0, n).replace(/\r/g, '\n');
    this.keys = this.keys.slice(used);
    if (!/[\r\n]/.test(this.keys)) this.echoedLine = this.keys.replace(/[\x00-\x1f\x7f]|\x1b(?:\[[0-9;]*[A-Za-z~]|O[A-Za-z]|.)/g, '');
    return taken;
  }

  /** The keys kept so far, handed over once: they are the next input. */
  take(): string {
    const keys = this.keys;
    this.clear();
    return keys;
  }

  clear(): void {
    this.keys = '';
    this.echoedLine = '';
  }
}
