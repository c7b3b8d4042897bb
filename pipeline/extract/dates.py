"""Czech dates in running text -> ISO dates with their character spans, and the spaCy
component `kpss_dates` that puts them in `doc.spans["date"]` once per block.

Forms: `8. listopadu 2017`, `30. 8. 2017`, `dne 15.2.2022`, `15. II. 2022`,
`2022-02-15`, and day+month without a year (`18. 3.`, `12. dubna`), whose year
the caller supplies from context (the meeting's year, or the next one). The words
(months, Roman months, the nouns that number items rather than dates) are in
configs/dates.toml.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.config import load
from pipeline.extract.nlp import doc_text
from pipeline.extract.patterns import word_class
from pipeline.extract.text import fold

if not Span.has_extension("date"):
    Span.set_extension("date", default=None)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    day: int
    month: int
    year: int | None  # None: the text gave no year

    def resolve(self, default_year: int | None, not_before: dt.date | None = None) -> dt.date | None:
        """The date, taking a missing year from `default_year`; when the result would fall
        before `not_before` (a next meeting before this one), the following year."""
        year = self.year if self.year is not None else default_year
        if year is None:
            return None
        try:
            value = dt.date(year, self.month, self.day)
            if self.year is None and not_before is not None and value < not_before:
                value = dt.date(year + 1, self.month, self.day)
            return value
        except ValueError:
            return None


@lru_cache(maxsize=1)
def _item_nouns() -> tuple[str, ...]:
    """Words after which "1.1." numbers an item rather than dating it ("opatření 1.1.",
    "bod 3.2."), folded: configs/dates.toml [not_a_date] (word classes referenced by name)."""
    words = load("dates")["not_a_date"]["words_before"]
    return tuple(fold(w) for entry in words for w in (word_class(entry) if entry.startswith("@") else [entry]))


@lru_cache(maxsize=1)
def _item_noun_reach() -> int:
    """How many characters before a figure `_item_nouns` can need (fold keeps one for one)."""
    return max(map(len, _item_nouns()), default=0)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], dict[str, int], dict[str, int]]:
    cfg = load("dates")
    months = {name: int(num) for num, names in cfg["months"].items() for name in names}
    roman = {k: int(v) for k, v in cfg["roman_months"].items()}
    month_names = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    roman_names = "|".join(sorted(roman, key=len, reverse=True))
    pattern = re.compile(
        r"(?=\d)(?<![\d.])(?:"  # every form starts with a figure: the lookahead skips the rest fast
        r"(?P<iso>(?P<iy>(?:19|20)\d\d)-(?P<im>[01]?\d)-(?P<id>[0-3]?\d))"
        r"|(?P<d1>[0-3]?\d)\.\s*(?P<m1>[01]?\d)\.(?:\s*(?P<y1>(?:19|20)\d\d)(?!\d))?"
        rf"|(?P<d2>[0-3]?\d)\.\s*(?P<m2>{month_names})(?!\w)(?:\s+(?P<y2>(?:19|20)\d\d)(?!\d))?"
        rf"|(?P<d3>[0-3]?\d)\.\s*(?P<m3>{roman_names})\.(?:\s*(?P<y3>(?:19|20)\d\d)(?!\d))?"
        r")",
        re.IGNORECASE,
    )
    return pattern, months, roman


def find_dates(text: str) -> list[DateMention]:
    """Every date-looking mention in `text`, in order, with its span."""
    pattern, months, roman = _patterns()
    out: list[DateMention] = []
    for m in pattern.finditer(text):
        if m.group("iso"):
            day, month, year = int(m.group("id")), int(m.group("im")), int(m.group("iy"))
        elif m.group("d1"):
            day, month = int(m.group("d1")), int(m.group("m1"))
            year = int(m.group("y1")) if m.group("y1") else None
            if year is None and _looks_like_decimal_or_list(text, m):
                continue
        elif m.group("d2"):
            day, month = int(m.group("d2")), months[m.group("m2").lower()]
            year = int(m.group("y2")) if m.group("y2") else None
        else:
            day, month = int(m.group("d3")), roman[m.group("m3").upper()]
            year = int(m.group("y3")) if m.group("y3") else None
        if not _valid(day, month, year):
            continue
        end = m.end()
        out.append(DateMention(start=m.start(), end=end, day=day, month=month, year=year))
    return out


def _valid(day: int, month: int, year: int | None) -> bool:
    try:
        dt.date(year if year is not None else 2000, month, day)  # 2000: a leap year admits 29. 2.
    except ValueError:
        return False
    return True


def _looks_like_decimal_or_list(text: str, m: re.Match[str]) -> bool:
    """`1.1.` (an item number) or `3.1 Navýšit` is not a date without a year."""
    before = text[:m.start()].rstrip()
    if text[m.end():m.end() + 1].isdecimal():  # 1.1.3 — an item number
        return True
    if fold(before[-_item_noun_reach():]).endswith(_item_nouns()):
        return True
    at_block_start = m.start() == len(text) - len(text.lstrip())
    return at_block_start and " " not in m.group(0)


def date_spans(doc: Doc) -> list[DateMention]:
    """The dates of an annotated block (`doc.spans["date"]`), in order."""
    return [span._.date for span in doc.spans.get("date", ())]


@Language.component("kpss_dates", assigns=["doc.spans", "span._.date"])
def mark_dates(doc: Doc) -> Doc:
    """Put every date of the block in `doc.spans["date"]`, each span carrying its `DateMention`
    (`span._.date`: day, month, year and its exact characters, which the span, made of whole
    tokens, may exceed). Two dates inside one token keep the first (the value is stored per span).
    A block without a date gets no group, as for quantities."""
    spans: list[Span] = []
    for mention in find_dates(doc_text(doc)):
        span = doc.char_span(mention.start, mention.end, label="date", alignment_mode="expand")
        if span is not None and (not spans or (span.start, span.end) != (spans[-1].start, spans[-1].end)):
            span._.date = mention
            spans.append(span)
    if spans:  # a block without a date gets no group (most blocks): read it with `date_spans`
        doc.spans["date"] = spans
    return doc
