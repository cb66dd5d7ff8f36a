#!/usr/bin/env bash
# Debian's redis-server, for the tests that start a Redis of their own (test/setup/redis.ts when no
# Redis answers at 127.0.0.1:6379, and the fault suite in test/faults). Does nothing, silently,
# when redis-server is on the PATH; the test setup (test/setup/tools.ts) runs it.
set -euo pipefail
command -v redis-server >/dev/null 2>&1 && exit 0
bash "$(dirname "$0")/apt-install.sh" redis-server
