// Storage and service controllers: PV binder/provisioner, protection finalizers, endpoints,
// and the pod network with cluster DNS (network/).
// Order matters within one instant: the provisioner is offered work before the binder, so a
// claim is provisioned and bound in the same instant with one ExternalProvisioning event.
import type { Component } from '../component.ts';
import type { ClusterSpec } from '../components.ts';
import { Disks } from './disks.ts';
import { HostpathProvisioner } from './hostpath-provisioner.ts';
import { PersistentVolumeController } from './pv-controller.ts';
import { PvcProtectionController } from './pvc-protection.ts';
import { PvProtectionController } from './pv-protection.ts';
import { EndpointsController } from './endpoints-controller.ts';
import { EndpointSliceController } from './endpointslice-controller.ts';
import { Network } from '../network/index.ts';

export function storageAndServiceControllers(spec: ClusterSpec): Component[] {
  return [
    new Disks(),
    new HostpathProvisioner(spec),
    new PersistentVolumeController(),
    new PvcProtectionController(),
    new PvProtectionController(),
    new EndpointsController(),
    new EndpointSliceController(),
    new Network(),
  ];
}

export { Disks } from './disks.ts';
export { Network } from '../network/index.ts';
