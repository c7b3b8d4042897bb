"""--pseudonymise: person names replaced by keyed pseudonyms in every table, spans kept right."""

from __future__ import annotations

import json
import os

import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline import pseudonymise as ps
from pipeline.cli import main
from pipeline.runner import FileResult, RunOptions, run
from tests.conftest import CORPUS_RAW, ROOT, need
from tests.test_eval_gate import VALUE_COLUMN, _span_holds

KEY = b"tajny-klic-kraje"


def test_pseudonyms_are_stable_keyed_and_ignore_case_and_spacing():
    assert ps.pseudonym("Jana Nováková", KEY) == ps.pseudonym("jana  NOVÁKOVÁ", KEY)
    assert ps.pseudonym("Jana Nováková", KEY) != ps.pseudonym("Jana Nováková", b"jiny-klic")
    assert ps.pseudonym("Jana Nováková", KEY) != ps.pseudonym("Jan Novák", KEY)
    assert ps.pseudonym("Jana Nováková", KEY).startswith(ps.PREFIX)


def test_names_in_blocks_are_replaced_and_every_span_moves_with_its_text():
    text = "Přítomni: Mgr. Jana Nováková (Charita Lhota), Petr Malý. Navýšení o 0,5 úvazku."
    name1, name2 = text.index("Jana Nováková"), text.index("Petr Malý")
    org, cap = text.index("Charita Lhota"), text.index("0,5 úvazku")
    result = FileResult(
        document={"doc_id": "d", "recorded_by": "Petr Malý, Jana Nováková"},
        blocks=[{"doc_id": "d", "block_id": 0, "text": text}, {"doc_id": "d", "block_id": 1, "text": "Petr Malý"}],
        rows={"attendees": [
            {"block_id": 0, "char_start": name1, "char_end": name1 + 13, "name": "Jana Nováková", "role": "present"},
            {"block_id": 0, "char_start": name1, "char_end": name1 + 13, "name": "Jana Nováková", "role": "speaker"},
            {"block_id": 0, "char_start": name2, "char_end": name2 + 9, "name": "Petr Malý", "role": "present"}],
            "organisations": [{"block_id": 0, "char_start": org, "char_end": org + 13, "name": "Charita Lhota"}],
            "capacity_changes": [{"block_id": 0, "char_start": cap, "char_end": cap + 10, "raw_text": "0,5 úvazku"},
                                 {"block_id": 1, "char_start": 0, "char_end": 9, "raw_text": "Petr Malý"}]})
    out = ps.file_result(result, KEY)
    new = out.blocks[0]["text"]
    assert "Nováková" not in new and "Malý" not in new and "Mgr. " + ps.pseudonym("Jana Nováková", KEY) in new
    for row in out.rows["attendees"]:
        assert new[row["char_start"]:row["char_end"]] == row["name"] == ps.pseudonym(
            "Jana Nováková" if row["role"] != "present" or row["char_start"] < 20 else "Petr Malý", KEY)
    org_row, cap_row = out.rows["organisations"][0], out.rows["capacity_changes"][0]
    assert new[org_row["char_start"]:org_row["char_end"]] == "Charita Lhota"
    assert new[cap_row["char_start"]:cap_row["char_end"]] == "0,5 úvazku"
    assert out.rows["capacity_changes"][1]["raw_text"] == ps.pseudonym("Petr Malý", KEY)  # quoted elsewhere
    assert out.document["recorded_by"] == ", ".join(ps.pseudonym(n, KEY) for n in ("Petr Malý", "Jana Nováková"))
    assert result.blocks[0]["text"] == text  # the clear result is left as it was


@pytest.fixture(scope="module")
def both_runs(tmp_path_factory):
    clear, hidden = tmp_path_factory.mktemp("clear"), tmp_path_factory.mktemp("hidden")
    cache = tmp_path_factory.mktemp("cache")
    run(need(CORPUS_RAW), clear, RunOptions(workers=0, cache_dir=cache))
    run(need(CORPUS_RAW), hidden, RunOptions(workers=0, cache_dir=cache, pseudonym_key=KEY))
    return clear, hidden


