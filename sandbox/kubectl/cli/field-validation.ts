// kubectl's --validate flag: the fieldValidation create, apply and replace ask the API server
// for. Source: kubernetes/kubectl pkg/cmd/util/helpers.go (GetValidationDirective; the flag's
// default is "strict", and a bare --validate means strict too).
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
