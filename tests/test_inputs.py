"""What is found below RAW, and where OUT and the cache may be (issue #13, points 1, 2,
9-13, 16): every entry below RAW gets a documents row or a line in the summary; special
files are never opened; odd names, links and permissions give specific errors with paths
relative to RAW; OUT inside RAW and an unwritable OUT are refused before any file is read;
the cache lives in the user's cache folder."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import stat
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.folders import FolderError, default_cache_dir
from pipeline.runner import RunOptions, run
from tests.docx_factory import new_document, to_bytes
from tests.privileges import kpss, permissions_apply, python

MINUTES = "Zápis z jednání pracovní skupiny Senioři\nPřítomni: Jana Nováková, Petr Svoboda\n"


def _documents(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out / "documents.parquet").set_index("source_path")


def _extract(raw: Path, out: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["extract", str(raw), str(out), "--workers", "0", "--no-progress", *args])


def _raw(tmp_path: Path, name: str = "raw") -> Path:
    raw = tmp_path / name
    raw.mkdir(parents=True)
    (raw / "zapis.txt").write_text(MINUTES, encoding="utf-8")
    return raw


# 1. A FIFO reached through a link hung the run: the worker timed out, then the main process opened it.

def test_a_fifo_behind_a_link_is_never_opened(tmp_path):
    raw = _raw(tmp_path)
    os.mkfifo(raw / "f.txt")
    (raw / "link.txt").symlink_to("f.txt")
    result = kpss("extract", str(raw), str(tmp_path / "out"), "--workers", "1", "--file-timeout", "3",
                  "--no-cache", "--no-progress", timeout=180, permissions=False)
    assert result.returncode == 0, result.stderr[-3000:]
    docs = _documents(tmp_path / "out")
    assert docs.loc["zapis.txt", "status"] == "ok"
    for name in ("f.txt", "link.txt"):
        assert docs.loc[name, "status"] == "failed" and "not a regular file" in docs.loc[name, "error"]
        assert docs.loc[name, "source_format"] == "special"
    assert "link.txt is a link to a FIFO" in docs.loc["link.txt", "error"]


def test_the_format_of_a_failed_special_file_is_not_sniffed_by_opening_it(tmp_path):
    """After a worker fails, the collecting process names the format: a FIFO must not block it."""
    raw = _raw(tmp_path)
    os.mkfifo(raw / "f.txt")
    (raw / "link.txt").symlink_to("f.txt")
    result = python(f"from pathlib import Path; from pipeline.runner import _sniff_quietly; "
                    f"print(_sniff_quietly(Path({str(raw / 'link.txt')!r})))", timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == "unknown", result.stderr[-2000:]


# 2. A file name with bytes that are not UTF-8 aborted the whole run after every file was read.

def test_a_file_name_that_is_not_utf8_gets_a_row_with_escapes(tmp_path):
    raw = _raw(tmp_path)
    (raw / os.fsdecode(b"bad\xff\xfe.txt")).write_text("Zápis\n", encoding="utf-8")
    folder = raw / os.fsdecode(b"slo\xe9ka")
    folder.mkdir()
    (folder / "a.txt").write_text(MINUTES + "Místo: Lhota\n", encoding="utf-8")
    result = _extract(raw, tmp_path / "out")
    assert result.exit_code == 0, result.output
    docs = _documents(tmp_path / "out")
    assert sorted(docs.index) == ["bad\\xff\\xfe.txt", "slo\\xe9ka/a.txt", "zapis.txt"]
    assert (docs.status == "ok").all()
    assert _extract(raw, tmp_path / "out").exit_code == 0  # a re-run from the cache too


def test_two_names_shown_alike_give_one_row_and_a_summary_line_not_a_lost_file(tmp_path):
    """Found by tools/hostile_run.py: `a<0xff>.txt` and a file literally named `a\\xff.txt` both
    have the source path `a\\xff.txt`; the second silently replaced the first's row (2 files
    read, 1 row, no line). Now the later one is counted in the summary, saying what to do."""
    raw = _raw(tmp_path)
    (raw / os.fsdecode(b"a\xff.txt")).write_text(MINUTES + "M\u00edsto: Lhota\n", encoding="utf-8")
    (raw / "a\\xff.txt").write_text(MINUTES + "M\u00edsto: Hradec\n", encoding="utf-8")
    result = _extract(raw, tmp_path / "out")
    assert result.exit_code == 0, result.output
    docs = _documents(tmp_path / "out")
    assert sorted(docs.index) == ["a\\xff.txt", "zapis.txt"]
    assert "2 files in" in result.output
    assert "1 named like another file" in result.output and "rename" in result.output
    manifest = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    assert manifest["skipped"] == {"named alike": 1}


# 9. OUT inside RAW (or OUT = RAW) was accepted, and the next run read its own output as minutes.

@pytest.mark.parametrize("where", ["inside", "same", "through a link"])
def test_an_output_folder_inside_the_input_folder_is_refused(tmp_path, where):
    raw = _raw(tmp_path)
    (raw / "sub").mkdir()
    (tmp_path / "link").symlink_to(raw / "sub")
    out = {"inside": raw / "out", "same": raw, "through a link": tmp_path / "link" / "out"}[where]
    result = _extract(raw, out)
    assert result.exit_code == 2 and "is the input folder" in result.output, result.output
    assert sorted(p.name for p in raw.iterdir()) == ["sub", "zapis.txt"] and not any((raw / "sub").iterdir())
    with pytest.raises(FolderError):
        run(raw, out, RunOptions(workers=0))
    with pytest.raises(FolderError):
        run(raw, tmp_path / "elsewhere", RunOptions(workers=0, cache_dir=raw / "cache"))
    result = _extract(raw, tmp_path / "elsewhere", "--cache-dir", str(raw / "sub" / "cache"))
    assert result.exit_code == 2 and "the cache folder" in result.output and not any((raw / "sub").iterdir())
    assert _extract(raw, tmp_path / "elsewhere", "--cache-dir", str(raw / ".cache")).exit_code == 0  # hidden


def test_an_earlier_output_folder_below_the_input_is_never_read(tmp_path):
    raw = _raw(tmp_path)
    first = tmp_path / "out1"
    assert _extract(raw, first).exit_code == 0
    for command in ("csv", "report"):
        assert CliRunner().invoke(main, [command, str(first)]).exit_code == 0
    shutil.copytree(first, raw / "vystup", symlinks=True)  # someone moved an old OUT into the archive
    result = _extract(raw, tmp_path / "out2")
    assert result.exit_code == 0, result.output
    assert list(_documents(tmp_path / "out2").index) == list(_documents(first).index) == ["zapis.txt"]
    assert "vystup/: the pipeline's own output folder" in result.output
    assert json.loads((tmp_path / "out2" / "run.json").read_text())["skipped"] == {"output folder": 1}
    with pytest.raises(FolderError, match="is an output folder of the pipeline"):
        run(first, tmp_path / "out3", RunOptions(workers=0))  # an old OUT given as the input


# 10. An unwritable OUT was found only after every file had been read.

def test_an_output_folder_that_cannot_be_made_is_refused_before_any_file_is_read(tmp_path):
    raw = _raw(tmp_path)
    (tmp_path / "soubor").write_text("not a folder")
    cache = tmp_path / "cache"
    result = _extract(raw, tmp_path / "soubor" / "out", "--cache-dir", str(cache))
    assert result.exit_code == 1 and "cannot write the tables" in result.output, result.output
    assert not list(cache.rglob("*.pkl.z"))  # no file was read


def test_a_read_only_output_folder_is_refused_before_any_file_is_read(tmp_path):
    permissions_apply(tmp_path)
    raw = _raw(tmp_path)
    out, cache = tmp_path / "out", tmp_path / "cache"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = kpss("extract", str(raw), str(out), "--workers", "1", "--cache-dir", str(cache), "--no-progress")
    finally:
        out.chmod(0o755)
    assert result.returncode == 1 and "cannot write the tables" in result.stderr, result.stderr[-2000:]
    assert "Permission denied" in result.stderr and "Traceback" not in result.stderr
    assert not list(cache.rglob("*.pkl.z")) and not list(out.iterdir())


# 11. A plain FIFO and a file in an unreadable folder got no row and no warning.

def test_special_files_get_a_row_saying_what_they_are(tmp_path):
    raw = _raw(tmp_path)
    os.mkfifo(raw / "roura.txt")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(raw / "zasuvka.txt"))
    except OSError:
        server.close()
        server = None  # type: ignore[assignment]  # a path too long for a socket here
    try:
        os.mknod(raw / "zarizeni.txt", stat.S_IFCHR | 0o600, os.makedev(1, 3))  # like /dev/null
    except OSError:
        pass  # not allowed here (no CAP_MKNOD): the FIFO and the socket still show the rule
    try:
        summary = run(raw, tmp_path / "out", RunOptions(workers=0))
    finally:
        if server is not None:
            server.close()
    docs = _documents(tmp_path / "out")
    specials = {"roura.txt": "a FIFO (named pipe)", "zasuvka.txt": "a socket", "zarizeni.txt": "a character device"}
    present = [name for name in specials if os.path.lexists(raw / name)]
    assert sorted(docs.index) == sorted([*present, "zapis.txt"]) and summary.files == len(present) + 1
    for name in present:
        assert docs.loc[name, "error"].startswith(f"skipped: {name} is {specials[name]}, not a regular file")
        assert docs.loc[name, "source_format"] == "special" and docs.loc[name, "status"] == "failed"


def test_a_folder_that_cannot_be_read_is_named_in_the_summary(tmp_path):
    permissions_apply(tmp_path)
    raw = _raw(tmp_path)
    (raw / "tajne").mkdir()
    (raw / "tajne" / "b.txt").write_text(MINUTES, encoding="utf-8")
    (raw / ".git").mkdir()
    (raw / "README.md").write_text("# Minutes\n", encoding="utf-8")
    (raw / "tajne").chmod(0)
    try:
        result = kpss("extract", str(raw), str(tmp_path / "out"), "--workers", "1", "--no-cache", "--no-progress")
    finally:
        (raw / "tajne").chmod(0o755)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "skipped (no documents row): 3 entries below the input folder" in result.stdout
    assert "tajne/: cannot read the folder: permission denied; its files were not read" in result.stdout
    assert "1 hidden" in result.stdout and "1 not of a format the pipeline reads" in result.stdout
    assert json.loads((tmp_path / "out" / "run.json").read_text())["skipped"] == {
        "hidden": 1, "not included": 1, "unreadable folder": 1}
    assert list(_documents(tmp_path / "out").index) == ["zapis.txt"]


# 12. A dangling link, a link loop and a permission error were "internal error"s with a traceback and an
# absolute path, which also made documents.parquet differ between two copies of one archive.

def _links(raw: Path) -> None:
    (raw / "chybi.txt").symlink_to("nic.txt")
    (raw / "smycka.txt").symlink_to("smycka.txt")
    (raw / "kruh1.txt").symlink_to("kruh2.txt")
    (raw / "kruh2.txt").symlink_to("kruh1.txt")


def test_broken_links_and_loops_get_specific_errors_and_copies_give_identical_tables(tmp_path):
    one = _raw(tmp_path, "one/raw")
    _links(one)
    two = tmp_path / "two" / "deeper" / "raw"
    shutil.copytree(one, two, symlinks=True)
    outputs = []
    for raw in (one, two):
        result = kpss("extract", str(raw), str(raw.parent / "out"), "--workers", "1", "--no-cache",
                      "--no-progress", permissions=False)
        assert result.returncode == 0 and "Traceback" not in result.stderr + result.stdout, result.stderr[-3000:]
        outputs.append(result.stdout)
    docs = _documents(one.parent / "out")
    assert docs.loc["chybi.txt", "error"].startswith("skipped: chybi.txt is a broken link")
    for name in ("smycka.txt", "kruh1.txt", "kruh2.txt"):
        assert docs.loc[name, "error"].startswith(f"skipped: {name} is a link loop")
    assert not docs.error.dropna().str.contains("internal error|/").any(), docs.error.tolist()
    assert not _absolute_paths(outputs[0], tmp_path)
    assert (one.parent / "out" / "documents.parquet").read_bytes() == \
        (two.parent / "out" / "documents.parquet").read_bytes()


def test_a_file_that_cannot_be_read_says_permission_denied(tmp_path):
    permissions_apply(tmp_path)
    raw = _raw(tmp_path)
    (raw / "podzim").mkdir()
    (raw / "podzim" / "zamceno.txt").write_text(MINUTES + "x", encoding="utf-8")
    (raw / "podzim" / "zamceno.txt").chmod(0)
    try:
        result = kpss("extract", str(raw), str(tmp_path / "out"), "--workers", "1", "--no-cache", "--no-progress")
    finally:
        (raw / "podzim" / "zamceno.txt").chmod(0o644)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    error = _documents(tmp_path / "out").loc["podzim/zamceno.txt", "error"]
    assert error.startswith("skipped: cannot read podzim/zamceno.txt: permission denied (give the user")
    assert not _absolute_paths(result.stdout + result.stderr, tmp_path)


def _absolute_paths(output: str, tmp_path: Path) -> list[str]:
    """Lines naming a path below the test's folder, but for the one that says where the tables went."""
    return [line for line in output.splitlines() if str(tmp_path) in line and not line.startswith("tables in ")]


