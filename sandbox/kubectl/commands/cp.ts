// kubectl cp <file-spec-src> <file-spec-dest>: copies files and directories between the learner's
// machine and a container, as kubectl does it: through `kubectl exec` running `tar` in the
// container. The archive itself is not simulated; the members it would carry are read from and
// written to the container's file system (services.runtime.containerEnv, the same view `kubectl
// exec` gets), so a file copied under a volumeMount lands on the volume. What the learner sees
// (files, output, errors, exit status) is what kubectl cp and the image's tar print.
// Sources:
// - kubernetes/kubernetes staging/src/k8s.io/kubectl/pkg/cmd/cp/cp.go: extractFileSpec, Validate
//   ("source and destination are required"), Run (its errors and their order),
//   checkDestinationIsDir (`test -d`, output discarded), copyToPod (`... doesn't exist in local
//   filesystem`, `tar -xmf - -C DIR`), makeTar/recursiveTar (member names), copyFromPod and
//   TarPipe.initReadFrom (`tar cf - PATH`; its stderr goes to kubectl's *stdout*:
//   `ErrOut: t.o.Out`, kubernetes/kubernetes#124008), untarAll (prefix check, os.MkdirAll,
//   os.Create errors), execute (ExecOptions.Run: pod lookup, completed-pod error, container).
// - staging/src/k8s.io/kubectl/pkg/cmd/cp/filespec.go: trailing/leading slash stripping,
//   stripPathShortcuts, path.Dir/Base/Join/Clean.
// - GNU tar (Debian images): names.c safer_name_suffix ("Removing leading `/' from member
//   names"), create.c ("%s: Cannot stat"), misc.c chdir_do/open_fatal ("%s: Cannot open",
//   "Error is not recoverable: exiting now", status 2), tar.c ("Exiting with failure status due
//   to previous errors", status 2).
// - busybox tar (archival/tar.c, libarchive/unsafe_prefix.c, libbb/recursive_action.c, xchdir):
//   "removing leading '/' from member names", "%s: No such file or directory",
//   "error exit delayed from previous errors", "can't change directory to '%s'", status 1.
import type { KubeObject } from '../../cluster/api/client.ts';
import { FsError, resolvePath, STRERROR, type FileSystem } from '../../cluster/fs.ts';
import { lookupImage } from '../../cluster/kubelet/images.ts';
import { evalTest } from '../../cluster/kubelet/test-expr.ts';
import type { ContainerEnv } from '../../cluster/runtime-api.ts';
import type { KubectlContext } from '../cli/context.ts';
import { KubectlError } from '../cli/errors.ts';
import type { ParsedArgs } from '../cli/flags.ts';
import { getContainerRunner } from '../hooks.ts';
import { pickContainer } from '../cli/pod-container.ts';
import { assertKubeletReachable } from '../cli/kubelet-dial.ts';
import type { KubectlCommand } from './types.ts';

/** fileSpec in filespec.go: a pod (and namespace) for a remote path, none for a local one. */
interface FileSpec {
  podName: string;
  podNamespace: string;
  file: string;
}

/** One member of the archive tar would write: a file with its text, or a directory. */
interface Member {
  name: string;
  dir: boolean;
  data: string;
}

/** Which tar the image has: GNU tar (Debian-based images) or busybox's applet. */
type TarFlavour = 'gnu' | 'busybox';

/** The exec's stderr for a step: where kubectl sends it (stderr, stdout, or discarded). */
type Sink = (text: string) => void;

const FILESPEC_FORMAT = 'filespec must match the canonical format: [[namespace/]pod:]file/path';

// ---- filespec.go and Go's path package --------------------------------------------------

/** stripTrailingSlash: one trailing slash goes, except from `/`. */
function stripTrailingSlash(file: string): string {
  return file.length > 1 && file.endsWith('/') ? file.slice(0, -1) : file;
}

/** stripLeadingSlash: every leading slash goes ("tar strips the leading '/'"). */
function stripLeadingSlash(file: string): string {
  return file.replace(/^[/\\]+/, '');
}

/** stripPathShortcuts: leading `../` and a bare `.`/`..` go, then one leading slash. */
function stripPathShortcuts(p: string): string {
  let s = p;
  while (s.startsWith('../')) s = s.slice(3);
  if (s === '.' || s === '..') s = '';
  return s.startsWith('/') ? s.slice(1) : s;
}

/** Go's path.Clean. */
function clean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(seg);
  }
  const s = (rooted ? '/' : '') + out.join('/');
  return s === '' ? '.' : s;
}

/** Go's path.Dir. */
function dir(p: string): string {
  return clean(p.slice(0, p.lastIndexOf('/') + 1));
}

/** Go's path.Base. */
function base(p: string): string {
  if (p === '') return '.';
  const s = p.replace(/\/+$/, '');
  return s === '' ? '/' : s.slice(s.lastIndexOf('/') + 1);
}

