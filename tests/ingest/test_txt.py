"""TXT reader: the markdown-ish seed export 002, code pages and UTF-16, list
markers (bullets, typed numbers, indentation), and what is not a list."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import txt
from pipeline.model import Block, IngestError
from tests.conftest import CORPUS_RAW, SEEDS, need
from tests.wordcheck import coverage

CZECH = "Příliš žluťoučký kůň úpěl ďábelské ódy. Zápis ze dne 29. března 2018, Jindřichův Hradec."


def _read_file(tmp_path: Path, data: bytes, name: str = "zapis.txt") -> list[Block]:
    path = tmp_path / name
    path.write_bytes(data)
    return txt.read(path.read_bytes()).blocks


def _read_text(tmp_path: Path, text: str) -> list[Block]:
    return _read_file(tmp_path, text.encode("utf-8"))


# -- the real seed export -------------------------------------------------------

@pytest.fixture(scope="module")
def seed_002() -> list[Block]:
    return txt.read(need(CORPUS_RAW / "002_bb2f382388c739f4.txt").read_bytes()).blocks


def test_002_covers_the_seed(seed_002: list[Block]) -> None:
    seed = need(SEEDS / "002_bb2f382388c739f4.txt").read_text("utf-8")
    assert coverage(seed, [b.text for b in seed_002]) >= 0.99


def test_002_check_mark_bullets_are_list_items(seed_002: list[Block]) -> None:
    checks = [b for b in seed_002 if b.label == "✓"]
    assert len(checks) == 11
    assert all(b.kind == "list_item" and b.level == 1 for b in checks)
    assert checks[0].text == "✓ Aktualizace základních dokumentů (základní listina, jednací řád)"


def test_002_programme_bullets_are_list_items(seed_002: list[Block]) -> None:
    start = next(i for i, b in enumerate(seed_002) if b.text == "Program:")
    programme = seed_002[start + 1:start + 6]
    assert [b.kind for b in programme] == ["list_item"] * 5
    assert [b.label for b in programme] == ["-"] * 5
    assert programme[1].text == "- Krajské plánování"


def test_002_markdown_markers_removed(seed_002: list[Block]) -> None:
    assert not any("*" in b.text for b in seed_002)
    assert any("bylo hovořeno o veřejném projednání – jedná se" in b.text for b in seed_002)


def test_002_one_block_per_non_empty_line(seed_002: list[Block]) -> None:
    raw = need(CORPUS_RAW / "002_bb2f382388c739f4.txt").read_text("utf-8")
    assert len(seed_002) == sum(1 for line in raw.splitlines() if line.strip())


def test_seed_000_middle_dot_bullets_and_slash_numbers() -> None:
    """Seed 000 is a plain-text export with "·" bullets and "1/" section numbers."""
    blocks = txt.read(need(SEEDS / "000_3fc453c9e2074c87.txt").read_bytes()).blocks
    bullets = [b for b in blocks if b.label == "•"]
    assert len(bullets) >= 25 and all(b.text.startswith("• ") for b in bullets)
    assert not any(b.text.startswith("·") for b in blocks)
    numbered = [b for b in blocks if b.label in {"1/", "2/", "3/", "4/"}]
    assert [b.label for b in numbered] == ["1/", "2/", "3/", "4/"]
    assert numbered[0].text == "1/ Úvodní slovo K. Jandurová:"
    # the bookmark artefact inside a bullet is gone
    assert any(b.text == "• úřad práce nabízí školení o finanční gramostnosti pro své klienty – projekt EU, "
                         "velmi nízký zájem" for b in blocks)


# -- encodings -------------------------------------------------------------------

def test_windows_1250_detected(tmp_path: Path) -> None:
    blocks = _read_file(tmp_path, (CZECH + "\r\nDalší řádek: účastníci\r\n").encode("cp1250"))
    assert [b.text for b in blocks] == [CZECH, "Další řádek: účastníci"]


def test_utf16_with_bom(tmp_path: Path) -> None:
    blocks = _read_file(tmp_path, ("Zápis\n" + CZECH + "\n").encode("utf-16"))
    assert [b.text for b in blocks] == ["Zápis", CZECH]


def test_utf16_without_bom(tmp_path: Path) -> None:
    blocks = _read_file(tmp_path, ("Zápis z jednání\n" + CZECH + "\n").encode("utf-16-le"))
    assert [b.text for b in blocks] == ["Zápis z jednání", CZECH]


def test_utf8_bom_not_in_text(tmp_path: Path) -> None:
    blocks = _read_file(tmp_path, "\ufeffZápis\n".encode("utf-8"))
    assert [b.text for b in blocks] == ["Zápis"]


# -- lists ------------------------------------------------------------------------

def test_middle_dot_bullets_with_indentation_levels(tmp_path: Path) -> None:
    blocks = _read_text(tmp_path, "Závěr:\n· první\n\t· vnořený\n\t\t▪ hlubší\n· druhý\n")
    items = blocks[1:]
    assert [(b.label, b.level, b.text) for b in items] == [
        ("•", 1, "• první"), ("•", 2, "• vnořený"), ("▪", 3, "▪ hlubší"), ("•", 1, "• druhý")]


def test_space_indented_levels(tmp_path: Path) -> None:
    blocks = _read_text(tmp_path, "- a\n  - b\n    - c\n  - d\n- e\n")
    assert [b.level for b in blocks] == [1, 2, 3, 2, 1]


def test_dash_check_combo_takes_the_check(tmp_path: Path) -> None:
    [block] = _read_text(tmp_path, "- ✓ Schválení plánu\n")
    assert (block.kind, block.label, block.text) == ("list_item", "✓", "✓ Schválení plánu")


def test_typed_numbers_are_list_items(tmp_path: Path) -> None:
    blocks = _read_text(tmp_path, "1. Úvod\n1/ Úvodní slovo\na) první bod\n1.1 Podbod\nII. Diskuse\n(b) jiný\n")
    assert all(b.kind == "list_item" for b in blocks)
    assert [b.label for b in blocks] == ["1.", "1/", "a)", "1.1", "II.", "(b)"]
    assert blocks[1].text == "1/ Úvodní slovo"


@pytest.mark.parametrize("line", [
    "12. dubna 2018 v 15:00 hod. se konalo jednání",
    "1. 1. 2018 proběhla schůzka",
    "10.00 zahájení",
    "2018 bylo rokem změn",
    "-5 % oproti loňsku",
    "o víkendu se sejde pracovní skupina",
    "*Poznámka* na okraj",
])
def test_not_list_items(tmp_path: Path, line: str) -> None:
    [block] = _read_text(tmp_path, line + "\n")
    assert block.kind == "paragraph" and block.label is None


def test_letter_o_bullets_in_a_run(tmp_path: Path) -> None:
    blocks = _read_text(tmp_path, "• hlavní bod\n\to\tpodbod\no další podbod\n")
    assert [b.label for b in blocks] == ["•", "◦", "◦"]


# -- other line shapes ------------------------------------------------------------

def test_markdown_heading(tmp_path: Path) -> None:
    blocks = _read_text(tmp_path, "# Zápis\n## 1. Úvod ##\ntext\n")
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        ("heading", 1, "Zápis"), ("heading", 2, "1. Úvod"), ("paragraph", None, "text")]


def test_bold_and_italic_markers_removed(tmp_path: Path) -> None:
    [block] = _read_text(tmp_path, "**Termín – 12. dubna** a *veřejné projednání* v 15:00\n")
    assert block.text == "Termín – 12. dubna a veřejné projednání v 15:00"


def test_hyphenated_word_rejoined(tmp_path: Path) -> None:
    blocks = _read_text(tmp_path, "poskytovatelé sociál-\nních služeb\nFrýdek-\nMístek\n")
    assert [b.text for b in blocks] == ["poskytovatelé sociálních služeb", "Frýdek-", "Místek"]


def test_tabs_kept_inside_lines_and_bookmarks_removed(tmp_path: Path) -> None:
    [block] = _read_text(tmp_path, "Místo jednání:\t[bookmark: _GoBack]radnice\n")
    assert block.text == "Místo jednání:\tradnice"


def test_blank_lines_do_not_end_a_list(tmp_path: Path) -> None:
    blocks = _read_text(tmp_path, "- a\n\n  - b\n\n- c\n")
    assert [b.level for b in blocks] == [1, 2, 1]


@pytest.mark.parametrize("data", [b"", b"\n\n  \t\n", "\ufeff".encode("utf-8"), b"[bookmark: _GoBack]\n"])
def test_nothing_visible_raises(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(IngestError, match="empty text file"):
        _read_file(tmp_path, data)


def test_a_table_aligned_with_spaces_under_a_rule_of_dashes_is_cut_into_tab_separated_cells():
    from pipeline.ingest.txt import read as read_txt

    text = ("Přehled žádostí:\n\n"
            "Žadatel                       Služba                     Požadavek (Kč)\n"
            "----------------------------  -------------------------  --------------\n"
            "Spolek Úkryt, z. s.           pečovatelská služba (§ 40)        520 000\n"
            "Charita Horní Lhota           osobní asistence (§ 39)           210 000\n\n"
            "Skupina doporučuje žádosti k podpoře.\n")
    texts = [b.text for b in read_txt(text.encode("utf-8")).blocks]
    assert texts == ["Přehled žádostí:", "Žadatel\tSlužba\tPožadavek (Kč)",
                     "Spolek Úkryt, z. s.\tpečovatelská služba (§ 40)\t520 000",
                     "Charita Horní Lhota\tosobní asistence (§ 39)\t210 000", "Skupina doporučuje žádosti k podpoře."]
