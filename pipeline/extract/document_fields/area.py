"""`planning_area`: the territory of the planning in the nominative ("na Jilemnicku" ->
Jilemnicko, "ORP Jindřichův Hradec", "města Přerova" -> Přerov), by the suffix rules of
configs/meeting.toml."""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from pipeline.config import load
from pipeline.extract.document_fields.project import find_project_reg_no_in
from pipeline.extract.document_fields.title import is_menu, is_publicity
from pipeline.extract.document_fields.words import alternation
from pipeline.extract.layout import Layout, Line, labels, meeting_words
from pipeline.extract.text import fold

MIN_AREA_MENTIONS = 3   # lines naming one territory before it counts without a heading
_TOKEN = re.compile(r"[^\s,.;:()\"„“|–—]+|[,.;:()\"„“|–—]")
_REGION_ENDING = re.compile(r"[sc]k(?:u|a|em|o)$")  # "Jilemnicku", "Kyjovska", "Přerovskem"


_AREA = meeting_words()["area"]
_ABBREVIATIONS = frozenset(w for marker in _AREA["keep_marker"] for w in marker.split() if w.isupper())  # ORP, SO
_NOT_PLACES = frozenset([*_AREA["not_places"], *(t.rstrip(".") for t in load("people")["titles_before"])])  # "Ing."
_JOINERS = frozenset(_AREA["name_joiners"])
# a capitalised pair starting with a given name is a person ("místostarostka města Jana Dubová")
_GIVEN_NAMES = frozenset(fold(w) for w in [*load("people")["given_names_female"], *load("people")["given_names_male"]])
# markers before a territory: kept with it, nominative, genitive, planning words, "na", "v"
_KEEP, _NOMINATIVE, _OFFICE, _GENITIVE, _PLANNING, _ON, _IN = (
    re.compile(rf"(?<!\w)({alternation(_AREA['keep_marker'])})\s+"),
    *(re.compile(rf"(?<!\w)(?:{alternation(_AREA[key])})\s+") for key in
      ("nominative_markers", "office_markers", "genitive_markers", "planning_words", "region_prepositions",
       "town_prepositions")))


_REGION_NOUN = load("organisations")["grammar"]["region_noun"]
_REGION_FORMS = alternation(_REGION_NOUN + ending for ending in _AREA["region_noun_endings"])
# "Olomouckého kraje" (an adjective before the noun), "kraje Vysočina" (the region's own name after it)
_REGION_ADJECTIVE = re.compile(rf"(?<!\w)([^\W\d_]+?)({alternation(e for e, _ in _AREA['region_adjective_endings'])})"
                               rf"\s+(?i:{_REGION_FORMS})(?!\w)")
_REGION_NAMED = re.compile(rf"(?<!\w)(?i:{_REGION_FORMS})\s+([^\W\d_]+)(?!\w)")
_DISTRICT = re.compile(rf"\d{{1,{_AREA['district_digits']}}}")
# every marker above before a capital (or a district's number): a line without one names no territory
_MARKERS = [word for key in ("keep_marker", "nominative_markers", "office_markers", "genitive_markers", "planning_words",
                              "region_prepositions", "town_prepositions") for word in _AREA[key]]
_CANDIDATE = re.compile(rf"(?<!\w)(?:{alternation(_MARKERS)})\s+[{load('lexicon')['letters']['capitals']}]")
_REGION_NOUN_ANYWHERE = re.compile(rf"(?i:{_REGION_FORMS})(?!\w)")
# "v regionu Havlíčkobrodska", "na území Lipovska": a noun of territory before a region in the genitive
_TERRITORY = re.compile(rf"(?<!\w)(?:{alternation(_AREA['territory_nouns'])})\s+")
# "p. Jan Kubíček (Obec Lipová)": an organisation in brackets after a person's name, an attendee's, not the territory
_AFFILIATION = re.compile(rf"(?<!\w)([{load('lexicon')['letters']['capitals']}][^\W\d_]+) \([^()]{{2,80}}\)")
TOWN_LOCATIVE = 2  # the strength of "v Prostějově": the venue's town, weaker than any named territory
OFFICE = 3         # … and of "Městský úřad Lipová": the venue's or a member's town


