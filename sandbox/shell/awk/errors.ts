// awk's errors (with gawk's and busybox's wording) and the control flow of next, exit, break,
// continue and return. Part of awk (../awk.ts).
import type { Val } from './values.ts';

/** A message already worded as the real awk prints it, and the exit status. */
export class AwkError extends Error {
  readonly text: string;
  readonly status: number;
  constructor(text: string, status: number) {
    super(text);
    this.text = text;
    this.status = status;
  }
}
export class NextRecord {}
export class NextFile {}
export class ExitProgram {
  readonly status: number | undefined;
  constructor(status: number | undefined) {
    this.status = status;
  }
}
export class BreakLoop {}
export class ContinueLoop {}
export class ReturnValue {
  readonly v: Val;
  constructor(v: Val) {
    this.v = v;
  }
}

/** Whose wording and rules: GNU awk (the learner's shell) or busybox awk (busybox images). */
export type Flavour = 'gnu' | 'busybox';