/** Go's path.Join: empty elements are skipped, the result cleaned. */
function join(...elems: string[]): string {
  const parts = elems.filter((e) => e !== '');
  return parts.length ? clean(parts.join('/')) : '';
}

/** extractFileSpec in cp.go: `[[namespace/]pod:]file/path`. */
function extractFileSpec(arg: string): FileSpec {
  const i = arg.indexOf(':');
  if (i === 0) throw new KubectlError(FILESPEC_FORMAT);
  if (i < 0) return { podName: '', podNamespace: '', file: stripTrailingSlash(arg) };
  const pieces = arg.slice(0, i).split('/');
  const file = stripTrailingSlash(arg.slice(i + 1)).replaceAll('\\', '/');
  if (pieces.length === 1) return { podName: pieces[0], podNamespace: '', file };
  if (pieces.length === 2) return { podName: pieces[1], podNamespace: pieces[0], file };
  throw new KubectlError(FILESPEC_FORMAT);
}

// ---- the exec kubectl cp runs -----------------------------------------------------------

/**
 * ExecOptions.Run for the exec cp starts: the pod (NotFound as the API server says it), its
 * phase, the container (exec's rules, with "Defaulted container" written to `errOut`: the
 * exec's stderr), and the runtime's view of that container.
 */
async function openContainer(ctx: KubectlContext, spec: FileSpec, requested: string | undefined, errOut: Sink): Promise<ContainerEnv> {
  const namespace = spec.podNamespace || ctx.namespace;
  const pod: KubeObject = ctx.services.api.get('pods', namespace, spec.podName);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const container = pickContainer({ ...ctx, err: errOut }, pod, requested, 'exec');
  await assertKubeletReachable(ctx, pod);
  const env = ctx.services.runtime.containerEnv(namespace, spec.podName, container);
  if (!env) throw new KubectlError(`unable to upgrade connection: container not found ("${container}")`);
  return env;
}

/**
 * An image without tar: the runtime refuses the exec as it refuses any missing program (the
 * shell's runInContainer prints the OCI error, exit 126) and kubectl's checkErr prints the
 * CodeExitError as `command terminated with exit code 126`.
 */
async function tarMissing(ctx: KubectlContext, env: ContainerEnv, argv: string[], errOut: Sink): Promise<number> {
  const runner = await getContainerRunner();
  if (!runner) throw new KubectlError('running commands inside containers is not available in this shell (sandbox/shell/container.ts runInContainer is missing)');
  const code = await runner(env, argv, { ...ctx.io, argv, stdin: '', stdout: () => {}, stderr: errOut });
  ctx.err(`command terminated with exit code ${code}\n`);
  return code;
}

function tarFlavour(env: ContainerEnv): TarFlavour {
  return lookupImage(env.image)?.family === 'busybox' || env.programs.includes('busybox') ? 'busybox' : 'gnu';
}

/** strerror(3) as tar prints it after a file name. */
function strerror(e: unknown): string {
  if (e instanceof FsError) return STRERROR[e.code];
  return e instanceof Error ? e.message : String(e);
}

/** The same error as Go's syscall.Errno prints it (lower case), for the local side's *PathError. */
function goErrno(e: unknown): string {
  const s = strerror(e);
  return s.charAt(0).toLowerCase() + s.slice(1);
}

// ---- local → container: makeTar, then `tar -xmf - -C DIR` ------------------------------

/** recursiveTar: a file under its destination name; a directory's files under `dest/...`; an empty directory as itself. */
function localMembers(fs: FileSystem, path: string, name: string, out: Member[]): void {
  if (fs.stat(path).type !== 'dir') {
    out.push({ name, dir: false, data: fs.readFile(path) });
    return;
  }
  const children = fs.readdir(path);
  if (!children.length) out.push({ name, dir: true, data: '' });
  for (const c of children) localMembers(fs, `${path}/${c}`, join(name, c), out);
}

/**
 * `tar -xmf - -C DIR` in the container: files replace files, missing parent directories are
 * made. An error on one member is reported and the rest still extracted (GNU); busybox stops.
 */
