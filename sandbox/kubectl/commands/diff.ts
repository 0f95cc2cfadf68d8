// kubectl diff -f FILE: each object in the files as it is (LIVE) against what applying the file
// would make of it (MERGED), as `diff -u -N` of two temporary folders prints it. MERGED is the
// server's dry run of the apply patch (of a create, for an object that is not there yet), so it
// shows what the server adds: a bumped generation, defaults. Exit status 0: no differences,
// 1: differences, 2: kubectl failed (CheckDiffErr), printing no diff at all.
// Source: kubernetes/kubernetes staging/src/k8s.io/kubectl/pkg/cmd/diff/diff.go (Run,
// InfoObject.Merged and Name, DiffProgram: `diff -u -N` on the LIVE-* and MERGED-* folders made
// by os.MkdirTemp), cmd/util/helpers.go (CheckDiffErr: the exit code plus one).
import type { KubeObject } from '../../cluster/api/client.ts';
import { ApiError } from '../../cluster/api/errors.ts';
import type { KubectlContext } from '../cli/context.ts';
import { errorText, KubectlError } from '../cli/errors.ts';
import { readManifests } from '../cli/manifests.ts';
import { toYaml } from '../printers/object.ts';
import { unifiedDiff } from '../printers/unified-diff.ts';
import { applyPatchOf, LAST_APPLIED, mapManifests, type Mapped } from './apply.ts';
import type { KubectlCommand } from './types.ts';

/** os.MkdirTemp's name: the prefix and a random uint32 (from virtual time: runs replay the same). */
function tempDir(prefix: string, now: number, n: number): string {
  return `/tmp/${prefix}-${(Math.imul(Math.floor(now / 1000) * 2 + n, 2654435761) >>> 0).toString()}`;
}

/** InfoObject.Name: `<group>.<version>.<Kind>.<namespace>.<name>`. */
function fileName(mp: Mapped): string {
  const { info } = mp;
  return `${info.group ? `${info.group}.` : ''}${info.version}.${info.kind}.${mp.namespace ?? ''}.${mp.m.obj.metadata.name ?? ''}`;
}

/**
 * InfoObject.Merged: a dry-run create when the object is not there; else the apply patch of the
 * manifest without a new last-applied annotation (GetModifiedConfiguration, annotate=false) sent
 * as a dry run, or the live object when that patch is empty.
 */
function merged(ctx: KubectlContext, mp: Mapped, live: KubeObject | undefined): KubeObject {
  const { api } = ctx.services;
  const local = JSON.parse(JSON.stringify(mp.m.obj)) as KubeObject;
  if (!live) return api.create(mp.info.resource, mp.namespace, local, { dryRun: true, fieldManager: 'kubectl-client-side-apply' });
  const annotations: Record<string, string> = { ...(local.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  local.metadata.annotations = annotations;
  const patch = applyPatchOf(mp, local, live);
  if (!Object.keys(patch).length) return live;
  return api.patch(mp.info.resource, mp.namespace, live.metadata.name!, patch, 'strategic', { dryRun: true, fieldManager: 'kubectl-client-side-apply' });
}

export const diffCommand: KubectlCommand = {
  name: 'diff',
  short: 'Diff the live version against a would-be applied version',
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'server-side', type: 'bool' },
    { name: 'force-conflicts', type: 'bool' },
    { name: 'field-manager', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'prune', type: 'bool' },
  ],
  async run(ctx, p) {
    // CheckDiffErr: kubectl's own failures exit 2, so that 1 keeps meaning "differences".
    const fail = (err: unknown): number => {
      ctx.err(errorText(err));
      return 2;
    };
    if (p.args.length) return fail(new KubectlError(`Unexpected args: [${p.args.join(' ')}]\nSee 'kubectl diff -h' for help and examples`));
    const files: string[] = p.flags.filename;
    if (!files.length) return fail(new KubectlError('must specify one of -f and -k'));
    if (p.flags['force-conflicts'] && !p.flags['server-side']) return fail(new KubectlError('--force-conflicts only works with --server-side'));
    const errors: unknown[] = [];
    let mapped: Mapped[];
    try {
      mapped = mapManifests(ctx, readManifests(files, ctx.io.fs, ctx.io.cwd, ctx.io.stdin, p.flags.recursive, errors), errors);
    } catch (e) {
      return fail(e);
    }
    if (errors.length) return fail(errors[0]);
    const now = ctx.services.now();
    const from = tempDir('LIVE', now, 0);
    const to = tempDir('MERGED', now, 1);
    const pairs: Array<{ name: string; live: string | undefined; merged: string }> = [];
    for (const mp of mapped) {
      let live: KubeObject | undefined;
      try {
        live = ctx.services.api.get(mp.info.resource, mp.namespace, mp.m.obj.metadata.name ?? '');
      } catch (e) {
        if (!(e instanceof ApiError && e.status.code === 404)) return fail(e);
      }
      try {
        const m = merged(ctx, mp, live);
        pairs.push({ name: fileName(mp), live: live && toYaml(live), merged: toYaml(m) });
        if (m.metadata.deletionTimestamp) ctx.err(`Warning: Detected changes to resource ${m.metadata.name} which is currently being deleted.\n`);
      } catch (e) {
        return fail(e);
      }
    }
    // diff compares the two folders' files in name order; a file written twice keeps the last.
    const byName = new Map(pairs.map((x) => [x.name, x]));
    let differs = false;
    for (const name of [...byName.keys()].sort()) {
      const x = byName.get(name)!;
      const out = unifiedDiff({ path: `${from}/${name}`, text: x.live, mtime: now }, { path: `${to}/${name}`, text: x.merged, mtime: now });
      if (out) {
        differs = true;
        ctx.out(out);
      }
    }
    return differs ? 1 : 0;
  },
};
