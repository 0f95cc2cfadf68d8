// The shape of one kubectl verb.
import type { KubectlContext } from '../cli/context.ts';
import type { FlagSpec, ParsedArgs } from '../cli/flags.ts';

export interface KubectlCommand {
  name: string;
  /** One line for `kubectl --help`. */
  short: string;
  flags: FlagSpec[];
  run(ctx: KubectlContext, parsed: ParsedArgs): Promise<number>;
}

/** How long a watch or wait lasts once the cluster is quiet, in a non-interactive run (virtual ms). */
export const QUIET_MS = 60_000;

/** `get -w` in a non-interactive run ends once its resource has been quiet this long (issue 4: 10 virtual seconds). */
export const WATCH_QUIET_MS = 10_000;
