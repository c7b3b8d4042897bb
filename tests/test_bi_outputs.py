"""Issue #12 points 4, 6, 7, 8, 9: the BI path (minutes.duckdb, Excel CSVs, the
report) follows every run, survives moves, fails with one line and leaves nothing
half-made; the analyst install carries no test tools."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.schemas import TABLE_NAMES
from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "raw"
ICO_TXT = """Zápis z jednání pracovní skupiny Senioři

Datum: 14. 3. 2023
Místo: Městský úřad Kravaře

Přítomni: Jana Nováková, Petr Svoboda

Program:
1. Zahájení
2. Kapacity služeb

K bodu 2:
Spolek Jasan, z. s., IČO 00064581, se sídlem Hlavní 12, Kravaře, navýší kapacitu denního stacionáře o 2 místa.
- zápis bude rozeslán členům skupiny
"""


def _cli(*args: str | Path) -> tuple[int, str, str]:
    """The real CLI in this process (stdout and stderr apart)."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _extract(raw: Path, out: Path, cache: Path) -> str:
    code, stdout, stderr = _cli("extract", raw, out, "--workers", "0", "--cache-dir", cache, "--no-progress")
    assert code == 0, stderr
    return stdout + stderr


def _sample(raw: Path, *names: str) -> None:
    raw.mkdir(exist_ok=True)
    for old in raw.iterdir():
        old.unlink()
    for name in names:
        shutil.copy(SAMPLE / name, raw / name)


def _run_id(out: Path) -> str:
    return json.loads((out / "run.json").read_text(encoding="utf-8"))["run_id"]


