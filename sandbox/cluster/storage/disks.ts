// The files on each PersistentVolume: one small file tree per PV name. The kubelet mounts them
// into containers (ctx.component<Disks>('disks').fs(pvName)), the hostpath provisioner creates and
// deletes them. A volume's files outlive the pods that used it, as a disk does; they go only when
// the provisioner reclaims the volume (reclaimPolicy Delete).
//
// A static PV (created by hand, not by the provisioner) gets an empty disk the first time it is
// seen, like a hostPath directory that an administrator prepared. Deleting such a PV leaves its
// files where they are (on the node), so a PV recreated with the same name finds them again.
import type { Component, ComponentContext } from '../component.ts';
import { MemoryFs, type FsSnapshot } from '../fs.ts';
import type { PersistentVolume } from '../types.ts';

export class Disks implements Component {
  readonly name = 'disks';
  private ctx?: ComponentContext;
  private disks = new Map<string, MemoryFs>();

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    ctx.informers.for<PersistentVolume>('persistentvolumes').onChange((ev) => {
      const pv = ev.object;
      if (ev.type === 'ADDED' && !pv.metadata.deletionTimestamp && !this.disks.has(pv.metadata.name!)) this.create(pv.metadata.name!);
    });
  }

  /** A disk for the PV; returns the existing one if there is one already (idempotent). */
  create(pvName: string): MemoryFs {
    let fs = this.disks.get(pvName);
    if (!fs) {
      fs = this.newFs();
      this.disks.set(pvName, fs);
    }
    return fs;
  }

  fs(pvName: string): MemoryFs | undefined {
    return this.disks.get(pvName);
  }

  delete(pvName: string): void {
    this.disks.delete(pvName);
  }

  /** PV names that have a disk, sorted. */
  names(): string[] {
    return [...this.disks.keys()].sort();
  }

  save(): Record<string, FsSnapshot> {
    const out: Record<string, FsSnapshot> = {};
    for (const name of this.names()) out[name] = this.disks.get(name)!.save();
    return out;
  }

  load(state: unknown): void {
    this.disks.clear();
    for (const [name, files] of Object.entries((state ?? {}) as Record<string, FsSnapshot>)) {
      const fs = this.newFs();
      fs.load(files);
      this.disks.set(name, fs);
    }
  }

  private newFs(): MemoryFs {
    const clock = this.ctx?.clock;
    return new MemoryFs({ now: () => (clock ? clock.now() : 0) });
  }
}
