// metav1.LabelSelector validation. Source: apimachinery pkg/apis/meta/v1/validation/validation.go
// ValidateLabelSelector, ValidateLabelSelectorRequirement.
import type { FieldError } from '../errors.ts';
import { forbidden, invalid, required } from '../field.ts';
import { each, isQualifiedName, validateLabels } from './names.ts';

export function validateLabelSelector(sel: any, path: string): FieldError[] {
  if (!sel) return [];
  const errs: FieldError[] = [];
  (Array.isArray(sel.matchExpressions) ? sel.matchExpressions : []).forEach((e: any, i: number) => {
    const p = `${path}.matchExpressions[${i}]`;
    const values = Array.isArray(e?.values) ? e.values : [];
    switch (e?.operator) {
      case 'In':
      case 'NotIn':
        if (!values.length) errs.push(required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length) errs.push(forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalid(`${p}.operator`, e?.operator ?? '', 'not a valid selector operator'));
    }
    errs.push(...each(`${p}.key`, String(e?.key ?? ''), isQualifiedName(String(e?.key ?? ''))));
  });
  errs.push(...validateLabels(sel.matchLabels, `${path}.matchLabels`));
  return errs;
}
