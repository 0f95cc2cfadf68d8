import { describe, expect, it } from 'vitest';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from './names.ts';
import { errorOf, newServer } from '../testing/server.ts';

describe('names and labels (apimachinery util/validation)', () => {
  it('reports length and format separately for a long uppercase label', () => {
    expect(isDNS1123Label('A'.repeat(64))).toEqual([
      'must be no more than 63 characters',
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });

  it('accepts dotted names as subdomains but not as labels', () => {
    expect(isDNS1123Subdomain('web.v1')).toEqual([]);
    expect(isDNS1123Label('web.v1')).toEqual(['must not contain dots']);
  });

  it('checks label keys as qualified names and values as label values', () => {
    expect(isQualifiedName('app.kubernetes.io/name')).toEqual([]);
    expect(isQualifiedName('-bad')[0]).toBe("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
    expect(isValidLabelValue('')).toEqual([]);
    expect(isValidLabelValue('a b')).toHaveLength(1);
  });

  it('rejects a bad label value on any object, under metadata.labels', () => {
    const { api } = newServer();
    const err = errorOf(() => api.create('configmaps', 'default', { metadata: { name: 'c', labels: { tier: 'front end' } } }));
    expect(err.message).toBe(
      `ConfigMap "c" is invalid: metadata.labels: Invalid value: "front end": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    );
  });

  it('requires a name or generateName', () => {
    const { api } = newServer();
    expect(errorOf(() => api.create('configmaps', 'default', { metadata: {} })).message).toBe('ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required');
  });

  it('refuses a finalizer that is neither standard nor qualified', () => {
    const { api } = newServer();
    expect(errorOf(() => api.create('configmaps', 'default', { metadata: { name: 'c', finalizers: ['mine'] } })).message)
      .toBe('ConfigMap "c" is invalid: metadata.finalizers: Invalid value: "mine": name is neither a standard finalizer name nor is it fully qualified');
  });
});