def test_no_name_of_the_clear_tables_is_left_in_the_pseudonymised_ones(both_runs):
    clear, hidden = both_runs
    names = set(pd.read_parquet(clear / "attendees.parquet").name)
    assert len(names) > 10
    surnames = {n.split()[-1] for n in names if len(n.split()[-1]) > 3}
    text = " ".join(pd.read_parquet(hidden / "blocks.parquet").text)
    text += " ".join(pd.read_parquet(hidden / "attendees.parquet").name)
    text += " ".join(pd.read_parquet(hidden / "documents.parquet").recorded_by.dropna())
    left = {s for s in surnames if s in text}
    # a surname may also be a word of the text ("Malý" = small) or sit in a name the extractor missed
    assert len(left) <= len(surnames) * 0.1, sorted(left)[:10]
    assert pd.read_parquet(hidden / "attendees.parquet").name.str.startswith(ps.PREFIX).all()


def test_pseudonymised_tables_keep_their_rows_and_spans(both_runs):
    clear, hidden = both_runs
    blocks = pd.read_parquet(hidden / "blocks.parquet").set_index(["doc_id", "block_id"])["text"]
    for table, column in VALUE_COLUMN.items():
        a, b = pd.read_parquet(clear / f"{table}.parquet"), pd.read_parquet(hidden / f"{table}.parquet")
        assert len(a) == len(b), table
        for row in b.to_dict("records"):
            span = blocks.loc[(row["doc_id"], row["block_id"])][row["char_start"]:row["char_end"]]
            assert _span_holds(span, row[column]) or ps.PREFIX in span, (table, row[column], span)


def test_cli_needs_a_key_and_reads_it_from_the_environment(tmp_path):
    raw = need(CORPUS_RAW)
    result = CliRunner().invoke(main, ["extract", str(raw), str(tmp_path / "a"), "--pseudonymise", "--no-cache",
                                       "--workers", "0", "--no-progress"])
    assert result.exit_code == 2 and "KPSS_PSEUDONYM_KEY" in result.output
    result = CliRunner().invoke(main, ["extract", str(raw), str(tmp_path / "b"), "--pseudonymise", "--no-cache",
                                       "--workers", "0", "--no-progress"], env={"KPSS_PSEUDONYM_KEY": "k"})
    assert result.exit_code == 0, result.output
    assert pd.read_parquet(tmp_path / "b" / "attendees.parquet").name.str.startswith(ps.PREFIX).all()


def test_logs_name_files_never_persons(tmp_path, caplog):
    """--verbose logs each file's outcome at INFO: paths and statuses, no text of the minutes."""
    import logging

    caplog.set_level(logging.DEBUG)
    result = CliRunner().invoke(main, ["extract", str(need(CORPUS_RAW)), str(tmp_path / "out"), "--verbose",
                                       "--no-cache", "--workers", "0", "--no-progress"])
    assert result.exit_code == 0, result.output
    logged = caplog.text + result.output
    assert "001_" in caplog.text  # the files are named
    names = set(pd.read_parquet(tmp_path / "out" / "attendees.parquet").name)
    assert names and not [n for n in names if n in logged]


