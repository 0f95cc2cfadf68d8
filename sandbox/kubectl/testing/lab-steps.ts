// For tests that drive kubectl through the learner's shell on the full simulator: the
// StatefulSet tutorial's web.yaml (kubernetes/website content/en/examples/application/web/web.yaml:
// a headless `nginx` Service and the `web` StatefulSet of nginx-slim with a `www` claim per pod),
// and a session whose steps print as `npm run sim` does.
import { Session } from '../../shell/session.ts';
import { needsMore } from '../../shell/parse.ts';

/** Shell lines that write the tutorial's web.yaml (`replicas` as given) into the learner's folder. */
export function writeWebYaml(replicas = 2): string {
  return `cat > web.yaml <<'EOF'\n${webYaml(replicas)}EOF\n`;
}

/** The tutorial's web.yaml: the headless Service, then the StatefulSet with `replicas` as given. */
export function webYaml(replicas = 2): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
  replicas: ${replicas}
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
`;
}

/**
 * A non-interactive lab session after `setup`. `step` runs lines as `npm run sim` shows them
 * (each command after its prompt, continuation lines after `> `) and returns what they printed,
 * keeping the session and its background jobs alive between steps; `stdout()` is the last
 * step's standard output alone.
 */
export async function labSteps(setup: string) {
  let out = '';
  let stdout = '';
  const session = new Session({ seed: 1, interactive: false, output: { stdout: (t) => void ((out += t), (stdout += t)), stderr: (t) => void (out += t) } });
  const step = async (script: string) => {
    out = '';
    stdout = '';
    let buf: string[] = [];
    for (const line of script.split('\n')) {
      if (!buf.length && !line.trim()) continue;
      buf.push(line);
      if (needsMore(buf.join('\n'))) continue;
      out += session.prompt() + buf[0] + '\n' + buf.slice(1).map((l) => `> ${l}\n`).join('');
      const src = buf.join('\n');
      buf = [];
      await session.run(src);
    }
    return out;
  };
  await step(setup);
  return { session, step, stdout: () => stdout };
}
