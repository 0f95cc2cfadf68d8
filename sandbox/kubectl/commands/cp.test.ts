// kubectl cp through the learner's shell on the full simulator: the tutorial's `web` StatefulSet
// (nginx-slim, Debian: GNU tar) with its `www` volume on /usr/share/nginx/html, and a busybox
// pod. Expected texts come from kubernetes/kubernetes staging/src/k8s.io/kubectl/pkg/cmd/cp/cp.go
// and filespec.go, GNU tar and busybox tar (see the header of cp.ts).
import { describe, expect, it } from 'vitest';
import { labSteps, writeWebYaml } from '../testing/lab-steps.ts';

const WEB_YAML = writeWebYaml(2);

const READY = `${WEB_YAML}kubectl apply -f web.yaml
kubectl rollout status sts/web
echo '<h1>copied with kubectl cp</h1>' > index.html
`;

const lab = (setup = READY) => labSteps(setup);

describe('kubectl cp: local file → container (copyToPod: tar -xmf - -C DIR)', () => {
  it('copies index.html onto web-0 silently; nginx then serves it', async () => {
    const { step } = await lab();
    expect(await step('kubectl cp index.html web-0:/usr/share/nginx/html/index.html; echo "status $?"')).toBe(
      '$ kubectl cp index.html web-0:/usr/share/nginx/html/index.html; echo "status $?"\nstatus 0\n',
    );
    expect(await step('kubectl exec web-0 -- curl -s localhost/')).toBe('$ kubectl exec web-0 -- curl -s localhost/\n<h1>copied with kubectl cp</h1>\n');
    // Only web-0 got it: web-1 has its own volume.
    expect(await step('kubectl exec web-1 -- cat /usr/share/nginx/html/index.html')).not.toContain('copied with kubectl cp');
  });

  it('a destination that is a directory receives the file under its own name (checkDestinationIsDir)', async () => {
    const { step } = await lab();
    await step('echo hi > hello.txt\nkubectl cp hello.txt web-0:/usr/share/nginx/html');
    expect(await step('kubectl exec web-0 -- cat /usr/share/nginx/html/hello.txt')).toBe('$ kubectl exec web-0 -- cat /usr/share/nginx/html/hello.txt\nhi\n');
    expect(await step('kubectl exec web-0 -- curl -s localhost/hello.txt')).toContain('\nhi\n');
  });

  it('the file is on the www volume, so it survives kubectl delete pod web-0', async () => {
    const { step } = await lab();
    await step('kubectl cp index.html web-0:/usr/share/nginx/html/index.html');
    await step('kubectl delete pod web-0\nkubectl wait --for=condition=Ready pod/web-0');
    expect(await step('kubectl exec web-0 -- curl -s localhost/')).toBe('$ kubectl exec web-0 -- curl -s localhost/\n<h1>copied with kubectl cp</h1>\n');
  });

  it('outside a volume the file is gone with the container: a new web-0 has the image files only', async () => {
    const { step } = await lab();
    await step('kubectl cp index.html web-0:/tmp/index.html');
    expect(await step('kubectl exec web-0 -- cat /tmp/index.html')).toContain('<h1>copied with kubectl cp</h1>\n');
    await step('kubectl delete pod web-0\nkubectl wait --for=condition=Ready pod/web-0');
    expect(await step('kubectl exec web-0 -- cat /tmp/index.html')).toContain('No such file or directory');
  });

  it('a directory is copied recursively; into an existing directory it lands under its own name', async () => {
    const { step } = await lab();
    await step('mkdir -p site/css site/empty\necho a > site/a.html\necho b > site/css/b.css');
    expect(await step('kubectl cp site web-0:/tmp/site; echo "status $?"')).toBe('$ kubectl cp site web-0:/tmp/site; echo "status $?"\nstatus 0\n');
    expect(await step('kubectl exec web-0 -- ls /tmp/site /tmp/site/css /tmp/site/empty')).toBe(
      '$ kubectl exec web-0 -- ls /tmp/site /tmp/site/css /tmp/site/empty\n/tmp/site:\na.html\ncss\nempty\n\n/tmp/site/css:\nb.css\n\n/tmp/site/empty:\n',
    );
    await step('kubectl cp site/ web-0:/usr/share/nginx/html');
    expect(await step('kubectl exec web-0 -- curl -s localhost/site/css/b.css')).toContain('\nb\n');
  });

  it('namespace/pod:path and -c CONTAINER name the target', async () => {
    const { step } = await lab();
    expect(await step('kubectl cp index.html default/web-1:/tmp/x.html -c nginx; echo "status $?"')).toBe('$ kubectl cp index.html default/web-1:/tmp/x.html -c nginx; echo "status $?"\nstatus 0\n');
    expect(await step('kubectl exec web-1 -- cat /tmp/x.html')).toContain('<h1>copied with kubectl cp</h1>\n');
  });
});

