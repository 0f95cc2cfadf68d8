// Whole-object output: `-o yaml` (keys sorted, lists not indented under their key, as
// sigs.k8s.io/yaml over go-yaml v2 writes them), `-o json` (4-space indent, sorted keys and HTML
// escapes as the unstructured map marshals: go-json.ts), and `-o name` (`pod/web-0`, `statefulset.apps/web`).
// Source: kubernetes/cli-runtime pkg/printers/yaml.go, json.go, name.go.
import { stringify } from 'yaml';
import type { KubeObject } from '../../cluster/api/client.ts';
import { resourceForKind, type ResourceInfo } from '../../cluster/api/resources.ts';
import { goJsonMarshalIndent } from '../../cluster/api/go-json.ts';

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as any)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

export function toYaml(obj: unknown): string {
  return stringify(sortKeys(obj), { version: '1.1', indentSeq: false, lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
}

export function toJson(obj: unknown): string {
  return goJsonMarshalIndent(obj, '    ') + '\n';
}

/** `pod/web-0`: singular resource plus group. */
export function kindPrefix(info: ResourceInfo): string {
  return info.group ? `${info.singular}.${info.group}` : info.singular;
}

export function objectName(obj: KubeObject, info?: ResourceInfo): string {
  const i = info ?? resourceForKind(obj.kind ?? '');
  return i ? `${kindPrefix(i)}/${obj.metadata.name}` : `${String(obj.kind ?? '').toLowerCase()}/${obj.metadata.name}`;
}

/** `kubectl get ... -o yaml` of several objects: a v1 List. */
export function asList(items: KubeObject[]): KubeObject {
  return { apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } } as unknown as KubeObject;
}
