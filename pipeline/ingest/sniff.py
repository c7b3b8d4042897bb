"""Decide a file's format from its bytes, not its name: a PDF renamed to
.docx is still read as a PDF."""

from __future__ import annotations

import io
import zipfile

# Formats the pipeline reads (.doc/.odt/.rtf through LibreOffice, see office.py), and what would read the others.
READABLE = {"docx", "pdf", "html", "txt", "doc", "odt", "rtf"}  # the last three through LibreOffice
OTHER_FORMATS = {
    "pptx": "a PowerPoint presentation; export it to PDF to have its text read",
    "ppt": "a PowerPoint 97-2003 presentation; export it to PDF to have its text read",
    "xlsx": "an Excel workbook; minutes are not read from spreadsheets, export the sheet to PDF if it holds minutes",
    "xls": "an Excel 97-2003 workbook; minutes are not read from spreadsheets",
    "odp": "an OpenDocument presentation; export it to PDF to have its text read",
    "ods": "an OpenDocument spreadsheet; minutes are not read from spreadsheets",
    "ole": "an OLE compound file (old Office format or an encrypted Office document); if it is password-protected, save an unprotected copy as .docx",
    "zip": "a ZIP archive that is not an Office document; unpack it into the input folder",
    "image": "an image; put the scanned pages into a PDF (one page per image) to have them read by OCR",
    "binary": "not a document format the pipeline knows",
    "empty": "an empty file (0 bytes); the download or copy was probably cut off",
}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM")


def sniff(data: bytes, extension: str = "") -> str:
    """Return the content format: one of READABLE or a key of OTHER_FORMATS."""
    if not data:
        return "empty"
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(data)
    if head.startswith(_OLE):
        return _sniff_ole(data, extension)
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(_IMAGE_MAGIC):
        return "image"
    text = _as_text(head)
    if text is None:
        return "binary"
    probe = text.lstrip().lower()
    if probe.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text.lower()[:2048] \
            or probe.startswith("<!doctype html") \
            or any(tag in probe[:2048] for tag in ("<html", "<body", "<head>")):
        return "html"
    if extension in {"html", "htm", "xhtml"} and probe.startswith("<"):
        return "html"
    return "txt"


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "mimetype" in names:
                mime = zf.read("mimetype")[:100].decode("ascii", "replace").strip()
                for kind in ("text", "presentation", "spreadsheet"):
                    if mime.endswith(f"opendocument.{kind}"):
                        return {"text": "odt", "presentation": "odp", "spreadsheet": "ods"}[kind]
            if any(n.startswith("word/") for n in names) or "[Content_Types].xml" in names and \
                    b"wordprocessingml" in zf.read("[Content_Types].xml"):
                return "docx"
            if any(n.startswith("ppt/") for n in names):
                return "pptx"
            if any(n.startswith("xl/") for n in names):
                return "xlsx"
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return "docx" if data[:4] == b"PK\x03\x04" else "zip"
    return "zip"


def _sniff_ole(data: bytes, extension: str) -> str:
    if b"W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t" in data[:200_000]:
        return "doc"
    if b"P\x00o\x00w\x00e\x00r\x00P\x00o\x00i\x00n\x00t" in data[:200_000]:
        return "ppt"
    if b"W\x00o\x00r\x00k\x00b\x00o\x00o\x00k" in data[:200_000]:
        return "xls"
    return extension if extension in {"doc", "ppt", "xls"} else "ole"


def _as_text(head: bytes) -> str | None:
    """The head decoded as text, or None when it looks binary."""
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(enc, "ignore")
    if b"\x00" in head:
        # UTF-16 without BOM: every other byte zero
        if head[1::2].count(0) > len(head) // 4:
            return head.decode("utf-16-le", "ignore")
        if head[0::2].count(0) > len(head) // 4:
            return head.decode("utf-16-be", "ignore")
        return None
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if controls > len(head) // 20:
        return None
    return head.decode("latin-1")
