// kubectl port-forward through the learner's shell on the full simulator: the tutorial's
// headless `nginx` Service and 3-replica `web` StatefulSet, each pod serving its own index.html,
// so a test sees which pod a forwarded port reaches.
// Expected text: kubernetes/kubernetes staging/src/k8s.io/kubectl/pkg/cmd/portforward/portforward.go
// and staging/src/k8s.io/client-go/tools/portforward/portforward.go.
import { describe, expect, it } from 'vitest';
import { labSteps, writeWebYaml } from '../testing/lab-steps.ts';

// A second Service in front of the same pods, whose port 8000 targets the pods' named port `web`.
const FRONT_YAML = `cat <<'EOF' > front.yaml
apiVersion: v1
kind: Service
metadata:
  name: front
spec:
  ports:
  - port: 8000
    name: http
    targetPort: web
  selector:
    app: nginx
EOF
`;

const WEB_YAML = `${writeWebYaml(3)}${FRONT_YAML}`;

const READY = `${WEB_YAML}kubectl apply -f web.yaml -f front.yaml
kubectl rollout status sts/web
for i in 0 1 2; do kubectl exec web-$i -- sh -c "echo hello from web-$i > /usr/share/nginx/html/index.html"; done
`;

const lab = (setup = READY) => labSteps(setup);

describe('kubectl port-forward: forwarding to the pod it names', () => {
  it('serves localhost:8080 from web-0 in the background and logs each connection', async () => {
    const { step } = await lab();
    expect(await step('kubectl port-forward pod/web-0 8080:80 &')).toBe(
      '$ kubectl port-forward pod/web-0 8080:80 &\n[1] 4242\nForwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n',
    );
    expect(await step('curl localhost:8080')).toBe('$ curl localhost:8080\nHandling connection for 8080\nhello from web-0\n');
    expect(await step('curl -s http://127.0.0.1:8080/')).toBe('$ curl -s http://127.0.0.1:8080/\nHandling connection for 8080\nhello from web-0\n');
  });

  it('reaches the pod named without a type (web-1), not another replica', async () => {
    const { step } = await lab();
    await step('kubectl port-forward web-1 8080:80 &');
    expect(await step('curl localhost:8080')).toContain('hello from web-1\n');
  });

  it('the container sees the request come from 127.0.0.1, as the kubelet connects inside the pod', async () => {
    const { step } = await lab();
    await step('kubectl port-forward web-2 8080:80 &\ncurl -s localhost:8080');
    expect(await step('kubectl logs web-2 | tail -1')).toMatch(/\n127\.0\.0\.1 - - \[[^\]]+\] "GET \/ HTTP\/1\.1" 200 /);
  });

  it('uses one port number for both sides when given one (8080 → 8080) and forwards several ports', async () => {
    const { step } = await lab();
    expect(await step('kubectl port-forward web-0 80 8081:web &')).toBe(
      '$ kubectl port-forward web-0 80 8081:web &\n[1] 4242\nForwarding from 127.0.0.1:80 -> 80\nForwarding from [::1]:80 -> 80\nForwarding from 127.0.0.1:8081 -> 80\nForwarding from [::1]:8081 -> 80\n',
    );
    expect(await step('curl localhost')).toBe('$ curl localhost\nHandling connection for 80\nhello from web-0\n');
    expect(await step('curl localhost:8081')).toBe('$ curl localhost:8081\nHandling connection for 8081\nhello from web-0\n');
  });

  it('picks a local port for :80 and prints it', async () => {
    const { step } = await lab();
    expect(await step('kubectl port-forward web-1 :80 &')).toBe('$ kubectl port-forward web-1 :80 &\n[1] 4242\nForwarding from 127.0.0.1:32768 -> 80\nForwarding from [::1]:32768 -> 80\n');
    expect(await step('curl -s localhost:32768')).toContain('hello from web-1\n');
  });

  it('--address 127.0.0.1 listens on IPv4 only; another address is refused', async () => {
    const { step } = await lab();
    expect(await step('kubectl port-forward --address 127.0.0.1 web-0 8080:80 &')).toBe('$ kubectl port-forward --address 127.0.0.1 web-0 8080:80 &\n[1] 4242\nForwarding from 127.0.0.1:8080 -> 80\n');
    expect(await step('kubectl port-forward --address 0.0.0.0 web-0 8081:80')).toBe(
      "$ kubectl port-forward --address 0.0.0.0 web-0 8081:80\nerror: --address 0.0.0.0: the lab's machine can only listen on localhost (use --address localhost or --address 127.0.0.1)\n",
    );
  });
});

describe('kubectl port-forward: Services and workloads choose a pod', () => {
  it('svc/nginx 9090:web (headless: the port is used as is) reaches the pod Ready longest, web-0', async () => {
    const { step } = await lab();
    expect(await step('kubectl port-forward svc/nginx 9090:web &')).toContain('Forwarding from 127.0.0.1:9090 -> 80\n');
    expect(await step('curl localhost:9090')).toBe('$ curl localhost:9090\nHandling connection for 9090\nhello from web-0\n');
  });

  it('service/front 8000 translates the Service port to its named targetPort (containerPort 80)', async () => {
    const { step } = await lab();
    expect(await step('kubectl port-forward service/front 8000 &')).toBe('$ kubectl port-forward service/front 8000 &\n[1] 4242\nForwarding from 127.0.0.1:8000 -> 80\nForwarding from [::1]:8000 -> 80\n');
    expect(await step('curl -s localhost:8000')).toContain('hello from web-0\n');
    expect(await step('kubectl port-forward svc/front 8001:9999')).toBe('$ kubectl port-forward svc/front 8001:9999\nerror: Service front does not have a service port 9999\n');
    expect(await step('kubectl port-forward svc/front 8001:https')).toBe("$ kubectl port-forward svc/front 8001:https\nerror: Service 'front' does not have a named port 'https'\n");
  });

  it('sts/web reaches web-0; after web-0 is replaced it is Ready for less time and web-1 is chosen', async () => {
    const { step } = await lab();
    await step('kubectl port-forward sts/web 8080:80 &');
    expect(await step('curl localhost:8080')).toContain('hello from web-0\n');
    await step('kill %1\nkubectl delete pod web-0\nkubectl wait --for=condition=Ready pod/web-0');
    await step('kubectl port-forward sts/web 8080:80 &');
    expect(await step('curl localhost:8080')).toContain('hello from web-1\n');
  });
});

