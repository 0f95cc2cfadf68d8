// The image catalogue: which images exist, how big they are, how long a pull takes, what files
// they carry and which programs they have. Anything else fails to pull as Docker (minikube's
// runtime, through cri-dockerd) reports it.
import { digestOf } from './format.ts';

export type ImageFamily = 'nginx' | 'nginx-slim' | 'busybox' | 'kubia-pet' | 'kubia';

export interface ImageInfo {
  family: ImageFamily;
  /** As the runtime names it in container status: `nginx:latest`, `registry.k8s.io/nginx-slim:0.8`. */
  ref: string;
  /** `docker-pullable://nginx@sha256:…`, the imageID cri-dockerd reports. */
  imageID: string;
  sizeBytes: number;
  /** Typical pull time on a small cluster, before chance. */
  pullMs: number;
  /** nginx version for the Server header and the error pages. */
  nginxVersion?: string;
}

export interface ParsedImage {
  /** Repository as written, without docker.io/library/: `nginx`, `registry.k8s.io/nginx-slim`. */
  repo: string;
  tag: string; // `latest` when none
  digest?: string;
}

/** Splits `registry:5000/repo:tag@sha256:…`; a bare name gets the `latest` tag (applyDefaultImageTag). */
export function parseImage(image: string): ParsedImage {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag = '';
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  rest = rest.replace(/^(docker\.io|index\.docker\.io)\//, '').replace(/^library\//, '');
  return { repo: rest, tag: tag || (digest ? '' : 'latest'), digest };
}

// Tags that exist upstream (a curated subset; enough for the docs and tutorials).
const NGINX_VERSIONS: Record<string, string> = {
  latest: '1.29.3', mainline: '1.29.3', stable: '1.28.0', alpine: '1.29.3', perl: '1.29.3',
  '1.29': '1.29.3', '1.29.3': '1.29.3', '1.29.0': '1.29.0', '1.28': '1.28.0', '1.28.0': '1.28.0',
  '1.27': '1.27.5', '1.27.5': '1.27.5', '1.27.4': '1.27.4', '1.27.3': '1.27.3', '1.26': '1.26.3', '1.26.3': '1.26.3',
  '1.25': '1.25.5', '1.25.5': '1.25.5', '1.25.3': '1.25.3', '1.24': '1.24.0', '1.24.0': '1.24.0', '1.23': '1.23.4',
  '1.23.4': '1.23.4', '1.22': '1.22.1', '1.21': '1.21.6', '1.21.6': '1.21.6', '1.20': '1.20.2', '1.19': '1.19.10',
  '1.18': '1.18.0', '1.17': '1.17.10', '1.16': '1.16.1', '1.15': '1.15.12', '1.15.4': '1.15.4', '1.14': '1.14.2',
  '1.14.2': '1.14.2', '1.13': '1.13.12', '1.12': '1.12.2', '1.11': '1.11.13', '1.10': '1.10.3', '1.9': '1.9.15',
  '1.7.9': '1.7.9',
};
const NGINX_SLIM_VERSIONS: Record<string, string> = {
  '0.8': '1.9.12', '0.20': '1.11.10', '0.21': '1.11.13', '0.22': '1.11.13', '0.23': '1.13.0', '0.24': '1.13.0',
  '0.25': '1.13.3', '0.26': '1.13.6', '0.27': '1.13.12',
};
const BUSYBOX_TAGS = new Set([
  'latest', 'stable', 'musl', 'glibc', 'uclibc', '1.37', '1.37.0', '1.36', '1.36.1', '1.36.0', '1.35', '1.35.0', '1.34',
  '1.34.1', '1.33', '1.33.1', '1.32', '1.31', '1.31.1', '1.30', '1.29', '1.28', '1.28.4', '1.27', '1.27.2', '1.26', '1.25',
]);

/** The catalogue entry for an image reference, or undefined when no registry has it. */
export function lookupImage(image: string): ImageInfo | undefined {
  // A pure function of the reference, asked on every pod sync: remembered (bounded), copied out.
  if (!lookedUp.has(image)) {
    if (lookedUp.size >= 1000) lookedUp.clear();
    lookedUp.set(image, computeImage(image));
  }
  const info = lookedUp.get(image);
  return info && { ...info };
}

const lookedUp = new Map<string, ImageInfo | undefined>();

function computeImage(image: string): ImageInfo | undefined {
  const p = parseImage(image);
  const ref = (repo: string) => `${repo}:${p.tag || 'latest'}`;
  const mk = (family: ImageFamily, repo: string, sizeBytes: number, pullMs: number, nginxVersion?: string): ImageInfo => ({
    family, ref: p.digest && !p.tag ? `${repo}@${p.digest}` : ref(repo),
    imageID: `docker-pullable://${repo}@sha256:${p.digest?.replace(/^sha256:/, '') ?? digestOf(ref(repo))}`,
    sizeBytes, pullMs, nginxVersion,
  });
  const tag = p.tag;
  const alpine = tag.endsWith('-alpine') ? tag.slice(0, -'-alpine'.length) : undefined;
  switch (p.repo) {
    case 'nginx': {
      const v = NGINX_VERSIONS[tag] ?? (alpine !== undefined ? NGINX_VERSIONS[alpine] : undefined) ?? (p.digest && !tag ? '1.29.3' : undefined);
      if (!v) return undefined;
      const small = tag.includes('alpine');
      return mk('nginx', 'nginx', small ? 52_498_816 : 192_004_242 - (tag === 'latest' ? 0 : (digestOf(tag).charCodeAt(0) % 9) * 1_000_117), small ? 1_600 : 3_400, v);
    }
    case 'registry.k8s.io/nginx-slim':
    case 'k8s.gcr.io/nginx-slim':
    case 'gcr.io/google_containers/nginx-slim':
    case 'gcr.io/google-containers/nginx-slim': {
      const v = NGINX_SLIM_VERSIONS[tag];
      if (!v) return undefined;
      return mk('nginx-slim', p.repo, tag === '0.8' ? 110_487_634 : 48_316_022, tag === '0.8' ? 2_300 : 1_500, v);
    }
    case 'busybox':
    case 'registry.k8s.io/busybox':
    case 'k8s.gcr.io/busybox':
    case 'gcr.io/google-containers/busybox':
      if (!BUSYBOX_TAGS.has(tag) && !(p.digest && !tag)) return undefined;
      return mk('busybox', p.repo, 4_269_694, 1_700);
    case 'luksa/kubia-pet':
    case 'luksa/kubia-pet-peers':
      if (tag !== 'latest') return undefined;
      return mk('kubia-pet', p.repo, 659_862_015, 6_200);
    case 'luksa/kubia':
      if (tag !== 'latest' && tag !== 'v1' && tag !== 'v2' && tag !== 'v3') return undefined;
      return mk('kubia', 'luksa/kubia', 659_831_711, 6_000);
    default:
      return undefined;
  }
}

/**
 * What `docker pull` answers for an image the catalogue lacks, as the kubelet shows it after
 * `Failed to pull image "…": `. A repository Docker Hub does not have is "pull access denied"; a
 * known repository with a missing tag is "manifest unknown"; an unknown registry host fails DNS.
 */
export function pullError(image: string): string {
  const p = parseImage(image);
  const first = p.repo.split('/')[0];
  const hasRegistry = p.repo.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const known = ['nginx', 'busybox', 'luksa/kubia', 'luksa/kubia-pet', 'luksa/kubia-pet-peers', 'registry.k8s.io/nginx-slim', 'k8s.gcr.io/nginx-slim'];
  if (hasRegistry && !['registry.k8s.io', 'k8s.gcr.io', 'gcr.io', 'quay.io', 'ghcr.io', 'docker.io'].includes(first)) {
    return `Error response from daemon: Get "https://${first}/v2/": dial tcp: lookup ${first.split(':')[0]} on 192.168.49.1:53: no such host`;
  }
  const shown = p.digest && !p.tag ? `${p.repo}@${p.digest}` : `${p.repo}:${p.tag}`;
  if (known.includes(p.repo) || hasRegistry) {
    return `Error response from daemon: manifest for ${shown} not found: manifest unknown: manifest unknown`;
  }
  return `Error response from daemon: pull access denied for ${p.repo}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`;
}

/** The pull policy the API server defaults to (pkg/apis/core/v1/defaults.go SetDefaults_Container). */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const p = parseImage(image);
  return p.tag === 'latest' && !p.digest ? 'Always' : 'IfNotPresent';
}

