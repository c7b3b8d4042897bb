"""An organisation mention: what every module of the package passes around (its own module so
that the name normaliser and the shape finder can both use it without importing each other)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    """One organisation named in one block: the span as written and the name it stands for."""

    block_id: int
    start: int
    end: int
    written: str  # as written, the legal form included when it follows the name
    name: str  # nominative, legal form split off
    legal_form: str | None = None
    ico: str | None = None
    # legal, head, public, abbr, region, town (by shape); slot, list, bare (provider-list line),
    # apposition ("poskytovatel X"), listed (a list of organisations), table, attendee (by position);
    # known (a name given before)
    kind: str = "head"
    canonical: str = ""  # the document-wide name after merging variants

    @property
    def key(self) -> str:
        return self.canonical or self.name
