#!/usr/bin/env bash
# Set up (first time) and run ruff, the import contracts and the test suite. Extra arguments
# go to pytest.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/omgeving.sh"
cd "$ROOT"
ruff check .
lint-imports --no-cache
python -m pytest -q "$@"
