"""Services: each mention of a social-service type (zákon 108/2006 Sb., §37–§70) with
the organisation that provides it.

Types are recognised by token patterns kept in configs/services.toml (stems, so
inflected forms match: "azylového domu", "terénních programů"; abbreviations:
"SAS", "NZDM"), with a spaCy Matcher over the lower-cased tokens. A mention
inside an organisation's own name ("Středisko rané péče Vlnka") is the name, not
the service. The provider is an organisation the same sentence names (the
nearest one before the mention, with those coordinated with it — "X a Y
poskytují ..." — else the nearest one after it), the organisation of the list item
above a sub-list ("• Kopretina, z. ú." / "◦ Denní stacionář ..."), the subject of
the paragraph, else the one organisation responsible for the plan item (see
pipeline/extract/orgcontext.py); an organisation the sentence names as a funder
("vyhlásí projekt zaměřený na ..."), as the party dealt with ("jednání s městem
X") or as the affiliation of a speaker reporting something does not provide. One
row per (type, organisation); a row without organisation only for a type never
named with a provider in the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from spacy.matcher import Matcher

from pipeline.config import load
from pipeline.extract import BlockView, Extraction
from pipeline.extract.common import span_row
from pipeline.extract.nlp import nlp, tokenize


@dataclass(frozen=True)
class ServiceMention:
    """A service type named at text[start:end]."""

    start: int
    end: int
    service_type: str
    paragraph: str


@lru_cache(maxsize=1)
def _matcher() -> tuple[Matcher, dict[str, tuple[str, str, list[re.Pattern[str]]]]]:
    """One Matcher rule per service type; the exclusions that must not precede a match."""
    matcher = Matcher(nlp().vocab)
    types: dict[str, tuple[str, str, list[re.Pattern[str]]]] = {}
    for i, service in enumerate(load("services")["service"]):
        key = f"S{i}"
        patterns = [[{"LOWER": {"REGEX": token}} for token in pattern] for pattern in service["patterns"]]
        matcher.add(key, patterns)
        types[key] = (service["type"], service["paragraph"],
                      [re.compile(p) for p in service.get("exclude_before", [])])
    return matcher, types


def find_services(text: str) -> list[ServiceMention]:
    """Service-type mentions in `text`, longest match first where they overlap."""
    return list(_find_services(text))


@lru_cache(maxsize=4096)
def _find_services(text: str) -> tuple[ServiceMention, ...]:
    matcher, types = _matcher()
    doc = tokenize(text)
    found = []
    for match_id, start, end in matcher(doc):
        service_type, paragraph, exclude = types[nlp().vocab.strings[match_id]]
        if start > 0 and any(p.match(doc[start - 1].lower_) for p in exclude):
            continue
        found.append(ServiceMention(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text), service_type,
                                    paragraph))
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    kept: list[ServiceMention] = []
    for m in found:
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return tuple(sorted(kept, key=lambda m: m.start))


def extract(blocks: Sequence[BlockView], result: Extraction) -> None:
    """Append one row per (service type, providing organisation) to result.tables["services"].

    A mention whose provider the text does not give takes the one organisation responsible
    for its plan item ("Aktivita 1.2 Udržení denního stacionáře / R: X"), unless the item
    names a provider of that type elsewhere ("... stacionář provozuje Y")."""
    from pipeline.extract.orgcontext import DocOrgs  # orgcontext imports this module

    ctx = DocOrgs(blocks, result)
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
        responsible = ctx.responsible_for(item) if (mention.service_type, item) not in provided_in_item else []
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
