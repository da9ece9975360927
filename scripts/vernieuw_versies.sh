#!/usr/bin/env bash
# Try the newest package versions that pyproject.toml allows and, if scripts/test.sh (ruff, the
# import contracts and the tests) passes with them, write them to constraints.txt (review and
# commit it yourself). The project's .venv is not touched: the trial venv lives in a temporary
# folder. Extra arguments go to pytest. Set PYTHON=/path/to/python to try another interpreter.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROEF="$(mktemp -d)"
trap 'rm -rf "$PROEF"' EXIT
export SIMULATIE_VENV="$PROEF/venv" SIMULATIE_NIEUWSTE=1
bash "$ROOT/scripts/test.sh" "$@"
PY="$SIMULATIE_VENV/bin/python"
VERSIE="$("$PY" -c 'import platform; print(platform.python_version())')"
NIEUW="$PROEF/constraints.txt"
{
  echo "# Versions tested together (pip freeze of a fresh venv on Python $VERSIE, $(date -u +%Y-%m-%d),"
  echo "# written by scripts/vernieuw_versies.sh after ruff, the import contracts and the tests"
  echo "# passed). scripts/omgeving.sh installs with these as constraints so that a fresh machine"
  echo "# gets the set CI passed with; SIMULATIE_NIEUWSTE=1 installs the newest instead."
  "$PY" -m pip freeze --exclude-editable
} > "$NIEUW"
WIJZIGING="$(diff <(grep -v '^#' "$ROOT/constraints.txt") <(grep -v '^#' "$NIEUW") \
             | grep '^[<>]' || true)"
if [ -z "$WIJZIGING" ]; then
  echo "The tests pass with the newest versions, and they are the ones in constraints.txt already." >&2
else
  echo "The tests pass with the newest versions; changes against constraints.txt:" >&2
  echo "$WIJZIGING" >&2
  cp "$NIEUW" "$ROOT/constraints.txt"
  echo "constraints.txt rewritten: try the other Python (PYTHON=...) with bash scripts/test.sh," >&2
  echo "then commit it." >&2
fi
