// StatefulSet validation as of Kubernetes 1.35.
// Source: kubernetes/kubernetes pkg/apis/apps/validation/validation.go (ValidateStatefulSet,
// ValidateStatefulSetSpec, ValidatePodTemplateSpecForStatefulSet, ValidateStatefulSetUpdate,
// ValidateStatefulSetStatus). Since 1.34 (PR #131790, #132212) the pod template is validated as
// a pod spec whose volumes include one per volumeClaimTemplate (volumesToAddForTemplates), and
// the claim templates are validated as claims; on update both are skipped when the stored
// object's template was already invalid (ratcheting).
import type { KubeObject } from '../client.ts';
import type { FieldError } from '../errors.ts';
import { deepEqual, forbidden, goStruct, invalidRendered, nonNegative, notSupported, renderValue, renderLabelSelector, required } from '../field.ts';
import { labelSelectorMatcher } from '../selectors.ts';
import { nameIsDNSLabel, validateDNS1123Label, validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './names.ts';
import { validatePodTemplateSpec } from './pod.ts';
import { validateLabelSelector } from './selector.ts';
import { validatePersistentVolumeClaimSpec } from './persistentvolumeclaim.ts';

/** 1.34+ wording (revisionHistoryLimit became mutable). */
export const STATEFULSET_SPEC_FORBIDDEN =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

interface Options {
  skipPodTemplateSpec?: boolean;
  skipVolumeClaimTemplates?: boolean;
  allowInvalidServiceName?: boolean;
}

function claimTemplateNames(spec: any): string[] {
  return (Array.isArray(spec?.volumeClaimTemplates) ? spec.volumeClaimTemplates : []).map((c: any) => String(c?.metadata?.name ?? ''));
}

function templateSpecErrors(spec: any): FieldError[] {
  return validatePodTemplateSpec(spec?.template, 'spec.template', { extraVolumes: claimTemplateNames(spec) });
}

function claimTemplateErrors(spec: any): FieldError[] {
  const errs: FieldError[] = [];
  (Array.isArray(spec?.volumeClaimTemplates) ? spec.volumeClaimTemplates : []).forEach((c: any, i: number) => {
    errs.push(...validatePersistentVolumeClaimSpec(c?.spec, `spec.volumeClaimTemplates[${i}].spec`));
  });
  return errs;
}

function retention(value: unknown, field: string): FieldError[] {
  return value === 'Retain' || value === 'Delete' ? [] : [notSupported(field, value ?? '', ['Retain', 'Delete'])];
}

export function validateStatefulSetSpec(spec: any, opts: Options = {}): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  const pmp = s.podManagementPolicy;
  if (!pmp) errs.push(required('spec.podManagementPolicy'));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') errs.push(invalidRendered('spec.podManagementPolicy', renderValue(pmp), "must be 'OrderedReady' or 'Parallel'"));
  const us = s.updateStrategy ?? {};
  const ru = us.rollingUpdate;
  // The internal Go structs have no json tags: their values print with Go field names.
  const ruGo = ru == null ? null : { Partition: ru.partition ?? 0, MaxUnavailable: ru.maxUnavailable ?? null };
  switch (us.type) {
    case undefined:
    case '':
      errs.push(required('spec.updateStrategy'));
      break;
    case 'OnDelete':
      if (ru != null) errs.push(invalidRendered('spec.updateStrategy.rollingUpdate', goStruct(ruGo), "only allowed for updateStrategy 'RollingUpdate'"));
      break;
    case 'RollingUpdate':
      if (ru != null) errs.push(...nonNegative(ru.partition, 'spec.updateStrategy.rollingUpdate.partition'));
      break;
    default:
      errs.push(invalidRendered('spec.updateStrategy', goStruct({ Type: us.type, RollingUpdate: ruGo }), "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const rp = s.persistentVolumeClaimRetentionPolicy;
  if (rp) {
    errs.push(...retention(rp.whenDeleted, 'spec.persistentVolumeClaimRetentionPolicy.whenDeleted'));
    errs.push(...retention(rp.whenScaled, 'spec.persistentVolumeClaimRetentionPolicy.whenScaled'));
  }
  errs.push(...nonNegative(s.replicas, 'spec.replicas'));
  errs.push(...nonNegative(s.minReadySeconds, 'spec.minReadySeconds'));
  if (s.ordinals) errs.push(...nonNegative(s.ordinals.start, 'spec.ordinals.start'));
  if (s.revisionHistoryLimit != null) errs.push(...nonNegative(s.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  if (s.serviceName && !opts.allowInvalidServiceName) errs.push(...validateDNS1123Label(s.serviceName, 'spec.serviceName'));
  const sel = s.selector;
  if (!sel) errs.push(required('spec.selector'));
  else {
    errs.push(...validateLabelSelector(sel, 'spec.selector'));
    const n = Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions?.length ?? 0);
    if (n === 0) errs.push(invalidRendered('spec.selector', renderLabelSelector(sel), 'empty selector is invalid for statefulset'));
  }
  // ValidatePodTemplateSpecForStatefulSet
  const labels = s.template?.metadata?.labels;
  // A missing selector converts to labels.Nothing(), which matches no template either.
  if (!sel || ((Object.keys(sel.matchLabels ?? {}).length || sel.matchExpressions?.length) && !labelSelectorMatcher(sel)(labels))) {
    errs.push(invalidRendered('spec.template.metadata.labels', renderValue(labels ?? null), '`selector` does not match template `labels`'));
  }
  if (!opts.skipPodTemplateSpec) errs.push(...templateSpecErrors(s));
  else errs.push(...validateLabels(labels, 'spec.template.labels'));
  if (!opts.skipVolumeClaimTemplates) errs.push(...claimTemplateErrors(s));
  const trp = s.template?.spec?.restartPolicy;
  if (trp !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', trp ?? '', ['Always']));
  if (s.template?.spec?.activeDeadlineSeconds != null) {
    errs.push(forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return errs;
}

export function validateStatefulSet(sts: KubeObject): FieldError[] {
  return [...validateObjectMeta(sts, true, nameIsDNSLabel), ...validateStatefulSetSpec(sts.spec)];
}

export function validateStatefulSetUpdate(sts: KubeObject, old: KubeObject): FieldError[] {
  const opts: Options = {
    skipPodTemplateSpec: templateSpecErrors(old.spec).length > 0,
    skipVolumeClaimTemplates: claimTemplateErrors(old.spec).length > 0,
    allowInvalidServiceName: !!old.spec?.serviceName && validateDNS1123Label(old.spec.serviceName, 'x').length > 0,
  };
  const errs = [...validateObjectMetaUpdate(sts, old), ...validateStatefulSetSpec(sts.spec, opts)];
  const next = { ...(sts.spec ?? {}) };
  const prev = old.spec ?? {};
  for (const k of ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy', 'revisionHistoryLimit']) next[k] = prev[k];
  if (!deepEqual(next, prev)) errs.push(forbidden('spec', STATEFULSET_SPEC_FORBIDDEN));
  return errs;
}

export function validateStatefulSetStatusUpdate(sts: KubeObject): FieldError[] {
  const st = sts.status ?? {};
  const errs: FieldError[] = [];
  for (const f of ['replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas', 'observedGeneration', 'collisionCount']) {
    errs.push(...nonNegative(st[f], `status.${f}`));
  }
  for (const f of ['readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas']) {
    if ((st[f] ?? 0) > (st.replicas ?? 0)) errs.push(invalidRendered(`status.${f}`, String(st[f]), 'cannot be greater than status.replicas'));
  }
  if ((st.availableReplicas ?? 0) > (st.readyReplicas ?? 0)) errs.push(invalidRendered('status.availableReplicas', String(st.availableReplicas), 'cannot be greater than status.readyReplicas'));
  return errs;
}
