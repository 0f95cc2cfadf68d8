#!/usr/bin/env node
// Generates src/schemas/k8s.schema.json: a JSON Schema (draft-07) for the kinds the simulator
// knows, used by the lab's YAML editor (monaco-yaml) for red squiggles, completion and hover docs.
//
// Offline and dependency-free apart from `typescript` (its parser) and `kubernetes-types` (the
// Kubernetes API as .d.ts files whose JSDoc carries the API's field descriptions). We read the
// declarations directly: kubernetes-types uses a small, regular subset of TypeScript (interfaces,
// `string | number | boolean`, `Array<T>`, string literals, `{ [name: string]: T }` maps and three
// aliases of string), so a short walk is enough and needs no ts-json-schema-generator.
//
// What the schema says, like `kubectl apply --validate=strict` does:
// - unknown fields are errors (additionalProperties: false), wrong types are errors;
// - apiVersion and kind are required at the top and must be the kind's exact values;
// - numbers are integers (the Kubernetes API uses no floats in these kinds), except Quantity
//   (`cpu: 0.5`, `storage: 1Gi`) and IntOrString (`targetPort: http`, `maxUnavailable: 25%`).
//
// Usage: node scripts/gen-k8s-schema.mjs [--check]   (--check: fail if the committed file differs)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const typesDir = dirname(require.resolve('kubernetes-types/package.json'));
const out = join(root, 'src/schemas/k8s.schema.json');

/** The simulated kinds: module (relative to kubernetes-types) and interface name. */
export const KINDS = [
  ['core/v1', 'Pod'],
  ['core/v1', 'Service'],
  ['apps/v1', 'StatefulSet'],
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'ReplicaSet'],
  ['core/v1', 'PersistentVolumeClaim'],
  ['core/v1', 'PersistentVolume'],
  ['storage/v1', 'StorageClass'],
  ['core/v1', 'ConfigMap'],
  ['core/v1', 'Namespace'],
];

/** module path → { decls: name → node, imports: name → module path } */
const modules = new Map();
function loadModule(mod) {
  let m = modules.get(mod);
  if (m) return m;
  const file = join(typesDir, `${mod}.d.ts`);
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  m = { decls: new Map(), imports: new Map() };
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) {
      const from = join(dirname(mod), st.moduleSpecifier.text).replace(/\\/g, '/');
      for (const el of st.importClause?.namedBindings?.elements ?? []) m.imports.set(el.name.text, from);
    } else if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) {
      m.decls.set(st.name.text, st);
    }
  }
  modules.set(mod, m);
  return m;
}

function lookup(mod, name) {
  const m = loadModule(mod);
  if (m.decls.has(name)) return { mod, decl: m.decls.get(name) };
  const from = m.imports.get(name);
  if (!from) throw new Error(`${name} is not declared in or imported by ${mod}`);
  return lookup(from, name);
}

function describe(node) {
  const parts = ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((d) => ts.getTextOfJSDocComment(d.comment) ?? '')
    .filter(Boolean);
  return parts.join('\n\n').trim() || undefined;
}

const definitions = {};
const defName = (mod, name) => `${mod.replace('/', '.')}.${name}`; // core.v1.Pod

/** Schema for a named type; interfaces become definitions, aliases are inlined. */
function refTo(mod, name) {
  const { mod: at, decl } = lookup(mod, name);
  if (name === 'Quantity' && at === 'api/resource') {
    // resource.Quantity: `1Gi`, `500m`, or a plain number (`cpu: 1`).
    return { anyOf: [{ type: 'string' }, { type: 'number' }] };
  }
  if (ts.isTypeAliasDeclaration(decl)) return typeSchema(at, decl.type);
  const key = defName(at, name);
  if (!(key in definitions)) {
    definitions[key] = {}; // reserve (recursive types)
    definitions[key] = interfaceSchema(at, decl);
  }
  return { $ref: `#/definitions/${key}` };
}

