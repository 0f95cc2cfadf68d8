import { describe, expect, it } from 'vitest';
import { defaultPullPolicy, lookupImage, parseImage, pullError } from './images.ts';
import { goDuration } from './format.ts';

describe('the image catalogue', () => {
  it('normalises Docker Hub names and applies the latest tag', () => {
    expect(parseImage('docker.io/library/nginx')).toEqual({ repo: 'nginx', tag: 'latest', digest: undefined });
    expect(parseImage('registry.k8s.io/nginx-slim:0.8')).toMatchObject({ repo: 'registry.k8s.io/nginx-slim', tag: '0.8' });
    expect(lookupImage('nginx')?.ref).toBe('nginx:latest');
    expect(lookupImage('registry.k8s.io/nginx-slim:0.24')?.family).toBe('nginx-slim');
    expect(lookupImage('busybox:1.28')?.family).toBe('busybox');
    expect(lookupImage('luksa/kubia-pet')?.family).toBe('kubia-pet');
  });

  it('has no unknown repositories or tags', () => {
    expect(lookupImage('nginx:doesnotexist')).toBeUndefined();
    expect(lookupImage('app')).toBeUndefined();
  });

  it('words pull failures as Docker does', () => {
    expect(pullError('nginx:doesnotexist')).toBe('Error response from daemon: manifest for nginx:doesnotexist not found: manifest unknown: manifest unknown');
    expect(pullError('app')).toBe("Error response from daemon: pull access denied for app, repository does not exist or may require 'docker login': denied: requested access to the resource is denied");
  });

  it('defaults the pull policy to Always only for :latest (SetDefaults_Container)', () => {
    expect(defaultPullPolicy('nginx')).toBe('Always');
    expect(defaultPullPolicy('nginx:1.27')).toBe('IfNotPresent');
  });

  it('prints durations as Go does after truncating to milliseconds', () => {
    expect(goDuration(830)).toBe('830ms');
    expect(goDuration(2134)).toBe('2.134s');
    expect(goDuration(2100)).toBe('2.1s');
    expect(goDuration(105_457)).toBe('1m45.457s');
    expect(goDuration(10_000)).toBe('10s');
  });
});
