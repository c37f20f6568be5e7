#!/usr/bin/env bash
# The main job on a fresh machine: install, convert the default model, build the index
# from corpus/ if anything changed, start the chat on http://127.0.0.1:7860 (pass --host/--port/--auth).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. .venv/bin/activate
python -m assistant index || [ $? -eq 4 ]      # 4: some files were skipped (listed above); the rest is indexed
exec python -m assistant serve "$@"