# Two invented minutes (issue #12): names in agenda items, inflected forms, initials, a glued
# initial, surname first, in capitals, a person named as a provider, and a surname recognised
# in the first document that the second one names without its first name.
MINUTES_A = """Zápis z jednání pracovní skupiny Senioři

Datum: 12. 3. 2024
Místo: zasedací místnost MěÚ Lhota

Přítomni: Mgr. Karolína Jandurová, Ing. Tomáš Hündl, Jana Nováková, Petr Kašpárek, Eva Špetlíková, Josef Malý

Program:
1. Úvodní slovo K. Jandurová
2. Informace o službách (p. Hündl, p. Špetlíková)
3. Různé

Ad 1) Jednání zahájila K. Jandurová. Paní Novákovou požádala o zapsání zápisu. Mgr. Kašpárkovi poděkovala \
J.Nováková za podklady.
Ad 2) NOVÁKOVÁ Jana doplnila, že služba Charita Lhota navýší kapacitu o 2 lůžka. Panu Malému bylo poděkováno, \
slovo předala Janě Novákové.

Opatření 1.1 Rozšíření terénní služby
Aktivita 1.1.1 Navýšení úvazků terénních pracovníků
Zodpovídá: Charita Lhota
Poskytovatel: Jandurová Karolína

Zapsala: Bc. Petra Roubalová
"""
MINUTES_B = """Zápis z jednání řídicí skupiny

Datum: 20. 4. 2024

Přítomni: Ing. Pavel Dvořák, Mgr. Lenka Horáková, Mgr. Alena Nováková-Svobodová

Program:
1. Zpráva z pracovní skupiny Senioři
2. Různé – podklady od Kašpárka a pana Malého

Ad 1) Informace o závěrech podala paní Špetlíková. Paní Novákové-Svobodové bylo poděkováno.

Zapsal: Ing. Pavel Dvořák
"""
# What must not be readable anywhere: the forms above that are not nominative full names.
INFLECTED = {"Novákovou", "Kašpárkovi", "Kašpárka", "Malému", "Malého", "Janě Novákové", "Novákové", "Svobodové"}


@pytest.fixture(scope="module")
def invented_runs(tmp_path_factory):
    """The two minutes extracted clear and pseudonymised (tables, DuckDB, CSV, report)."""
    from pipeline import database, export_csv, report

    base = tmp_path_factory.mktemp("invented")
    raw = base / "raw"
    raw.mkdir()
    (raw / "a_zapis.txt").write_text(MINUTES_A, encoding="utf-8")
    (raw / "b_zapis.txt").write_text(MINUTES_B, encoding="utf-8")
    clear, hidden = base / "clear", base / "hidden"
    run(raw, clear, RunOptions(workers=0, cache_dir=base / "cache"))
    run(raw, hidden, RunOptions(workers=0, cache_dir=base / "cache", pseudonym_key=KEY))
    database.build(hidden)
    export_csv.export(hidden)
    report.build(hidden)
    return clear, hidden


def test_every_recognised_person_is_replaced_in_every_output_file(invented_runs):
    """Issue #12.1: agenda titles, blocks, the documents row, organisations, CSV, DuckDB and the
    report hold no name the clear run recognised, in any form, in either document."""
    from tests import privacy_check

    clear, hidden = invented_runs
    names = privacy_check.recognised_names(clear)
    assert {"Karolína Jandurová", "Tomáš Hündl", "Petr Kašpárek", "Josef Malý", "Petra Roubalová"} <= names
    assert "Jandurová Karolína" in set(pd.read_parquet(clear / "organisations.parquet").name)
    found = privacy_check.search(hidden, names, KEY)
    assert found.terms > 10 and found.files > 20
    assert (found.occurrences, found.key_in) == (0, []), (found.by_term, found.summary())
    inflected = privacy_check.search(hidden, INFLECTED)
    assert inflected.occurrences == 0, inflected.by_term
    assert privacy_check.search(clear, names).occurrences > 20  # the check finds what is there


