"""Extract stage: a document's blocks -> one annotated document -> rows of the tables in SPEC.md.

Annotate once, then relate (docs/architecture.md):

* `annotate(blocks)` runs the spaCy pipeline of `pipeline.extract.nlp` once over every block
  (`nlp.pipe`, batched) and returns an `Annotated` document: the blocks with one `Doc` each.
* Relations, one module per table family, each exposing
  `extract(document: Annotated, result: Extraction) -> None` (a pure function, no I/O) and
  declaring what it `REQUIRES` and `PRODUCES` (table names, or "fields" for the document-level
  fields). `relations()` orders them so that every requirement is produced before it is read
  and refuses a requirement that no relation produces.

Every row carries provenance (`block_id`, `char_start`, `char_end` into that block's text;
see `common.span_row`).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from types import ModuleType
from typing import Sequence

from pipeline.extract.model import Annotated, BlockView, Extraction
from pipeline.extract import nlp as spacy_pipeline  # the module: `pipeline.extract.nlp` stays importable by name

# The table-family modules (their order here does not matter: `relations()` orders them).
RELATION_MODULES = ("document_fields", "agenda", "plan", "attendees", "organisations", "services", "capacity")


class RegistryError(RuntimeError):
    """The relations cannot be ordered: a requirement nobody produces, or a cycle."""


def order_relations(modules: Sequence[ModuleType]) -> list[ModuleType]:
    """`modules` ordered so that each runs after every module producing what it requires
    (ties keep the given order); a requirement no module produces, or a cycle, is an error."""
    producers: dict[str, list[ModuleType]] = {}
    for module in modules:
        for name in module.PRODUCES:
            producers.setdefault(name, []).append(module)
    for module in modules:
        missing = [name for name in module.REQUIRES if name not in producers]
        if missing:
            raise RegistryError(f"{module.__name__} requires {missing}, which no relation produces")
    ordered: list[ModuleType] = []
    pending = list(modules)
    while pending:
        ready = [m for m in pending
                 if all(p in ordered or p is m for name in m.REQUIRES for p in producers[name])]
        if not ready:
            raise RegistryError(f"relations require each other in a cycle: {[m.__name__ for m in pending]}")
        ordered.append(ready[0])
        pending.remove(ready[0])
    return ordered


@lru_cache(maxsize=1)
def relations() -> tuple[ModuleType, ...]:
    """Every relation module, imported once and ordered by what it requires."""
    return tuple(order_relations([importlib.import_module(f"{__name__}.{name}") for name in RELATION_MODULES]))


def forget_texts() -> None:
    """Empty every memo keyed by text, so that the next extraction runs as for text never seen
    (the bench times each file so). Memos of text are the `lru_cache`s of these modules bounded
    by a size other than 1 (a block's or a word's text: `fold`, `piece`, ...) and the
    `nlp.text_memo` dicts; builders (`maxsize=1`, or unbounded: keyed by a config name or word
    list) keep what they compiled."""
    for info in pkgutil.walk_packages(__path__, f"{__name__}."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if getattr(value, "__module__", None) == module.__name__ and callable(getattr(value, "cache_clear", None)) \
                    and value.cache_parameters()["maxsize"] not in (1, None):
                value.cache_clear()
    spacy_pipeline.forget_memos()


def annotate(blocks: Sequence[BlockView]) -> Annotated:
    """One pass of the spaCy pipeline over every block of a document. A text the document repeats
    (a page header, a label, an empty cell: one block in seven of the bench files) is annotated
    once and its Doc shared by those blocks: Docs are read-only, and all they hold comes from the text."""
    texts = [block.text for block in blocks]
    unique = list(dict.fromkeys(texts))
    docs = dict(zip(unique, spacy_pipeline.nlp().pipe(unique)))
    return Annotated(blocks, [docs[text] for text in texts])


def extract_document(blocks: Sequence[BlockView]) -> Extraction:
    """Annotate a document's blocks, then run every relation over them."""
    own = not isinstance(blocks, Annotated)
    document = annotate(blocks) if own else blocks
    result = Extraction()
    for module in relations():
        module.extract(document, result)
    if own:
        document.release()
    return result
