"""Services: each mention of a social-service type (zákon 108/2006 Sb., §37–§70) with
the organisation that provides it.

The mentions are the `service` spans of the annotate step (pipeline/extract/spans/services.py:
legal types, inflected and abbreviated, and sections of the act). A mention
inside an organisation's own name ("Středisko rané péče Pampeliška") is the name, not
the service. The provider is an organisation the same sentence names (the
nearest one before the mention, with those coordinated with it — "X a Y
poskytují ..." — else the nearest one after it), the organisation of the list item
above a sub-list ("• Kopretina, z. ú." / "◦ Denní stacionář ..."), the subject of
the paragraph, else the one organisation responsible for the plan item (see
pipeline/extract/organisations/context.py); an organisation the sentence names as a funder
("vyhlásí projekt zaměřený na ..."), as the party dealt with ("jednání s městem
X") or as the affiliation of a speaker reporting something does not provide. One
row per (type, organisation); a row without organisation only for a type never
named with a provider in the document.
"""

from __future__ import annotations

from typing import Sequence

from pipeline.extract.model import BlockView, Extraction
from pipeline.extract.common import span_row
from pipeline.extract.organisations.context import DocOrgs
from pipeline.extract.spans.services import ServiceMention


# What this relation reads of earlier results, and what it adds (pipeline.extract.relations orders by these).
REQUIRES: tuple[str, ...] = ('organisations',)
PRODUCES: tuple[str, ...] = ('services',)


def extract(blocks: Sequence[BlockView], result: Extraction) -> None:
    """Append one row per (service type, providing organisation) to result.tables["services"].

    A mention whose provider the text does not give takes the one organisation responsible
    for its plan item ("Aktivita 1.2 Udržení denního stacionáře / R: X"), unless the item
    names a provider of that type elsewhere ("... stacionář provozuje Y"), names it as missing
    ("Na Lhotecku chybí sociálně terapeutické dílny") or the one
    responsible is an office that runs no service ("Konzultační dny v denním centru – R: Úřad
    práce ČR")."""
    ctx = DocOrgs.shared(blocks, result)
    with_provider: dict[tuple[str, str], dict] = {}
    without: dict[str, dict] = {}
    provided_in_item: set[tuple[str, str | None]] = set()
    pending: list[tuple[BlockView, ServiceMention, str | None]] = []
    for block in blocks:
        for mention in ctx.services_in(block):
            item = ctx.items.at(block, mention.start)
            providers = ctx.providers_of(block, mention.start, mention.end)
            if providers:
                provided_in_item.add((mention.service_type, item))
                for org in providers:
                    with_provider.setdefault((mention.service_type, org), _row(block, mention, org))
            else:
                pending.append((block, mention, item))
    for block, mention, item in pending:
        named_by_item = (mention.service_type, item) not in provided_in_item and not ctx.named_missing(block, mention.start)
        responsible = ctx.responsible_in_scope(block, item) if named_by_item else []
        # an office responsible for the item (Úřad práce, a town's office) runs no service there
        responsible = [name for name in responsible if ctx.name_can_provide(name)]
        if len(responsible) == 1:
            with_provider.setdefault((mention.service_type, responsible[0]), _row(block, mention, responsible[0]))
        else:
            without.setdefault(mention.service_type, _row(block, mention, None))
    provided = {service_type for service_type, _ in with_provider}
    rows = list(with_provider.values()) + [r for t, r in without.items() if t not in provided]
    rows.sort(key=lambda r: (r["block_id"], r["char_start"]))
    result.tables["services"].extend(rows)


def _row(block: BlockView, mention: ServiceMention, organisation: str | None) -> dict:
    return span_row(block, mention.start, mention.end, organisation=organisation,
                    service_type=mention.service_type, paragraph=mention.paragraph,
                    raw_text=block.text[mention.start:mention.end])
