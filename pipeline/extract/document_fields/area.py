"""`planning_area`: the territory of the planning in the nominative ("na Jilemnicku" ->
Jilemnicko, "ORP Jindřichův Hradec", "města Přerova" -> Přerov), by the suffix rules of
configs/meeting.toml."""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from pipeline.extract.document_fields.project import find_project_reg_no_in
from pipeline.extract.document_fields.words import alternation
from pipeline.extract.layout import Layout, Line, labels, meeting_words
from pipeline.extract.text import fold

MIN_AREA_MENTIONS = 3   # lines naming one territory before it counts without a heading
_TOKEN = re.compile(r"[^\s,.;:()\"„“|–—]+|[,.;:()\"„“|–—]")
_REGION_ENDING = re.compile(r"[sc]k(?:u|a|em|o)$")  # "Jilemnicku", "Kyjovska", "Přerovskem"


_AREA = meeting_words()["area"]
_ABBREVIATIONS = frozenset(w for marker in _AREA["keep_marker"] for w in marker.split() if w.isupper())  # ORP, SO
_NOT_PLACES, _JOINERS = frozenset(_AREA["not_places"]), frozenset(_AREA["name_joiners"])
# markers before a territory: kept with it, nominative, genitive, planning words, "na", "v"
_KEEP, _NOMINATIVE, _GENITIVE, _PLANNING, _ON, _IN = (
    re.compile(rf"(?<!\w)({alternation(_AREA['keep_marker'])})\s+"),
    *(re.compile(rf"(?<!\w)(?:{alternation(_AREA[key])})\s+") for key in
      ("nominative_markers", "genitive_markers", "planning_words", "region_prepositions", "town_prepositions")))


def _title_case(text: str) -> str:
    """"JINDŘICHŮV HRADEC" -> "Jindřichův Hradec"; mixed case is kept."""
    if text.isupper():
        return " ".join(w if len(w) <= 3 and w in _ABBREVIATIONS else w.capitalize() for w in text.split())
    return text


def _apply_suffix(word: str, rules: Sequence[Sequence[str]]) -> str | None:
    for ending, nominative in rules:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[: len(word) - len(ending)] + nominative
    return None


def _nominative(words: list[str], case: str) -> str:
    """A territory as written after a marker -> nominative, by the suffix rules of configs/meeting.toml."""
    area = _AREA
    phrase = " ".join(words)
    for written, nominative in area["irregular"]:
        if phrase == written:
            return nominative
    if case == "region":
        last = _apply_suffix(words[-1], area["region_suffixes"])
        return " ".join([*words[:-1], last or words[-1]])
    rules = area["locative_suffixes"] if case == "locative" else area["genitive_suffixes"]
    out = list(words)
    last = _apply_suffix(out[-1], rules)
    if last:
        out[-1] = last
    if len(out) > 1:
        first = _apply_suffix(out[0], area["adjective_suffixes"])
        if first:
            out[0] = first
    return " ".join(out)


def _capitalised_run(text: str) -> list[str]:
    """The capitalised words that start `text` ("Jindřichův Hradec, nám. …" -> 2 words)."""
    tokens = _TOKEN.findall(text[:200])
    run: list[str] = []
    for i, token in enumerate(tokens):
        if len(run) >= _AREA["max_words"]:
            break
        if token[:1].isupper() and token[:1].isalpha() and token not in _NOT_PLACES:
            run.append(token)
        elif run and token in _JOINERS and i + 1 < len(tokens) and tokens[i + 1][:1].isupper():
            run.append(token)
        else:
            break
    while run and run[-1] in _JOINERS:
        run.pop()
    return run


def _is_region_word(word: str) -> bool:
    return bool(_REGION_ENDING.search(word)) and word[:1].isupper()


def areas_in(text: str, allow_locative: bool = True) -> Iterator[str]:
    """Every planning area named in one line, strongest form first: "ORP X", "Město X",
    "regionu X", "města X", "…služeb Xska", then "na Xsku" and "v X" (when `allow_locative`)."""
    for match in _KEEP.finditer(text):
        run = _capitalised_run(text[match.end():])
        if run:
            yield _title_case(f"{match.group(1)} {' '.join(run)}")
    for match in _NOMINATIVE.finditer(text):
        run = _capitalised_run(text[match.end():])
        if run:
            yield _title_case(" ".join(run))
    for match in _GENITIVE.finditer(text):
        run = [_title_case(w) for w in _capitalised_run(text[match.end():])]
        if run:
            yield _nominative(run, "region" if _is_region_word(run[-1]) else "genitive")
    for match in _PLANNING.finditer(text):
        run = _capitalised_run(text[match.end():])
        if run and _is_region_word(run[0]):
            yield _nominative(run[:1], "region")
    if not allow_locative:
        return
    for match in _ON.finditer(text):
        run = _capitalised_run(text[match.end():])
        if run and _is_region_word(run[-1]):
            yield _nominative([_title_case(w) for w in run], "region")
    for match in _IN.finditer(text):
        run = _capitalised_run(text[match.end():])
        if run and not (len(run) == 1 and run[0].isupper() and len(run[0]) <= 4):
            yield _nominative([_title_case(w) for w in run], "locative")


def area_in(text: str, allow_locative: bool = True) -> str | None:
    """The strongest planning area named in one line, or None."""
    return next(areas_in(text, allow_locative), None)


def find_planning_area(layout: Layout, title: Line | None, title_string: str | None = None) -> str | None:
    """The territory of the planning, in the nominative, when the heading or early lines name it.

    Order: the title, the head (attendance lines and table rows skipped: they name the towns of
    organisations), the running header and footer, the project line, headings.
    """
    attendance = labels("attendance")
    texts: list[tuple[str, bool]] = []
    if title is not None:
        texts.append((title_string or title.text, True))
    texts += [(line.text, True) for line in layout.top
              if attendance.end(line.text) is None and line.block.kind != "table_cell"
              and line.text.count("\t") < 2]  # a row of a table typed with tabs names organisations
    texts += [(line.text, False) for line in layout.page_lines]
    texts += [(line.text, False) for line in layout.body if find_project_reg_no_in(line.text)]
    texts += [(line.text, True) for line in layout.body if line.block.kind == "heading"]
    for text, allow_locative in texts:
        found = area_in(text, allow_locative)
        if found:
            return found
    return _most_named_area(layout)


def _count_key(area: str) -> str:
    """One key for the ways of naming one territory ("ORP Jičín", "Jičín")."""
    for marker in _AREA["counted_without"]:
        area = area.removeprefix(marker + " ")
    return fold(area)[:5]


def _most_named_area(layout: Layout) -> str | None:
    """A territory the text names again and again ("v Prostějově" on four slides), when no
    heading names one; a single mention deep in the text is not enough."""
    counts: dict[str, int] = {}
    for line in layout.body:
        for found in set(areas_in(line.text)):
            key = _count_key(found)
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return None
    key, count = max(counts.items(), key=lambda kv: kv[1])
    if count < MIN_AREA_MENTIONS:
        return None
    for line in layout.body:
        for found in areas_in(line.text):
            if _count_key(found) == key:
                return found
    return None
