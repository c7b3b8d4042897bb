"""`make bench`'s speed targets of issue 14 (bench/run_bench.py): the verdicts follow the
issue's limits, and the per-file figures put extraction beside one spaCy pass.

No timing here: hand-made figures in, verdicts and derived figures out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.run_bench import ROOT, parts_figures, targets


def _part(fmt: str, extract_s: float, spacy_s: float, chars: int = 5000) -> dict[str, Any]:
    """One file's figures in CPU seconds; its wall seconds three times as long (a busy machine)."""
    return {"rel": f"a.{fmt}", "format": fmt, "pages": 4, "chars": chars, "blocks": 50, "read_s": 0.03,
            "spacy_pass_s": 3 * spacy_s, "extract_s": 3 * extract_s, "read_cpu_s": 0.01,
            "spacy_pass_cpu_s": spacy_s, "extract_cpu_s": extract_s, "plumber_pages": 0, "plumber_parse_s": 0.0}


def _results(extract_ms: dict[str, float], per_core: dict[str, float], md_ratio: dict[str, float]) -> dict[str, Any]:
    parts = parts_figures({"files": [_part(f, ms / 1000, 0.004) for f, ms in extract_ms.items()],
                           "spacy_pass": "annotate", "extract_includes_spacy_pass": True})
    per_format = {f: {"files_per_s_per_core": v, "pages_per_s_per_core": v, "files_per_cpu_s": v,
                      "pages_per_cpu_s": v} for f, v in per_core.items()}
    markitdown = {f: {"markitdown_errors": 0, "files": 40, "ratio_end_to_end": r, "ratio_cpu": r}
                  for f, r in md_ratio.items()}
    size = {"parts": parts, "per_format": per_format, "markitdown": markitdown,
            "runs": {"full": {"peak_rss_tree_mb": 500.0, "wall_seconds": 60.0, "cpu_seconds": 100.0}},
            "incremental": {"nothing_changed_share": 0.01, "one_percent_changed_share": 0.05}}
    return {"sizes": {"1000": size}}


def _verdicts(rows: list[dict[str, Any]], target: str) -> dict[str, str]:
    return {r["what"].split()[0]: r["result"] for r in rows if r["target"] == target}


def test_issue_14_limits_decide_each_verdict() -> None:
    """Extraction is judged on the process's CPU time (wall time here is three times as long)."""
    rows = targets(_results(extract_ms={"docx": 20.0, "html": 21.0, "pdf": 15.5},
                            per_core={"docx": 30.0, "html": 39.9, "pdf": 30.0},
                            md_ratio={"docx": 7.9, "pdf": 3.0, "html": 1.0}))
    assert _verdicts(rows, "14a") == {"docx": "PASS", "html": "FAIL", "pdf": "FAIL"}
    assert _verdicts(rows, "14b") == {"docx": "PASS", "html": "FAIL", "pdf": "PASS"}
    assert _verdicts(rows, "14c") == {"docx": "FAIL", "pdf": "PASS", "html": "PASS"}
    assert not any(r["target"] in ("1", "2") for r in rows), "the withdrawn targets 1 and 2 are gone"
    limits = {r["what"].split()[0] + r["target"]: r["limit"] for r in rows}
    assert limits["pdf14a"] == "<= 15 ms" and limits["pdf14b"] == ">= 30 pages/s" and limits["html14c"] == ">= 1×"


def test_extraction_is_printed_per_1000_characters_beside_one_spacy_pass() -> None:
    figures = parts_figures({"files": [_part("docx", 0.030, 0.006, chars=6000), _part("docx", 0.010, 0.002, chars=4000)],
                             "spacy_pass": "annotate", "extract_includes_spacy_pass": True})["docx"]
    assert figures["extract_ms"] == 20.0 and figures["spacy_pass_ms"] == 4.0
    assert figures["extract_ms_per_1000_chars"] == 4.0 and figures["spacy_pass_ms_per_1000_chars"] == 0.8
    assert figures["extract_vs_spacy_pass"] == 5.0 and figures["relations_ms"] == 16.0
    assert figures["extract_wall_ms"] == 60.0


def test_older_code_whose_extraction_has_no_spacy_pass_gets_no_relations_figure() -> None:
    figures = parts_figures({"files": [_part("html", 0.060, 0.004)], "spacy_pass": "nlp().pipe",
                             "extract_includes_spacy_pass": False})["html"]
    assert figures["relations_ms"] is None and figures["spacy_pass_via"] == "nlp().pipe"


def test_parts_times_the_extract_stage_and_the_spacy_pass_of_the_code_it_runs(tmp_path: Path) -> None:
    """`bench/child.py parts` on real files with this checkout's pipeline: the extract stage has
    `annotate`, so the pass is that one and the extraction includes it."""
    import docx

    doc = docx.Document()
    for line in ["Zápis z jednání pracovní skupiny Senioři", "Přítomni: Mgr. Jana Nováková, Petr Dvořák",
                 "1. Kapacity služeb", "Opatření 1.1 Navýšit kapacitu o 0,5 úvazku. Termín: 31. 12. 2025"]:
        doc.add_paragraph(line)
    doc.save(tmp_path / "zapis.docx")
    (tmp_path / "zapis.html").write_text(
        "<html><head><meta charset='utf-8'><title>Zápis</title></head><body><h1>Zápis z jednání</h1>"
        "<p>Přítomni: Jana Nováková, Petr Dvořák</p><p>1. Kapacity služeb</p></body></html>", encoding="utf-8")
    listing = tmp_path / "files.json"
    listing.write_text(json.dumps([{"path": str(tmp_path / name), "format": name.split(".")[1], "pages": 1,
                                    "rel": name} for name in ("zapis.docx", "zapis.html")]), encoding="utf-8")
    result = tmp_path / "parts.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "child.py"), "parts", str(listing), str(result)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    parts = json.loads(result.read_text(encoding="utf-8"))
    assert parts["spacy_pass"] == "annotate" and parts["extract_includes_spacy_pass"] is True
    assert [r["format"] for r in parts["files"]] == ["docx", "html"]
    for row in parts["files"]:
        assert row["chars"] > 0 and row["blocks"] > 0
        assert {"read_s", "spacy_pass_s", "extract_s", "plumber_parse_s"} <= row.keys()
    figures = parts_figures(parts)
    assert set(figures) == {"docx", "html"} and figures["html"]["relations_ms"] is not None