function extract(env: ContainerEnv, flavour: TarFlavour, destDir: string, members: Member[], errOut: Sink): number {
  const root = resolvePath('/', destDir);
  let chdirError: unknown;
  try {
    if (env.fs.stat(root).type !== 'dir') chdirError = new FsError('ENOTDIR', root);
  } catch (e) {
    chdirError = e;
  }
  if (chdirError) {
    if (flavour === 'busybox') {
      errOut(`tar: can't change directory to '${destDir}': ${strerror(chdirError)}\n`);
      return 1;
    }
    errOut(`tar: ${destDir}: Cannot open: ${strerror(chdirError)}\ntar: Error is not recoverable: exiting now\n`);
    return 2;
  }
  let failed = false;
  for (const m of members) {
    const target = resolvePath(root, m.name);
    try {
      const parent = target.slice(0, target.lastIndexOf('/')) || '/';
      try {
        env.fs.mkdir(parent, { recursive: true });
      } catch (e) {
        // A file where a parent directory goes: the member cannot be opened under it.
        throw e instanceof FsError && e.code === 'EEXIST' ? new FsError('ENOTDIR', target) : e;
      }
      const existing = env.fs.exists(target) ? env.fs.stat(target).type : undefined;
      if (m.dir) {
        if (existing === 'file') {
          // busybox's mkdir gets EEXIST, which it ignores: the file stays.
          if (flavour === 'busybox') continue;
          // GNU tar removes a file that stands where a directory goes.
          env.fs.rm(target);
        }
        if (existing !== 'dir') env.fs.mkdir(target, { recursive: true });
        continue;
      }
      // Both tars unlink an old file before writing; a directory there cannot be unlinked.
      if (existing === 'dir') throw new FsError('EISDIR', target);
      env.fs.writeFile(target, m.data);
    } catch (e) {
      if (flavour === 'busybox') {
        const code = e instanceof FsError ? e.code : '';
        errOut(code === 'EISDIR' ? `tar: can't remove old file ${m.name}: ${strerror(e)}\n` : `tar: can't open '${m.name}': ${strerror(e)}\n`);
        return 1;
      }
      errOut(`tar: ${m.name}: Cannot open: ${strerror(e)}\n`);
      failed = true;
    }
  }
  if (!failed) return 0;
  errOut('tar: Exiting with failure status due to previous errors\n');
  return 2;
}

async function copyToPod(ctx: KubectlContext, p: ParsedArgs, src: FileSpec, dest: FileSpec): Promise<number> {
  const local = resolvePath(ctx.io.cwd, src.file);
  if (!ctx.io.fs.exists(local)) throw new KubectlError(`${src.file} doesn't exist in local filesystem`);
  const requested = p.flags.container as string | undefined;

  // checkDestinationIsDir: `test -d DEST` through an exec whose output (and any error, even a
  // missing pod) is thrown away; a directory receives the source under its own name.
  let destFile = dest.file;
  try {
    const env = await openContainer(ctx, dest, requested, () => {});
    if (env.programs.includes('test') && evalTest(['-d', destFile], env.fs, '/').status === 0) destFile = join(destFile, base(clean(src.file)));
  } catch {
    // not a directory, as far as kubectl can tell
  }

  const destPath = clean(destFile);
  const members: Member[] = [];
  localMembers(ctx.io.fs, local, base(destPath), members);
  const destDir = dir(destFile);
  const argv = p.flags['no-preserve'] ? ['tar', '--no-same-permissions', '--no-same-owner', '-xmf', '-'] : ['tar', '-xmf', '-'];
  if (destDir) argv.push('-C', destDir);

  // The exec that extracts: its stderr is kubectl's stderr.
  const env = await openContainer(ctx, dest, requested, ctx.err);
  if (!env.programs.includes('tar')) return tarMissing(ctx, env, argv, ctx.err);
  const code = extract(env, tarFlavour(env), destDir, members, ctx.err);
  if (code !== 0) ctx.err(`command terminated with exit code ${code}\n`);
  return code;
}

// ---- container → local: `tar cf - PATH`, then untarAll ---------------------------------

/** GNU tar's safer_name_suffix: the `../` components and leading slashes it drops from a member name. */
function gnuUnsafePrefix(name: string): string {
  let len = 0;
  for (let i = 0; i < name.length; ) {
    if (name.startsWith('..', i) && (name[i + 2] === '/' || i + 2 === name.length)) len = i + 2;
    const slash = name.indexOf('/', i);
    if (slash < 0) break;
    i = slash + 1;
  }
  while (name[len] === '/') len++;
  return name.slice(0, len);
}

/** busybox's strip_unsafe_prefix: leading slashes, leading `../`, anything up to a `/../`. */
function busyboxUnsafePrefix(name: string): string {
  let i = 0;
  for (;;) {
    if (name[i] === '/') i++;
    else if (name.startsWith('../', i)) i += 3;
    else {
      const at = name.indexOf('/../', i);
      if (at < 0) break;
      i = at + 4;
    }
  }
  return name.slice(0, i);
}

