"""Long documents for `make bench` (issue 13, point 18): the pipeline's time must grow
linearly with a document's length, so a long file costs per character what an ordinary one does.

    python bench/long_docs.py FOLDER        # write (or reuse) the long documents in FOLDER

The documents (all invented):

* `programme_1000.{docx,txt}`: 1,000 programme-like list lines ("N. Bod programu N:
  projednání kapacit služby, Jana Nováková, Petr Dvořák"), the shape that once took
  time growing with the square of the list's length;
* `programme_100p.pdf`: such lines over 100 PDF pages (LibreOffice's export of the DOCX);
* `minutes_100p.{docx,pdf,html}`: realistic minutes about 100 pages long: the elements
  of consecutive synthetic minutes (bench/synthetic.py) one after another, so every
  extractor (attendees, programme, plan, organisations, services, capacities) has work
  all along the document.

`huge(...)` writes the stress cases of the issue (a DOCX of 200,000 paragraphs, an HTML
page of 50 MB, a PDF of 1,000 pages): they must finish within the default time limit or
fail with the reason.
"""

from __future__ import annotations

import html
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench import synthetic  # noqa: E402

sample = synthetic.sample
LONG_VERSION = 1  # bump whenever the generated files change
PROGRAMME_LINES = 1000
MINUTES_PAGES = 100


def programme_line(i: int) -> str:
    """One line of the long programme (the list's own number is the DOCX label / the TXT text)."""
    return f"Bod programu {i}: projednání kapacit služby, Jana Nováková, Petr Dvořák"


def programme_docx(path: Path, lines: int) -> None:
    """A DOCX whose programme is one Word-numbered list of `lines` lines."""
    m = sample.Minutes("Zápis z jednání pracovní skupiny Senioři", "Jana Nováková")
    m.p("Zápis z jednání pracovní skupiny Senioři", style="Title")
    m.label("Datum jednání:", "12. 4. 2023")
    m.p(("Program:", "b"))
    num = m.numbered_list("%1.")
    for i in range(1, lines + 1):
        m.li(num, 0, programme_line(i))
    m.save(path)


def programme_txt(path: Path, lines: int) -> None:
    head = ["Zápis z jednání pracovní skupiny Senioři", "Datum jednání: 12. 4. 2023", "Program:"]
    body = [f"{i}. {programme_line(i)}" for i in range(1, lines + 1)]
    path.write_text("\n".join(head + body) + "\n", encoding="utf-8")


def long_minutes(pages: int, seed: int = synthetic.DEFAULT_SEED, weight: int | None = None) -> synthetic.Doc:
    """Realistic minutes of about `pages` pages (or `weight`, see synthetic._weight): synthetic
    minutes 0, 1, 2, ... one after another (the first one's title, header and lists; then each
    later one's elements)."""
    doc = synthetic.draw(seed, 0)
    index = 1
    target = weight if weight is not None else pages * synthetic.CHARS_PER_PAGE
    while sum(synthetic._weight(e) for e in doc.elements) < target:
        doc.elements += synthetic.draw(seed, index).elements
        index += 1
    doc.target_pages = synthetic.estimated_pages(doc)
    return doc


def minutes_html(doc: synthetic.Doc) -> bytes:
    return synthetic.to_html(doc, random.Random(f"{synthetic.DEFAULT_SEED}:long-html"))


def to_pdf(docx: Path, pdf: Path) -> None:
    """LibreOffice's export (as the synthetic archive's PDFs), with fixed dates and /ID."""
    soffice = sample.find_soffice()
    if not soffice:
        raise SystemExit("the long PDFs need LibreOffice (make setup-system)")
    with tempfile.TemporaryDirectory(prefix="kpss-long-") as tmp:
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "pdf",
                        "--outdir", tmp, str(docx)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=900)
        made = Path(tmp) / (docx.stem + ".pdf")
        sample.stabilise_pdf(made)
        shutil.move(str(made), pdf)


def pdf_of_pages(path: Path, pages: int, make_docx: Callable[[Path, int], None], first_guess: int) -> None:
    """A PDF of at least `pages` pages (LibreOffice's export of the DOCX `make_docx(docx, size)`
    writes); the size is corrected once from the page count of the first export."""
    size = first_guess
    with tempfile.TemporaryDirectory(prefix="kpss-long-") as tmp:
        src = Path(tmp) / path.with_suffix(".docx").name
        for _ in range(3):
            make_docx(src, size)
            to_pdf(src, path)
            got = synthetic._pdf_pages(path)
            if pages <= got <= pages * 1.1:
                return
            size = max(1, round(size * (pages + 1) / got))