# 13. Anything in RAW was read as minutes (README.md, MANIFEST.tsv, .js, .css).

def _mixed(tmp_path: Path) -> Path:
    raw = _raw(tmp_path)
    doc = new_document()
    doc.add_paragraph(MINUTES)
    (raw / "zapis.docx").write_bytes(to_bytes(doc))
    (raw / "obrazek.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (raw / "STARY.TXT").write_text(MINUTES + "Místo: Lhota\n", encoding="utf-8")
    (raw / "archiv").mkdir()
    (raw / "archiv" / "b.txt").write_text(MINUTES + "Místo: Horní Lhota\n", encoding="utf-8")
    english = "The Salvation Army provides shelters; Caritas Czech Republic runs day care services.\n"
    for name in ("README.md", "MANIFEST.tsv", "app.js", "style.css", "data.json", "tool.py", "old.parquet",
                 "LICENSE"):
        (raw / name).write_text(english, encoding="utf-8")
    return raw


def test_by_default_only_the_formats_the_pipeline_reads_are_read(tmp_path):
    raw = _mixed(tmp_path)
    result = _extract(raw, tmp_path / "out", "--no-cache")
    assert result.exit_code == 0, result.output
    assert sorted(_documents(tmp_path / "out").index) == ["STARY.TXT", "archiv/b.txt", "obrazek.png",
                                                          "zapis.docx", "zapis.txt"]
    assert ("8 not of a format the pipeline reads (--include to read them) "
            "[(none) 1, css 1, js 1, json 1, md 1, parquet 1, py 1, tsv 1]") in result.output
    assert json.loads((tmp_path / "out" / "run.json").read_text())["skipped"] == {"not included": 8}


def test_include_and_exclude_choose_the_files(tmp_path):
    raw = _mixed(tmp_path)
    result = _extract(raw, tmp_path / "out", "--no-cache", "--include", "*.md", "--include", "*.txt",
                      "--exclude", "archiv", "--exclude", "stary.*")
    assert result.exit_code == 0, result.output
    assert sorted(_documents(tmp_path / "out").index) == ["README.md", "zapis.txt"]
    assert "2 matching --exclude" in result.output and "9 not matching --include" in result.output
    result = _extract(raw, tmp_path / "out", "--no-cache", "--include", "archiv/*.txt")
    assert sorted(_documents(tmp_path / "out").index) == ["archiv/b.txt"]


# 16. The cache folder was relative to the working directory; tests wrote into the repository.

def test_the_default_cache_is_the_users_cache_folder_and_the_run_says_where(tmp_path, monkeypatch):
    raw = _raw(tmp_path)
    elsewhere = tmp_path / "jinde"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("KPSS_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    result = _extract(raw, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert not list(elsewhere.iterdir())  # nothing written where the command ran
    cache = default_cache_dir()
    assert cache.is_relative_to(tmp_path) and list(cache.rglob("*.pkl.z"))
    assert f"cache of per-file results: {cache}" in result.output


def test_tests_write_nothing_into_the_repositorys_data_folders():
    """`make test` wrote the report test's screenshot into data/processed, the user's output folder."""
    here = Path(__file__).resolve()
    offenders = [p.name for p in here.parent.rglob("*.py") if p != here and re.search(
        r'"data"\s*/\s*"(processed|interim)"|data/(processed|interim)', p.read_text(encoding="utf-8"))]
    assert offenders == []