def _regions(text: str) -> Iterator[str]:
    """"Zastupitelstva Olomouckého kraje" -> "Olomoucký kraj"; "Rady kraje Vysočina" -> "Kraj Vysočina"."""
    endings = dict(_AREA["region_adjective_endings"])
    for match in _REGION_ADJECTIVE.finditer(text):
        if match.group(1)[:1].isupper() and match.group(2) not in _AREA["instrumental_region_endings"]:
            yield f"{match.group(1)}{endings[match.group(2)]} {_REGION_NOUN}"
    for match in _REGION_NAMED.finditer(text):
        name = match.group(1)
        if name[:1].isupper() and name not in _NOT_PLACES and _apply_suffix(name, _AREA["region_adjective_endings"]) is None:
            yield f"{_REGION_NOUN.capitalize()} {name}"


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
        if first and out[-1].endswith(tuple(area["neuter_noun_endings"])):
            first = _apply_suffix(first, area["neuter_adjective_endings"]) or first  # "Vysoké Mýto", "Nové Město"
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
        if run and fold(token) in _GIVEN_NAMES and i + 1 < len(tokens) and tokens[i + 1][:1].isupper():
            break  # "města Benešov Iveta Turková": a person named after the town ends its name
        if token[:1].isupper() and token[:1].isalpha() and token not in _NOT_PLACES:
            run.append(token)
        elif len(run) == 1 and _DISTRICT.fullmatch(token) and tokens[i + 1:i + 2] != ["."]:  # "Praha 9", not "… 2."
            run.append(token)
        elif run and token in _JOINERS and i + 1 < len(tokens) and tokens[i + 1][:1].isupper():
            run.append(token)
        else:
            break
    while run and run[-1] in _JOINERS:
        run.pop()
    if run and all(len(word) == 1 for word in run):
        return []  # "P O S L A N E C K Á S N Ě M O V N A": a word written letter by letter, no place
    if len(run) >= 2 and fold(run[0]) in _GIVEN_NAMES:
        return []  # "starostka města Marie Kozáková": a person's name after the genitive, no town
    return run


def _is_region_word(word: str) -> bool:
    return bool(_REGION_ENDING.search(word)) and word[:1].isupper()


def ranked_areas(text: str, allow_locative: bool = True, regions: bool = True) -> Iterator[tuple[int, str]]:
    """Every planning area named in one line, strongest form first ("ORP X", "Město X", "regionu X",
    "města X", "…služeb Xska", "X kraje", then "na Xsku" and "v X" when `allow_locative`), with each
    area's strength (0 named, 1 a region in the locative, `TOWN_LOCATIVE`
    a town after "v", often only the venue's); `regions`: also "X kraje"."""
    if not _CANDIDATE.search(text) and not (regions and _REGION_NOUN_ANYWHERE.search(text)):
        return  # no marker before a capital: most lines of the body
    for match in _KEEP.finditer(text):
        run = _capitalised_run(text[match.end():])
        if run:
            yield 0, _title_case(f"{match.group(1)} {' '.join(run)}")
    for match in _NOMINATIVE.finditer(text):
        run = _capitalised_run(text[match.end():])
        if run:
            yield 0, _title_case(" ".join(run))
    for match in _OFFICE.finditer(text):
        run = _capitalised_run(text[match.end():])
        if run:
            yield OFFICE, _title_case(" ".join(run))
    for match in _GENITIVE.finditer(text):
        run = [_title_case(w) for w in _capitalised_run(text[match.end():])]
        if run:
            yield 0, _nominative(run, "region" if _is_region_word(run[-1]) else "genitive")
    for match in _PLANNING.finditer(text):
        run = [_title_case(w) for w in _capitalised_run(text[match.end():])]  # "SLUŽEB LIPOVSKA" as "Lipovska"
        if run and _is_region_word(run[0]):
            yield 0, _nominative(run[:1], "region")
        elif run and (match.group(0).strip() in _AREA["planning_town_words"] or _ends_name(text, match.end(), run)):
            yield 0, " ".join(run)  # "KPSS Lhota", "… sociálních služeb Lhota (2021-2022)": the town in the nominative
    for region in _regions(text) if regions else ():
        yield 0, region
    if not allow_locative:
        return
    for match in _ON.finditer(text):
        run = _capitalised_run(text[match.end():])
        if run and _is_region_word(_title_case(run[-1])):  # "NA LIPOVSKU" as "na Lipovsku"
            yield 1, _nominative([_title_case(w) for w in run], "region")
    for match in _IN.finditer(text):
        run = _capitalised_run(text[match.end():])
        if run and not (len(run) == 1 and run[0].isupper() and len(run[0]) <= 4) and not _adjective_only(text, match.end(), run):
            yield TOWN_LOCATIVE, _nominative([_title_case(w) for w in run], "locative")


_NAME_END = re.compile(r"\s*(?:$|\(|\d{4})")  # the end of a title, its period in brackets or its years


