// A container's file system as the container sees it: the root (image files plus the
// container's writable layer) with volumes mounted over it. Each path goes to the mount with the
// longest matching prefix, so `/usr/share/nginx/html/index.html` lands on the volume mounted at
// `/usr/share/nginx/html` and outlives the container.
import { FsError, resolvePath, type FileStat, type FileSystem } from '../fs.ts';

export interface Mount {
  /** Absolute path in the container (`volumeMounts[].mountPath`). */
  path: string;
  fs: FileSystem;
  /** Directory inside the volume that is mounted (`volumeMounts[].subPath`), default the volume's root. */
  subPath?: string;
  readOnly?: boolean;
}

export class MountFs implements FileSystem {
  private readonly root: FileSystem;
  private readonly mounts: Mount[];

  constructor(root: FileSystem, mounts: Mount[]) {
    this.root = root;
    // Longest first, so the first match is the most specific mount.
    this.mounts = mounts
      .map((m) => ({ ...m, path: resolvePath('/', m.path) }))
      .sort((a, b) => b.path.length - a.path.length || (a.path < b.path ? -1 : 1));
    for (const m of this.mounts) {
      // The mount point exists in the parent, as the runtime creates it.
      const parent = this.route(m.path.slice(0, m.path.lastIndexOf('/')) || '/', m);
      if (!parent.fs.exists(parent.inner)) parent.fs.mkdir(parent.inner, { recursive: true });
      if (m.subPath) {
        const inner = resolvePath('/', m.subPath);
        if (!m.fs.exists(inner)) m.fs.mkdir(inner, { recursive: true });
      }
    }
  }

  readFile(path: string): string {
    const r = this.route(path);
    return r.fs.readFile(r.inner);
  }

  writeFile(path: string, data: string, opts?: { append?: boolean }): void {
    const r = this.route(path);
    if (r.readOnly) throw new FsError('EROFS', resolvePath('/', path));
    r.fs.writeFile(r.inner, data, opts);
  }

  readdir(path: string): string[] {
    const p = resolvePath('/', path);
    const r = this.route(p);
    const names = new Set(r.fs.readdir(r.inner));
    // Mount points directly under this directory show even if the layer below lacks them.
    for (const m of this.mounts) {
      const parent = m.path.slice(0, m.path.lastIndexOf('/')) || '/';
      if (parent === p && m.path !== '/') names.add(m.path.slice(m.path.lastIndexOf('/') + 1));
    }
    return [...names].sort();
  }

  stat(path: string): FileStat {
    const r = this.route(path);
    return r.fs.stat(r.inner);
  }

  exists(path: string): boolean {
    const r = this.route(path);
    return r.fs.exists(r.inner);
  }

  mkdir(path: string, opts?: { recursive?: boolean }): void {
    const r = this.route(path);
    if (r.readOnly) throw new FsError('EROFS', resolvePath('/', path));
    if (r.inner === (r.mountRoot ?? '/') && r.mount) {
      if (!opts?.recursive) throw new FsError('EEXIST', resolvePath('/', path));
      return;
    }
    r.fs.mkdir(r.inner, opts);
  }

  rm(path: string, opts?: { recursive?: boolean }): void {
    const p = resolvePath('/', path);
    const r = this.route(p);
    if (r.readOnly) throw new FsError('EROFS', p);
    // A mount point cannot be removed (EBUSY in Linux); its contents can.
    if (r.mount && r.inner === r.mountRoot) throw new FsError('EACCES', p);
    r.fs.rm(r.inner, opts);
  }

  /** Which file system and inner path serve `path`; `skip` ignores one mount (its own parent lookup). */
  private route(path: string, skip?: Mount): { fs: FileSystem; inner: string; readOnly: boolean; mount?: Mount; mountRoot?: string } {
    const p = resolvePath('/', path);
    for (const m of this.mounts) {
      if (m === skip) continue;
      if (p === m.path || m.path === '/' || p.startsWith(m.path + '/')) {
        const base = m.subPath ? resolvePath('/', m.subPath) : '/';
        const rest = m.path === '/' ? p : p.slice(m.path.length);
        const inner = resolvePath('/', base + '/' + rest);
        return { fs: m.fs, inner, readOnly: !!m.readOnly, mount: m, mountRoot: base };
      }
    }
    return { fs: this.root, inner: p, readOnly: false };
  }
}
