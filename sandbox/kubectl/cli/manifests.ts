// Reading manifests for `apply -f`, `create -f`, `delete -f`, `replace -f`: files, folders,
// `-` for stdin, multi-document YAML or JSON, `kind: List`. YAML errors read as kubectl's
// (`error: error parsing web.yaml: error converting YAML to JSON: yaml: line 7: ...`), the
// go-yaml wording chosen from the `yaml` package's error code.
// Source: kubernetes/cli-runtime pkg/resource/visitor.go (FileVisitor, StreamVisitor),
// sigs.k8s.io/yaml (YAMLToJSON), go-yaml v2 scanner/parser messages.
import { isCollection, isPair, parseAllDocuments, visit, YAMLParseError, type Document } from 'yaml';
import type { KubeObject } from '../../cluster/api/client.ts';
import { resolvePath, type FileSystem } from '../../cluster/fs.ts';
import { KubectlError } from './errors.ts';
import { exampleManifest } from './example-manifests.ts';

export interface Manifest {
  obj: KubeObject;
  /** The file name as the learner typed it (`web.yaml`), or `STDIN`. */
  source: string;
}

function goYamlMessage(e: YAMLParseError): string {
  switch (e.code) {
    case 'TAB_AS_INDENT':
      return 'found character that cannot start any token';
    case 'BAD_INDENT':
      return e.message.startsWith('Flow sequence') ? "did not find expected ',' or ']'" : 'did not find expected key';
    case 'MISSING_CHAR':
      return 'found unexpected end of stream';
    case 'MULTILINE_IMPLICIT_KEY':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'UNEXPECTED_TOKEN':
      return 'mapping values are not allowed in this context';
    case 'DUPLICATE_KEY':
      return 'duplicate key';
    case 'BAD_DQ_ESCAPE':
      return 'found unknown escape character while parsing a quoted scalar';
    default:
      return e.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
  }
}

/**
 * A file that could be read only up to a document that does not parse: kubectl has already
 * visited the objects before it (`apply` and `create` act on them), then reports the error.
 */
export class ManifestParseError extends KubectlError {
  readonly partial: KubeObject[];
  constructor(message: string, partial: KubeObject[]) {
    super(message);
    this.partial = partial;
  }
}

/**
 * The documents of a YAML stream as apimachinery's YAMLReader cuts them: at each line starting
 * with `---` (only spaces or a comment may follow), the separator line itself in neither
 * document, empty documents skipped. Each is then converted on its own, so go-yaml's line
 * numbers count from the document's first line. Source: apimachinery pkg/util/yaml/decoder.go
 * (YAMLReader.Read, "invalid Yaml document separator").
 */
function yamlDocuments(text: string, name: string): string[] {
  const docs: string[] = [];
  let cur = '';
  for (const line of text.split(/(?<=\n)/)) {
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest && !rest.startsWith('#')) throw new KubectlError(`error parsing ${name}: invalid Yaml document separator: ${rest}`);
      if (cur) docs.push(cur);
      cur = '';
      continue;
    }
    cur += line;
  }
  if (cur) docs.push(cur);
  return docs;
}

/** Parses one file's text into objects; `name` is used in error messages. */
export function parseManifests(text: string, name: string): KubeObject[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return flatten(JSON.parse(trimmed), name);
    } catch (e) {
      if (e instanceof KubectlError) throw e;
      // fall through to YAML, which reports JSON syntax too
    }
  }
  const out: KubeObject[] = [];
  for (const chunk of yamlDocuments(text, name)) {
    try {
      out.push(...parseDocumentText(chunk, name));
    } catch (e) {
      if (e instanceof KubectlError) throw new ManifestParseError(e.message, out);
      throw e;
    }
  }
  return out;
}