function interfaceSchema(mod, decl) {
  const properties = {};
  const required = [];
  let map;
  for (const member of decl.members) {
    if (ts.isIndexSignatureDeclaration(member)) {
      map = typeSchema(mod, member.type);
      continue;
    }
    if (!ts.isPropertySignature(member)) continue;
    const name = member.name.text ?? member.name.getText();
    const s = { ...typeSchema(mod, member.type) };
    const d = describe(member);
    if (d) s.description = d;
    properties[name] = s;
    if (!member.questionToken) required.push(name);
  }
  const schema = { type: 'object' };
  const d = describe(decl);
  if (d) schema.description = d;
  if (Object.keys(properties).length) {
    schema.properties = properties;
    if (required.length) schema.required = required;
    schema.additionalProperties = map ?? false;
  } else if (map) {
    schema.additionalProperties = map;
  }
  // An empty interface (RawExtension, FieldsV1) is free-form JSON: no restriction.
  return schema;
}

function typeSchema(mod, node) {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { type: 'string' };
    case ts.SyntaxKind.NumberKeyword:
      return { type: 'integer' };
    case ts.SyntaxKind.BooleanKeyword:
      return { type: 'boolean' };
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
      return {};
  }
  if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return { type: 'string', const: node.literal.text };
  if (ts.isArrayTypeNode(node)) return { type: 'array', items: typeSchema(mod, node.elementType) };
  if (ts.isParenthesizedTypeNode(node)) return typeSchema(mod, node.type);
  if (ts.isUnionTypeNode(node)) {
    const kinds = node.types.map((t) => t.kind);
    // IntOrString: `number | string`
    if (kinds.length === 2 && kinds.includes(ts.SyntaxKind.NumberKeyword) && kinds.includes(ts.SyntaxKind.StringKeyword)) {
      return { anyOf: [{ type: 'integer' }, { type: 'string' }] };
    }
    return { anyOf: node.types.map((t) => typeSchema(mod, t)) };
  }
  if (ts.isTypeLiteralNode(node)) return interfaceSchema(mod, node);
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    if (name === 'Array') return { type: 'array', items: typeSchema(mod, node.typeArguments[0]) };
    return refTo(mod, name);
  }
  throw new Error(`unsupported type in ${mod}: ${ts.SyntaxKind[node.kind]} ${node.getText()}`);
}

const oneOf = [];
for (const [mod, name] of KINDS) {
  const key = refTo(mod, name).$ref.split('/').pop();
  // kubectl needs apiVersion and kind in every manifest; kubernetes-types marks them optional.
  // A copy for the top level, because the same type nested (a StatefulSet's
  // volumeClaimTemplates are PersistentVolumeClaims) may leave them out.
  const top = { ...definitions[key] };
  top.required = [...new Set(['apiVersion', 'kind', ...(top.required ?? [])])];
  definitions[`manifest.${key}`] = top;
  oneOf.push({ $ref: `#/definitions/manifest.${key}` });
}

// Where Kubernetes 1.35 (the simulator's target) differs from kubernetes-types 1.30: fields that
// became optional since. StatefulSet spec.serviceName: kubernetes/kubernetes PR #130233 (~1.34).
const NOW_OPTIONAL = { 'apps.v1.StatefulSetSpec': ['serviceName'] };
for (const [key, fields] of Object.entries(NOW_OPTIONAL)) {
  const def = definitions[key];
  if (!def) continue;
  def.required = (def.required ?? []).filter((f) => !fields.includes(f));
  if (!def.required.length) delete def.required;
}

const typesVersion = JSON.parse(readFileSync(join(typesDir, 'package.json'), 'utf8')).version;

