#!/usr/bin/env bash
# Installs Debian's jq for the differential test of the jq engine (test/model/jq/differential),
# which compares the engine with the real jq binary; only when `jq` is missing. Needs root (or apt
# privileges).
set -euo pipefail

if command -v jq >/dev/null 2>&1; then
  echo "jq already installed: $(jq --version)"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y jq
