// The diff the API server appends to "pod updates may not change fields other than ..." and to
// "spec is immutable after creation ..." (go-cmp's cmp.Diff of the internal Go structs).
// Simplified: one level deep, Go field names, values as JSON; identical runs are elided the way
// cmp.Diff does ("... // 3 identical fields").
import { deepEqual, goJson } from '../field.ts';

function goName(k: string): string {
  return k.charAt(0).toUpperCase() + k.slice(1);
}

/** `fieldOrder` lists the struct's JSON field names in declaration order (others follow sorted). */
export function cmpDiff(typeName: string, oldV: any, newV: any, fieldOrder: string[]): string {
  const keys = [...fieldOrder];
  for (const k of [...Object.keys(oldV ?? {}), ...Object.keys(newV ?? {})].sort()) if (!keys.includes(k)) keys.push(k);
  const lines = [`  ${typeName}{`];
  let same = 0;
  const flush = () => {
    if (same) lines.push(`  \t... // ${same} identical field${same === 1 ? '' : 's'}`);
    same = 0;
  };
  for (const k of keys) {
    const a = oldV?.[k];
    const b = newV?.[k];
    if (deepEqual(a, b)) {
      same++;
      continue;
    }
    flush();
    if (a !== undefined) lines.push(`- \t${goName(k)}: ${goJson(a)},`);
    else lines.push(`- \t${goName(k)}: nil,`);
    if (b !== undefined) lines.push(`+ \t${goName(k)}: ${goJson(b)},`);
    else lines.push(`+ \t${goName(k)}: nil,`);
  }
  flush();
  lines.push('  }');
  return lines.join('\n') + '\n';
}

/** Declaration order of core.PodSpec fields (pkg/apis/core/types.go). */
export const POD_SPEC_FIELDS = [
  'volumes', 'initContainers', 'containers', 'ephemeralContainers', 'restartPolicy', 'terminationGracePeriodSeconds',
  'activeDeadlineSeconds', 'dnsPolicy', 'nodeSelector', 'serviceAccountName', 'automountServiceAccountToken', 'nodeName',
  'securityContext', 'imagePullSecrets', 'hostname', 'subdomain', 'setHostnameAsFQDN', 'affinity', 'schedulerName',
  'tolerations', 'hostAliases', 'priorityClassName', 'priority', 'preemptionPolicy', 'dnsConfig', 'readinessGates',
  'runtimeClassName', 'overhead', 'enableServiceLinks', 'topologySpreadConstraints', 'os', 'schedulingGates', 'resourceClaims', 'resources',
];

/** core.PersistentVolumeClaimSpec. */
export const PVC_SPEC_FIELDS = ['accessModes', 'selector', 'resources', 'volumeName', 'storageClassName', 'volumeMode', 'dataSource', 'dataSourceRef', 'volumeAttributesClassName'];
