"""Services: each mention of a social-service type (zákon 108/2006 Sb., §37–§70) with
the organisation that provides it.

Types are recognised by token patterns kept in configs/services.toml (stems, so
inflected forms match: "azylového domu", "terénních programů"; abbreviations:
"SAS", "NZDM"), matched over the lower-cased spaCy tokens, and by their
section of the act ("služba dle § 44", not "§ 40 zákona č. 89/2012 Sb."). A mention
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

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from pipeline.config import load
from pipeline.extract.model import BlockView, Extraction
from pipeline.extract.common import span_row
from pipeline.extract.nlp import tokenize


@dataclass(frozen=True)
class ServiceMention:
    """A service type named at text[start:end]."""

    start: int
    end: int
    service_type: str
    paragraph: str


class _SequenceMatcher:
    """Token-regex sequences over lower-cased tokens, as spaCy's Matcher with `{"LOWER":
    {"REGEX": ...}}` patterns finds them (every start, `re.search` per token), but with
    each (regex, word) answer memoised: minutes repeat their words, so after a few files
    almost every test is a dictionary look-up. Matches come in spaCy's order: by start,
    end, then the order the rules were added."""

    def __init__(self, rules: list[tuple[str, list[list[str]]]]):
        self.rules = [(key, [tuple(re.compile(r) for r in pattern) for pattern in patterns])
                      for key, patterns in rules]
        self._first: dict[str, tuple[tuple[int, tuple[re.Pattern[str], ...]], ...]] = {}

    def _starting_with(self, word: str) -> tuple[tuple[int, tuple[re.Pattern[str], ...]], ...]:
        """The (rule, pattern) pairs whose first token regex accepts `word`."""
        found = self._first.get(word)
        if found is None:
            found = tuple((k, pattern) for k, (_, patterns) in enumerate(self.rules) for pattern in patterns
                          if pattern[0].search(word))
            if len(self._first) < 200_000:
                self._first[word] = found
        return found

    def __call__(self, words: Sequence[str]) -> list[tuple[str, int, int]]:
        hits = []
        for start, word in enumerate(words):
            for k, pattern in self._starting_with(word):
                end = start + len(pattern)
                if end <= len(words) and all(_accepts(rx, words[start + j]) for j, rx in enumerate(pattern)
                                             if j):
                    hits.append((start, end, k))
        hits.sort()
        return [(self.rules[k][0], start, end) for start, end, k in hits]


@lru_cache(maxsize=1 << 16)
def _accepts(rx: re.Pattern[str], word: str) -> bool:
    return rx.search(word) is not None


@lru_cache(maxsize=1)
def _matcher() -> tuple[_SequenceMatcher, dict[str, tuple[str, str, list[re.Pattern[str]]]]]:
    """One rule per service type; the exclusions that must not precede a match."""
    rules = []
    types: dict[str, tuple[str, str, list[re.Pattern[str]]]] = {}
    for i, service in enumerate(load("services")["service"]):
        key = f"S{i}"
        rules.append((key, service["patterns"]))
        types[key] = (service["type"], service["paragraph"],
                      [re.compile(p) for p in service.get("exclude_before", [])])
    return _SequenceMatcher(rules), types


def find_services(text: str) -> list[ServiceMention]:
    """Service-type mentions in `text`, longest match first where they overlap."""
    return list(_find_services(text))


@lru_cache(maxsize=1)
def _sections() -> tuple[dict[str, str], re.Pattern[str], re.Pattern[str]]:
    """The type of each section ("40" -> pečovatelská služba), the reference to a section
    ("§ 40", "§40", "§ 60a") and what after it says which act (configs/services.toml [sections])."""
    cfg = load("services")
    by_number = {service["paragraph"].lstrip("§"): service["type"] for service in cfg["service"]}
    reference = re.compile(r"§\s*(\d+[a-z]?)(?![\d/])")
    other_act = re.compile(cfg["sections"]["other_act"], re.IGNORECASE)
    return by_number, reference, other_act


def _section_mentions(text: str, named: list[ServiceMention]) -> list[ServiceMention]:
    """Services named by their section of the act on social services ("§ 44", "dle § 40
    zákona č. 108/2006 Sb."); not a section of another act ("§ 40 zákona č. 89/2012 Sb."),
    nor one that restates the type named right before it ("pečovatelskou službu (§ 40)")."""
    by_number, reference, other_act = _sections()
    out = []
    for match in reference.finditer(text):
        service_type = by_number.get(match.group(1))
        if service_type is None or other_act.match(text, match.end()):
            continue
        if any(m.service_type == service_type and 0 <= match.start() - m.end <= 40 for m in named):
            continue
        out.append(ServiceMention(match.start(), match.end(), service_type, f"§{match.group(1)}"))
    return out


@lru_cache(maxsize=4096)
def _find_services(text: str) -> tuple[ServiceMention, ...]:
    matcher, types = _matcher()
    doc = tokenize(text)
    found = []
    for key, start, end in matcher([t.lower_ for t in doc]):
        service_type, paragraph, exclude = types[key]
        if start > 0 and any(p.match(doc[start - 1].lower_) for p in exclude):
            continue
        found.append(ServiceMention(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text), service_type,
                                    paragraph))
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    kept: list[ServiceMention] = []
    for m in found:
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    kept.extend(_section_mentions(text, kept))
    return tuple(sorted(kept, key=lambda m: m.start))


# What this relation reads of earlier results, and what it adds (pipeline.extract.relations orders by these).
REQUIRES: tuple[str, ...] = ('organisations',)
PRODUCES: tuple[str, ...] = ('services',)


def extract(blocks: Sequence[BlockView], result: Extraction) -> None:
    """Append one row per (service type, providing organisation) to result.tables["services"].

    A mention whose provider the text does not give takes the one organisation responsible
    for its plan item ("Aktivita 1.2 Udržení denního stacionáře / R: X"), unless the item
    names a provider of that type elsewhere ("... stacionář provozuje Y")."""
    from pipeline.extract.organisations.context import DocOrgs  # context imports this module

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