def _ends_name(text: str, start: int, run: list[str]) -> bool:
    """"Komunitní plán sociálních služeb Lhota (2021-2022)": a capitalised run that ends the title or
    stands before its period is the plan's town in the nominative, not the start of an
    organisation's name ("… sociálních služeb Charita Lhota poskytuje …")."""
    end = text.find(run[-1], start) + len(run[-1])
    return _NAME_END.match(text, end) is not None


def _adjective_only(text: str, start: int, run: list[str]) -> bool:
    """"v Městské knihovně": one capitalised adjective before a common noun, no town; so is a possessive
    adjective before an adjective of the noun ("v Masarykově kulturním domě", "v Husově sboru" is not
    told from "v Prostějově sboru" and stays a town)."""
    rest = text[start:].split(maxsplit=2)
    if len(run) != 1 or len(rest) < 2 or not rest[1][:1].islower():
        return False
    if run[0].endswith(tuple(_AREA["adjective_locative_endings"])):
        return True
    return run[0].endswith(tuple(_AREA["possessive_locative_endings"])) \
        and rest[1].rstrip(".,;").endswith(tuple(_AREA["adjective_locative_endings"]))


def area_in(text: str, allow_locative: bool = True) -> str | None:
    """The strongest planning area named in one line, or None."""
    return next((area for _, area in ranked_areas(text, allow_locative)), None)


def find_planning_area(layout: Layout, title: Line | None, title_string: str | None = None) -> str | None:
    """The territory of the planning, in the nominative, when the heading or early lines name it.

    Order: the title, the head (attendance lines and table rows skipped: they name the towns of
    organisations), the running header and footer, the project line, headings.
    """
    attendance = labels("attendance")
    texts: list[tuple[str, bool]] = []  # a site's menu ("… Katalog služeb Kontakt") names no territory
    if title is not None:
        texts.append((title_string or title.text, True))
    texts += [(_AFFILIATION.sub(r"\1", line.text), True) for line in layout.top
              if attendance.end(line.text) is None and line is not title and not is_publicity(line.text)
              and (line.block.kind != "table_cell" or (title is not None and line.block is title.block))
              and line.text.count("\t") < 2 and not is_menu(line.text)]  # a row of a table (not the page's, holding the title) names organisations
    texts += [(line.text, False) for line in layout.page_lines]
    texts += [(line.text, False) for line in layout.body if find_project_reg_no_in(line.text)]
    texts += [(line.text, True) for line in layout.body if line.block.kind == "heading"]
    venue = None  # "… dne 14. 3. v Městské knihovně ve Varnsdorfu": a town after "v" in the title is the venue's
    for position, (text, allow_locative) in enumerate(texts):
        for strength, area in ranked_areas(text, allow_locative):
            if strength == OFFICE or (position == 0 and title is not None and strength == TOWN_LOCATIVE):
                venue = venue or area
                continue
            return area
    return _most_named_area(layout) or venue or _body_region(layout)


def _body_region(layout: Layout) -> str | None:
    """A region (a "-sko" territory) the body names after a noun of territory ("plnění aktivit v
    regionu Havlíčkobrodska", "na území Lipovska") or after a planning word ("návrh Akčního plánu
    KPSS Lipovska"), when nothing above names one: towns named in the body are those of
    organisations, but a region so named is the planning's."""
    for line in layout.body:
        for match in [*_TERRITORY.finditer(line.text), *_PLANNING.finditer(line.text)]:
            run = [_title_case(w) for w in _capitalised_run(line.text[match.end():])]
            if run and _is_region_word(run[0]):
                return _nominative(run[:1], "region")
    return None


def _count_key(area: str) -> str:
    """One key for the ways of naming one territory ("ORP Jičín", "Jičín")."""
    for marker in _AREA["counted_without"]:
        area = area.removeprefix(marker + " ")
    return fold(area)[:5]


def _most_named_area(layout: Layout) -> str | None:
    """A territory the text names again and again ("v Prostějově" on four slides), when no
    heading names one; a single mention deep in the text is not enough, and a region named in the
    body ("dotace Olomouckého kraje") is the funder's, not the territory's."""
    counts: dict[str, int] = {}
    for line in layout.body:
        for found in {area for strength, area in ranked_areas(line.text, regions=False) if strength != OFFICE}:
            key = _count_key(found)
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return None
    key, count = max(counts.items(), key=lambda kv: kv[1])
    if count < MIN_AREA_MENTIONS:
        return None
    for line in layout.body:
        for strength, found in ranked_areas(line.text, regions=False):
            if strength != OFFICE and _count_key(found) == key:
                return found
    return None
