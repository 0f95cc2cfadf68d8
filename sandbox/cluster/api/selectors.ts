// Label and field selectors, as the API server parses them.
// Source: kubernetes/apimachinery pkg/labels/selector.go (Parse), pkg/fields/selector.go.
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from './client.ts';
import type { Requirement } from './label-selector-parser.ts';

export { parseLabelSelector, type Requirement } from './label-selector-parser.ts';

export type Matcher = (labels: Record<string, string> | undefined) => boolean;

export function matchRequirements(reqs: Requirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const r of reqs) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'exists': if (!has) return false; break;
      case '!': if (has) return false; break;
      case 'in': if (!has || !r.values.includes(l[r.key])) return false; break;
      case 'notin': if (has && r.values.includes(l[r.key])) return false; break;
      case 'gt':
      case 'lt': {
        // Requirement.Matches: both sides as integers; a label that is not one never matches.
        if (!has || !/^[+-]?\d+$/.test(l[r.key])) return false;
        const [v, bound] = [Number(l[r.key]), Number(r.values[0])];
        if (r.op === 'gt' ? !(v > bound) : !(v < bound)) return false;
        break;
      }
    }
  }
  return true;
}

/** A metav1.LabelSelector (matchLabels + matchExpressions) as requirements. Empty selects everything. */
export function requirementsFromLabelSelector(sel: LabelSelector | undefined): Requirement[] {
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) reqs.push({ key: k, op: 'in', values: [v] });
  for (const e of sel?.matchExpressions ?? []) {
    if (e.operator === 'In') reqs.push({ key: e.key, op: 'in', values: e.values ?? [] });
    else if (e.operator === 'NotIn') reqs.push({ key: e.key, op: 'notin', values: e.values ?? [] });
    else if (e.operator === 'Exists') reqs.push({ key: e.key, op: 'exists' });
    else if (e.operator === 'DoesNotExist') reqs.push({ key: e.key, op: '!' });
  }
  return reqs;
}

export function labelSelectorMatcher(sel: LabelSelector | undefined): Matcher {
  const reqs = requirementsFromLabelSelector(sel);
  return (labels) => matchRequirements(reqs, labels);
}

/** `matchLabels` as kubectl prints it: `app=nginx`. */
export function formatLabelSelector(sel: LabelSelector | undefined): string {
  const parts = Object.entries(sel?.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`);
  for (const e of sel?.matchExpressions ?? []) {
    if (e.operator === 'In') parts.push(`${e.key} in (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

/** Parses `metadata.name=web-0,status.phase!=Running`. */
export function parseFieldSelector(text: string): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  for (const raw of text.split(',')) {
    const p = raw.trim();
    if (!p) continue;
    const m = p.match(/^([A-Za-z0-9._-]+)\s*(==|=|!=)\s*(.*)$/);
    if (!m) throw new Error(`invalid selector: '${text}'; can't understand '${p}'`);
    out.push({ field: m[1], op: m[2] === '!=' ? '!=' : '=', value: m[3] });
  }
  return out;
}

/**
 * The field labels of the resources with their own field label conversion (AddFieldLabelConversionFunc
 * in kubernetes/kubernetes pkg/apis/core/v1/conversion.go, and apps/v1's for ReplicaSets): every
 * label each one takes, metadata ones included (Nodes and Namespaces do not take
 * metadata.namespace). Every other resource takes metadata.name and metadata.namespace only
 * (apimachinery pkg/runtime DefaultMetaV1FieldSelectorConversion).
 */
export const FIELD_LABELS: Record<string, string[]> = {
  pods: [
    'metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName',
    'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName',
  ],
  events: [
    'involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion',
    'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type',
    'metadata.namespace', 'metadata.name',
  ],
  nodes: ['metadata.name', 'spec.unschedulable'],
  namespaces: ['status.phase', 'metadata.name'],
  replicasets: ['metadata.name', 'metadata.namespace', 'status.replicas'],
  services: ['metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type'],
};

/** Why the API server refuses a field selector for `resource`, or undefined when it takes every label. */
export function checkFieldSelector(resource: string, reqs: FieldRequirement[]): string | undefined {
  const own = FIELD_LABELS[resource];
  for (const r of reqs) {
    if (own) {
      if (!own.includes(r.field)) return `field label not supported: ${r.field}`;
    } else if (r.field !== 'metadata.name' && r.field !== 'metadata.namespace') {
      return `"${r.field}" is not a known field selector: only "metadata.name", "metadata.namespace"`;
    }
  }
  return undefined;
}

/** Reads a field label from an object as the registry's field set renders it ('' when unset). */
export function fieldValue(obj: KubeObject, path: string): string {
  switch (path) {
    case 'source':
      return obj.source?.component ?? '';
    case 'reportingComponent':
      return obj.reportingComponent ?? '';
    case 'spec.unschedulable':
    case 'spec.hostNetwork':
      return String(!!getPath(obj, path));
    case 'status.podIPs':
      return (obj.status?.podIPs ?? []).map((p: any) => p.ip).join(',');
    case 'status.replicas':
      return String(obj.status?.replicas ?? 0);
  }
  const v = getPath(obj, path);
  return v == null ? '' : String(v);
}

function getPath(obj: KubeObject, path: string): any {
  let cur: any = obj;
  for (const k of path.split('.')) {
    if (cur == null) return undefined;
    cur = cur[k];
  }
  return cur;
}

export function matchFields(reqs: FieldRequirement[], obj: KubeObject): boolean {
  return reqs.every((r) => (fieldValue(obj, r.field) === r.value) === (r.op === '='));
}
