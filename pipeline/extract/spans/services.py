"""Service-type mentions as spans: the `kpss_services` component fills `doc.spans["service"]`
(label: the service type, id: its section of the act), so the service, organisation and
capacity relations read one recognition instead of scanning the text again.

Types are recognised by token patterns kept in configs/services.toml (stems, so inflected forms
match: "azylového domu", "terénních programů"; abbreviations: "SAS", "NZDM"), matched over the
lower-cased tokens, and by their section of the act ("služba dle § 44", not "§ 40 zákona
č. 89/2012 Sb."). Overlapping matches keep the longest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from operator import add
from typing import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.config import load
from pipeline.extract.nlp import by_text, doc_text, piece, text_memo, token_columns

KEY = "service"  # the span group


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
        self._first: dict[str, tuple[tuple[int, tuple[re.Pattern[str], ...]], ...]] = text_memo()
        # any first regex at all: most words pass none, and are refused by one search, not one per pattern
        self._any_first = re.compile("|".join(f"(?:{pattern[0].pattern})" for _, patterns in self.rules
                                              for pattern in patterns))

    def _starting_with(self, word: str) -> tuple[tuple[int, tuple[re.Pattern[str], ...]], ...]:
        """The (rule, pattern) pairs whose first token regex accepts `word`."""
        found = self._first.get(word)
        if found is None:
            found = () if self._any_first.search(word) is None else tuple(
                (k, pattern) for k, (_, patterns) in enumerate(self.rules) for pattern in patterns
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
def _matcher() -> tuple[_SequenceMatcher, dict[str, tuple[str, str, list[tuple[re.Pattern[str], ...]]]]]:
    """One rule per service type; the exclusions that must not precede a match: one word, or a
    run of words ending right before it ("domu s" before "pečovatelskou službou")."""
    rules = []
    types: dict[str, tuple[str, str, list[tuple[re.Pattern[str], ...]]]] = {}
    for i, service in enumerate(load("services")["service"]):
        key = f"S{i}"
        rules.append((key, service["patterns"]))
        types[key] = (service["type"], service["paragraph"],
                      [tuple(re.compile(p) for p in ([e] if isinstance(e, str) else e))
                       for e in service.get("exclude_before", [])])
    return _SequenceMatcher(rules), types


def _preceded(words: Sequence[str], start: int, run: tuple[re.Pattern[str], ...]) -> bool:
    """The words right before `start` match the run of regexes."""
    return start >= len(run) and all(rx.match(words[start - len(run) + j]) for j, rx in enumerate(run))


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


@by_text
def _found(doc: Doc) -> tuple[ServiceMention, ...]:
    """Service-type mentions of a Doc, longest match first where they overlap, then the
    sections of the act."""
    matcher, types = _matcher()
    text = doc_text(doc)
    starts, sizes = token_columns(doc)[:2]
    spans = list(zip(starts, map(add, starts, sizes)))
    words = [text[a:b].lower() for a, b in spans]
    found = []
    for key, start, end in matcher(words):
        service_type, paragraph, exclude = types[key]
        if any(_preceded(words, start, run) for run in exclude):
            continue
        found.append(ServiceMention(spans[start][0], spans[end - 1][1], service_type, paragraph))
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    kept: list[ServiceMention] = []
    for m in found:
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    kept.extend(_section_mentions(text, kept))
    return tuple(sorted(kept, key=lambda m: m.start))


@Language.component("kpss_services", assigns=["doc.spans"])
def service_spans(doc: Doc) -> Doc:
    """`doc.spans["service"]`: one span per service-type mention."""
    spans = []
    for m in _found(doc):
        span = doc.char_span(m.start, m.end, label=m.service_type, span_id=m.paragraph, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[KEY] = spans
    return doc


def services(doc: Doc) -> list[ServiceMention]:
    """The service-type mentions of an annotated Doc, in order."""
    return [ServiceMention(s.start_char, s.end_char, s.label_, s.id_) for s in doc.spans.get(KEY, [])]


@lru_cache(maxsize=4096)
def _of_text(text: str) -> tuple[ServiceMention, ...]:
    return _found(piece(text))


def find_services(text: str) -> list[ServiceMention]:
    """Service-type mentions in a text that is not a whole block (a piece of one, a name): the
    same recognition run on that text alone. For a block, read `services(document.doc(block))`."""
    return list(_of_text(text))