def programme_pdf(path: Path, pages: int) -> None:
    """Programme lines over `pages` PDF pages (about 24 lines a page in LibreOffice's export)."""
    pdf_of_pages(path, pages, programme_docx, pages * 24)


def minutes_pdf(path: Path, pages: int) -> None:
    """Realistic minutes over `pages` PDF pages."""
    pdf_of_pages(path, pages, lambda docx, est: synthetic.to_docx(long_minutes(est), docx), pages * 5 // 4)


def ensure(folder: Path, log: Any = print) -> dict[str, Any]:
    """The long documents in `folder` with a manifest; made once, then reused."""
    manifest_path = folder / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest["version"] == LONG_VERSION and all((folder / "raw" / f).exists() for f in manifest["files"]):
            return manifest
    except (OSError, ValueError, KeyError):
        pass
    log(f"  writing the long documents to {folder / 'raw'} ...")
    raw = folder / "raw"
    shutil.rmtree(raw, ignore_errors=True)
    raw.mkdir(parents=True)
    programme_docx(raw / f"programme_{PROGRAMME_LINES}.docx", PROGRAMME_LINES)
    programme_txt(raw / f"programme_{PROGRAMME_LINES}.txt", PROGRAMME_LINES)
    programme_pdf(raw / f"programme_{MINUTES_PAGES}p.pdf", MINUTES_PAGES)
    doc = long_minutes(MINUTES_PAGES)
    synthetic.to_docx(doc, raw / f"minutes_{MINUTES_PAGES}p.docx")
    (raw / f"minutes_{MINUTES_PAGES}p.html").write_bytes(minutes_html(doc))
    minutes_pdf(raw / f"minutes_{MINUTES_PAGES}p.pdf", MINUTES_PAGES)
    files = sorted(p.name for p in raw.iterdir())
    manifest = {"version": LONG_VERSION, "files": files,
                "pdf_pages": {f: synthetic._pdf_pages(raw / f) for f in files if f.endswith(".pdf")}}
    manifest_path.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


# --------------------------------------------------------------------------- the stress cases


def huge_docx(path: Path, paragraphs: int = 200_000) -> None:
    """A DOCX of `paragraphs` short paragraphs (written as XML directly: python-docx takes minutes)."""
    sentences = ["Pracovní skupina projednala návrh akčního plánu na rok 2024.",
                 "Poskytovatelé informovali o vytíženosti služeb v regionu.",
                 "Koordinátorka shrnula připomínky členů skupiny a termíny."]
    body = "".join(f"<w:p><w:r><w:t>{html.escape(sentences[i % 3])}</w:t></w:r></w:p>" for i in range(paragraphs))
    m = sample.Minutes("Zápis", "Jana Nováková")
    m.p("Zápis z jednání pracovní skupiny Senioři", style="Title")
    with tempfile.TemporaryDirectory(prefix="kpss-huge-") as tmp:
        small = Path(tmp) / "small.docx"
        m.save(small)
        import zipfile

        with zipfile.ZipFile(small) as z:
            entries = [(info, z.read(info.filename)) for info in z.infolist()]
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
            for info, data in entries:
                if info.filename == "word/document.xml":
                    data = data.replace(b"<w:sectPr", body.encode("utf-8") + b"<w:sectPr", 1)
                z.writestr(info, data)


def huge_html(path: Path, megabytes: int = 50) -> None:
    """An HTML page of about `megabytes` MB of paragraphs of minutes."""
    doc = long_minutes(MINUTES_PAGES)
    raw = minutes_html(doc)
    charset = re.search(rb"charset=\"?([\w-]+)", raw).group(1).decode()  # type: ignore[union-attr]
    one = raw.decode(charset).replace(f"charset={charset}", "charset=utf-8")
    start, end = one.find("<body"), one.rfind("</body>")
    body = one[one.find(">", start) + 1:end]
    copies = max(1, megabytes * 2**20 // max(1, len(body.encode("utf-8"))))
    page = one[:one.find(">", start) + 1] + body * copies + one[end:]
    path.write_text(page, encoding="utf-8")


def huge_pdf(path: Path, pages: int = 1000) -> None:
    """A PDF of about `pages` pages of realistic minutes."""
    minutes_pdf(path, pages)


if __name__ == "__main__":
    print(json.dumps(ensure(Path(sys.argv[1])), indent=1))
