"""Ingest stage: any supported file -> ordered text blocks.

One module per format. Each exposes `read(data: bytes) -> IngestResult`
and raises `IngestError` with a user-facing message when the file cannot be
read. The format is decided from the bytes (`sniff`), so an extension that
lies does not matter. To add a format, write a module with `read` and name
it in `READERS`; modules are imported on first use, so a run over DOCX
files never loads the PDF stack.

Typical use: `fmt = sniff(data, extension)`, then `read(data, fmt)`.
"""

from __future__ import annotations

import importlib
from typing import Callable

from pipeline.ingest.sniff import OTHER_FORMATS, sniff
from pipeline.model import IngestError, IngestResult

# format -> "module" (its `read`) or "module:function"
READERS: dict[str, str] = {
    "docx": "pipeline.ingest.docx",
    "pdf": "pipeline.ingest.pdf",
    "html": "pipeline.ingest.html",
    "txt": "pipeline.ingest.txt",
    "doc": "pipeline.ingest.office:read_doc",  # through LibreOffice, when installed
    "odt": "pipeline.ingest.office:read_odt",
    "rtf": "pipeline.ingest.office:read_rtf",
}


def read(data: bytes, fmt: str) -> IngestResult:
    """Read bytes of a sniffed format. Raises IngestError for unreadable input."""
    if fmt == "empty":
        raise IngestError("empty file (0 bytes): the download or copy was probably cut off; fetch the file again")
    if fmt not in READERS:
        raise IngestError(f"unsupported format: the file is {OTHER_FORMATS.get(fmt, fmt)}")
    return reader(fmt)(data)


def reader(fmt: str) -> Callable[[bytes], IngestResult]:
    """The read function of a format in READERS (its module imported on first use)."""
    module, _, function = READERS[fmt].partition(":")
    return getattr(importlib.import_module(module), function or "read")


__all__ = ["READERS", "read", "reader", "sniff"]
