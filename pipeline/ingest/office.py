"""Older and other word-processor formats (.doc, .odt, .rtf) through LibreOffice.

No Python library reads Word 97-2003 binaries, and ODT/RTF readers lose lists
and tables; LibreOffice reads all three as Word does. Each file is converted
to DOCX by `soffice --headless --convert-to docx` in a throw-away user profile
(parallel workers never share one) with a time limit, and the DOCX goes
through the DOCX reader, so lists, tables, headers and text boxes come out as
for any DOCX. The document's `warnings` say that the text came from a
conversion. Without LibreOffice the error says how to install it.

LibreOffice runs in its own session, so killing the worker (a time limit, a
SIGKILL) would leave it running with its profile in the temporary folder: a
guard process kills it and removes the folder when the worker dies
(`soffice_guard`), and folders of dead owners are removed at the next run.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from pipeline import tools
from pipeline.ingest.soffice_guard import PROFILE_PREFIX, Guard, remove_stale_profiles
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
        tools.note("soffice", tools.MISSING)  # installing LibreOffice changes this result (cache key)
        raise IngestError(f"unsupported format without LibreOffice: the file is {what}; "
                          + INSTALL_HINT.format(what=f".{fmt}"))
    tools.note("soffice", tools.USED)
    remove_stale_profiles()
    # the folder's name carries this process's id: a later run removes it if this process died
    with tempfile.TemporaryDirectory(prefix=f"{PROFILE_PREFIX}{os.getpid()}-") as tmp:
        work = Path(tmp)
        source = work / f"input.{fmt}"
        source.write_bytes(data)
        outdir = work / "out"
        command = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outdir), str(source)]
        with Guard(work) as guard:
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                       stdin=subprocess.DEVNULL,
                                       start_new_session=True)  # its own group: a timeout kills all of it
            guard.watch(process.pid)
            try:
                process.wait(timeout=CONVERT_TIMEOUT)
            except subprocess.TimeoutExpired:
                tools.note("soffice", tools.TIMEOUT)  # may not happen again: the result is not reused
                raise IngestError(f"LibreOffice took longer than {CONVERT_TIMEOUT:g} s to convert {what}; "
                                  "the file may be damaged: open it in an office suite and save it as .docx"
                                  ) from None
            finally:
                if process.returncode is None:  # timed out, or this process is being stopped
                    _kill_group(process)
        converted = outdir / "input.docx"
        if process.returncode != 0 or not converted.is_file() or converted.stat().st_size == 0:
            raise IngestError(f"LibreOffice could not convert {what} (exit code {process.returncode}); "
                              "the file may be damaged or password-protected: open it in an office suite "
                              "and save it as .docx")
        return converted.read_bytes()


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        process.kill()
    process.wait()
