// The manifests the Kubernetes StatefulSet tutorial applies by URL
// (kubernetes/website content/en/docs/tutorials/stateful-application/basic-stateful-set.md:
// `kubectl apply -f https://k8s.io/examples/application/web/web.yaml`, then web-parallel.yaml).
// The lab has no network, so kubectl finds these two here, under the addresses the tutorial
// uses and the raw GitHub ones k8s.io/examples redirects to. Their objects are the examples'
// (content/en/examples/application/web/): a headless Service `nginx` and a StatefulSet `web`
// of two nginx-slim Pods, each with a 1Gi claim `www` mounted where nginx serves files;
// web-parallel.yaml is the same with podManagementPolicy Parallel.

/** The examples' two objects, the StatefulSet with the given policy line (or none). */
function webManifest(policy: string): string {
  return [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: nginx',
    '  labels:',
    '    app: nginx',
    'spec:',
    '  ports:',
    '  - port: 80',
    '    name: web',
    '  clusterIP: None',
    '  selector:',
    '    app: nginx',
    '---',
    'apiVersion: apps/v1',
    'kind: StatefulSet',
    'metadata:',
    '  name: web',
    'spec:',
    '  serviceName: "nginx"',
    ...(policy ? [`  podManagementPolicy: "${policy}"`] : []),
    '  replicas: 2',
    '  selector:',
    '    matchLabels:',
    '      app: nginx',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: nginx',
    '    spec:',
    '      containers:',
    '      - name: nginx',
    '        image: registry.k8s.io/nginx-slim:0.21',
    '        ports:',
    '        - containerPort: 80',
    '          name: web',
    '        volumeMounts:',
    '        - name: www',
    '          mountPath: /usr/share/nginx/html',
    '  volumeClaimTemplates:',
    '  - metadata:',
    '      name: www',
    '    spec:',
    '      accessModes: [ "ReadWriteOnce" ]',
    '      resources:',
    '        requests:',
    '          storage: 1Gi',
    '',
  ].join('\n');
}

const EXAMPLES: Record<string, string> = {
  'application/web/web.yaml': webManifest(''),
  'application/web/web-parallel.yaml': webManifest('Parallel'),
};

const PREFIXES = [
  'https://k8s.io/examples/',
  'https://kubernetes.io/examples/',
  'https://raw.githubusercontent.com/kubernetes/website/main/content/en/examples/',
];

/** The text at a URL the tutorial uses, or undefined for any other address. */
export function exampleManifest(url: string): string | undefined {
  for (const p of PREFIXES) if (url.startsWith(p)) return EXAMPLES[url.slice(p.length)];
  return undefined;
}
