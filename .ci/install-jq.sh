#!/usr/bin/env bash
# Debian's jq at /usr/bin/jq, for the differential test of the jq engine (test/model/jq/differential),
# which compares the engine with the real jq binary. Does nothing, silently, when it is already
# there; the test setup (test/setup/tools.ts) runs it.
set -euo pipefail
[[ -x /usr/bin/jq ]] && exit 0
bash "$(dirname "$0")/apt-install.sh" jq