/** `tar cf - PATH` in the container: the members it archives, what it says on stderr, its status. */
function archive(env: ContainerEnv, flavour: TarFlavour, path: string, errOut: Sink): { members: Member[]; status: number } {
  const abs = resolvePath('/', path);
  const prefix = flavour === 'gnu' ? gnuUnsafePrefix(path) : busyboxUnsafePrefix(path);
  const quote = flavour === 'gnu' ? (s: string) => `\`${s}'` : (s: string) => `'${s}'`;
  const warn = () => errOut(`tar: ${flavour === 'gnu' ? 'Removing' : 'removing'} leading ${quote(prefix)} from member names\n`);
  // GNU tar says so as it takes the name; busybox once it writes the first header.
  if (prefix && flavour === 'gnu') warn();
  try {
    env.fs.stat(abs);
  } catch (e) {
    if (flavour === 'gnu') errOut(`tar: ${path}: Cannot stat: ${strerror(e)}\ntar: Exiting with failure status due to previous errors\n`);
    else errOut(`tar: ${path}: ${strerror(e)}\ntar: error exit delayed from previous errors\n`);
    return { members: [], status: flavour === 'gnu' ? 2 : 1 };
  }
  if (prefix && flavour === 'busybox') warn();
  const members: Member[] = [];
  const walk = (p: string, name: string) => {
    if (env.fs.stat(p).type !== 'dir') {
      members.push({ name, dir: false, data: env.fs.readFile(p) });
      return;
    }
    const slashed = name.endsWith('/') ? name : `${name}/`;
    members.push({ name: slashed, dir: true, data: '' });
    for (const c of env.fs.readdir(p)) walk(`${p === '/' ? '' : p}/${c}`, slashed + c);
  };
  walk(abs, path.slice(prefix.length));
  return { members, status: 0 };
}

/** os.MkdirAll on the learner's machine, failing as Go does where a path component is a file. */
function mkdirAll(fs: FileSystem, cwd: string, path: string): void {
  const segs = path.split('/');
  for (let i = 1; i <= segs.length; i++) {
    const shown = segs.slice(0, i).join('/');
    if (shown === '' || shown === '.') continue;
    const abs = resolvePath(cwd, shown);
    if (!fs.exists(abs)) fs.mkdir(abs, { recursive: true });
    else if (fs.stat(abs).type !== 'dir') throw new KubectlError(`mkdir ${shown}: not a directory`);
  }
}

/** untarAll: each member, its remote prefix cut off, lands under the local destination. */
function untarAll(ctx: KubectlContext, src: FileSpec, dest: FileSpec, members: Member[]): void {
  const prefix = stripPathShortcuts(clean(stripLeadingSlash(src.file)));
  for (const m of members) {
    if (!m.name.startsWith(prefix)) throw new KubectlError('tar contents corrupted');
    const destFileName = join(dest.file, stripTrailingSlash(m.name.slice(prefix.length)));
    mkdirAll(ctx.io.fs, ctx.io.cwd, dir(destFileName));
    if (m.dir) {
      mkdirAll(ctx.io.fs, ctx.io.cwd, destFileName);
      continue;
    }
    const abs = resolvePath(ctx.io.cwd, destFileName);
    try {
      if (ctx.io.fs.exists(abs) && ctx.io.fs.stat(abs).type === 'dir') throw new FsError('EISDIR', abs);
      ctx.io.fs.writeFile(abs, m.data);
    } catch (e) {
      throw new KubectlError(`open ${destFileName}: ${goErrno(e)}`);
    }
  }
}

async function copyFromPod(ctx: KubectlContext, p: ParsedArgs, src: FileSpec, dest: FileSpec): Promise<number> {
  // TarPipe.initReadFrom: the exec's stderr is kubectl's stdout (ErrOut: t.o.Out).
  const errOut: Sink = ctx.out;
  const env = await openContainer(ctx, src, p.flags.container as string | undefined, errOut);
  const argv = ['tar', 'cf', '-', src.file];
  if (!env.programs.includes('tar')) return tarMissing(ctx, env, argv, errOut);
  const { members } = archive(env, tarFlavour(env), src.file, errOut);
  // When tar fails (a path that does not exist) it still ends the archive; untarAll reads an
  // empty archive and kubectl exits 0 before the exec's exit status arrives
  // (kubernetes/kubectl#980): only tar's own lines tell the learner.
  untarAll(ctx, src, dest, members);
  return 0;
}

export const cpCommand: KubectlCommand = {
  name: 'cp',
  short: 'Copy files and directories to and from containers',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'no-preserve', type: 'bool' },
    { name: 'retries', type: 'int', default: 0 },
  ],
  async run(ctx, p) {
    if (p.args.length !== 2) throw new KubectlError('source and destination are required');
    const src = extractFileSpec(p.args[0]);
    const dest = extractFileSpec(p.args[1]);
    if (src.podName && dest.podName) throw new KubectlError('one of src or dest must be a local file specification');
    if (!src.file || !dest.file) throw new KubectlError('filepath can not be empty');
    if (src.podName) return copyFromPod(ctx, p, src, dest);
    if (dest.podName) return copyToPod(ctx, p, src, dest);
    throw new KubectlError('one of src or dest must be a remote file specification');
  },
};
