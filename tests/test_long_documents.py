"""Issue 13, point 18: the work on a document grows linearly with its length.

A 1,000-line programme once took time growing with the square of its length (capacity read
every sibling line's figures for every line; list intros were found by walking back from
every item; every organisation name was tried at every token of every block; every pair of
names was compared). The measure here is deterministic, not a timing: the function calls
(cProfile) that reading and extracting one file makes, in a fresh interpreter after the
per-worker warm-up, for a document and for the same kind of document twice as long. Per
character of text the longer one may cost a little more, never much more.

`make bench` times the same on long documents (bench/long_docs.py) against ordinary files.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench import long_docs, synthetic
from tests.conftest import ROOT

# Calls per character of the doubled document / of the document. Linear work gives about 1
# (a little less: the per-document work is shared by more text); quadratic work gave 1.3-1.8.
MAX_GROWTH = 1.15

_COUNT = """
import cProfile, json, pstats, sys
from pathlib import Path
from pipeline.runner import process_file, warm_up
warm_up()
path = Path(sys.argv[1])
profile = cProfile.Profile()
profile.enable()
result = process_file(path, path.parent)
profile.disable()
calls = sum(v[1] for v in pstats.Stats(profile).stats.values())
print(json.dumps({"calls": calls, "chars": sum(len(b["text"]) for b in result.blocks),
                  "status": result.document["status"], "error": result.document.get("error")}))
"""


def _work(path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", _COUNT, str(path)], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=900, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _growth(short: Path, long: Path) -> tuple[float, dict, dict]:
    a, b = _work(short), _work(long)
    assert a["status"] == b["status"] == "ok", (a, b)
    assert 1.6 < b["chars"] / a["chars"] < 2.6, (a, b)  # the long one is about twice as long
    return (b["calls"] / b["chars"]) / (a["calls"] / a["chars"]), a, b


def providers_html(path: Path, items: int) -> None:
    """A web page whose list of providers has `items` lines, each a different organisation
    with a service and a capacity ("Spolek Paprsek Nivnice, z. s. – pečovatelská služba, 2 úvazky").
    (Names that share their first word and number of words are still compared in pairs for
    typos, `normalise._candidate_pairs`: a list of hundreds of such names costs more per line.)"""
    kinds = ["Spolek", "Charita", "Centrum", "Diakonie", "Klub", "Domov", "Nadace", "Sdružení"]
    lines = []
    for i in range(items):
        word = synthetic.ASSOC_WORDS[i % len(synthetic.ASSOC_WORDS)]
        place = synthetic.VILLAGES[(i // len(synthetic.ASSOC_WORDS)) % len(synthetic.VILLAGES)]
        service = ["pečovatelská služba", "osobní asistence", "odlehčovací služby"][i % 3]
        lines.append(f"<li>{kinds[i % len(kinds)]} {word} {place}, z. s. – {service}, {1 + i % 4} úvazky</li>")
    path.write_text("<html><head><meta charset='utf-8'><title>Zápis</title></head><body>"
                    "<h1>Zápis z jednání pracovní skupiny Senioři</h1><p>Datum jednání: 12. 4. 2023</p>"
                    "<p>V regionu působí tito poskytovatelé:</p><ul>" + "".join(lines) + "</ul></body></html>",
                    encoding="utf-8")


@pytest.mark.parametrize("kind", ["programme.txt", "programme.docx", "providers.html", "minutes.docx"])
def test_work_per_character_does_not_grow_with_the_document(kind: str, tmp_path: Path) -> None:
    stem, ext = kind.split(".")
    paths = []
    short = long_docs.long_minutes(8)
    for size in (1, 2):
        path = tmp_path / f"{stem}_{size}.{ext}"
        if kind == "programme.txt":
            long_docs.programme_txt(path, 150 * size)
        elif kind == "programme.docx":
            long_docs.programme_docx(path, 150 * size)
        elif kind == "providers.html":
            providers_html(path, 120 * size)
        else:  # realistic minutes: attendees, programme, plan, organisations, services, capacities
            weight = size * sum(synthetic._weight(e) for e in short.elements)
            synthetic.to_docx(long_docs.long_minutes(0, weight=weight), path)
        paths.append(path)
    growth, a, b = _growth(*paths)
    assert growth <= MAX_GROWTH, f"{kind}: {a['calls']} calls for {a['chars']} chars, {b['calls']} for {b['chars']}"


def test_work_per_character_of_a_long_pdf_does_not_grow(tmp_path: Path) -> None:
    """150 and 300 programme lines in a PDF (LibreOffice's export, as most real PDFs): 7 and 13 pages."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice (soffice) not installed: cannot make the test PDF")
    paths = [tmp_path / f"programme_{lines}.pdf" for lines in (150, 300)]
    for path, lines in zip(paths, (150, 300)):
        long_docs.programme_docx(path.with_suffix(".docx"), lines)
        long_docs.to_pdf(path.with_suffix(".docx"), path)
    growth, a, b = _growth(*paths)
    assert growth <= MAX_GROWTH, f"{a['calls']} calls for {a['chars']} chars, {b['calls']} for {b['chars']}"
