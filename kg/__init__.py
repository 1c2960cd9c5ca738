"""kg: a diplomatic-contacts knowledge graph built from ministry and news-agency dispatches."""
from __future__ import annotations

__version__ = "0.1.0"
