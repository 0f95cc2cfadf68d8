// The unique volume name of a PV (nodes/volume-names.ts uniqueVolumeName), remembered per PV
// name and spec: the kubelet asks for it for every mounted volume at every node status post and
// for every PVC of a pod that waits to mount. The name follows from the PV's name and spec
// alone, and a PV's status writes keep its (frozen) spec object, so the spec's identity tells
// whether the remembered name still holds.
import type { PersistentVolume } from '../types.ts';
import { uniqueVolumeName } from '../nodes/volume-names.ts';

export class VolumeNameCache {
  private names = new Map<string, { spec: unknown; name: string }>();

  nameOf(pv: PersistentVolume): string {
    const key = pv.metadata.name ?? '';
    const hit = this.names.get(key);
    if (hit && hit.spec === pv.spec) return hit.name;
    const name = uniqueVolumeName(pv);
    this.names.set(key, { spec: pv.spec, name });
    return name;
  }
}
