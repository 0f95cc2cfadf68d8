// `kubectl exec ... -- nslookup` in the shell: the one implementation the kubelet also runs for a
// container's own command (cluster/kubelet/programs/nslookup.ts), asking the cluster DNS from the
// container's namespace.
import type { ContainerEnv } from '../cluster/runtime-api.ts';
import { nslookup as run, type NslookupKind } from '../cluster/kubelet/programs/nslookup.ts';
import type { CommandIO, Services } from './types.ts';

export { busyboxNslookupKind, type NslookupKind } from '../cluster/kubelet/programs/nslookup.ts';

export async function nslookup(io: CommandIO, services: Services, env: ContainerEnv, kind: NslookupKind): Promise<number> {
  return run(io, (q, type) => services.network.resolve(env.namespace, q, type), env, kind);
}