def _assert_db_is_current(db: Path, tables_from: Path, run_id: str) -> None:
    """Every table of the database has the rows of the Parquet tables, from run `run_id`,
    and the analyst views answer over them."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table in TABLE_NAMES:
            expected = pd.read_parquet(tables_from / f"{table}.parquet")
            assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == len(expected), table
        documents = pd.read_parquet(tables_from / "documents.parquet")
        assert sorted(r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()) == sorted(documents.doc_id)
        assert con.execute("SELECT run_id FROM run_info").fetchone()[0] == run_id
        assert con.execute("SELECT count(*) FROM v_attendance").fetchone()[0] == (documents.status != "failed").sum()
        capacity = pd.read_parquet(tables_from / "capacity_changes.parquet")
        assert con.execute("SELECT coalesce(sum(statements), 0) FROM v_capacity_by_service").fetchone()[0] == len(capacity)
        con.execute("SELECT count(*) FROM v_responsibilities").fetchone()
    finally:
        con.close()


def test_db_shows_the_current_rows_after_three_more_extracts_a_move_and_a_copy(tmp_path, monkeypatch):
    """Point 4 (acceptance): minutes.duckdb made once, then three extracts over a changing
    archive, then OUT moved and the database copied elsewhere; each time every table and
    view answers with the current rows, opened from another working directory."""
    raw, out, cache, elsewhere = tmp_path / "raw", tmp_path / "out", tmp_path / "cache", tmp_path / "elsewhere"
    elsewhere.mkdir()
    _sample(raw, "zapis_rs_bystrice_2021-02-15.docx")
    _extract(raw, out, cache)
    assert _cli("db", out)[0] == 0
    archives = [("zapis_rs_bystrice_2021-02-15.docx", "zapis_ps_seniori_ozp_hranice_2021-11-24.html"),
                ("zapis_ps_seniori_ozp_hranice_2021-11-24.html",),
                ("zapis_ps_ozp_vsetin_2022-05-03.docx", "zapis_ps_rodiny_prerov_2023-04-12.pdf")]
    seen = set()
    for names in archives:
        _sample(raw, *names)
        printed = _extract(raw, out, cache)
        assert f"rebuilt {out / 'minutes.duckdb'}" in printed
        monkeypatch.chdir(elsewhere)
        _assert_db_is_current(out / "minutes.duckdb", out, _run_id(out))
        seen.add(len(pd.read_parquet(out / "documents.parquet")))
        monkeypatch.chdir(tmp_path)
    assert seen == {1, 2}  # the archive really changed between the runs
    moved = tmp_path / "moved" / "tables"
    moved.parent.mkdir()
    out.rename(moved)
    monkeypatch.chdir(elsewhere)
    _assert_db_is_current(moved / "minutes.duckdb", moved, _run_id(moved))
    other_machine = tmp_path / "other-machine"
    other_machine.mkdir()
    shutil.copy(moved / "minutes.duckdb", other_machine / "minutes.duckdb")
    expected = {t: len(pd.read_parquet(moved / f"{t}.parquet")) for t in TABLE_NAMES}
    run_id = _run_id(moved)
    shutil.rmtree(moved)  # nothing of the tables is left where they were made
    con = duckdb.connect(str(other_machine / "minutes.duckdb"), read_only=True)
    try:
        assert {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLE_NAMES} == expected
        assert con.execute("SELECT run_id FROM run_info").fetchone()[0] == run_id
        assert con.execute("SELECT count(*) FROM v_attendance").fetchone()[0] == expected["documents"]
    finally:
        con.close()


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def test_csv_integers_ico_and_booleans_for_czech_excel(tmp_path):
    """Point 6: nullable integers as integers (not "1,0"), an IČO with leading zeros as
    ="00064581" (Excel shows the text), booleans as PRAVDA/NEPRAVDA; the report says
    "n pages 1", not "1.0"."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    _sample(raw, "zapis_rs_bystrice_2021-02-15.docx", "zapis_ps_seniori_ozp_hranice_2021-11-24.html")
    (raw / "zapis_kravare.txt").write_text(ICO_TXT, encoding="utf-8")
    _extract(raw, out, tmp_path / "cache")
    code, stdout, _ = _cli("csv", out)
    assert code == 0
    blocks = _csv(out / "csv" / "blocks.csv")
    for column in ("level", "page", "table_id", "row", "col"):
        values = {r[column] for r in blocks} - {""}
        assert values and all(re.fullmatch(r"\d+", v) for v in values), (column, sorted(values)[:5])
    documents = _csv(out / "csv" / "documents.csv")
    assert {r["n_pages"] for r in documents} == {"1", ""}  # the HTML has no pages
    organisations = _csv(out / "csv" / "organisations.csv")
    assert '="00064581"' in {r["ico"] for r in organisations}
    assert {r["ico_valid"] for r in organisations} == {"PRAVDA", "NEPRAVDA", ""}
    assert '="1.1"' in {r["measure_no"] for r in _csv(out / "csv" / "measures.csv")}  # not 1 January
    assert '="- zápis bude rozeslán členům skupiny"' in {r["text"] for r in blocks}  # not a formula
    assert "0,5" in {r["delta"] for r in _csv(out / "csv" / "capacity_changes.csv")}  # floats keep the comma
    assert json.loads((out / "csv" / "run.json").read_text(encoding="utf-8"))["run_id"] == _run_id(out)
    assert _cli("report", out)[0] == 0
    bystrice = next(r["doc_id"] for r in documents if r["source_path"].endswith(".docx"))
    page = (out / "report" / "doc" / f"{bystrice}.html").read_text(encoding="utf-8")
    assert "<dt>n pages</dt><dd>1</dd>" in page


