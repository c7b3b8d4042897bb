"""Older and other word-processor formats (.doc, .odt, .rtf) through LibreOffice.

No Python library reads Word 97-2003 binaries, and ODT/RTF readers lose lists
and tables; LibreOffice reads all three as Word does. Each file is converted
to DOCX by `soffice --headless --convert-to docx` in a throw-away user profile
(parallel workers never share one) with a time limit, and the DOCX goes
through the DOCX reader, so lists, tables, headers and text boxes come out as
for any DOCX. The document's `warnings` say that the text came from a
conversion. Without LibreOffice the error says how to install it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from pipeline.model import IngestError, IngestResult

CONVERT_TIMEOUT = 45.0  # seconds; below the run's default per-file limit (60 s)

_NAMES = {"doc": "a Word 97-2003 document (.doc)", "odt": "an OpenDocument text (.odt)", "rtf": "an RTF document"}
INSTALL_HINT = ("install LibreOffice (Debian/Ubuntu package libreoffice-writer-nogui, or `make setup-system`) "
                "to read {what} files, or convert it to .docx")


def find_soffice() -> str | None:
    """The LibreOffice binary, if installed. `KPSS_SOFFICE` names another one, or turns
    LibreOffice off when it names nothing runnable (KPSS_SOFFICE=none)."""
    if "KPSS_SOFFICE" in os.environ:
        return shutil.which(os.environ["KPSS_SOFFICE"])
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(data: bytes) -> IngestResult:
    return _read(data, "doc")


def read_odt(data: bytes) -> IngestResult:
    return _read(data, "odt")


def read_rtf(data: bytes) -> IngestResult:
    return _read(data, "rtf")


def _read(data: bytes, fmt: str) -> IngestResult:
    from pipeline.ingest import docx as docx_reader

    if fmt == "odt":  # a ZIP package: refused before anything unpacks it, as a DOCX would be
        docx_reader.check_package(data, "ODT")
    converted = to_docx(data, fmt)
    try:
        result = docx_reader.read(converted)
    except IngestError as exc:
        raise IngestError(f"{exc} (after LibreOffice converted the {fmt} file to .docx)") from exc
    result.warnings.insert(0, f"converted from .{fmt} to .docx by LibreOffice before reading")
    return result


def to_docx(data: bytes, fmt: str) -> bytes:
    """The file converted to DOCX by LibreOffice; IngestError when that is not possible."""
    what = _NAMES.get(fmt, fmt)
    soffice = find_soffice()
    if soffice is None:
        raise IngestError(f"unsupported format without LibreOffice: the file is {what}; "
                          + INSTALL_HINT.format(what=f".{fmt}"))
    with tempfile.TemporaryDirectory(prefix="kpss-soffice-") as tmp:
        work = Path(tmp)
        source = work / f"input.{fmt}"
        source.write_bytes(data)
        outdir = work / "out"
        command = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outdir), str(source)]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)  # its own group: a timeout kills all of it
        try:
            process.wait(timeout=CONVERT_TIMEOUT)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            raise IngestError(f"LibreOffice took longer than {CONVERT_TIMEOUT:g} s to convert {what}; "
                              "the file may be damaged: open it in an office suite and save it as .docx") from None
        converted = outdir / "input.docx"
        if process.returncode != 0 or not converted.is_file() or converted.stat().st_size == 0:
            raise IngestError(f"LibreOffice could not convert {what} (exit code {process.returncode}); "
                              "the file may be damaged or password-protected: open it in an office suite "
                              "and save it as .docx")
        return converted.read_bytes()


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.wait()