def test_one_person_keeps_one_pseudonym_in_all_its_forms(invented_runs):
    """`Jana Nováková`, `NOVÁKOVÁ Jana`, `J.Nováková`, `Paní Novákovou`, `Janě Novákové` are one person;
    a surname named alone in another document gets the pseudonym of the run's one person of that name."""
    _, hidden = invented_runs
    jana, kasparek = ps.pseudonym("Jana Nováková", KEY), ps.pseudonym("Petr Kašpárek", KEY)
    blocks = pd.read_parquet(hidden / "blocks.parquet")
    text = "\n".join(blocks.text)
    assert f"Paní {jana} požádala" in text and f"poděkovala {jana} za" in text and f"předala {jana}." in text
    assert f"Mgr. {kasparek} poděkovala" in text and f"podklady od {kasparek} a pana" in text
    assert f"Paní {ps.pseudonym('Alena Nováková-Svobodová', KEY)} bylo" in text  # a double surname, declined
    agenda = set(pd.read_parquet(hidden / "agenda_items.parquet").title)
    assert f"Úvodní slovo {ps.pseudonym('Karolína Jandurová', KEY)}" in agenda
    attendees = pd.read_parquet(hidden / "attendees.parquet")
    assert attendees.name.str.startswith(ps.PREFIX).all()
    by_block = blocks.set_index(["doc_id", "block_id"]).text
    for table in ("attendees", "agenda_items", "organisations"):
        for row in pd.read_parquet(hidden / f"{table}.parquet").to_dict("records"):
            span = by_block.loc[(row["doc_id"], row["block_id"])][row["char_start"]:row["char_end"]]
            value = row["name"] if table != "agenda_items" else row["title"]
            assert span == value or (table == "organisations" and value in span), (table, span, value)


def test_the_key_is_never_written(tmp_path):
    """Issue #12.2: `--pseudonym-key X` and `--pseudonym-key=X` on the command line are masked in
    run.json; the key is in no file under OUT."""
    import subprocess
    import sys

    from tests import privacy_check

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a_zapis.txt").write_text(MINUTES_A, encoding="utf-8")
    secret = "Sekret-Kraje-4711"
    for n, how in enumerate((["--pseudonym-key", secret], [f"--pseudonym-key={secret}"])):
        out = tmp_path / f"out{n}"
        done = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(raw), str(out), "--no-cache",
                               "--workers", "0", "--no-progress", "--pseudonymise", *how],
                              capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert done.returncode == 0, done.stderr
        command = json.loads((out / "run.json").read_text(encoding="utf-8"))["command_line"]
        assert secret not in command and "--pseudonym-key" in command
        assert "***" in command
        assert privacy_check.search(out, set(), secret.encode()).key_in == []
        assert secret not in done.stdout + done.stderr


def test_masked_command_lines():
    argv = ["kpss", "extract", "raw", "out", "--pseudonym-key", "abc", "--pseudonymise", "--pseudonym-key=abc",
            "--x=abcd"]
    assert ps.masked_argv(argv, b"abc") == ["kpss", "extract", "raw", "out", "--pseudonym-key", "***",
                                            "--pseudonymise", "--pseudonym-key=***", "--x=***d"]
    assert ps.masked_argv(["kpss", "--pseudonym-key", "k"]) == ["kpss", "--pseudonym-key", "***"]


@pytest.mark.parametrize("forms", [
    "Nováková Novákové Novákovou", "Novák Nováka Novákovi Novákem Novákův Novákova", "Kašpárek Kašpárka Kašpárkovi "
    "Kašpárkem", "Malý Malého Malému Malým", "Svoboda Svobody Svobodovi Svobodu Svobodou", "Jana Jany Janě Janu Janou",
    "Petr Petra Petrovi Petrem", "Beneš Beneše Benešovi Benešem", "Zdeněk Zdeňka Zdeňkovi", "Moravec Moravce Moravcem",
    "Pavel Pavla Pavlem", "Klára Kláře Kláru", "Lenka Lence Lenkou", "Marie Marii Marií", "Krejčí Krejčího Krejčímu",
    "Pavlů"])
def test_declension_of_names_is_data_in_the_config(forms):
    nominative, *others = forms.split()
    assert {f.casefold() for f in others} <= ps.forms_of(nominative)
    assert "nováková" not in ps.forms_of("Novák") and "malá" not in ps.forms_of("Malý")  # another person