describe('kubectl cp: container → local (copyFromPod: tar cf - PATH)', () => {
  it('round trip: local → web-0 → local gives the same bytes; GNU tar says it drops the leading / (on stdout)', async () => {
    const { step, stdout } = await lab();
    await step('kubectl cp index.html web-0:/usr/share/nginx/html/index.html');
    expect(await step('kubectl cp web-0:/usr/share/nginx/html/index.html ./copy.html; echo "status $?"')).toBe(
      "$ kubectl cp web-0:/usr/share/nginx/html/index.html ./copy.html; echo \"status $?\"\ntar: Removing leading `/' from member names\nstatus 0\n",
    );
    // cp.go TarPipe: the exec's ErrOut is kubectl's Out (kubernetes/kubernetes#124008).
    expect(stdout()).toContain("tar: Removing leading `/' from member names\n");
    expect(await step('cat copy.html; [ "$(cat index.html)" = "$(cat copy.html)" ] && echo same')).toBe(
      '$ cat copy.html; [ "$(cat index.html)" = "$(cat copy.html)" ] && echo same\n<h1>copied with kubectl cp</h1>\nsame\n',
    );
  });

  it('a relative remote path (from the container working directory /) prints nothing', async () => {
    const { step } = await lab();
    expect(await step('kubectl cp web-0:etc/hostname h.txt; echo "status $?"; cat h.txt')).toBe('$ kubectl cp web-0:etc/hostname h.txt; echo "status $?"; cat h.txt\nstatus 0\nweb-0\n');
  });

  it('a directory: its contents land in the local destination, subdirectories made', async () => {
    const { step } = await lab();
    await step('mkdir -p site/css\necho a > site/a.html\necho b > site/css/b.css\nkubectl cp site web-0:/tmp/site');
    await step('kubectl cp web-0:/tmp/site back');
    expect(await step('cat back/a.html back/css/b.css')).toBe('$ cat back/a.html back/css/b.css\na\nb\n');
  });

  it('busybox tar words it differently', async () => {
    const { step } = await lab('kubectl run bb --image=busybox:1.36 -- sleep 3600\nkubectl wait --for=condition=Ready pod/bb');
    expect(await step('kubectl cp bb:/etc/passwd ./passwd; echo "status $?"')).toBe(
      "$ kubectl cp bb:/etc/passwd ./passwd; echo \"status $?\"\ntar: removing leading '/' from member names\nstatus 0\n",
    );
    expect(await step('head -1 passwd')).toBe('$ head -1 passwd\nroot:x:0:0:root:/root:/bin/sh\n');
  });
});

