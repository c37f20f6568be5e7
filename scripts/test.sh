#!/usr/bin/env bash
# The tests on a fresh machine: install (Python packages, Debian chromium and a CJK font
# for the browser test), build the index if needed, run pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy"; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
fi
. .venv/bin/activate
python -m assistant index || [ $? -eq 4 ]
exec python -m pytest "$@"
