"""Data files of the package: gazetteers, role titles, trigger words, layout rules.

They are YAML so that a linguist can extend them without touching code.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=None)
def load_yaml(name: str) -> Any:
    """Load ``kg/data/<name>`` (cached; treat the result as read-only)."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    # libyaml's parser when PyYAML has it (the same objects, several times faster: every build and
    # every worker process reads these files)
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader
