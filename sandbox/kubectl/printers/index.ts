// Registers every kind's table printer (import for side effects).
import './pods.ts';
import './statefulsets.ts';
import './deployments.ts';
import './replicasets.ts';
import './services.ts';
import './persistentvolumeclaims.ts';
import './persistentvolumes.ts';
import './nodes.ts';
import './events.ts';
import './endpoints.ts';
import './endpointslices.ts';
import './controllerrevisions.ts';
import './storageclasses.ts';
import './namespaces.ts';
import './configmaps.ts';
import './serviceaccounts.ts';
import './leases.ts';
export { tableFor, formatLabels } from './table.ts';
