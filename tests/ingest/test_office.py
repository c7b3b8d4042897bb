"""Older formats (.doc, .odt, .rtf) read through LibreOffice: made here from the dev minutes'
DOCX files by LibreOffice itself, then read back and compared word by word with the DOCX."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from pipeline.ingest import read, sniff
from pipeline.ingest.office import find_soffice
from pipeline.model import IngestError
from tests.conftest import CORPUS_RAW, PEERS, need
from tests.wordcheck import coverage

needs_soffice = pytest.mark.skipif(find_soffice() is None,
                                   reason="LibreOffice is not installed (make setup-system installs it)")


def _convert(source: Path, fmt: str, outdir: Path) -> Path:
    """The DOCX saved as another format by LibreOffice (as an office would have saved it)."""
    filters = {"doc": "doc:MS Word 97", "odt": "odt", "rtf": "rtf", "pdf": "pdf"}
    subprocess.run([find_soffice(), f"-env:UserInstallation={(outdir / 'profile').as_uri()}", "--headless",
                    "--convert-to", filters[fmt], "--outdir", str(outdir), str(source)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    return outdir / f"{source.stem}.{fmt}"


@pytest.fixture(scope="module")
def dev_docx() -> list[Path]:
    return sorted(need(CORPUS_RAW).glob("*.docx"))


@needs_soffice
@pytest.mark.parametrize("fmt", ["doc", "odt", "rtf"])
def test_dev_minutes_saved_in_older_formats_read_back_word_for_word(dev_docx, tmp_path, fmt):
    for source in dev_docx:
        converted = _convert(source, fmt, tmp_path)
        data = converted.read_bytes()
        assert sniff(data, fmt) == fmt
        result = read(data, fmt)
        assert any("LibreOffice" in w for w in result.warnings)
        reference = [b.text for b in read(source.read_bytes(), "docx").blocks]
        assert coverage("\n".join(reference), [b.text for b in result.blocks]) >= 0.99, source.name


@needs_soffice
@pytest.mark.parametrize("name, fmt", [("docling/legacy_sample.doc", "doc"), ("unstructured/simple.odt", "odt"),
                                       ("unstructured/fake-doc.rtf", "rtf")])
def test_peer_files_in_older_formats_give_blocks(name, fmt):
    data = need(PEERS / name).read_bytes()
    result = read(data, sniff(data, fmt))
    assert result.blocks and all(b.text.strip() for b in result.blocks)


@needs_soffice
def test_a_damaged_doc_is_a_specific_error():
    data = need(PEERS / "docling" / "legacy_sample.doc").read_bytes()
    with pytest.raises(IngestError, match="LibreOffice|no text"):
        read(data[:2048], "doc")


def _minimal_odt() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.mark.parametrize("fmt, words", [("doc", "Word 97-2003"), ("odt", "OpenDocument"), ("rtf", "RTF")])
def test_without_libreoffice_the_error_names_the_format_and_the_package(monkeypatch, fmt, words):
    monkeypatch.setenv("KPSS_SOFFICE", "/nonexistent/soffice")
    data = {"rtf": b"{\\rtf1 x}", "doc": b"x" * 100, "odt": _minimal_odt()}[fmt]
    with pytest.raises(IngestError) as caught:
        read(data, fmt)
    assert words in str(caught.value) and "libreoffice-writer-nogui" in str(caught.value)


def _odt_with_start_value(tmp_path: Path) -> Path:
    """An agenda typed in LibreOffice Writer: a numbered list "1)" whose second item was set
    to start at 5 (Writer's "Restart numbering / start at"), saved as ODT."""
    import zipfile

    from tests.docx_factory import add_abstract_numbering, new_document, numbered

    doc = new_document()
    doc.add_paragraph("Program jednání:")
    agenda = add_abstract_numbering(doc, [("decimal", "%1)", 1)])
    for text in ("Zahájení", "Kontrola zápisu", "Různé"):
        numbered(doc, text, agenda)
    doc.save(str(tmp_path / "agenda.docx"))
    plain = _convert(tmp_path / "agenda.docx", "odt", tmp_path)
    with zipfile.ZipFile(plain) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    content = parts["content.xml"].decode("utf-8")
    second = content.index("<text:list-item>", content.index("<text:list-item>") + 1)
    content = content[:second] + '<text:list-item text:start-value="5">' + content[second + 16:]
    parts["content.xml"] = content.encode("utf-8")
    odt = tmp_path / "agenda_start.odt"
    with zipfile.ZipFile(odt, "w") as target:
        target.writestr(zipfile.ZipInfo("mimetype"), parts.pop("mimetype"))
        for name, data in parts.items():
            target.writestr(name, data, zipfile.ZIP_DEFLATED)
    return odt


@needs_soffice
def test_odt_list_labels_are_the_numbers_libreoffice_shows(tmp_path):
    """LibreOffice writes an ODT item's start value as a second numbering instance with a
    start override, and the items after it in the first instance again: Word and LibreOffice
    count on from the override ("1) 5) 6)"), not from the first instance ("1) 5) 2)")."""
    odt = _odt_with_start_value(tmp_path)
    labels = [b.label for b in read(odt.read_bytes(), "odt").blocks if b.kind == "list_item"]
    shown = _convert(odt, "pdf", tmp_path)  # what LibreOffice itself prints
    printed = [b.label for b in read(shown.read_bytes(), "pdf").blocks if b.kind == "list_item"]
    assert printed == ["1)", "5)", "6)"]
    assert labels == printed
