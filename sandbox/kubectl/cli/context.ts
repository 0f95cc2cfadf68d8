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

/**
 * Warnings the API server sends with a response (a `Warning:` header); kubectl prints each once
 * per run on stderr (rest.WarningWriter with Deduplicate). Since 1.33 every request for v1
 * Endpoints carries the deprecation below (kubernetes/kubernetes
 * pkg/registry/core/endpoint/strategy.go, KEP-4974).
 */
const RESOURCE_WARNINGS: Record<string, string> = {
  endpoints: 'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice',
};

/** Where each write takes its WriteOptions, which collect the request's warnings (dropped unknown fields). */
const WRITE_OPTIONS_ARG: Record<string, number> = { create: 3, update: 3, patch: 5 };

/** The API as kubectl sees it: the same calls, plus the server's warnings on stderr. */
function withWarnings(services: Services, warn: (t: string) => void): Services {
  const shown = new Set<string>();
  const once = (w: string) => {
    if (shown.has(w)) return;
    shown.add(w);
    warn(w);
  };
  const api = new Proxy(services.api, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        const w = typeof args[0] === 'string' ? RESOURCE_WARNINGS[args[0]] : undefined;
        if (w) once(w);
        const at = typeof prop === 'string' ? WRITE_OPTIONS_ARG[prop] : undefined;
        if (at === undefined) return v.apply(target, args);
        const warnings: string[] = [];
        args[at] = { ...(args[at] as object | undefined), warnings };
        try {
          return v.apply(target, args);
        } finally {
          warnings.forEach(once);
        }
      };
    },
  });
  // Not a spread: the shell's Services has getters (runtime, network) that throw when the
  // cluster lacks that component; they must stay lazy.
  return new Proxy(services, { get: (target, prop) => (prop === 'api' ? api : Reflect.get(target, prop, target)) });
}

export function makeContext(io: CommandIO, services: Services, parsed: ParsedArgs, cmdPath: string): KubectlContext {
  const ns = parsed.flags.namespace as string | undefined;
  return {
    io,
    services: withWarnings(services, (t) => io.stderr(`Warning: ${t}\n`)),
    namespace: ns || 'default',
    namespaceSet: !!ns,
    out: (t) => io.stdout(t),
    err: (t) => io.stderr(t),
    warn: (t) => io.stderr(`Warning: ${t}\n`),
    now: () => services.now(),
    cmdPath,
  };
}
