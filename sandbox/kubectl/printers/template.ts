// `-o jsonpath=...` and `-o go-template=...`: a template compiled once per command and run on
// each object (or List) printed, with kubectl's wording when either fails
// (k8s.io/cli-runtime pkg/printers jsonpath.go and template.go).
import { KubectlError } from '../cli/errors.ts';
import { executeGoTemplate, GoTemplateError, parseGoTemplate } from './gotemplate.ts';
import { executeJsonPath, JsonPathError, parseJsonPath } from './jsonpath.ts';

/** The printer of a jsonpath (`asJson`: jsonpath-as-json) or go-template; throws kubectl's parse error. */
export function templatePrinter(kind: 'jsonpath' | 'go-template', template: string, asJson = false): (data: unknown) => string {
  if (kind === 'go-template') {
    let t: ReturnType<typeof parseGoTemplate>;
    try {
      t = parseGoTemplate(template);
    } catch (e) {
      if (e instanceof GoTemplateError) throw new KubectlError(`error parsing template ${template}, template: output:1: ${e.message}`);
      throw e;
    }
    return (data) => {
      try {
        return executeGoTemplate(t, data);
      } catch (e) {
        if (e instanceof GoTemplateError) throw new KubectlError(`error executing template "${template}": template: output:1: ${e.message}`);
        throw e;
      }
    };
  }
  let nodes: ReturnType<typeof parseJsonPath>;
  try {
    nodes = parseJsonPath(template);
  } catch (e) {
    throw new KubectlError(`error parsing jsonpath ${template}, ${(e as Error).message}`);
  }
  return (data) => {
    try {
      return executeJsonPath(nodes, data, true, asJson);
    } catch (e) {
      if (e instanceof JsonPathError) throw new KubectlError(`error executing jsonpath: ${e.message}`);
      throw e;
    }
  };
}
