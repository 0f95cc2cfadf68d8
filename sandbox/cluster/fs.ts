// A small synchronous file system: the learner's working folder, a container's root, a volume.
// Paths are absolute POSIX paths; errors are thrown as FsError with the errno code a shell
// would report (ENOENT, EISDIR, ENOTDIR, EEXIST).

export type FsErrorCode = 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EEXIST' | 'ENOTEMPTY' | 'EROFS' | 'EACCES';

export class FsError extends Error {
  readonly code: FsErrorCode;
  readonly path: string;
  constructor(code: FsErrorCode, path: string) {
    super(`${code}: ${path}`);
    this.code = code;
    this.path = path;
  }
}

/** strerror(3) of a file system error, as programs print it after a file name. */
export const STRERROR: Record<FsErrorCode, string> = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
  EROFS: 'Read-only file system',
  EACCES: 'Permission denied',
};

export interface FileStat {
  type: 'file' | 'dir';
  size: number;
  mtime: number; // virtual ms
}

export interface FileSystem {
  readFile(path: string): string;
  writeFile(path: string, data: string, opts?: { append?: boolean }): void;
  readdir(path: string): string[]; // sorted names
  stat(path: string): FileStat; // throws ENOENT
  exists(path: string): boolean;
  mkdir(path: string, opts?: { recursive?: boolean }): void;
  rm(path: string, opts?: { recursive?: boolean }): void;
}

/** Normalises `a/./b/../c` against a working directory into `/a/c`. */
export function resolvePath(cwd: string, p: string): string {
  const parts = (p.startsWith('/') ? p : `${cwd}/${p}`).split('/');
  const out: string[] = [];
  for (const s of parts) {
    if (!s || s === '.') continue;
    if (s === '..') out.pop();
    else out.push(s);
  }
  return '/' + out.join('/');
}

type Node = { type: 'file'; data: string; mtime: number } | { type: 'dir'; mtime: number; children: Map<string, Node> };

/** The serialised form: path → contents ('' plus trailing slash in the key for an empty dir). */
export type FsSnapshot = Record<string, string>;

/** An in-memory tree. `now` supplies modification times (virtual clock). */
export class MemoryFs implements FileSystem {
  private root: Node = { type: 'dir', mtime: 0, children: new Map() };
  private readonly now: () => number;
  readOnly: boolean;

  constructor(opts: { now?: () => number; files?: FsSnapshot; readOnly?: boolean } = {}) {
    this.now = opts.now ?? (() => 0);
    this.readOnly = false;
    if (opts.files) this.load(opts.files);
    this.readOnly = opts.readOnly ?? false;
  }

  readFile(path: string): string {
    const n = this.find(path);
    if (n.type === 'dir') throw new FsError('EISDIR', path);
    return n.data;
  }

  writeFile(path: string, data: string, opts: { append?: boolean } = {}): void {
    if (this.readOnly) throw new FsError('EROFS', path);
    const p = resolvePath('/', path);
    const { parent, name } = this.parentOf(p);
    const cur = parent.children.get(name);
    if (cur?.type === 'dir') throw new FsError('EISDIR', p);
    const prev = cur?.type === 'file' && opts.append ? cur.data : '';
    parent.children.set(name, { type: 'file', data: prev + data, mtime: this.now() });
  }

  readdir(path: string): string[] {
    const n = this.find(path);
    if (n.type !== 'dir') throw new FsError('ENOTDIR', path);
    return [...n.children.keys()].sort();
  }

  stat(path: string): FileStat {
    const n = this.find(path);
    return n.type === 'dir' ? { type: 'dir', size: 4096, mtime: n.mtime } : { type: 'file', size: utf8Length(n.data), mtime: n.mtime };
  }

  exists(path: string): boolean {
    try {
      this.find(path);
      return true;
    } catch {
      return false;
    }
  }

  mkdir(path: string, opts: { recursive?: boolean } = {}): void {
    if (this.readOnly) throw new FsError('EROFS', path);
    const p = resolvePath('/', path);
    if (p === '/') return;
    const segs = p.split('/').slice(1);
    let cur = this.root as Extract<Node, { type: 'dir' }>;
    for (let i = 0; i < segs.length; i++) {
      const last = i === segs.length - 1;
      const next = cur.children.get(segs[i]);
      if (!next) {
        if (!last && !opts.recursive) throw new FsError('ENOENT', p);
        const d: Node = { type: 'dir', mtime: this.now(), children: new Map() };
        cur.children.set(segs[i], d);
        cur = d;
      } else if (next.type !== 'dir') {
        throw new FsError(last ? 'EEXIST' : 'ENOTDIR', p);
      } else {
        if (last && !opts.recursive) throw new FsError('EEXIST', p);
        cur = next;
      }
    }
  }

  rm(path: string, opts: { recursive?: boolean } = {}): void {
    if (this.readOnly) throw new FsError('EROFS', path);
    const p = resolvePath('/', path);
    const { parent, name } = this.parentOf(p);
    const n = parent.children.get(name);
    if (!n) throw new FsError('ENOENT', p);
    if (n.type === 'dir' && n.children.size && !opts.recursive) throw new FsError('ENOTEMPTY', p);
    parent.children.delete(name);
  }

  /** Every file (and empty dir, with a trailing slash) as path → contents, sorted. */
  save(): FsSnapshot {
    const out: FsSnapshot = {};
    const walk = (n: Node, p: string) => {
      if (n.type === 'file') out[p] = n.data;
      else {
        if (!n.children.size && p) out[p + '/'] = '';
        for (const k of [...n.children.keys()].sort()) walk(n.children.get(k)!, `${p}/${k}`);
      }
    };
    walk(this.root, '');
    return out;
  }

  load(files: FsSnapshot): void {
    this.root = { type: 'dir', mtime: 0, children: new Map() };
    for (const [p, data] of Object.entries(files)) {
      if (p.endsWith('/')) this.mkdir(p.slice(0, -1), { recursive: true });
      else {
        const dir = p.slice(0, p.lastIndexOf('/'));
        if (dir) this.mkdir(dir, { recursive: true });
        this.writeFile(p, data);
      }
    }
  }

  private find(path: string): Node {
    const p = resolvePath('/', path);
    let n: Node = this.root;
    for (const s of p.split('/').slice(1)) {
      if (!s) continue;
      if (n.type !== 'dir') throw new FsError('ENOTDIR', p);
      const next = n.children.get(s);
      if (!next) throw new FsError('ENOENT', p);
      n = next;
    }
    return n;
  }

  private parentOf(p: string): { parent: Extract<Node, { type: 'dir' }>; name: string } {
    const i = p.lastIndexOf('/');
    const dir = p.slice(0, i) || '/';
    const name = p.slice(i + 1);
    if (!name) throw new FsError('EISDIR', p);
    const parent = this.find(dir);
    if (parent.type !== 'dir') throw new FsError('ENOTDIR', dir);
    return { parent, name };
  }
}

/** Bytes of a string in UTF-8 (file sizes, Content-Length). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
}
