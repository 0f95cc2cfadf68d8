// Deployment and ReplicaSet validation. Source: kubernetes/kubernetes
// pkg/apis/apps/validation/validation.go (ValidateDeploymentSpec, ValidateDeploymentStrategy,
// ValidateRollingUpdateDeployment, ValidatePodTemplateSpecForReplicaSet, ValidateReplicaSetSpec,
// ValidateDeploymentUpdate / ValidateReplicaSetUpdate: selector immutable in apps/v1).
import type { KubeObject } from '../client.ts';
import type { FieldError } from '../errors.ts';
import { forbidden, immutable, invalid, invalidRendered, nonNegative, notSupported, renderLabelSelector, renderValue, required } from '../field.ts';
import { labelSelectorMatcher } from '../selectors.ts';
import { nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from './names.ts';
import { validatePodTemplateSpec } from './pod.ts';
import { validateLabelSelector } from './selector.ts';

function selectorAndTemplate(spec: any, kind: 'deployment' | 'replicaset', templateKind: string): FieldError[] {
  const errs: FieldError[] = [];
  const sel = spec.selector;
  if (!sel) errs.push(required('spec.selector'));
  else {
    errs.push(...validateLabelSelector(sel, 'spec.selector'));
    if (!Object.keys(sel.matchLabels ?? {}).length && !sel.matchExpressions?.length) {
      errs.push(invalidRendered('spec.selector', renderLabelSelector(sel), `empty selector is invalid for ${kind}`));
    }
  }
  // ValidatePodTemplateSpecForReplicaSet
  const labels = spec.template?.metadata?.labels;
  if (!sel || ((Object.keys(sel.matchLabels ?? {}).length || sel.matchExpressions?.length) && !labelSelectorMatcher(sel)(labels))) {
    errs.push(invalidRendered('spec.template.metadata.labels', renderValue(labels ?? null), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(spec.template, 'spec.template'));
  const rp = spec.template?.spec?.restartPolicy;
  if (rp !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', rp ?? '', ['Always']));
  if (spec.template?.spec?.activeDeadlineSeconds != null) {
    errs.push(forbidden('spec.template.spec.activeDeadlineSeconds', `activeDeadlineSeconds in ${templateKind} is not Supported`));
  }
  return errs;
}

/** IntOrString as a count or percent (ValidatePositiveIntOrPercent, IsNotMoreThan100Percent). */
function intOrPercent(v: unknown, field: string): FieldError[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'number') return nonNegative(v, field);
  const m = /^([0-9]+)%$/.exec(String(v));
  if (!m) return [invalid(field, v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")];
  return Number(m[1]) > 100 ? [invalid(field, v, 'must not be greater than 100%')] : [];
}

function isZero(v: unknown): boolean {
  return v === 0 || v === '0%' || v === '0';
}

export function validateDeploymentSpec(spec: any): FieldError[] {
  const s = spec ?? {};
  const errs = nonNegative(s.replicas, 'spec.replicas');
  errs.push(...selectorAndTemplate(s, 'deployment', 'ReplicaSet'));
  const st = s.strategy ?? {};
  if (st.type === 'Recreate') {
    if (st.rollingUpdate != null) errs.push(forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
  } else if (st.type === 'RollingUpdate') {
    if (st.rollingUpdate == null) errs.push(required('spec.strategy.rollingUpdate', 'this should be defaulted and never be nil'));
    else {
      const ru = st.rollingUpdate;
      errs.push(...intOrPercent(ru.maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable'));
      errs.push(...intOrPercent(ru.maxSurge, 'spec.strategy.rollingUpdate.maxSurge'));
      if (isZero(ru.maxUnavailable) && isZero(ru.maxSurge)) {
        errs.push(invalid('spec.strategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
      }
    }
  } else errs.push(notSupported('spec.strategy.type', st.type ?? '', ['Recreate', 'RollingUpdate']));
  errs.push(...nonNegative(s.minReadySeconds, 'spec.minReadySeconds'));
  if (s.revisionHistoryLimit != null) errs.push(...nonNegative(s.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  if (s.progressDeadlineSeconds != null) {
    errs.push(...nonNegative(s.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
    if (s.progressDeadlineSeconds <= (s.minReadySeconds ?? 0)) errs.push(invalid('spec.progressDeadlineSeconds', s.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

export function validateDeployment(d: KubeObject): FieldError[] {
  return [...validateObjectMeta(d, true, nameIsDNSSubdomain), ...validateDeploymentSpec(d.spec)];
}

function selectorImmutable(obj: KubeObject, old: KubeObject): FieldError[] {
  return immutable(obj.spec?.selector, old.spec?.selector, 'spec.selector').map((e) => ({ ...e, value: renderLabelSelector(obj.spec?.selector) }));
}

export function validateDeploymentUpdate(d: KubeObject, old: KubeObject): FieldError[] {
  return [...validateObjectMetaUpdate(d, old), ...validateDeploymentSpec(d.spec), ...selectorImmutable(d, old)];
}

export function validateReplicaSetSpec(spec: any): FieldError[] {
  const s = spec ?? {};
  const errs = nonNegative(s.replicas, 'spec.replicas');
  errs.push(...nonNegative(s.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...selectorAndTemplate(s, 'replicaset', 'ReplicaSet'));
  return errs;
}

export function validateReplicaSet(rs: KubeObject): FieldError[] {
  return [...validateObjectMeta(rs, true, nameIsDNSSubdomain), ...validateReplicaSetSpec(rs.spec)];
}

export function validateReplicaSetUpdate(rs: KubeObject, old: KubeObject): FieldError[] {
  return [...validateObjectMetaUpdate(rs, old), ...validateReplicaSetSpec(rs.spec), ...selectorImmutable(rs, old)];
}
