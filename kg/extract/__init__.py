"""Extraction: officials, institutions, countries and who met whom, per news item.

One module per concern, in the order an item goes through them:

* ``nlp`` — the language pipelines (spaCy's English model; a spaCy pipeline around natasha/slovnet
  for Russian, with its UD syntax parser), loaded once per process;
* ``mentions``, ``mentions_en``, ``mentions_ru`` — people with their role phrases, role-only
  references, institutions and states, with character offsets;
* ``coref`` — coreference inside the item: which mentions are one person, the item's protagonist,
  whom each person serves;
* ``frames`` — who met whom, read from the dependency trees;
* ``items`` — an item's extraction: the trigger patterns and the frames' encounters, states filled
  in, the ``ItemExtraction`` record.

``from kg.extract import extract_items`` loads spaCy only when it is called for: the modules that
need a role table or a name rule (``kg.names``, ``kg.gazetteer``) import ``kg.extract.mentions``
without paying for the models.
"""
from __future__ import annotations

from typing import Any

__all__ = ["MAX_ITEM_CHARS", "analysable", "extract_item", "extract_items", "split_sentences"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from kg.extract import items

        return getattr(items, name)
    raise AttributeError(f"module 'kg.extract' has no attribute {name!r}")
