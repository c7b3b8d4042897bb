"""The plan relation reads the annotated document: words from the block's tokens, dates from
`doc.spans["date"]`, and no pattern is compiled while it (or the agenda, dates and scope
analysis) extracts."""

from __future__ import annotations

import re
import sys

import pytest

from pipeline.extract import agenda, annotate
from pipeline.extract.model import Extraction
from pipeline.extract.nlp import nlp
from pipeline.extract.plan import extract
from pipeline.extract.plan.children import split_flat_items, words
from pipeline.extract.scopes import plan_scopes
from tests.extract.blocks import blocks


@pytest.mark.parametrize("text", [
    "Otevřené dveře, o. p. s. kontaktní centrum (Charita,   Krnov)",
    "kapacita 2 000 lůžek;\tTermín:\n31.12.2024 – splněno",
    "  vyřízení dávek   sepsání smlouvy ",
])
def test_words_are_the_whitespace_separated_runs_read_from_the_tokens(text):
    doc = nlp()(text)
    assert [w for _, _, w in words(doc, 0, len(text))] == text.split()
    assert all(text[s:e] == w for s, e, w in words(doc, 0, len(text)))
    inner = words(doc, 3, len(text) - 2)
    assert [w for _, _, w in inner] == text[3:len(text) - 2].split()


def test_a_flattened_list_is_cut_at_its_dates_from_the_date_spans():
    text = "vyřízení dávek pro klienty 3. ledna 2011 zahájení provozu nové služby"
    doc = nlp()(text)
    assert [text[a:b] for a, b in split_flat_items(doc, 0, len(text))] == \
        ["vyřízení dávek pro klienty", "3. ledna 2011", "zahájení provozu nové služby"]


def test_who_does_it_in_parentheses_ends_the_title():
    """"(realizátor: X)" after a title names who does the item, also written with diacritics."""
    items = blocks("Opatření 1.2 Odlehčovací služby",
                   "1.2.1 Rozšíření kapacity odlehčovací služby o 3 lůžka (realizátor: Slezská diakonie)",
                   "1.2.2 Kurz pro pečující (ve spolupráci s nemocnicí)")
    result = Extraction()
    extract(items, result)
    assert [r["title"] for r in result.tables["activities"]] == [
        "Rozšíření kapacity odlehčovací služby o 3 lůžka", "Kurz pro pečující"]


def _compiling_modules(monkeypatch) -> list[str]:
    """The modules that ask `re` to compile a pattern (re.match(str, ...) does too) from now on."""
    callers: list[str] = []
    original = re._compile  # type: ignore[attr-defined]

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        frame = sys._getframe(1)
        while frame is not None and frame.f_globals.get("__name__") == "re":
            frame = frame.f_back
        callers.append(frame.f_globals.get("__name__", "") if frame is not None else "")
        return original(*args, **kwargs)

    monkeypatch.setattr(re, "_compile", counting)
    return callers


def test_no_pattern_is_compiled_while_the_plan_and_agenda_are_extracted(monkeypatch):
    items = blocks("# Zápis z jednání pracovní skupiny", "Program:", "1. Úvod", "2. Plán", "3. Různé",
                   "## Opatření 2.1 Terénní práce", "Aktivity:", "- 2.1.1 Navýšení kapacity",
                   "13 Opatření 3.1 Azylový dům", "Uskutečněné aktivity k naplnění opatření 3.1:",
                   "vyřízení dávek pro klienty 3. ledna 2011 zahájení provozu",
                   "2.1.2 Rozšíření služby", "K opatření 2.1: počítá se s obcí.")

    def run() -> Extraction:
        document, result = annotate(items), Extraction()
        result.fields["meeting_date"] = "2024-01-01"
        agenda.extract(document, result)
        extract(document, result)
        plan_scopes(document, result).referenced(items[-1], 3)
        return result

    run()  # the builders run once per process
    document = annotate(items)
    callers = _compiling_modules(monkeypatch)
    result = Extraction()
    result.fields["meeting_date"] = "2024-01-01"
    agenda.extract(document, result)
    extract(document, result)
    plan_scopes(document, result).referenced(items[-1], 3)
    mine = ("pipeline.extract.plan", "pipeline.extract.agenda", "pipeline.extract.dates", "pipeline.extract.scopes")
    assert [c for c in callers if c.startswith(mine)] == []
    assert result.tables["agenda_items"] and result.tables["measures"]