describe('kubectl cp: errors', () => {
  it('without two arguments', async () => {
    const { step } = await lab('');
    for (const line of ['kubectl cp', 'kubectl cp index.html']) {
      expect(await step(`${line}; echo "status $?"`)).toBe(`$ ${line}; echo "status $?"\nerror: source and destination are required\nstatus 1\n`);
    }
  });

  it('both sides remote, neither side remote, an empty path, a malformed filespec', async () => {
    const { step } = await lab('');
    expect(await step('kubectl cp web-0:/a web-1:/b')).toBe('$ kubectl cp web-0:/a web-1:/b\nerror: one of src or dest must be a local file specification\n');
    expect(await step('kubectl cp a.txt b.txt')).toBe('$ kubectl cp a.txt b.txt\nerror: one of src or dest must be a remote file specification\n');
    expect(await step('kubectl cp a.txt web-0:')).toBe('$ kubectl cp a.txt web-0:\nerror: filepath can not be empty\n');
    expect(await step('kubectl cp :/a b')).toBe('$ kubectl cp :/a b\nerror: filespec must match the canonical format: [[namespace/]pod:]file/path\n');
    expect(await step('kubectl cp a/b/c:/x y')).toBe('$ kubectl cp a/b/c:/x y\nerror: filespec must match the canonical format: [[namespace/]pod:]file/path\n');
  });

  it('a local file that does not exist', async () => {
    const { step } = await lab();
    expect(await step('kubectl cp nope.html web-0:/tmp/nope.html; echo "status $?"')).toBe(
      "$ kubectl cp nope.html web-0:/tmp/nope.html; echo \"status $?\"\nerror: nope.html doesn't exist in local filesystem\nstatus 1\n",
    );
  });

  it('a pod that does not exist, either way (also in another namespace)', async () => {
    const { step } = await lab();
    expect(await step('kubectl cp index.html web-9:/tmp/x')).toBe('$ kubectl cp index.html web-9:/tmp/x\nError from server (NotFound): pods "web-9" not found\n');
    expect(await step('kubectl cp web-9:/etc/hostname x')).toBe('$ kubectl cp web-9:/etc/hostname x\nError from server (NotFound): pods "web-9" not found\n');
    expect(await step('kubectl cp index.html kube-system/web-0:/tmp/x')).toBe('$ kubectl cp index.html kube-system/web-0:/tmp/x\nError from server (NotFound): pods "web-0" not found\n');
  });

  it('a container the pod does not have', async () => {
    const { step } = await lab();
    expect(await step('kubectl cp index.html web-0:/tmp/x -c sidecar')).toBe('$ kubectl cp index.html web-0:/tmp/x -c sidecar\nError from server (BadRequest): container sidecar is not valid for pod web-0\n');
    expect(await step('kubectl cp web-0:/etc/hostname x -c sidecar')).toBe('$ kubectl cp web-0:/etc/hostname x -c sidecar\nError from server (BadRequest): container sidecar is not valid for pod web-0\n');
  });

  it('a remote file that does not exist: tar complains on stdout, kubectl still exits 0 (kubernetes/kubectl#980), nothing is written', async () => {
    const { step } = await lab();
    expect(await step('kubectl cp web-0:/tmp/no-such-file ./foo; echo "status $?"; ls foo')).toBe(
      '$ kubectl cp web-0:/tmp/no-such-file ./foo; echo "status $?"; ls foo\n' +
        "tar: Removing leading `/' from member names\n" +
        'tar: /tmp/no-such-file: Cannot stat: No such file or directory\n' +
        'tar: Exiting with failure status due to previous errors\n' +
        "status 0\nls: cannot access 'foo': No such file or directory\n",
    );
  });

  it('busybox: a remote file that does not exist', async () => {
    const { step } = await lab('kubectl run bb --image=busybox:1.36 -- sleep 3600\nkubectl wait --for=condition=Ready pod/bb');
    expect(await step('kubectl cp bb:/nope ./foo; echo "status $?"')).toBe(
      '$ kubectl cp bb:/nope ./foo; echo "status $?"\ntar: /nope: No such file or directory\ntar: error exit delayed from previous errors\nstatus 0\n',
    );
  });

  it('a remote directory that does not exist: tar -C fails (GNU tar status 2; busybox 1)', async () => {
    const { step } = await lab();
    expect(await step('kubectl cp index.html web-0:/no/such/dir/index.html; echo "status $?"')).toBe(
      '$ kubectl cp index.html web-0:/no/such/dir/index.html; echo "status $?"\n' +
        'tar: /no/such/dir: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\ncommand terminated with exit code 2\nstatus 2\n',
    );
    await step('kubectl run bb --image=busybox:1.36 -- sleep 3600\nkubectl wait --for=condition=Ready pod/bb');
    expect(await step('kubectl cp index.html bb:/no/dir/x; echo "status $?"')).toBe(
      "$ kubectl cp index.html bb:/no/dir/x; echo \"status $?\"\ntar: can't change directory to '/no/dir': No such file or directory\ncommand terminated with exit code 1\nstatus 1\n",
    );
  });

  it('a local destination that is a directory (untarAll os.Create)', async () => {
    const { step } = await lab();
    expect(await step('mkdir out\nkubectl cp web-0:/etc/hostname out; echo "status $?"')).toContain(
      "$ kubectl cp web-0:/etc/hostname out; echo \"status $?\"\ntar: Removing leading `/' from member names\nerror: open out: is a directory\nstatus 1\n",
    );
  });

  it('an image without tar: the OCI runtime refuses the exec (exit 126)', async () => {
    const { session, step } = await lab();
    // No image in the lab's catalogue lacks tar (distroless ones do): take it away from web-0's view.
    const runtime = session.services.runtime;
    const containerEnv = runtime.containerEnv.bind(runtime);
    runtime.containerEnv = (...a) => {
      const env = containerEnv(...a);
      return env && { ...env, programs: env.programs.filter((x) => x !== 'tar') };
    };
    expect(await step('kubectl cp index.html web-0:/tmp/x; echo "status $?"')).toBe(
      '$ kubectl cp index.html web-0:/tmp/x; echo "status $?"\n' +
        'OCI runtime exec failed: exec failed: unable to start container process: exec: "tar": executable file not found in $PATH: unknown\ncommand terminated with exit code 126\nstatus 126\n',
    );
    expect(await step('kubectl cp web-0:/etc/hostname x; echo "status $?"')).toBe(
      '$ kubectl cp web-0:/etc/hostname x; echo "status $?"\n' +
        'OCI runtime exec failed: exec failed: unable to start container process: exec: "tar": executable file not found in $PATH: unknown\ncommand terminated with exit code 126\nstatus 126\n',
    );
  });
});

