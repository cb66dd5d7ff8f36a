#!/usr/bin/env bash
# Installs Debian's kubectl for the Kubernetes simulator test (test/simulators/kubernetes), which
# runs the real kubectl against the simulator; only when `kubectl` is missing. Needs root (or apt
# privileges).
set -euo pipefail

if command -v kubectl >/dev/null 2>&1; then
  echo "kubectl already installed: $(kubectl version --client 2>/dev/null | head -n 1 || command -v kubectl)"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq kubectl
kubectl version --client