// ---- what an image holds ------------------------------------------------------------------

const BUSYBOX_APPLETS = [
  'awk', 'basename', 'cat', 'chmod', 'cp', 'cut', 'date', 'df', 'dirname', 'du', 'echo', 'env', 'false', 'find', 'free', 'grep',
  'head', 'hostname', 'id', 'ifconfig', 'ip', 'kill', 'ln', 'ls', 'mkdir', 'mount', 'mv', 'nc', 'netstat', 'nslookup', 'ping',
  'printf', 'ps', 'pwd', 'rm', 'rmdir', 'sed', 'seq', 'sh', 'sleep', 'sort', 'stat', 'tail', 'tar', 'tee', 'telnet', 'test', 'top',
  'touch', 'tr', 'true', 'uname', 'uniq', 'uptime', 'vi', 'wc', 'wget', 'whoami', 'xargs',
];
const DEBIAN_PROGRAMS = [
  'bash', 'basename', 'cat', 'chmod', 'cp', 'curl', 'cut', 'date', 'df', 'dirname', 'du', 'echo', 'env', 'false', 'find',
  'grep', 'head', 'hostname', 'id', 'kill', 'ln', 'ls', 'mkdir', 'mv', 'printf', 'ps', 'pwd', 'rm', 'rmdir', 'sed', 'seq',
  'sh', 'sleep', 'sort', 'stat', 'tail', 'tar', 'tee', 'test', 'touch', 'tr', 'true', 'uname', 'uniq', 'wc', 'whoami', 'xargs',
];

