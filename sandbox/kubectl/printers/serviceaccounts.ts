// `kubectl get sa`: NAME SECRETS AGE, SECRETS counting the account's secrets list (empty since
// tokens are bound, not stored). Source: kubernetes/kubernetes
// pkg/printers/internalversion/printers.go printServiceAccount.
import { age } from './age.ts';
import { registerTable } from './table.ts';

registerTable('serviceaccounts', {
  columns: ['NAME', 'SECRETS', 'AGE'],
  wide: [],
  row: (o, now) => [o.metadata.name ?? '', String(Array.isArray(o.secrets) ? o.secrets.length : 0), age(o.metadata.creationTimestamp, now)],
});
