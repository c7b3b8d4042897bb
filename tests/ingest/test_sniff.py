"""Format detection reads content, not names."""

from __future__ import annotations

import io
import zipfile

import pytest

from pipeline.ingest import read
from pipeline.ingest.sniff import sniff
from pipeline.model import IngestError
from tests.conftest import CORPUS_RAW, PEERS, need


def test_pdf_named_docx_is_pdf():
    data = need(CORPUS_RAW / "001_7f5b36c52eeef91b.pdf").read_bytes()
    assert sniff(data, "docx") == "pdf"


def test_docx_named_txt_is_docx():
    data = need(CORPUS_RAW / "001_7f5b36c52eeef91b.docx").read_bytes()
    assert sniff(data, "txt") == "docx"


@pytest.mark.parametrize("name, expected", [
    ("docling/legacy_sample.doc", "doc"), ("docling/text_document_01.odt", "odt"),
    ("unstructured/fake-doc.rtf", "rtf"), ("markitdown/test.pptx", "pptx"), ("markitdown/test.xlsx", "xlsx"),
    ("unstructured/example-steelJIS-datasheet-utf-16.html", "html"), ("pdfplumber/empty.pdf", "empty"),
])
def test_peer_formats(name, expected):
    assert sniff(need(PEERS / name).read_bytes(), name.rsplit(".", 1)[1]) == expected


def test_html_without_doctype_and_plain_text():
    assert sniff("<p>Zápis z jednání</p><body>".encode(), "htm") == "html"
    assert sniff("Zápis z jednání\nPřítomni: viz prezenční listina\n".encode("cp1250"), "") == "txt"


def test_unknown_zip_and_binary():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("data.csv", "a;b")
    assert sniff(buffer.getvalue(), "zip") == "zip"
    assert sniff(bytes(range(256)) * 4, "bin") == "binary"


@pytest.mark.parametrize("fmt, words", [("pptx", "PowerPoint"), ("xlsx", "Excel"), ("image", "OCR"),
                                         ("binary", "not a document format")])
def test_unsupported_formats_name_the_format_and_the_way_out(fmt, words):
    with pytest.raises(IngestError, match="unsupported format") as info:
        read(b"x", fmt)
    assert words in str(info.value)
