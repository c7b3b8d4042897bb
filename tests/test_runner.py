"""The whole run over a folder tree: every file becomes a documents row."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.ingest.office import find_soffice
from pipeline.runner import RunOptions, doc_id_of, run
from tests.conftest import CORPUS_RAW, PEERS, need
from tests.docx_factory import new_document, to_bytes


@pytest.fixture()
def archive(tmp_path):
    """A small mixed archive: good files, an unsupported one, an empty one, a duplicate, a lying name."""
    raw = tmp_path / "raw"
    (raw / "2017" / "podzim").mkdir(parents=True)
    doc = new_document()
    doc.add_heading("Zápis z jednání pracovní skupiny Senioři", level=1)
    doc.add_paragraph("Přítomni:\tJana Nováková, Petr Svoboda")
    data = to_bytes(doc)
    (raw / "2017" / "zapis.docx").write_bytes(data)
    (raw / "2017" / "podzim" / "kopie.docx").write_bytes(data)
    shutil.copy(need(CORPUS_RAW / "001_7f5b36c52eeef91b.pdf"), raw / "prejmenovany.docx")
    shutil.copy(need(PEERS / "docling" / "legacy_sample.doc"), raw / "stary.doc")
    (raw / "prazdny.pdf").write_bytes(b"")
    (raw / ".gitkeep").write_bytes(b"")
    outside = tmp_path / "mimo.txt"
    outside.write_text("tajné", encoding="utf-8")
    (raw / "odkaz.txt").symlink_to(outside)
    return raw


def test_every_file_is_a_row_and_nothing_crashes(archive, tmp_path):
    out = tmp_path / "out"
    summary = run(archive, out)
    docs = pd.read_parquet(out / "documents.parquet").set_index("source_path")
    assert sorted(docs.index) == ["2017/podzim/kopie.docx", "2017/zapis.docx", "odkaz.txt", "prazdny.pdf",
                                  "prejmenovany.docx", "stary.doc"]
    assert summary.files == 6
    assert docs.loc["prejmenovany.docx", "source_format"] == "pdf"
    assert docs.loc["prejmenovany.docx", "status"] == "ok"
    if find_soffice():  # read through LibreOffice
        assert docs.loc["stary.doc", "status"] == "ok" and "LibreOffice" in docs.loc["stary.doc", "warnings"]
    else:
        assert "Word 97-2003" in docs.loc["stary.doc", "error"] and docs.loc["stary.doc", "status"] == "failed"
    assert "empty" in docs.loc["prazdny.pdf", "error"]
    assert "outside the input folder" in docs.loc["odkaz.txt", "error"]
    # the first path in sorted order keeps the content; the other points at it
    assert docs.loc["2017/zapis.docx", "duplicate_of"] == "2017/podzim/kopie.docx"
    assert pd.isna(docs.loc["2017/podzim/kopie.docx", "duplicate_of"])
    blocks = pd.read_parquet(out / "blocks.parquet")
    zapis_id = docs.loc["2017/zapis.docx", "doc_id"]
    assert zapis_id == doc_id_of((archive / "2017" / "zapis.docx").read_bytes())
    assert list(blocks[blocks.doc_id == zapis_id].text) == ["Zápis z jednání pracovní skupiny Senioři",
                                                           "Přítomni:\tJana Nováková, Petr Svoboda"]
    assert (blocks.groupby("doc_id").block_id.apply(lambda s: list(s) == list(range(len(s))))).all()
    for table in ("attendees", "agenda_items", "goals", "measures", "activities", "organisations",
                  "capacity_changes", "services"):
        assert (out / f"{table}.parquet").exists()


def test_cli_summary_and_exit_code_zero_with_failures(archive, tmp_path):
    result = CliRunner().invoke(main, ["extract", str(archive), str(tmp_path / "out"), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "6 files in" in result.output and "failed" in result.output and "blocks" in result.output
    assert "prazdny.pdf: empty" in result.output
    if not find_soffice():
        assert "stary.doc: unsupported format" in result.output


def test_cli_missing_input_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "nic"), str(tmp_path / "out")])
    assert result.exit_code == 2


def test_cli_help_explains_every_option():
    result = CliRunner().invoke(main, ["extract", "--help"])
    for option in ("--max-file-mb", "--progress", "--verbose", "RAW", "OUT"):
        assert option in result.output


def test_oversize_file_is_refused_with_the_limit(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "velky.txt").write_bytes(b"a" * 3 * 1024 * 1024)
    run(raw, tmp_path / "out", RunOptions(max_file_mb=1))
    error = pd.read_parquet(tmp_path / "out" / "documents.parquet").error[0]
    assert "above the limit of 1 MB" in error



def test_rerun_with_nothing_changed_keeps_the_tables_and_switches_to_a_new_run(tmp_path):
    """The second run finds every file unchanged: no table is rewritten (same inode), run.json is
    new; adding a file, or --full, writes the tables again."""
    import json
    import os

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    doc = new_document()
    doc.add_heading("Zápis z jednání pracovní skupiny Senioři", level=1)
    doc.add_paragraph("Přítomni:\tJana Nováková, Petr Svoboda")
    (raw / "a.docx").write_bytes(to_bytes(doc))
    options = RunOptions(workers=0, cache_dir=tmp_path / "cache")
    first = run(raw, out, options)
    inode = os.stat(out / "blocks.parquet").st_ino
    run_id = json.loads((out / "run.json").read_text())["run_id"]
    second = run(raw, out, options)
    assert second.tables_reused and not first.tables_reused
    assert second.rows == first.rows and second.reused == 1
    assert os.stat(out / "blocks.parquet").st_ino == inode
    assert json.loads((out / "run.json").read_text())["run_id"] != run_id
    shutil.copy(raw / "a.docx", raw / "b.docx")  # one more documents row (a duplicate)
    third = run(raw, out, options)
    assert not third.tables_reused and third.rows["documents"] == 2
    assert os.stat(out / "blocks.parquet").st_ino != inode
    fourth = run(raw, out, RunOptions(workers=0, cache_dir=tmp_path / "cache", full=True))
    assert not fourth.tables_reused
