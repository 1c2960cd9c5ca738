"""Which texts of the real corpus are on this machine, and whether manifest and gold agree.

    python tests/real/check.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def check(part: Path) -> int:
    manifest = json.loads((part / "manifest.json").read_text(encoding="utf-8"))
    gold = json.loads((part / "gold.json").read_text(encoding="utf-8"))["dispatches"]
    files = {m["file"] for m in manifest}
    missing = sorted(f for f in files if not (part / "texts" / f).is_file())
    unlisted = sorted({d["file"] for d in gold} - files)
    print(f"{part.relative_to(HERE.parent.parent)}: {len(files)} files, {len(gold)} items, "
          f"{len(files) - len(missing)} texts present" + (f", missing: {', '.join(missing)}" if missing else ""))
    if unlisted:
        print(f"  gold names files the manifest does not list: {', '.join(unlisted)}")
    return len(unlisted)


if __name__ == "__main__":
    sys.exit(1 if sum(check(p) for p in (HERE, HERE / "locked")) else 0)
