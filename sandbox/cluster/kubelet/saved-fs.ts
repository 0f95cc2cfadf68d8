// A kubelet file system (a container's writable layer, an emptyDir, a hostPath, a stand-in disk)
// that keeps its saved text between snapshots: most of them are not written to between two saves
// (a container root holds its image's files from the start). Its tree is MemoryFs's own, private
// to it, and changes only through writeFile, mkdir, rm and load: each drops the kept text, so a
// session holding the file system (kubectl exec, a script's writes, a probe) cannot get past it.
// save-json.random.test.ts checks MemoryFs still has no other way to change.
import { MemoryFs, type FsSnapshot } from '../fs.ts';

export class SavedFs extends MemoryFs {
  private text: string | undefined;

  /** JSON.stringify(this.save()), kept until the next write. */
  saveJSON(): string {
    if (this.text === undefined) this.text = JSON.stringify(this.save());
    return this.text;
  }

  override writeFile(path: string, data: string, opts?: { append?: boolean }): void {
    this.text = undefined;
    super.writeFile(path, data, opts);
  }

  override mkdir(path: string, opts?: { recursive?: boolean }): void {
    this.text = undefined;
    super.mkdir(path, opts);
  }

  override rm(path: string, opts?: { recursive?: boolean }): void {
    this.text = undefined;
    super.rm(path, opts);
  }

  override load(files: FsSnapshot): void {
    this.text = undefined;
    super.load(files);
  }
}
