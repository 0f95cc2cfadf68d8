// kubectl patch --type json goes to the API server like the other types, and a failed operation
// reads as checkErr words an Invalid status that names no object.
// Sources: kubernetes/kubectl pkg/cmd/patch/patch.go (helper.Patch for every type),
// pkg/cmd/util/helpers.go checkErr (isInvalidReasonStatusError); apiserver
// pkg/endpoints/handlers/patch.go (a JSON patch that does not apply: 422 Invalid, no details).
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../cluster/api/errors.ts';
import { errorText } from '../cli/errors.ts';
import { createHarness } from '../testing/harness.ts';
import { webFixture } from '../testing/fixtures.ts';

describe('kubectl patch --type json', () => {
  it('applies the operations on the server: replicas change, the result says patched', async () => {
    const h = createHarness();
    webFixture(h);
    const r = await h.run(`kubectl patch sts web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":3}]'`);
    expect([r.stdout, r.code]).toEqual(['statefulset.apps/web patched\n', 0]);
    expect(h.cluster.api.get('statefulsets', 'default', 'web').spec.replicas).toBe(3);
  });

  it('reports an operation that does not apply as `The request is invalid: ...`, without `error:`', async () => {
    const h = createHarness();
    webFixture(h);
    const r = await h.run(`kubectl patch sts web --type=json -p '[{"op":"replace","path":"/spec/nope/x","value":3}]'`);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('The request is invalid: the server rejected our request due to an error in our request\n');
    expect(h.cluster.api.get('statefulsets', 'default', 'web').spec.replicas).toBe(2);
  });
});

describe('checkErr on an Invalid status (cmd/util/helpers.go)', () => {
  const invalid = (details?: object) => new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request', details });
  it('adds the message when the server named no object and gave no causes', () => {
    expect(errorText(invalid({}))).toBe('The request is invalid: the server rejected our request due to an error in our request\n');
    expect(errorText(invalid())).toBe('The request is invalid: the server rejected our request due to an error in our request\n');
  });
  it('names the object and lists the causes otherwise', () => {
    expect(errorText(invalid({ kind: 'StatefulSet', name: 'web', causes: [{ field: 'spec.replicas', message: 'Invalid value: -1: must be greater than or equal to 0' }] }))).toBe(
      'The StatefulSet "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n',
    );
  });
});

describe('kubectl patch with a field the type does not have (server default fieldValidation=Warn)', () => {
  it('prints the server\'s warning and leaves the field out', async () => {
    const h = createHarness();
    webFixture(h);
    const r = await h.run(`kubectl patch sts web -p '{"spec":{"replica":3}}'`);
    expect([r.stderr, r.stdout, r.code]).toEqual(['Warning: unknown field "spec.replica"\n', 'statefulset.apps/web patched (no change)\n', 0]);
    expect(h.cluster.api.get('statefulsets', 'default', 'web').spec).not.toHaveProperty('replica');
  });
});
