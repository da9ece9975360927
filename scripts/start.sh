#!/usr/bin/env bash
# Quick start: set up (first time) and run the default experiment; results and plots go to resultaten/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/omgeving.sh"
cd "$ROOT"
simulatie run experimenten/basis.toml "$@"
