// What every kubectl command gets: the streams, the cluster services, the namespace in effect.
import type { CommandIO, Services } from '../../shell/types.ts';
import type { ParsedArgs } from './flags.ts';

export interface KubectlContext {
  io: CommandIO;
  services: Services;
  /** `-n` / `--namespace`, or `default` (no kubeconfig in the lab: minikube's default context). */
  namespace: string;
  /** The learner gave `-n` explicitly. */
  namespaceSet: boolean;
  out(text: string): void;
  err(text: string): void;
  /** `Warning: ...` on stderr, as kubectl's WarningPrinter writes it. */
  warn(text: string): void;
  now(): number;
  /** `kubectl get`, `kubectl rollout status`: the command path for usage hints. */
  cmdPath: string;
}

export function makeContext(io: CommandIO, services: Services, parsed: ParsedArgs, cmdPath: string): KubectlContext {
  const ns = parsed.flags.namespace as string | undefined;
  return {
    io,
    services,
    namespace: ns || 'default',
    namespaceSet: !!ns,
    out: (t) => io.stdout(t),
    err: (t) => io.stderr(t),
    warn: (t) => io.stderr(`Warning: ${t}\n`),
    now: () => services.now(),
    cmdPath,
  };
}
