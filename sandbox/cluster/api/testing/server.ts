// A bare API server for the api/ tests: the strategies, the namespaces and the default
// StorageClass a fresh cluster has, no controllers.
import { ApiServer } from '../server.ts';
import { STRATEGIES } from '../strategies.ts';
import { VirtualClock } from '../../clock.ts';
import { Random } from '../../random.ts';
import { ApiError } from '../errors.ts';

export function newServer(limits?: Record<string, number>): { api: ApiServer; clock: VirtualClock } {
  const clock = new VirtualClock();
  const api = new ApiServer({ clock, random: new Random(1), strategies: STRATEGIES, limits });
  for (const ns of ['default', 'kube-system']) api.create('namespaces', undefined, { metadata: { name: ns } });
  api.create('storageclasses', undefined, {
    metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: 'k8s.io/minikube-hostpath',
  });
  api.flush();
  return { api, clock };
}

/** The error a call throws (fails the test when it does not throw an ApiError). */
export function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

/** The seed's StatefulSet `app`, with `name` and `mountPath` swapped as the note has them. */
export function seedStatefulSet(): any {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet',
    metadata: { name: 'app' },
    spec: {
      serviceName: 'appservice',
      replicas: 2,
      selector: { matchLabels: { app: 'app' } },
      template: {
        metadata: { labels: { app: 'app' } },
        spec: { containers: [{ name: 'app', image: 'app', volumeMounts: [{ name: '/var/data', mountPath: 'data' }] }] },
      },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Mi' } } } }],
    },
  };
}

/** The tutorial's web StatefulSet (kubernetes/website content/en/examples/application/web/web.yaml). */
export function webStatefulSet(): any {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet',
    metadata: { name: 'web' },
    spec: {
      serviceName: 'nginx',
      replicas: 2,
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: {
          containers: [{
            name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21',
            ports: [{ containerPort: 80, name: 'web' }],
            volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }],
          }],
        },
      },
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  };
}
