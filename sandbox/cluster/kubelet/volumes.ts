// The files a pod's containers see: each container's root (image files plus the kubelet's
// /etc/hosts, /etc/hostname, /etc/resolv.conf and the container's writable layer) and the
// volumes mounted over it (emptyDir, PVC → PV disk, configMap, projected, downwardAPI,
// hostPath), and whether a pod's volumes are ready to mount (volumemanager WaitForAttachAndMount).
import type { ComponentContext } from '../component.ts';
import type { FileSystem, FsSnapshot } from '../fs.ts';
import { SavedFs } from './saved-fs.ts';
import type { Container, Node, PersistentVolume, Pod } from '../types.ts';
import { VolumeNameCache } from './volume-name-cache.ts';
import type { ContainerRuntime, NodeRuntime, PodRuntime } from './runtime-state.ts';
import { imageFiles, type ImageInfo } from './images.ts';
import { MountFs, type Mount } from './mount-fs.ts';
import { hostsFile, podHostname, resolvConf } from './container-env.ts';
import { ROOT_CA_CONFIGMAP } from '../controllers/certificates/root-ca-cert-publisher.ts';
import { ROOT_CA_PEM } from '../controllers/certificates/root-ca.ts';

interface Disks {
  fs(pvName: string): FileSystem | undefined;
}

export class PodVolumes {
  /** Live file systems: `empty/<uid>/<vol>`, `root/<uid>/<container>`, `host/<node><path>`, `disk/<pv>` (stand-in disks). */
  readonly files = new Map<string, SavedFs>();
  private readonly ctx: ComponentContext;
  private readonly attachDetach: 'auto' | 'wait' | 'skip';
  private attachDetachRuns?: boolean;
  /** PVs' unique volume names (the kubelet's node status reports them too). */
  readonly volumeNames = new VolumeNameCache();

  constructor(ctx: ComponentContext, attachDetach: 'auto' | 'wait' | 'skip') {
    this.ctx = ctx;
    this.attachDetach = attachDetach;
  }

  save(): Record<string, FsSnapshot> {
    const out: Record<string, FsSnapshot> = {};
    for (const k of [...this.files.keys()].sort()) out[k] = this.files.get(k)!.save();
    return out;
  }

  /**
   * JSON.stringify(this.save()), from each file system's kept text. The keys (`root/...`,
   * `empty/...`) are never integer-like, so JSON.stringify would keep save's sorted order too.
   */
  saveJSON(): string {
    const parts: string[] = [];
    for (const k of [...this.files.keys()].sort()) parts.push(`${JSON.stringify(k)}:${this.files.get(k)!.saveJSON()}`);
    return `{${parts.join(',')}}`;
  }

  load(files: Record<string, FsSnapshot>): void {
    this.files.clear();
    for (const [k, snap] of Object.entries(files)) this.files.set(k, this.newFs(snap));
  }

  /** A container instance ends: its writable layer goes. */
  dropRoot(rt: PodRuntime, c: ContainerRuntime): void {
    this.files.delete(rootKey(rt, c));
  }

  /** The pod ends: its emptyDirs go with it. */
  dropEmptyDirs(rt: PodRuntime): void {
    for (const v of rt.spec.volumes ?? []) if (v.emptyDir) this.files.delete(`empty/${rt.uid}/${v.name}`);
  }

  attachRequired(): boolean {
    const mode = this.attachDetach;
    if (mode !== 'auto') return mode === 'wait';
    // The cluster's components are all known before any of them runs: look once.
    this.attachDetachRuns ??= ['attachdetach-controller', 'attach-detach-controller', 'attachdetach'].some((n) => !!this.ctx.component(n));
    return this.attachDetachRuns;
  }

