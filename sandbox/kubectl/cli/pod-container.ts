// The container of a pod a command addresses (logs, exec, cp), by kubectl's rules. Sources:
// kubernetes/kubernetes staging/src/k8s.io/kubectl/pkg/cmd/util/podcmd/podcmd.go
// (FindOrDefaultContainerByName, AllContainerNames) and pkg/polymorphichelpers/logsforobject.go.
import type { KubeObject } from '../../cluster/api/client.ts';
import type { KubectlContext } from './context.ts';
import { ApiError } from '../../cluster/api/errors.ts';
import { KubectlError } from './errors.ts';

/** podcmd.AllContainerNames: `nginx, sidecar, setup (init)`. */
function allContainerNames(pod: KubeObject): string {
  const names = (pod.spec?.containers ?? []).map((c: any) => c.name);
  for (const c of pod.spec?.ephemeralContainers ?? []) names.push(`${c.name} (ephem)`);
  for (const c of pod.spec?.initContainers ?? []) names.push(`${c.name} (init)`);
  return names.join(', ');
}

/**
 * The container of a pod a command addresses, by kubectl's rules: the one asked for (`-c`), else
 * the pod's kubectl.kubernetes.io/default-container annotation, else the first container, saying
 * so on stderr when the pod has others (podcmd.FindOrDefaultContainerByName for exec; the same
 * rules inlined in logsforobject.go for logs, which also says when the annotation names no
 * container). A `-c` name the pod lacks: logs refuses it itself, exec's API request is refused
 * (`Error from server (BadRequest): container php is not valid for pod web-0`). `quiet`: exec's -q.
 */
export function pickContainer(ctx: KubectlContext, pod: KubeObject, requested: string | undefined, verb: 'logs' | 'exec', quiet = false): string {
  const spec = pod.spec ?? {};
  const all = [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])].map((c: any) => c.name);
  if (requested) {
    if (all.includes(requested)) return requested;
    // logs checks the name itself (logsforobject.go); exec and cp pass it to the API server,
    // whose exec subresource refuses it (pkg/registry/core/pod/strategy.go streamLocation).
    if (verb === 'logs') throw new KubectlError(`container ${requested} is not valid for pod ${pod.metadata.name}`);
    throw new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `container ${requested} is not valid for pod ${pod.metadata.name}`, reason: 'BadRequest', code: 400 });
  }
  if (!(spec.containers ?? []).length) throw new KubectlError(`pod ${pod.metadata.namespace}/${pod.metadata.name} does not have any containers`);
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated) {
    if (all.includes(annotated)) return annotated;
    // logs warns and takes the first container; exec's FindOrDefaultContainerByName refuses.
    if (verb === 'logs') ctx.err(`Default container name "${annotated}" not found in pod ${pod.metadata.name}\n`);
    else throw new KubectlError(`container ${annotated} is not valid for pod ${pod.metadata.name} out of: ${allContainerNames(pod)}`);
  }
  const first = spec.containers[0].name;
  const others = spec.containers.length > 1 || (spec.initContainers ?? []).length > 0 || (spec.ephemeralContainers ?? []).length > 0;
  if (others && !quiet) ctx.err(`Defaulted container "${first}" out of: ${allContainerNames(pod)}\n`);
  return first;
}
