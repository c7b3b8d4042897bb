"""Builds real DOCX files for tests with python-docx, including list
numbering definitions that python-docx has no API for."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Sequence

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

W_NS = nsdecls("w")


def new_document() -> docx.Document:
    return docx.Document()


def add_abstract_numbering(document: docx.Document, levels: Sequence[tuple[str, str, int]],
                           abstract_id: int = 90) -> int:
    """Define a multi-level list; levels = (numFmt, lvlText, start) per ilvl. Returns its numId."""
    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text, start) in enumerate(levels))
    abstract = parse_xml(f'<w:abstractNum {W_NS} w:abstractNumId="{abstract_id}">'
                         f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    return add_num(document, abstract_id)


def add_num(document: docx.Document, abstract_id: int, start_override: int | None = None) -> int:
    """A new list instance of an abstract numbering, optionally restarting at a value."""
    numbering = document.part.numbering_part.element
    num_id = max([int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))] + [100]) + 1
    override = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start_override}"/></w:lvlOverride>'
                if start_override is not None else "")
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                               f'{override}</w:num>'))
    return num_id


def numbered(document: docx.Document, text: str, num_id: int, ilvl: int = 0):
    """A paragraph in list `num_id` at level `ilvl` (the number is not in the text)."""
    paragraph = document.add_paragraph(text, style="List Paragraph")
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def to_bytes(document: docx.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def minutes(heading: str, *paragraphs: str | tuple[str | None, str]) -> docx.Document:
    """A DOCX of minutes: a level-1 heading, then paragraphs (text, or (style, text))."""
    document = new_document()
    document.add_heading(heading, level=1)
    for paragraph in paragraphs:
        style, text = paragraph if isinstance(paragraph, tuple) else (None, paragraph)
        document.add_paragraph(text, style=style)
    return document


def run_docx(tmp_path: Path, document: docx.Document) -> Path:
    """Write the document as the one file of an archive, run the real pipeline over it and
    return the folder of its tables."""
    from pipeline.runner import RunOptions, run

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "zapis.docx").write_bytes(to_bytes(document))
    run(raw, out, RunOptions(workers=0))
    return out


def run_html(tmp_path: Path, body: str, name: str = "zapis.html") -> Path:
    """Write `body` as a UTF-8 web page, the one file of an archive, run the real pipeline over it
    and return the folder of its tables."""
    from pipeline.runner import RunOptions, run

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / name).write_text(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>", encoding="utf-8")
    run(raw, out, RunOptions(workers=0))
    return out


def table_rows(out: Path, table: str, *columns: str) -> set[tuple]:
    """The rows of one written table as tuples of the given columns (order-free comparison)."""
    import pandas as pd

    frame = pd.read_parquet(out / f"{table}.parquet")
    return set(zip(*(frame[column] for column in columns)))