  /** Why the pod's volumes cannot be mounted yet, in the words of the FailedMount event, or undefined. */
  problem(node: NodeRuntime, rt: PodRuntime): string | undefined {
    const unmounted: string[] = [];
    const unattached: string[] = [];
    let configMapError: string | undefined;
    const nodeObj = this.ctx.informers.for('nodes').get(undefined, node.name);
    for (const v of rt.spec.volumes ?? []) {
      if (v.persistentVolumeClaim) {
        const pvc = this.ctx.informers.for('persistentvolumeclaims').get(rt.namespace, v.persistentVolumeClaim.claimName);
        const pvName = pvc?.spec?.volumeName;
        const pv = pvName ? this.ctx.informers.for('persistentvolumes').get(undefined, pvName) : undefined;
        if (!pvc || pvc.status?.phase !== 'Bound' || !pv) {
          unmounted.push(v.name);
          unattached.push(v.name);
          continue;
        }
        if (this.attachRequired()) {
          // isVolumeAttached (nodes/volume-names.ts), with the PV's name remembered.
          const name = this.volumeNames.nameOf(pv as PersistentVolume);
          if (!((nodeObj as Node | undefined)?.status?.volumesAttached ?? []).some((a) => a.name === name)) {
            unmounted.push(v.name);
            unattached.push(v.name);
          }
        }
      } else if (v.configMap && !v.configMap.optional) {
        if (!this.ctx.informers.for('configmaps').get(rt.namespace, v.configMap.name ?? '')) {
          unmounted.push(v.name);
          configMapError = `MountVolume.SetUp failed for volume "${v.name}" : configmap "${v.configMap.name}" not found`;
        }
      }
    }
    if (!unmounted.length) return undefined;
    if (configMapError && !unattached.length) return configMapError;
    return `Unable to attach or mount volumes: unmounted volumes=[${unmounted.join(' ')}], unattached volumes=[${unattached.join(' ')}], failed to process volumes=[]: context deadline exceeded`;
  }

  mount(rt: PodRuntime): void {
    for (const v of rt.spec.volumes ?? []) {
      if (v.persistentVolumeClaim) {
        const pvc = this.ctx.informers.for('persistentvolumeclaims').get(rt.namespace, v.persistentVolumeClaim.claimName);
        if (pvc?.spec?.volumeName) rt.mountedPVs[v.name] = pvc.spec.volumeName;
      } else if (v.emptyDir) {
        const k = `empty/${rt.uid}/${v.name}`;
        if (!this.files.has(k)) this.files.set(k, this.newFs());
      }
    }
  }

  /** The file system behind one volume of the pod. */
  private volumeFs(node: NodeRuntime, rt: PodRuntime, name: string): { fs: FileSystem; readOnly?: boolean } | undefined {
    const v = (rt.spec.volumes ?? []).find((x) => x.name === name);
    if (!v) return undefined;
    if (v.persistentVolumeClaim) {
      const pv = rt.mountedPVs[name];
      if (!pv) return undefined;
      return { fs: this.diskFs(pv), readOnly: v.persistentVolumeClaim.readOnly };
    }
    if (v.emptyDir) {
      const k = `empty/${rt.uid}/${name}`;
      if (!this.files.has(k)) this.files.set(k, this.newFs());
      return { fs: this.files.get(k)! };
    }
    if (v.hostPath) {
      const k = `host/${node.name}${v.hostPath.path}`;
      if (!this.files.has(k)) this.files.set(k, this.newFs());
      return { fs: this.files.get(k)! };
    }
    if (v.configMap) {
      const cm = this.ctx.informers.for('configmaps').get(rt.namespace, v.configMap.name ?? '');
      return { fs: this.newFs(projectData(cm?.data ?? {}, v.configMap.items)), readOnly: true };
    }
    if (v.secret) return { fs: this.newFs({}), readOnly: true };
    if (v.projected) {
      const files: FsSnapshot = {};
      for (const s of v.projected.sources ?? []) {
        if (s.serviceAccountToken) files[`/${s.serviceAccountToken.path}`] = `eyJhbGciOiJSUzI1NiIsImtpZCI6IiJ9.${rt.uid}.sim`;
        if (s.configMap) {
          const cm = this.ctx.informers.for('configmaps').get(rt.namespace, s.configMap.name ?? '');
          // A cluster without the publisher (some tests) still gives pods the CA it would publish.
          Object.assign(files, projectData(cm?.data ?? (s.configMap.name === ROOT_CA_CONFIGMAP ? { 'ca.crt': ROOT_CA_PEM } : {}), s.configMap.items));
        }
        if (s.downwardAPI) for (const item of s.downwardAPI.items ?? []) files[`/${item.path}`] = item.fieldRef?.fieldPath === 'metadata.namespace' ? rt.namespace : item.fieldRef?.fieldPath === 'metadata.name' ? rt.name : '';
      }
      return { fs: this.newFs(files), readOnly: true };
    }
    if (v.downwardAPI) {
      const files: FsSnapshot = {};
      const pod = this.ctx.informers.for<Pod>('pods').get(rt.namespace, rt.name);
      for (const item of v.downwardAPI.items ?? []) {
        const f = item.fieldRef?.fieldPath ?? '';
        const labels = (m?: Record<string, string>) => Object.entries(m ?? {}).map(([k, val]) => `${k}="${val}"`).join('\n');
        files[`/${item.path}`] = f === 'metadata.name' ? rt.name : f === 'metadata.namespace' ? rt.namespace : f === 'metadata.uid' ? rt.uid
          : f === 'metadata.labels' ? labels(pod?.metadata.labels) : f === 'metadata.annotations' ? labels(pod?.metadata.annotations) : '';
      }
      return { fs: this.newFs(files), readOnly: true };
    }
    return { fs: this.newFs({}) };
  }

