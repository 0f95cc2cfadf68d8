// Defaulting and validation per resource, assembled for the API server.
import type { Strategies } from './strategy.ts';

export const STRATEGIES: Strategies = {
  statefulsets: { tracksGeneration: true, hasStatusSubresource: true },
  deployments: { tracksGeneration: true, hasStatusSubresource: true },
  replicasets: { tracksGeneration: true, hasStatusSubresource: true },
  pods: { hasStatusSubresource: true },
  nodes: { hasStatusSubresource: true },
  persistentvolumeclaims: { hasStatusSubresource: true },
  persistentvolumes: { hasStatusSubresource: true },
  services: { hasStatusSubresource: true },
};
