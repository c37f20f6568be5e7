#!/usr/bin/env bash
# Create .venv in the repository root and install everything, torch (CPU) first.
# Idempotent: a second run only checks what is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
. .venv/bin/activate
pip install -q --disable-pip-version-check torch==2.13.0
pip install -q --disable-pip-version-check -r requirements.lock
pip install -q --disable-pip-version-check --no-deps -e .