  /** A PV's files: the storage component's disk when it has one, else this kubelet's stand-in. */
  private diskFs(pv: string): FileSystem {
    const disks = this.ctx.component('disks') as unknown as Disks | undefined;
    const fs = disks?.fs?.(pv);
    if (fs) return fs;
    const k = `disk/${pv}`;
    if (!this.files.has(k)) this.files.set(k, this.newFs());
    return this.files.get(k)!;
  }

  /** The container's root: image files, kubelet-managed files, then the volume mounts over them. */
  containerFs(node: NodeRuntime, rt: PodRuntime, c: ContainerRuntime, info: ImageInfo): FileSystem {
    const k = rootKey(rt, c);
    let root = this.files.get(k);
    if (!root) {
      const files: FsSnapshot = {};
      for (const [p, data] of Object.entries(imageFiles(info))) files[p] = data;
      files['/etc/hostname'] = podHostname({ name: rt.name, spec: rt.spec }) + '\n';
      files['/etc/hosts'] = hostsFile({ name: rt.name, namespace: rt.namespace, spec: rt.spec }, rt.podIP ?? '');
      files['/etc/resolv.conf'] = resolvConf(rt.namespace);
      root = this.newFs(files);
      this.files.set(k, root);
    }
    const spec = containerSpec(rt, c);
    const mounts: Mount[] = [];
    for (const m of spec?.volumeMounts ?? []) {
      const vol = this.volumeFs(node, rt, m.name);
      if (vol) mounts.push({ path: m.mountPath, fs: vol.fs, subPath: m.subPath, readOnly: m.readOnly || vol.readOnly });
    }
    return new MountFs(root, mounts);
  }

  private newFs(files?: FsSnapshot): SavedFs {
    return new SavedFs({ now: () => this.ctx.clock.now(), files });
  }
}

function containerSpec(rt: PodRuntime, c: ContainerRuntime): Container | undefined {
  return (c.init ? rt.spec.initContainers ?? [] : rt.spec.containers).find((x) => x.name === c.name);
}

function rootKey(rt: PodRuntime, c: ContainerRuntime): string {
  return `root/${rt.uid}/${c.init ? 'init-' : ''}${c.name}`;
}

function projectData(data: Record<string, string>, items?: { key: string; path: string }[]): FsSnapshot {
  const files: FsSnapshot = {};
  if (items?.length) for (const it of items) files[`/${it.path}`] = data[it.key] ?? '';
  else for (const [k, v] of Object.entries(data)) files[`/${k}`] = v;
  return files;
}
