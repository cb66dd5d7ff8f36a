#!/usr/bin/env bash
# Installs one Debian package for the test suite, quietly: `apt-install.sh <package>[|<alternative>...]`
# installs the first of the alternatives that apt knows. Used by the install-*.sh scripts, which the
# test setup (test/setup/tools.ts) runs when a tool is missing. Needs root (or sudo without a
# password) and Debian's package mirror; otherwise it exits 1 with one line saying why (last on stderr).
# apt's own output goes to a log and is shown (its last lines) only when something fails.
set -euo pipefail

alternatives="$1"
first="${alternatives%%|*}"

if ! command -v apt-get >/dev/null 2>&1; then
  echo "cannot install ${first}: apt-get not found (not a Debian machine)" >&2
  exit 1
fi

sudo=()
if [[ "$(id -u)" -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
  else
    echo "cannot install ${first}: installing needs root (run the script with sudo)" >&2
    exit 1
  fi
fi

log="$(mktemp -t lattice-apt.XXXXXX.log)"
trap 'rm -f "$log"' EXIT
fail() {
  tail -n 5 "$log" >&2
  echo "cannot install ${first}: $1 failed (no network, or no Debian mirror reachable?)" >&2
  exit 1
}

export DEBIAN_FRONTEND=noninteractive
# Other apt runs (another checkout's tests) may hold the lock: wait for it rather than fail.
apt=("${sudo[@]}" apt-get -q -o DPkg::Lock::Timeout=600)
"${apt[@]}" update >"$log" 2>&1 || fail "apt-get update"

package=""
IFS='|' read -r -a candidates <<<"$alternatives"
for candidate in "${candidates[@]}"; do
  policy="$(apt-cache policy "$candidate" 2>/dev/null)"
  if [[ "$policy" =~ Candidate:\ [^\(] ]]; then
    package="$candidate"
    break
  fi
done
if [[ -z "$package" ]]; then
  echo "cannot install ${first}: Debian's package lists have none of: ${alternatives//|/, }" >&2
  exit 1
fi

"${apt[@]}" install -y --no-install-recommends "$package" >>"$log" 2>&1 || fail "apt-get install ${package}"
