// kubectl's --validate flag: the fieldValidation create, apply and replace ask the API server
// for. Source: kubernetes/kubectl pkg/cmd/util/helpers.go (GetValidationDirective; the flag's
// default is "strict", and a bare --validate means strict too).
import { unknownFields } from '../../cluster/api/strict-fields.ts';
import type { KubeObject } from '../../cluster/api/client.ts';
import { KubectlError } from './errors.ts';

export type ValidationDirective = 'Strict' | 'Warn' | 'Ignore';

// Go's strconv.ParseBool.
const TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const FALSE = ['0', 'f', 'F', 'FALSE', 'false', 'False'];

export function validationDirective(flag: string | undefined): ValidationDirective {
  const v = flag ?? 'strict';
  if (TRUE.includes(v)) return 'Strict';
  if (FALSE.includes(v)) return 'Ignore';
  switch (v) {
    case 'strict': return 'Strict';
    case 'warn': return 'Warn';
    case 'ignore': return 'Ignore';
  }
  throw new KubectlError(`invalid - validate option "${v}"; must be one of: strict (or true), warn, ignore (or false)`);
}

/**
 * Under Warn the server accepts the object without its unknown fields and says which in
 * Warning headers, which kubectl prints as `Warning: unknown field "spec.replica"`.
 */
export function unknownFieldWarnings(directive: ValidationDirective, obj: KubeObject): string {
  if (directive !== 'Warn') return '';
  return (unknownFields(String(obj.kind ?? ''), obj) ?? []).map((p) => `Warning: unknown field "${p}"\n`).join('');
}