/** One document's objects (none for an empty or null one, several for a `kind: List`). */
function parseDocumentText(text: string, name: string): KubeObject[] {
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true }) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [docs as unknown as Document.Parsed];
  } catch (e) {
    throw new KubectlError(`error parsing ${name}: ${(e as Error).message}`);
  }
  const out: KubeObject[] = [];
  for (const doc of docs) {
    const err = doc.errors[0];
    if (err) {
      // go-yaml names the line where it gave up (the ':' of a misplaced mapping): the furthest
      // end among this document's errors.
      const line = Math.max(...doc.errors.map((x) => x.linePos?.[1]?.line ?? x.linePos?.[0]?.line ?? 1));
      if (err.code === 'DUPLICATE_KEY') {
        const key = /Map keys must be unique[^"]*"?([^"]*)"?/.exec(err.message)?.[1];
        throw new KubectlError(`error parsing ${name}: error converting YAML to JSON: yaml: unmarshal errors:\n  line ${line}: key ${JSON.stringify(key ?? '')} already set in map`);
      }
      const main = doc.errors.find((x) => x.code === 'BLOCK_AS_IMPLICIT_KEY' || x.code === 'MULTILINE_IMPLICIT_KEY') ?? err;
      throw new KubectlError(`error parsing ${name}: error converting YAML to JSON: yaml: line ${line}: ${goYamlMessage(main)}`);
    }
    // JSON has only string keys: go-yaml's YAMLToJSON refuses a map or list used as a key.
    let badKey: unknown;
    visit(doc, {
      Pair(_, pair) {
        if (isPair(pair) && isCollection(pair.key)) {
          badKey = pair.key.toJSON();
          return visit.BREAK;
        }
        return undefined;
      },
    });
    if (badKey !== undefined) {
      throw new KubectlError(`error parsing ${name}: error converting YAML to JSON: yaml: invalid map key: ${Array.isArray(badKey) ? '[]interface {}' : 'map[interface {}]interface {}'}${JSON.stringify(badKey)}`);
    }
    let v: unknown;
    try {
      v = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      throw new KubectlError(`error parsing ${name}: error converting YAML to JSON: yaml: ${(e as Error).message.split('\n')[0]}`);
    }
    if (v === null || v === undefined) continue;
    out.push(...flatten(v, name));
  }
  return out;
}

function flatten(v: unknown, name: string): KubeObject[] {
  if (Array.isArray(v) || typeof v !== 'object' || v === null) {
    throw new KubectlError(`error parsing ${name}: error converting YAML to JSON: yaml: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v} into Go value of type map[string]interface {}`);
  }
  const o = v as any;
  if (typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items)) return o.items.flatMap((i: unknown) => flatten(i, name));
  return [o as KubeObject];
}

/**
 * Reads every `-f` argument. Folders read their .yaml/.yml/.json files in name order. With
 * `errors`, a file that stops parsing gives the objects before the bad document and its error
 * goes to `errors` (the builder's ContinueOnError: apply and create act on what was read, then
 * report); without, the error is thrown.
 */
export function readManifests(files: string[], fs: FileSystem, cwd: string, stdin: string, recursive = false, errors?: unknown[]): Manifest[] {
  const out: Manifest[] = [];
  const parse = (text: string, source: string) => {
    try {
      for (const obj of parseManifests(text, source)) out.push({ obj, source });
    } catch (e) {
      if (!(errors && e instanceof ManifestParseError)) throw e;
      for (const obj of e.partial) out.push({ obj, source });
      errors.push(e);
    }
  };
  for (const f of files) {
    if (f === '-') {
      parse(stdin, 'STDIN');
      continue;
    }
    if (/^https?:\/\//.test(f)) {
      const text = exampleManifest(f);
      if (text === undefined) throw new KubectlError(`unable to read URL "${f}", server reported 404 Not Found, status code=404`);
      parse(text, f);
      continue;
    }
    const p = resolvePath(cwd, f);
    if (!fs.exists(p)) throw new KubectlError(`the path "${f}" does not exist`);
    if (fs.stat(p).type === 'dir') {
      const walk = (dir: string, shown: string) => {
        for (const n of fs.readdir(dir)) {
          const full = `${dir}/${n}`;
          const show = `${shown.replace(/\/$/, '')}/${n}`;
          if (fs.stat(full).type === 'dir') {
            if (recursive) walk(full, show);
          } else if (/\.(ya?ml|json)$/.test(n)) {
            parse(fs.readFile(full), show);
          }
        }
      };
      walk(p, f);
      continue;
    }
    parse(fs.readFile(p), f);
  }
  return out;
}
