// A lab is data: content/<lesson>/lab.yaml. This module says what a lab.yaml may contain and
// turns one into a checked LabDefinition, or throws a LabError naming the file and the field
// (the site calls validateLab at build time, so a broken lab.yaml breaks the build, not the page).
import { parseAllDocuments, parse as parseYaml } from 'yaml';

/** Probe output must be exactly this (after trimming), match this regex, or be this number. */
export type GoalExpect = { equals: string } | { matches: string } | { number: number };

export interface LabGoal {
  id: string;
  title: string;
  /** A kubectl command line (pipes to grep/wc allowed), run without touching the terminal. */
  probe: string;
  expect: GoalExpect;
  hints: string[];
}

export interface LabNode {
  name: string;
  cpuMillis?: number;
  memoryMiB?: number;
}

export interface LabDefinition {
  title: string;
  seed: number;
  /** The cluster's machines; default minikube's three (minikube, minikube-m02, minikube-m03). */
  nodes?: LabNode[];
  /** Objects created before the learner starts (each a Kubernetes object with apiVersion and kind). */
  initial: Record<string, unknown>[];
  /** Starter files of the working folder: name (relative to the home folder) → content. */
  files: Record<string, string>;
  /** Suggestions offered as tappable commands (phones) and in the lab's help. */
  commands: string[];
  goals: LabGoal[];
  /** General hints, shown on request. */
  hints: string[];
  /** Commands that solve the lab, revealed by "show solution". */
  solution: string[];
}

export class LabError extends Error {
  readonly file: string;
  readonly field: string;
  constructor(file: string, field: string, message: string) {
    super(`${file}: ${field ? field + ': ' : ''}${message}`);
    this.name = 'LabError';
    this.file = file;
    this.field = field;
  }
}

const TOP_FIELDS = ['title', 'seed', 'nodes', 'initial', 'files', 'commands', 'goals', 'hints', 'solution'];
const NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const FILE_RE = /^[A-Za-z0-9._-][A-Za-z0-9._/-]*$/;

