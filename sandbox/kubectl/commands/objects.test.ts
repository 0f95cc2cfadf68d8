// A list the API server refuses names the resource and the selectors that were asked for
// (cli-runtime pkg/resource/helper.go EnhanceListError, called by the builder's selector visitor).
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../cluster/api/errors.ts';
import { resourceInfo } from '../../cluster/api/resources.ts';
import { createHarness } from '../testing/harness.ts';
import { webFixture } from '../testing/fixtures.ts';
import { enhanceListError } from './objects.ts';

describe('EnhanceListError', () => {
  it('prefixes a refused selector with the resource and both selectors (get, logs -l)', async () => {
    const h = createHarness();
    webFixture(h);
    const prefix = 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app in (nginx", field selector "": ';
    for (const cmd of [`kubectl get pods -l 'app in (nginx'`, `kubectl logs -l 'app in (nginx'`]) {
      const r = await h.run(cmd);
      expect(r.code).toBe(1);
      expect(r.stderr.startsWith(prefix)).toBe(true);
    }
  });

  it('says "Unable to list" without selectors, and names a grouped resource with its group', () => {
    const bad = new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 400, reason: 'BadRequest', message: 'nope' });
    expect((enhanceListError(bad, resourceInfo('statefulsets')!, '', '') as ApiError).status.message).toBe('Unable to list "apps/v1, Resource=statefulsets": nope');
    expect((enhanceListError(bad, resourceInfo('statefulsets')!, '', 'spec.replicas=3') as ApiError).status.message).toBe(
      'Unable to find "apps/v1, Resource=statefulsets" that match label selector "", field selector "spec.replicas=3": nope',
    );
  });
});
