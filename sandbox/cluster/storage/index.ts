// Storage and service controllers: PV binder/provisioner, protection finalizers, endpoints.
import type { Component } from '../component.ts';
import type { ClusterSpec } from '../components.ts';

export function storageAndServiceControllers(_spec: ClusterSpec): Component[] {
  return [];
}
