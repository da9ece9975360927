#!/usr/bin/env bash
# Sourced by start.sh and test.sh: finds a Python >= 3.12, makes .venv and installs the project.
# Set PYTHON=/path/to/python to choose the interpreter yourself.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${SIMULATIE_VENV:-$ROOT/.venv}"  # SIMULATIE_VENV: another folder (scripts/vernieuw_versies.sh)

geschikt() { # prints the path when $1 is a Python >= 3.12 that runs
  local py="$1"
  [ -n "$py" ] || return 1
  "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1 || return 1
  "$py" -c 'import sys; print(sys.executable)'
}

vind_python() {
  local kandidaat
  if [ -n "${PYTHON:-}" ]; then
    geschikt "$PYTHON" && return 0
    echo "FOUT: PYTHON=$PYTHON is not a working Python >= 3.12." >&2
    return 1
  fi
  for kandidaat in python3.13 python3.12 python3 python; do
    command -v "$kandidaat" >/dev/null 2>&1 && geschikt "$(command -v "$kandidaat")" && return 0
  done
  local roots=()
  command -v pyenv >/dev/null 2>&1 && roots+=("$(pyenv root 2>/dev/null)/versions")
  roots+=("$HOME/.pyenv/versions" /root/.pyenv/versions /opt/python /usr/local/bin /usr/bin)
  for r in "${roots[@]}"; do
    for kandidaat in "$r"/3.1[3-9]*/bin/python3 "$r"/3.12*/bin/python3 "$r"/python3.1[2-9]; do
      [ -x "$kandidaat" ] && geschikt "$kandidaat" && return 0
    done
  done
  return 1
}

if [ ! -x "$VENV/bin/python" ] || ! geschikt "$VENV/bin/python" >/dev/null; then
  if ! PY="$(vind_python)"; then
    cat >&2 <<'MSG'
FOUT: no Python >= 3.12 found (needed for Mesa >= 3.5).
Looked at $PYTHON, python3.13/python3.12/python3 on PATH, and pyenv/opt/usr installs.
Install one (e.g. `pyenv install 3.12`) or run with PYTHON=/path/to/python3.12.
MSG
    exit 1
  fi
  echo "Using $PY ($("$PY" --version 2>&1)) to create $VENV" >&2
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
fi

STAMP="$VENV/.geinstalleerd"
# The versions CI passed with (constraints.txt), unless SIMULATIE_NIEUWSTE=1 asks for the newest.
BEPERK=(-c "$ROOT/constraints.txt")
[ "${SIMULATIE_NIEUWSTE:-0}" = "1" ] && BEPERK=()
HASH="$(cat "$ROOT/pyproject.toml" "${BEPERK[@]:1}" | sha256sum | cut -d' ' -f1)-${EXTRAS:-dev,dashboard,browser}"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$HASH" ]; then
  echo "Installing the project into $VENV (first time only; log in $VENV/install.log) ..." >&2
  if ! { "$VENV/bin/python" -m pip install --upgrade pip \
         && "$VENV/bin/python" -m pip install "${BEPERK[@]}" -e "$ROOT[${EXTRAS:-dev,dashboard,browser}]"; } \
         > "$VENV/install.log" 2>&1; then
    tail -n 30 "$VENV/install.log" >&2
    echo "FOUT: installing the project failed (full log: $VENV/install.log)" >&2
    if [ "${#BEPERK[@]}" -gt 0 ]; then
      echo "It asked for the versions of constraints.txt (tested on Python 3.12 and 3.13)." >&2
      echo "If a version there does not exist for this Python or platform, run again with" >&2
      echo "SIMULATIE_NIEUWSTE=1 to install the newest versions pyproject.toml allows." >&2
    fi
    exit 1
  fi
  echo "$HASH" > "$STAMP"
fi
export PATH="$VENV/bin:$PATH"