describe('kubectl port-forward: stopping', () => {
  it('kill %1 stops it: curl then finds nothing listening', async () => {
    const { step } = await lab();
    await step('kubectl port-forward pod/web-0 8080:80 &');
    expect(await step('kill %1')).toBe('$ kill %1\n[1]+  Terminated              kubectl port-forward pod/web-0 8080:80\n');
    expect(await step('curl localhost:8080')).toBe("$ curl localhost:8080\ncurl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n");
  });

  it('ends with "lost connection to pod" when the pod is deleted', async () => {
    const { step } = await lab();
    await step('kubectl port-forward web-2 8080:80 &');
    const out = await step('kubectl delete pod web-2');
    expect(out).toContain('error: lost connection to pod\n');
    expect(out).toMatch(/\[1\]\+ {2}Exit 1 +kubectl port-forward web-2 8080:80\n/);
    expect(await step('curl localhost:8080')).toContain('curl: (7) Failed to connect to localhost port 8080');
  });

  it('a port nothing listens on in the container: the error is logged and the forwarding ends', async () => {
    const { step } = await lab();
    await step('kubectl port-forward web-1 8080:81 &');
    const out = await step('curl localhost:8080');
    expect(out).toMatch(/^\$ curl localhost:8080\nHandling connection for 8080\nE\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ portforward\.go:\d+\] "An error occurred forwarding" err="error forwarding port 81 to pod [0-9a-f]+, uid : .*dial tcp4 127\.0\.0\.1:81: connect: connection refused.*" logger="UnhandledError" localPort=8080 remotePort=81\n/);
    expect(out).toContain('\ncurl: (52) Empty reply from server\n');
    expect(out).toContain('error: lost connection to pod\n');
    expect(await step('jobs')).toBe('$ jobs\n');
  });
});

describe('kubectl port-forward: errors', () => {
  it('without TYPE/NAME and ports: the usage error', async () => {
    const { step } = await lab('');
    for (const line of ['kubectl port-forward', 'kubectl port-forward web-0']) {
      expect(await step(line)).toBe(`$ ${line}\nerror: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n`);
    }
  });

  it('a pod that does not exist (also in another namespace)', async () => {
    const { step } = await lab();
    expect(await step('kubectl port-forward web-9 8080:80')).toBe('$ kubectl port-forward web-9 8080:80\nError from server (NotFound): pods "web-9" not found\n');
    expect(await step('kubectl -n kube-system port-forward web-0 8080:80')).toBe('$ kubectl -n kube-system port-forward web-0 8080:80\nError from server (NotFound): pods "web-0" not found\n');
  });

  it('a pod that is not running yet', async () => {
    const { step } = await lab(WEB_YAML);
    const out = await step('kubectl apply -f web.yaml -f front.yaml\nkubectl port-forward web-0 8080:80');
    expect(out).toContain('$ kubectl port-forward web-0 8080:80\nerror: unable to forward port because pod is not running. Current status=Pending\n');
  });

  it('a named port the pod does not have, a bad port', async () => {
    const { step } = await lab();
    expect(await step('kubectl port-forward web-0 8080:http')).toBe("$ kubectl port-forward web-0 8080:http\nerror: Pod 'web-0' does not have a named port 'http'\n");
    expect(await step('kubectl port-forward web-0 8080:')).toBe('$ kubectl port-forward web-0 8080:\nerror: remote port cannot be empty\n');
    expect(await step('kubectl port-forward web-0 70000:80')).toBe(`$ kubectl port-forward web-0 70000:80\nerror: error parsing local port '70000': strconv.ParseUint: parsing "70000": value out of range\n`);
  });

  it('a local port another job already serves: bind fails on both addresses', async () => {
    const { step } = await lab();
    await step('kubectl port-forward web-0 8080:80 &');
    expect(await step('kubectl port-forward web-1 8080:80')).toBe(
      '$ kubectl port-forward web-1 8080:80\n' +
        'Unable to listen on port 8080: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:8080: bind: address already in use unable to create listener: Error listen tcp6 [::1]:8080: bind: address already in use]\n' +
        'error: unable to listen on any of the requested ports: [{8080 80}]\n',
    );
    // The first one still serves its port.
    expect(await step('curl localhost:8080')).toContain('hello from web-0\n');
  });
});

describe('kubectl --help', () => {
  it('lists port-forward after exec and before proxy, as in the Troubleshooting and Debugging group', async () => {
    const { step } = await lab('');
    expect(await step('kubectl --help')).toMatch(/\n {2}exec +Execute a command in a container\n {2}port-forward +Forward one or more local ports to a pod\n {2}proxy +Run a proxy/);
  });
});
