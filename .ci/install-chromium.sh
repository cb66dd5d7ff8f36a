#!/usr/bin/env bash
# Debian's chromium at /usr/bin/chromium, for the GraphiQL end-to-end test (test/e2e/graphiql.test.ts).
# Does nothing, silently, when it is already there; the test setup (test/setup/tools.ts) runs it.
set -euo pipefail
[[ -x /usr/bin/chromium ]] && exit 0
bash "$(dirname "$0")/apt-install.sh" chromium
