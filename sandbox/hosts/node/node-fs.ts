// The learner's working folder in `npm run sim`: the real files where the command was started,
// behind the simulator's synchronous FileSystem interface (paths are the real absolute paths).
import * as fs from 'node:fs';
import { FsError, type FileStat, type FileSystem, type FsErrorCode } from '../../cluster/fs.ts';

const CODES: FsErrorCode[] = ['ENOENT', 'EISDIR', 'ENOTDIR', 'EEXIST', 'ENOTEMPTY', 'EROFS', 'EACCES'];

function wrap<T>(path: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code && (CODES as string[]).includes(code)) throw new FsError(code as FsErrorCode, path);
    if (code === 'EPERM') throw new FsError('EACCES', path);
    throw e;
  }
}

export class NodeFs implements FileSystem {
  readFile(path: string): string {
    return wrap(path, () => fs.readFileSync(path, 'utf8'));
  }

  writeFile(path: string, data: string, opts: { append?: boolean } = {}): void {
    wrap(path, () => (opts.append ? fs.appendFileSync(path, data) : fs.writeFileSync(path, data)));
  }

  readdir(path: string): string[] {
    return wrap(path, () => fs.readdirSync(path).sort());
  }

  stat(path: string): FileStat {
    return wrap(path, () => {
      const s = fs.statSync(path);
      return { type: s.isDirectory() ? 'dir' : 'file', size: s.isDirectory() ? 4096 : s.size, mtime: s.mtimeMs };
    });
  }

  exists(path: string): boolean {
    return fs.existsSync(path);
  }

  mkdir(path: string, opts: { recursive?: boolean } = {}): void {
    wrap(path, () => fs.mkdirSync(path, { recursive: opts.recursive }));
  }

  rm(path: string, opts: { recursive?: boolean } = {}): void {
    wrap(path, () => {
      if (fs.statSync(path).isDirectory()) {
        if (opts.recursive) fs.rmSync(path, { recursive: true });
        else fs.rmdirSync(path);
      } else fs.unlinkSync(path);
    });
  }
}
