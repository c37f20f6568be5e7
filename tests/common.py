"""Paths and dates shared by the tests."""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "nx-gazette-2022-15.txt"
SHARED = Path(os.environ.get("ASSISTANT_SHARED", ROOT.parent / "shared"))
TODAY = date(2026, 11, 29)
