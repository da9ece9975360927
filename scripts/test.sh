#!/usr/bin/env bash
# Set up (first time) and run ruff, the import contracts and the test suite. Extra arguments
# go to pytest.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/omgeving.sh"
cd "$ROOT"
ruff check .
lint-imports --no-cache
# Test files run on TEST_WERKERS processes (default 2); a file stays on one (its fixtures run once).
python -m pytest -q -n "${TEST_WERKERS:-2}" --dist loadfile "$@"