// The same types for the simulator's API server, which decodes a client's body as the real one
// does into the API's Go types: a value of the wrong JSON type is refused (json: cannot unmarshal
// ...), and under kubectl's fieldValidation=Strict an unknown field too. Each field's code:
// "s" string, "b" bool, "i32"/"i64" integer, "T:<type>" an object of that type, "[<code>" a list,
// "{<code>" a map, "*" anything (quantities, int-or-strings, free-form JSON).
// Which integers are int64 (kubernetes-types says only "number"): kubernetes/api core/v1,
// apps/v1 and apimachinery meta/v1 types.go; every other integer in these kinds is an int32.
const INT64 = new Set([
  'meta.v1.ObjectMeta.generation', 'meta.v1.ObjectMeta.deletionGracePeriodSeconds',
  'core.v1.PodSpec.terminationGracePeriodSeconds', 'core.v1.PodSpec.activeDeadlineSeconds',
  'core.v1.Toleration.tolerationSeconds', 'core.v1.Probe.terminationGracePeriodSeconds',
  'core.v1.PodSecurityContext.runAsUser', 'core.v1.PodSecurityContext.runAsGroup', 'core.v1.PodSecurityContext.fsGroup',
  'core.v1.PodSecurityContext.supplementalGroups', 'core.v1.SecurityContext.runAsUser', 'core.v1.SecurityContext.runAsGroup',
  'core.v1.SleepAction.seconds', 'core.v1.ServiceAccountTokenProjection.expirationSeconds',
  'apps.v1.StatefulSetStatus.observedGeneration', 'apps.v1.DeploymentStatus.observedGeneration',
  'apps.v1.ReplicaSetStatus.observedGeneration', 'core.v1.PodStatus.observedGeneration', 'core.v1.PodCondition.observedGeneration',
]);
function fieldCode(p, at) {
  const name = p?.$ref?.split('/').pop();
  if (name) return definitions[name]?.properties ? `T:${name}` : '*';
  if (p.anyOf) return '*';
  switch (p.type) {
    case 'string': return 's';
    case 'boolean': return 'b';
    case 'integer': return INT64.has(at) ? 'i64' : 'i32';
    case 'number': return '*';
    case 'array': return `[${fieldCode(p.items, at)}`;
    case 'object': return p.additionalProperties ? `{${fieldCode(p.additionalProperties, at)}` : '*';
  }
  return '*';
}
const fieldTypes = {};
const reach = (name) => {
  if (fieldTypes[name]) return;
  const fields = (fieldTypes[name] = {});
  for (const [f, p] of Object.entries(definitions[name].properties).sort(([a], [b]) => a.localeCompare(b))) {
    fields[f] = fieldCode(p, `${name}.${f}`);
    const inner = /T:(.+)$/.exec(fields[f]);
    if (inner) reach(inner[1]);
  }
};
const kindTypes = {};
for (const [mod, name] of KINDS) {
  const key = refTo(mod, name).$ref.split('/').pop();
  kindTypes[name] = key;
  reach(key);
}
const knownFieldsOut = join(root, 'sandbox/cluster/api/known-fields.generated.ts');
const knownFieldsText = `// Generated by scripts/gen-k8s-schema.mjs from kubernetes-types ${typesVersion}: do not edit.
// Each API type's fields and their types, for decoding a client's body (strict-fields.ts).
export const KNOWN_FIELDS: { kinds: Record<string, string>; types: Record<string, Record<string, string>> } = ${JSON.stringify({
  kinds: kindTypes,
  types: Object.fromEntries(Object.entries(fieldTypes).sort(([a], [b]) => a.localeCompare(b))),
})};
`;
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://statefulset-lab.example/schemas/k8s.schema.json',
  // Not `title`/`description`: monaco-yaml would show them on top of every hover.
  $comment: `Kubernetes objects the StatefulSet Lab simulates. Generated by scripts/gen-k8s-schema.mjs from kubernetes-types ${typesVersion}. Kinds: ${KINDS.map(([, n]) => n).join(', ')}.`,
  oneOf,
  definitions: Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b))),
};
const text = JSON.stringify(schema, null, 1) + '\n';

if (process.argv.includes('--check')) {
  for (const [file, want] of [[out, text], [knownFieldsOut, knownFieldsText]]) {
    let old = '';
    try {
      old = readFileSync(file, 'utf8');
    } catch {}
    if (old !== want) {
      console.error(`${file} is out of date: run node scripts/gen-k8s-schema.mjs`);
      process.exit(1);
    }
  }
  console.log(`k8s schema up to date (${text.length} bytes, ${Object.keys(definitions).length} definitions; known fields ${knownFieldsText.length} bytes)`);
} else {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  writeFileSync(knownFieldsOut, knownFieldsText);
  console.log(`wrote ${out}: ${text.length} bytes, ${Object.keys(definitions).length} definitions, ${oneOf.length} kinds; ${knownFieldsOut}: ${knownFieldsText.length} bytes`);
}
