#!/usr/bin/env bash
# kubectl on the PATH, for the Kubernetes simulator test (test/simulators/kubernetes), which runs
# the real kubectl against the simulator. Does nothing, silently, when it is already there; the
# test setup (test/setup/tools.ts) runs it. Debian 12 names the package kubernetes-client (kubectl
# 1.20, which fails the custom-resource create of that test); a `kubectl` package from a vendor
# repository the machine has configured is preferred.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 && exit 0
bash "$(dirname "$0")/apt-install.sh" 'kubectl|kubernetes-client'
