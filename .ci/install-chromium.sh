#!/usr/bin/env bash
# Installs Debian's chromium for the GraphiQL end-to-end test (test/e2e/graphiql.test.ts),
# only when /usr/bin/chromium is missing. Needs root (or apt privileges).
set -euo pipefail

if [[ -x /usr/bin/chromium ]]; then
  echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium
/usr/bin/chromium --version