/** Parses and checks the text of a lab.yaml. */
export function parseLab(text: string, file = 'lab.yaml'): LabDefinition {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (e) {
    throw new LabError(file, '', `not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  return validateLab(data, file);
}

/** Checks parsed lab.yaml data; throws LabError(file, field, message) on the first problem. */
export function validateLab(data: unknown, file = 'lab.yaml'): LabDefinition {
  const fail = (field: string, msg: string): never => {
    throw new LabError(file, field, msg);
  };
  if (!isObject(data)) return fail('', 'must be a mapping with at least title and goals');
  for (const k of Object.keys(data)) if (!TOP_FIELDS.includes(k)) fail(k, `unknown field (allowed: ${TOP_FIELDS.join(', ')})`);

  const title = str(data.title, 'title', fail);
  const seed = data.seed === undefined ? 1 : Number.isInteger(data.seed) ? (data.seed as number) : fail('seed', 'must be an integer');

  let nodes: LabNode[] | undefined;
  if (data.nodes !== undefined) {
    if (!Array.isArray(data.nodes) || !data.nodes.length) fail('nodes', 'must be a non-empty list');
    nodes = (data.nodes as unknown[]).map((n, i) => {
      const f = `nodes[${i}]`;
      const node: LabNode = typeof n === 'string' ? { name: n } : isObject(n) ? { name: str(n.name, `${f}.name`, fail) } : fail(f, 'must be a name or {name, cpuMillis?, memoryMiB?}');
      if (isObject(n)) {
        for (const k of ['cpuMillis', 'memoryMiB'] as const) {
          if (n[k] !== undefined) node[k] = Number.isInteger(n[k]) && (n[k] as number) > 0 ? (n[k] as number) : fail(`${f}.${k}`, 'must be a positive integer');
        }
      }
      if (!NAME_RE.test(node.name)) fail(`${f}.name`, `"${node.name}" is not a valid node name (lowercase RFC 1123)`);
      return node;
    });
    const names = nodes!.map((n) => n.name);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup) fail('nodes', `node "${dup}" is listed twice`);
  }

  const initial = parseInitial(data.initial, fail);

  const files: Record<string, string> = {};
  if (data.files !== undefined) {
    if (!isObject(data.files)) fail('files', 'must be a mapping of file name → content');
    for (const [name, content] of Object.entries(data.files as Record<string, unknown>)) {
      if (!FILE_RE.test(name) || name.split('/').includes('..')) fail(`files.${name}`, 'file names are relative paths of letters, digits, . _ - /');
      files[name] = typeof content === 'string' ? content : fail(`files.${name}`, 'content must be a string (use a | block)');
    }
  }

  const commands = strList(data.commands, 'commands', fail);
  const hints = strList(data.hints, 'hints', fail);
  const solution = strList(data.solution, 'solution', fail);

  if (!Array.isArray(data.goals) || !data.goals.length) fail('goals', 'must be a non-empty list');
  const ids = new Set<string>();
  const goals = (data.goals as unknown[]).map((g, i): LabGoal => {
    const f = `goals[${i}]`;
    if (!isObject(g)) return fail(f, 'must be a mapping {id, title, probe, expect}');
    for (const k of Object.keys(g)) if (!['id', 'title', 'probe', 'expect', 'hints'].includes(k)) fail(`${f}.${k}`, 'unknown field (allowed: id, title, probe, expect, hints)');
    const id = str(g.id, `${f}.id`, fail);
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) fail(`${f}.id`, 'must be lowercase letters, digits and dashes');
    if (ids.has(id)) fail(`${f}.id`, `"${id}" is used twice`);
    ids.add(id);
    const probe = str(g.probe, `${f}.probe`, fail);
    if (!/^kubectl\s/.test(probe)) fail(`${f}.probe`, 'must start with kubectl (the same probe runs against a real cluster)');
    return { id, title: str(g.title, `${f}.title`, fail), probe, expect: parseExpect(g.expect, `${f}.expect`, fail), hints: strList(g.hints, `${f}.hints`, fail) };
  });

  return { title, seed, nodes, initial, files, commands, goals, hints, solution };
}

function parseExpect(e: unknown, f: string, fail: (f: string, m: string) => never): GoalExpect {
  if (!isObject(e)) return fail(f, 'must be one of {equals: text}, {matches: regex}, {number: n}');
  const keys = Object.keys(e);
  if (keys.length !== 1) return fail(f, `needs exactly one of equals, matches, number (got ${keys.join(', ') || 'none'})`);
  if ('equals' in e) return { equals: e.equals === null ? '' : String(e.equals) };
  if ('matches' in e) {
    const re = str(e.matches, `${f}.matches`, fail);
    try {
      new RegExp(re);
    } catch {
      fail(`${f}.matches`, `not a valid regular expression: ${re}`);
    }
    return { matches: re };
  }
  if ('number' in e) return typeof e.number === 'number' && Number.isFinite(e.number) ? { number: e.number } : fail(`${f}.number`, 'must be a number');
  return fail(f, `unknown expectation "${keys[0]}" (use equals, matches or number)`);
}

/** `initial` is a YAML text of manifests separated by `---`, or a list of objects. */
function parseInitial(v: unknown, fail: (f: string, m: string) => never): Record<string, unknown>[] {
  if (v === undefined || v === null) return [];
  let objs: unknown[];
  if (typeof v === 'string') {
    objs = [];
    for (const [i, doc] of parseAllDocuments(v).entries()) {
      if (doc.errors.length) fail(`initial (document ${i + 1})`, `not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
      const o = doc.toJS();
      if (o !== null && o !== undefined) objs.push(o);
    }
  } else if (Array.isArray(v)) objs = v;
  else return fail('initial', 'must be YAML manifests (a | block with --- between objects) or a list of objects');
  return objs.map((o, i) => {
    const f = `initial[${i}]`;
    if (!isObject(o)) return fail(f, 'must be a Kubernetes object');
    if (typeof o.apiVersion !== 'string') fail(`${f}.apiVersion`, 'is required');
    if (typeof o.kind !== 'string') fail(`${f}.kind`, 'is required');
    if (!isObject(o.metadata) || typeof o.metadata.name !== 'string') fail(`${f}.metadata.name`, 'is required');
    return o;
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown, f: string, fail: (f: string, m: string) => never): string {
  if (typeof v !== 'string' || !v.trim()) return fail(f, 'is required (a non-empty string)');
  return v;
}

function strList(v: unknown, f: string, fail: (f: string, m: string) => never): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return fail(f, 'must be a list of strings');
  return v.map((s, i) => (typeof s === 'string' && s.trim() ? s : fail(`${f}[${i}]`, 'must be a non-empty string')));
}
