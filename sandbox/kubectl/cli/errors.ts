// How kubectl reports failures, and with which exit code.
// Source: kubernetes/kubectl pkg/cmd/util/helpers.go (checkErr, StandardErrorMessage,
// MultilineError, AddSourceToErr): API errors read `Error from server (<Reason>): <message>`,
// an Invalid error is rebuilt as `The <Kind> "<name>" is invalid: <causes>`, anything else
// reads `error: <message>`. Exit code 1.
import { ApiError } from '../../cluster/api/errors.ts';

/** A client-side failure; the text goes after `error: ` unless `raw`. */
export class KubectlError extends Error {
  readonly raw: boolean;
  readonly exitCode: number;
  constructor(message: string, opts: { raw?: boolean; exitCode?: number } = {}) {
    super(message);
    this.raw = opts.raw ?? false;
    this.exitCode = opts.exitCode ?? 1;
  }
}

/** An API error with the file kubectl was reading when it happened (`error when creating "web.yaml"`). */
export function withSource(err: unknown, verb: string, source: string | undefined): unknown {
  if (!source || !(err instanceof ApiError)) return err;
  const wrapped = new ApiError({ ...err.status, message: `error when ${verb} "${source}": ${err.status.message}` });
  return wrapped;
}

/** The text kubectl prints for an error (ends with a newline). */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    const st = err.status;
    if (st.reason === 'Invalid') {
      // checkErr's isInvalidReasonStatusError: `The <Kind> "<name>" is invalid` with the causes,
      // or `The request is invalid: <message>` when the server named no object and no causes
      // (a JSON patch whose operation does not apply).
      let s = 'The request is invalid';
      const details = st.details;
      if (!details) return `${s}${st.message ? `: ${st.message}` : ''}\n`;
      const causes = (details.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message}` : c.message ?? ''));
      if (details.kind || details.name) s = `The ${details.kind ?? ''} "${details.name ?? ''}" is invalid`;
      else if (st.message && !causes.length) s += `: ${st.message}`;
      if (causes.length === 1) s += `: ${causes[0]}`;
      else if (causes.length > 1) s += `: \n${causes.map((c) => `* ${c}`).join('\n')}`;
      return s + '\n';
    }
    if (st.reason && st.reason !== 'Unknown') return `Error from server (${st.reason}): ${st.message}\n`;
    return `Error from server: ${st.message}\n`;
  }
  if (err instanceof KubectlError) {
    // checkErr adds `error: ` only when the message does not start with it already.
    const m = err.raw || err.message.startsWith('error: ') ? err.message : `error: ${err.message}`;
    return m.endsWith('\n') ? m : m + '\n';
  }
  const m = `error: ${(err as Error)?.message ?? String(err)}`;
  return m.endsWith('\n') ? m : m + '\n';
}

/** One line per error when several objects failed (`Error from server (Invalid): error when creating ...`). */
export function standardErrorText(err: unknown): string {
  if (err instanceof ApiError) {
    const st = err.status;
    return st.reason && st.reason !== 'Unknown' ? `Error from server (${st.reason}): ${st.message}\n` : `Error from server: ${st.message}\n`;
  }
  return errorText(err);
}