describe('kubectl cp: which container', () => {
  const TWO = `cat > two.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  containers:
  - name: web
    image: registry.k8s.io/nginx-slim:0.21
  - name: sidecar
    image: busybox:1.36
    command: ["sleep", "3600"]
EOF
kubectl apply -f two.yaml
kubectl wait --for=condition=Ready pod/two
echo x > x.txt
`;

  it('says which container it defaulted to, once (the test -d exec is silent); -c picks the other', async () => {
    const { step } = await lab(TWO);
    expect(await step('kubectl cp x.txt two:/tmp/x.txt')).toBe('$ kubectl cp x.txt two:/tmp/x.txt\nDefaulted container "web" out of: web, sidecar\n');
    expect(await step('kubectl cp x.txt two:/tmp/y.txt -c sidecar')).toBe('$ kubectl cp x.txt two:/tmp/y.txt -c sidecar\n');
    expect(await step('kubectl exec two -c sidecar -- ls /tmp')).toBe('$ kubectl exec two -c sidecar -- ls /tmp\ny.txt\n');
  });

  it('copying from the pod, the Defaulted line goes where tar\'s stderr goes: stdout', async () => {
    const { step, stdout } = await lab(TWO);
    expect(await step('kubectl cp two:/etc/hostname h')).toBe(
      "$ kubectl cp two:/etc/hostname h\nDefaulted container \"web\" out of: web, sidecar\ntar: Removing leading `/' from member names\n",
    );
    expect(stdout()).toContain('Defaulted container "web" out of: web, sidecar\n');
  });
});

describe('kubectl --help', () => {
  it('lists cp after proxy, as in the Troubleshooting and Debugging group (cmd.go)', async () => {
    const { step } = await lab('');
    expect(await step('kubectl --help')).toMatch(/\n {2}proxy +Run a proxy[^\n]*\n {2}cp +Copy files and directories to and from containers\n/);
  });

  it('kubectl cp --help names its flags', async () => {
    const { step } = await lab('');
    const out = await step('kubectl cp --help');
    expect(out).toContain('Copy files and directories to and from containers.\n');
    expect(out).toContain('    -c, --container=');
    expect(out).toContain('    --no-preserve\n');
    expect(out).toContain('    --retries=0\n');
  });
});
