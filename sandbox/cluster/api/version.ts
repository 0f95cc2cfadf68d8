// What the API server says it is: GET /version (k8s.io/apimachinery pkg/version Info), and the
// serverVersion of `kubectl version -o json`. The lab plays Kubernetes 1.35.0.
export const SERVER_VERSION = 'v1.35.0';

export const SERVER_VERSION_INFO = {
  major: '1',
  minor: '35',
  gitVersion: SERVER_VERSION,
  gitCommit: '66452049f3d692768c39c797b21b793dce80314e',
  gitTreeState: 'clean',
  buildDate: '2025-12-17T12:32:05Z',
  goVersion: 'go1.25.5',
  compiler: 'gc',
  platform: 'linux/amd64',
} as const;
