"""Files made to break parsers: entity expansion (billion laughs), external entities (XXE),
scripts in HTML, oversize files. Each is read safely or refused with a specific error."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from pipeline.ingest import docx as docx_reader
from pipeline.ingest import read, sniff
from pipeline.ingest import html as html_reader
from pipeline.model import IngestError
from pipeline.runner import RunOptions, run
from tests.docx_factory import new_document, to_bytes

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx_with_document_xml(document_xml: str) -> bytes:
    """A real DOCX (python-docx) whose word/document.xml is replaced by the given XML."""
    doc = new_document()
    doc.add_paragraph("placeholder")
    source = zipfile.ZipFile(io.BytesIO(to_bytes(doc)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = document_xml.encode("utf-8") if item.filename == "word/document.xml" else source.read(item)
            out.writestr(item, data)
    return buffer.getvalue()


def _body(dtd: str, text: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{dtd}\n'
            f'<w:document {_W}><w:body><w:p><w:r><w:t>Zápis z jednání</w:t></w:r></w:p>'
            f'<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>')


BILLION_LAUGHS = """<!DOCTYPE w:document [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>"""


def test_billion_laughs_docx_is_refused_before_parsing():
    data = _docx_with_document_xml(_body(BILLION_LAUGHS, "&lol9;"))
    with pytest.raises(IngestError, match="refused DOCX: its part word/document.xml declares a DOCTYPE or "
                                          "entities.*entity expansion"):
        docx_reader.read(data)


def test_external_entity_docx_is_refused_and_never_reads_the_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TAJNE-HESLO-12345", encoding="utf-8")
    dtd = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    data = _docx_with_document_xml(_body(dtd, "&xxe;"))
    with pytest.raises(IngestError, match="refused DOCX: .*external entities") as caught:
        docx_reader.read(data)
    assert "TAJNE" not in str(caught.value)


def test_entities_stay_unexpanded_even_past_the_guard(tmp_path, monkeypatch):
    """Were the guard gone, the parsers still expand nothing and read no file."""
    monkeypatch.setattr(docx_reader, "_refuse_doctypes", lambda *args: None)
    secret = tmp_path / "secret.txt"
    secret.write_text("TAJNE-HESLO-12345", encoding="utf-8")
    dtd = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    result = docx_reader.read(_docx_with_document_xml(_body(dtd, "&xxe;")))
    assert "TAJNE" not in " ".join(b.text for b in result.blocks)
    with pytest.raises(IngestError, match="amplification"):  # libxml2's own limit
        docx_reader.read(_docx_with_document_xml(_body(BILLION_LAUGHS, "&lol9;")))


def test_real_zip_bomb_docx_is_refused_before_unpacking():
    """600 MiB of zeros deflate to well under 1 MiB: the package directory gives it away."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b"\0" * (1 << 20)
            for _ in range(600):
                part.write(chunk)
    assert len(buffer.getvalue()) < 2 * (1 << 20)
    with pytest.raises(IngestError, match=r"refused DOCX: it would unpack to 600 MiB \(limit 512 MiB\); "
                                          "it looks like a zip bomb"):
        docx_reader.read(buffer.getvalue())


def test_zip_bomb_odt_is_refused_before_libreoffice_sees_it(monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_ENTRIES", 100)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        for i in range(150):
            zf.writestr(f"Pictures/{i}.xml", "<a/>")
    data = buffer.getvalue()
    assert sniff(data, "odt") == "odt"
    with pytest.raises(IngestError, match="refused ODT: 151 entries in the package .*zip bomb"):
        read(data, "odt")


def test_external_entity_html_never_reads_the_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TAJNE-HESLO-12345", encoding="utf-8")
    page = (f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]><html><body><h1>Zápis</h1>'
            f'<p>Přítomni: &xxe;</p><script>document.write("SKRIPT-BEZEL")</script></body></html>')
    result = html_reader.read(page.encode("utf-8"))
    text = " ".join(b.text for b in result.blocks)
    assert "TAJNE" not in text and "SKRIPT" not in text and "Zápis" in text


def test_oversize_and_link_outside_the_input_are_rows_with_the_reason(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "velky.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024))
    outside = tmp_path / "mimo.docx"
    outside.write_bytes(b"x")
    (raw / "odkaz.docx").symlink_to(outside)
    (raw / "sub").mkdir()
    (raw / "slozka").symlink_to(raw / "sub", target_is_directory=True)
    (raw / "ven").symlink_to(tmp_path, target_is_directory=True)
    run(raw, tmp_path / "out", RunOptions(workers=0, max_file_mb=1))
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("source_path")
    assert docs.loc["velky.pdf", "status"] == "failed"
    assert "limit of 1 MB" in docs.loc["velky.pdf", "error"] and "--max-file-mb" in docs.loc["velky.pdf", "error"]
    assert "outside the input folder" in docs.loc["odkaz.docx", "error"]
    assert "outside the input folder" in docs.loc["ven", "error"]
    assert "link to a folder" in docs.loc["slozka", "error"] and docs.loc["slozka", "status"] == "failed"
