// kubectl explain TYPE[.field.path] [--recursive]: the OpenAPI v3 plaintext template.
// Source: kubernetes/kubectl pkg/explain/v2/templates/plaintext.tmpl (GROUP/KIND/VERSION header,
// FIELD, DESCRIPTION, FIELDS with `name\t<type> -required-`), descriptions wrapped at 80 columns.
import { KubectlError } from '../cli/errors.ts';
import { requireResource } from '../cli/resources.ts';
import { EXPLAIN, type Field } from './explain-schema.ts';
import type { KubectlCommand } from './types.ts';

function wrap(text: string, indent: string, width = 80): string {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    if (!para.trim()) {
      out.push(indent);
      continue;
    }
    const lead = /^\s*/.exec(para)![0];
    let line = '';
    for (const word of para.trim().split(/\s+/)) {
      if (line && indent.length + lead.length + line.length + 1 + word.length > width) {
        out.push(indent + lead + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) out.push(indent + lead + line);
  }
  return out.join('\n') + '\n';
}

function fieldLines(fields: Record<string, Field>, recursive: boolean, depth = 1): string {
  let s = '';
  for (const name of Object.keys(fields).sort()) {
    const f = fields[name];
    if (recursive) {
      s += `${'  '.repeat(depth)}${name}\t<${f.type}>${f.required ? ' -required-' : ''}\n`;
      if (f.fields) s += fieldLines(f.fields, true, depth + 1);
    } else {
      s += `  ${name}\t<${f.type}>${f.required ? ' -required-' : ''}\n${wrap(f.desc, '    ')}\n`;
    }
  }
  return s;
}

export const explainCommand: KubectlCommand = {
  name: 'explain',
  short: 'Get documentation for a resource',
  flags: [{ name: 'recursive', type: 'bool' }, { name: 'api-version', type: 'string' }, { name: 'output', short: 'o', type: 'string' }],
  async run(ctx, p) {
    if (!p.args.length) throw new KubectlError(`You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.`);
    const [typeWord, ...path] = p.args[0].split('.');
    const info = requireResource(typeWord);
    let node = EXPLAIN[info.kind];
    if (!node) {
      node = { type: 'Object', desc: `${info.kind} (${info.group ? info.group + '/' : ''}${info.version}). The lab keeps no field documentation for this kind.`, fields: EXPLAIN.Pod.fields ? { apiVersion: EXPLAIN.Pod.fields.apiVersion, kind: EXPLAIN.Pod.fields.kind, metadata: EXPLAIN.Pod.fields.metadata } : {} };
    }
    let name = '';
    for (const seg of path) {
      const next = node.fields?.[seg];
      if (!next) throw new KubectlError(`field "${seg}" does not exist`);
      node = next;
      name = seg;
    }
    let out = '';
    if (info.group) out += `GROUP:      ${info.group}\n`;
    out += `KIND:       ${info.kind}\nVERSION:    ${info.version}\n\n`;
    if (name) out += `FIELD: ${name} <${node.type}>\n\n`;
    out += `DESCRIPTION:\n${wrap(node.desc, '    ')}    \n`;
    if (node.fields) {
      out += `FIELDS:\n${fieldLines(node.fields, !!p.flags.recursive)}`;
    }
    ctx.out(out);
    return 0;
  },
};