// Every container start, probe and exec asks for its image's programs: the lists are made once
// (callers only read them, as they do BUSYBOX_APPLETS).
const NGINX_PROGRAMS = [...DEBIAN_PROGRAMS, 'nginx'].sort();
const KUBIA_PROGRAMS = [...DEBIAN_PROGRAMS, 'node', 'nslookup', 'wget'].sort();

export function programsOf(family: ImageFamily): string[] {
  switch (family) {
    case 'busybox':
      return BUSYBOX_APPLETS;
    case 'nginx':
      return NGINX_PROGRAMS;
    case 'nginx-slim':
      // The StatefulSet tutorial runs `curl http://localhost/` inside web-0: the image has curl.
      return NGINX_PROGRAMS;
    case 'kubia-pet':
    case 'kubia':
      return KUBIA_PROGRAMS;
  }
}

/** nginx's stock page (nginx 1.2x `html/index.html`, 615 bytes). */
export const NGINX_INDEX_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** The older stock page the nginx-slim images ship (612 bytes). */
export const NGINX_OLD_INDEX_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
    body {
        width: 35em;
        margin: 0 auto;
        font-family: Tahoma, Verdana, Arial, sans-serif;
    }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NGINX_DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

/** The image's own files (before kubelet-managed files and volumes are laid over them). */
export function imageFiles(info: ImageInfo): Record<string, string> {
  const common: Record<string, string> = {
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n',
    '/etc/group': 'root:x:0:\nnogroup:x:65534:\n',
    '/root/': '', '/tmp/': '', '/var/': '', '/home/': '', '/proc/': '', '/dev/null': '', '/sys/': '',
  };
  const bins = (dir: string, names: string[]) => Object.fromEntries(names.map((n) => [`${dir}/${n}`, '']));
  switch (info.family) {
    case 'busybox':
      return { ...common, ...bins('/bin', BUSYBOX_APPLETS), '/bin/busybox': '' };
    case 'nginx':
    case 'nginx-slim': {
      const page = info.family === 'nginx' ? NGINX_INDEX_HTML : NGINX_OLD_INDEX_HTML;
      return {
        ...common, ...bins('/bin', programsOf(info.family).filter((p) => p !== 'nginx')),
        '/usr/sbin/nginx': '',
        '/etc/nginx/nginx.conf': 'user  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /run/nginx.pid;\n\nevents {\n    worker_connections  1024;\n}\n\nhttp {\n    include       /etc/nginx/mime.types;\n    default_type  application/octet-stream;\n    access_log  /var/log/nginx/access.log  main;\n    sendfile        on;\n    keepalive_timeout  65;\n    include /etc/nginx/conf.d/*.conf;\n}\n',
        '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_CONF,
        '/usr/share/nginx/html/index.html': page,
        '/usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n',
        '/var/log/nginx/access.log': '', '/var/log/nginx/error.log': '', '/var/cache/nginx/': '',
        ...(info.family === 'nginx' ? { '/docker-entrypoint.sh': '', '/docker-entrypoint.d/': '' } : {}),
      };
    }
    case 'kubia-pet':
    case 'kubia':
      return { ...common, ...bins('/bin', programsOf(info.family).filter((p) => p !== 'node')), '/usr/local/bin/node': '', '/app.js': '', '/var/data/': '' };
  }
}

/**
 * Environment variables the image sets (its Dockerfile ENV). Not HOME: none of these images sets
 * it; runc adds it last when the image does not (see the shell's containerEnv).
 */
export function imageEnv(info: ImageInfo): Record<string, string> {
  const path = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  switch (info.family) {
    case 'busybox':
      return { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };
    case 'nginx':
      return { PATH: path, NGINX_VERSION: info.nginxVersion ?? '', NJS_VERSION: '0.9.4', NJS_RELEASE: '1~bookworm', PKG_RELEASE: '1~bookworm', DYNPKG_RELEASE: '1~bookworm' };
    case 'nginx-slim':
      return { PATH: path };
    case 'kubia-pet':
    case 'kubia':
      return { PATH: path, NODE_VERSION: '7.10.1', YARN_VERSION: '0.24.4' };
  }
}
