// One run of an awk program, fed a record at a time: BEGIN, each input's records, END, with
// POSIX's control flow (next, nextfile, exit: END still runs) and the errors that end a run
// (printed once; nothing runs after them, END included). The awk command feeds it whole files;
// as a pipe's last stage it gets the lines as they arrive. Part of awk (../awk.ts).
import type { CommandIO } from '../types.ts';
import { AwkError, ExitProgram, NextFile, NextRecord } from './errors.ts';
import type { Runtime } from './runtime.ts';
import type { Program } from './syntax.ts';

export class AwkRun {
  private readonly prog: Program;
  private readonly rt: Runtime;
  private readonly io: CommandIO;
  private readonly where: string;
  private status = 0;
  /** The exit status of an error that ended the run. */
  private failed: number | undefined;
  /** `exit` ran: no more records. */
  private exited = false;
  /** `nextfile` ran: the rest of this input is skipped. */
  private skipping = false;
  private fnr = 0;

  constructor(prog: Program, rt: Runtime, io: CommandIO, where: string) {
    this.prog = prog;
    this.rt = rt;
    this.io = io;
    this.where = where;
  }

  /** Whether more input would be read: no `exit` ran, and no error ended the run. */
  wantsMore(): boolean {
    return !this.exited && this.failed === undefined;
  }

  /** Whether the program reads input at all: a program of BEGIN rules alone does not. */
  readsInput(): boolean {
    return this.prog.rules.length > 0 || this.prog.end.length > 0;
  }

  begin(): void {
    this.guard(() => {
      for (const b of this.prog.begin) this.rt.exec(b);
    });
  }

  /** A `var=value` operand, or -v. */
  assign(name: string, value: string): void {
    this.guard(() => this.rt.assignVar(name, value));
  }

  /** The next input begins: FILENAME, FNR from 1. */
  startInput(name: string): void {
    this.skipping = false;
    this.fnr = 0;
    this.guard(() => {
      if (this.rt.str(this.rt.cell('RS').v) !== '\n') this.rt.unsupportedRS(this.rt.str(this.rt.cell('RS').v));
      // io.c nextfile and busybox next_input_file both name standard input `-`.
      this.rt.cell('FILENAME').v = name;
    });
  }

  record(text: string): void {
    if (this.exited || this.skipping) return;
    this.guard(() => {
      this.rt.bumpRecord(++this.fnr);
      this.rt.setRecord(text);
      try {
        for (const r of this.prog.rules) this.rt.runRule(r);
      } catch (x) {
        if (x instanceof NextFile) this.skipping = true;
        else if (!(x instanceof NextRecord)) throw x;
      }
    });
  }

  /** An error from outside the program (an input that cannot be read) ends the run. */
  fail(e: AwkError): void {
    this.guard(() => {
      throw e;
    });
  }

  /** END rules (after the input, and after `exit` in BEGIN or a main rule), then the exit status. */
  finish(): number {
    this.exited = true;
    this.guard(() => {
      try {
        for (const b of this.prog.end) this.rt.exec(b);
      } catch (x) {
        if (x instanceof ExitProgram) {
          if (x.status !== undefined) this.status = x.status;
        } else if (!(x instanceof NextRecord || x instanceof NextFile)) {
          throw x;
        }
        // gawk: `next' used in END action is a parse error; the lab ignores it at run time.
      }
    });
    return this.failed ?? this.status;
  }

  /** Runs f unless an error ended the run; `exit` stops the records, an error the whole run. */
  private guard(f: () => void): void {
    if (this.failed !== undefined) return;
    try {
      f();
    } catch (e) {
      if (e instanceof ExitProgram) {
        this.exited = true;
        if (e.status !== undefined) this.status = e.status;
      } else if (e instanceof AwkError) {
        this.io.stderr(e.text);
        this.failed = e.status;
      } else if (e instanceof RangeError) {
        // JavaScript's stack ends before gawk's would (deep recursion in a user function).
        this.io.stderr(`awk: ${this.where}: fatal: function calls nested too deeply for the lab\n`);
        this.failed = 2;
      } else if (e instanceof NextRecord || e instanceof NextFile) {
        // `next` in a function called from BEGIN (in BEGIN itself it is a parse error). The
        // wording is the lab's: not checked against interpret.h.
        this.io.stderr(`awk: ${this.where}: fatal: \`next' cannot be called from a BEGIN rule\n`);
        this.failed = 2;
      } else {
        throw e;
      }
    }
  }
}