def _kpss(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_db_and_csv_on_a_folder_without_tables_say_so_in_one_line_and_leave_nothing(tmp_path):
    """Point 7: no traceback, exit 1, no .minutes.duckdb.tmp, no empty csv/; a folder
    whose tables are dangling links (the state folder deleted) is the same case."""
    empty = tmp_path / "empty"
    empty.mkdir()
    dangling = tmp_path / "dangling"
    dangling.mkdir()
    for table in TABLE_NAMES:
        (dangling / f"{table}.parquet").symlink_to(Path(".kpss") / "current" / f"{table}.parquet")
    for folder in (empty, dangling):
        before = sorted(p.name for p in folder.iterdir())
        for command in ("db", "csv"):
            done = _kpss(command, folder, cwd=tmp_path)
            assert done.returncode == 1
            assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
            assert str(folder) in done.stderr and "kpss extract" in done.stderr
        assert sorted(p.name for p in folder.iterdir()) == before  # nothing left behind


def test_a_failed_db_build_keeps_the_previous_database_and_leaves_no_temporary_file(tmp_path):
    """Point 7, the other half: a damaged table (a truncated Parquet file) is one line,
    exit 1; the database from before is untouched and no temporary file is left."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    _sample(raw, "zapis_rs_bystrice_2021-02-15.docx")
    _extract(raw, out, tmp_path / "cache")
    assert _cli("db", out)[0] == 0
    before = (out / "minutes.duckdb").read_bytes()
    damaged = (out / "blocks.parquet").resolve()
    damaged.write_bytes(damaged.read_bytes()[:200])
    for command in ("db", "csv"):
        done = _kpss(command, out, cwd=tmp_path)
        assert done.returncode == 1
        assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert (out / "minutes.duckdb").read_bytes() == before
    assert sorted(p.name for p in out.iterdir() if not p.name.endswith(".parquet")) == \
        [".kpss", "minutes.duckdb", "run.json"]


def test_extract_rebuilds_the_derived_outputs_and_marks_one_it_cannot(tmp_path, monkeypatch):
    """Point 8: after a new extract, minutes.duckdb, csv/ and report/ carry the new run's
    id (one line printed per output); one whose rebuild fails (a full disk while writing
    the CSVs) keeps its old content and gets OUT/csv.STALE.txt, named in a warning."""
    raw, out, cache = tmp_path / "raw", tmp_path / "out", tmp_path / "cache"
    _sample(raw, "zapis_rs_bystrice_2021-02-15.docx")
    _extract(raw, out, cache)
    for command in ("db", "csv", "report"):
        assert _cli(command, out)[0] == 0
    _sample(raw, "zapis_rs_bystrice_2021-02-15.docx", "zapis_ps_seniori_ozp_hranice_2021-11-24.html")
    printed = _extract(raw, out, cache)
    run_id = _run_id(out)
    for name in ("minutes.duckdb", "csv", "report"):
        assert f"rebuilt {out / name} from run {run_id}" in printed
    _assert_db_is_current(out / "minutes.duckdb", out, run_id)
    assert json.loads((out / "csv" / "run.json").read_text(encoding="utf-8"))["run_id"] == run_id
    assert len(_csv(out / "csv" / "documents.csv")) == 2
    assert f"Run {run_id}" in (out / "report" / "index.html").read_text(encoding="utf-8")

    import pipeline.export_csv

    def disk_full(frame):  # noqa: ANN001 - the disk fills up while the CSVs are written
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pipeline.export_csv, "for_excel", disk_full)
    _sample(raw, "zapis_ps_seniori_ozp_hranice_2021-11-24.html")
    code, stdout, stderr = _cli("extract", raw, out, "--workers", "0", "--cache-dir", cache, "--no-progress")
    assert code == 0  # the run itself finished: its tables are right
    new_run = _run_id(out)
    assert f"rebuilt {out / 'minutes.duckdb'} from run {new_run}" in stdout
    assert f"rebuilt {out / 'report'} from run {new_run}" in stdout
    warning = [line for line in stderr.splitlines() if "csv" in line]
    assert len(warning) == 1 and "No space left" in warning[0] and "kpss csv" in warning[0]
    marker = out / "csv.STALE.txt"
    assert new_run in marker.read_text(encoding="utf-8")
    assert json.loads((out / "csv" / "run.json").read_text(encoding="utf-8"))["run_id"] == run_id  # the old, whole
    assert len(_csv(out / "csv" / "documents.csv")) == 2
    assert not [p for p in out.iterdir() if p.name.startswith(".csv")]
    monkeypatch.undo()
    assert _cli("csv", out)[0] == 0
    assert not marker.exists()
    assert json.loads((out / "csv" / "run.json").read_text(encoding="utf-8"))["run_id"] == new_run


def test_make_all_builds_every_output_and_a_second_run_rebuilds_them(tmp_path):
    """Point 8: `make all` = extract, then db, csv and report; run again over a changed
    archive, every output names the new run. Uses this interpreter's environment as the
    venv (its install stamp taken as up to date)."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    _sample(raw, "zapis_rs_bystrice_2021-02-15.docx")
    venv = Path(sys.executable).parent.parent
    command = ["make", "-C", str(ROOT), "--no-print-directory", "all", f"VENV={venv}", f"RAW={raw}", f"OUT={out}",
               "-o", f"{venv}/.installed"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert (out / "minutes.duckdb").is_file() and (out / "csv" / "documents.csv").is_file()
    assert (out / "report" / "index.html").is_file()
    _sample(raw, "zapis_rs_bystrice_2021-02-15.docx", "zapis_ps_seniori_ozp_hranice_2021-11-24.html")
    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    run_id = _run_id(out)
    assert second.stdout.count(f"from run {run_id}") == 3  # each output rebuilt once, by extract
    _assert_db_is_current(out / "minutes.duckdb", out, run_id)
    assert f"Run {run_id}" in (out / "report" / "index.html").read_text(encoding="utf-8")


def test_make_extract_installs_the_runtime_only_and_make_test_adds_dev_extras(tmp_path):
    """Point 9: on a fresh checkout (no .venv) `make extract` installs `-e .` alone;
    `make test` installs the dev extras; the runtime dependencies hold no test tool."""
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)

    def planned(target: str) -> list[str]:
        done = subprocess.run(["make", "-n", "--no-print-directory", "-C", str(tmp_path), target],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return [line for line in done.stdout.splitlines() if "pip install" in line and "--upgrade pip" not in line]

    extract = planned("extract")
    assert extract and all(line.rstrip().endswith("-e .") for line in extract), extract
    assert any("'.[dev]'" in line for line in planned("test"))
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = " ".join(project["dependencies"]).lower()
    for tool in ("pytest", "hypothesis", "selenium", "dask"):
        assert tool not in runtime
        assert any(dep.lower().startswith(tool) for dep in project["optional-dependencies"]["dev"])


def test_an_output_that_cannot_follow_a_pseudonymised_run_is_removed_not_kept(tmp_path, monkeypatch):
    """Issue 12 (points 1 and 8): csv/ built from a plain run holds names; when the next,
    pseudonymised run cannot rebuild it, keeping it stale would publish those names."""
    raw, out, cache = tmp_path / "raw", tmp_path / "out", tmp_path / "cache"
    _sample(raw, "zapis_rs_bystrice_2021-02-15.docx")
    _extract(raw, out, cache)
    assert _cli("csv", out)[0] == 0
    import pipeline.export_csv

    def disk_full(frame):  # noqa: ANN001 - the disk fills up while the CSVs are written
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pipeline.export_csv, "for_excel", disk_full)
    monkeypatch.setenv("KPSS_PSEUDONYM_KEY", "a long test secret")
    code, _, stderr = _cli("extract", raw, out, "--workers", "0", "--cache-dir", cache, "--no-progress",
                           "--pseudonymise")
    assert code == 0
    assert not (out / "csv").exists() and not (out / "csv.STALE.txt").exists()
    assert "was removed" in stderr and "kpss csv" in stderr


def test_report_on_a_folder_without_tables_is_one_line_and_leaves_nothing(tmp_path):
    """Like db and csv (point 7): no traceback, no usage text, no half report folder."""
    code, stdout, stderr = _cli("report", tmp_path)
    assert code == 1 and len(stderr.strip().splitlines()) == 1 and "kpss extract" in stderr
    assert list(tmp_path.iterdir()) == []


def test_a_run_that_changes_nothing_keeps_the_derived_outputs_and_rebuilds_only_stale_ones(tmp_path):
    """Point 8 without the cost: a re-run over unchanged files keeps its tables, so the
    database, CSVs and report still show them; rebuilding a large report would take minutes."""
    raw, out, cache = tmp_path / "raw", tmp_path / "out", tmp_path / "cache"
    _sample(raw, "zapis_rs_bystrice_2021-02-15.docx")
    _extract(raw, out, cache)
    for command in ("db", "csv", "report"):
        assert _cli(command, out)[0] == 0
    built = json.loads((out / "csv" / "run.json").read_text(encoding="utf-8"))["run_id"]
    (out / "report.STALE.txt").write_text("stale", encoding="utf-8")
    printed = _extract(raw, out, cache)
    assert "kept minutes.duckdb, csv" in printed and f"rebuilt {out / 'report'}" in printed
    assert json.loads((out / "csv" / "run.json").read_text(encoding="utf-8"))["run_id"] == built
    assert not (out / "report.STALE.txt").exists()
