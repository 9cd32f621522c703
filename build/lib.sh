# shellcheck shell=bash
# Shared helpers for the scripts in build/ (services, run, test). Source it, don't run it:
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Messages go to stderr so that a script's stdout stays usable (e.g. `eval "$(build/services env)"`).

if [[ -n "${CLEANSHOP_LIB_SOURCED:-}" ]]; then
  return 0
fi
CLEANSHOP_LIB_SOURCED=1

# Repository root: the parent of the folder holding this file (works without git, e.g. in a tarball).
CLEANSHOP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
# Everything the local stack writes lives here (git-ignored).
# shellcheck disable=SC2034 # used by the scripts that source this file
CLEANSHOP_LOCAL="$CLEANSHOP_ROOT/.local"

# ---- logging -------------------------------------------------------------------------------

log() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# Path relative to the repository root, for messages.
rel_path() {
  local p="$1"
  if [[ "$p" == "$CLEANSHOP_ROOT/"* ]]; then
    printf '%s' "${p#"$CLEANSHOP_ROOT"/}"
  else
    printf '%s' "$p"
  fi
}

# Milliseconds since the epoch (for timings).
now_ms() { date +%s%3N; }

# ---- processes and ports -------------------------------------------------------------------

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# pid_alive PID: the process exists and is not a zombie (an exited child that nobody reaped,
# which happens when the init process of a container does not reap orphans).
pid_alive() {
  local state
  [[ "${1:-}" =~ ^[0-9]+$ ]] && kill -0 "$1" 2>/dev/null || return 1
  state="$(ps -o stat= -p "$1" 2>/dev/null)" || return 1
  [[ "$state" != Z* ]]
}

# read_pid FILE: prints the pid stored on the first line of FILE (nothing if absent/invalid).
read_pid() {
  local f="$1" pid=""
  [[ -r "$f" ]] || return 0
  IFS= read -r pid <"$f" || true
  [[ "$pid" =~ ^[0-9]+$ ]] && printf '%s' "$pid"
  return 0
}

# pid_matches PID TEXT: PID is alive and its command line contains TEXT (guards against a
# stale pid file whose pid was reused by an unrelated process).
pid_matches() {
  local pid="$1" text="$2" args
  pid_alive "$pid" || return 1
  args="$(ps -o args= -p "$pid" 2>/dev/null)" || return 1
  [[ "$args" == *"$text"* ]]
}

# our_pid FILE TEXT: prints the pid stored in FILE if that process is alive and its command line
# contains TEXT; prints nothing otherwise.
our_pid() {
  local pid
  pid="$(read_pid "$1")"
  if [[ -n "$pid" ]] && pid_matches "$pid" "$2"; then
    printf '%s' "$pid"
  fi
  return 0
}

# port_listening PORT [HOST]: something accepts TCP connections on HOST:PORT (default 127.0.0.1).
port_listening() {
  local port="$1" host="${2:-127.0.0.1}"
  # shellcheck disable=SC2016 # expanded by the inner shell
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$host" "$port" 2>/dev/null
}

# port_listener_pids PORT: pids of the processes listening on TCP PORT (any address), one per
# line. Prints nothing when unknown (no `ss`, or not allowed to see other users' processes).
port_listener_pids() {
  local port="$1"
  command -v ss >/dev/null 2>&1 || return 0
  ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u || true
}

# port_holder PORT: short description of who listens on PORT, e.g. "pid 123 (redis-server)".
port_holder() {
  local port="$1" pids pid out=""
  pids="$(port_listener_pids "$port")"
  for pid in $pids; do
    out+="${out:+, }pid $pid ($(ps -o comm= -p "$pid" 2>/dev/null || echo '?'))"
  done
  printf '%s' "${out:-unknown process}"
}

# pid_owns_port PID PORT: PORT answers on 127.0.0.1 and, when listeners can be identified,
# PID is one of them.
pid_owns_port() {
  local pid="$1" port="$2" pids
  pid_alive "$pid" || return 1
  port_listening "$port" || return 1
  pids="$(port_listener_pids "$port")"
  [[ -z "$pids" ]] && return 0
  grep -qx "$pid" <<<"$pids"
}

# wait_for SECONDS COMMAND...: polls COMMAND every 0.1 s until it succeeds or time runs out.
wait_for() {
  local seconds="$1"
  shift
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

pid_gone() { ! pid_alive "$1"; }

# wait_pid_exit PID SECONDS: waits for PID to end; non-zero if it is still there.
wait_pid_exit() {
  local pid="$1" seconds="$2"
  wait_for "$seconds" pid_gone "$pid"
}

# require_port_number NAME VALUE: VALUE is a TCP port, else dies naming NAME.
require_port_number() {
  local name="$1" value="$2"
  if ! [[ "$value" =~ ^[0-9]+$ ]] || ((value < 1 || value > 65535)); then
    die "$name must be a TCP port number (1-65535), got '$value'"
  fi
}

# ---- packages ------------------------------------------------------------------------------

CLEANSHOP_APT_UPDATED=""

# apt_install PACKAGE...: installs Debian packages (runs `apt-get update` once per script).
apt_install() {
  is_root || die "need root to install $* (run: sudo apt-get install -y $*)"
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install $* by hand"
  if [[ -z "$CLEANSHOP_APT_UPDATED" ]]; then
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    CLEANSHOP_APT_UPDATED=1
  fi
  log "apt-get install -y $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}
