"""The hostile archive of `tools/hostile_run.py`: made-up files that attack the
pipeline's inputs, generated from a seed (the same seed gives the same tree).

Kinds: readable minutes (DOCX, TXT in three encodings, HTML, a hand-made PDF),
damaged and empty files, random bytes, lying extensions, a zip bomb, billion
laughs, XXE pointing at a secret file outside RAW, links (dangling, loops,
outside RAW, to folders, to files inside), FIFOs (plain and behind a link),
sockets, unreadable files and folders, a 60-level tree, 2 GB sparse files,
names with bytes that are not UTF-8 and other odd names, files of formats
that are not read (README, TSV, JS, CSS), hidden entries and an earlier output
folder of the pipeline inside RAW. The text is invented; it names no one real.
"""

from __future__ import annotations

import io
import os
import random
import socket
import zipfile
from collections import Counter
from pathlib import Path
from typing import Callable

import docx

SECRET = b"HOSTILE-SECRET-7f3a"  # the content of the file XXE entities point at: must never reach a table
FIRST = ["Jana", "Petr", "Eva", "Karel", "Marie", "Tomas", "Lenka", "Pavel"]
LAST = ["Novakova", "Svoboda", "Dvorakova", "Cerny", "Prochazkova", "Kucera", "Vesela", "Horak"]
FOLDERS = ["2021", "2022", "PS Senioři", "ps rodiny", "Řídicí skupina", "archiv", "a b", "x"]
NOT_READ = ["README", "README.md", "data.tsv", "app.js", "style.css", "notes.json", "Makefile", "x.bak"]
ZIP_BOMB_MB = 1024  # the unpacked size of the zip bomb's main part
SPARSE_BYTES = 2 << 30


def minutes_lines(rng: random.Random) -> list[str]:
    """A few lines of made-up minutes (ASCII, so every writer here can hold them)."""
    people = ", ".join(f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(1, 4)))
    n = rng.randint(1, 999)
    return [f"Zapis z jednani pracovni skupiny Seniori c. {n}",
            f"Datum: {rng.randint(1, 28)}. {rng.randint(1, 12)}. {rng.randint(2015, 2024)}",
            f"Pritomni: {people}",
            f"Opatreni {rng.randint(1, 9)}.{rng.randint(1, 9)} Navysit kapacitu o {rng.randint(1, 30)} luzek.",
            f"Zapsal(a): {rng.choice(FIRST)} {rng.choice(LAST)}"]


def docx_bytes(lines: list[str]) -> bytes:
    document = docx.Document()
    document.add_heading(lines[0], level=1)
    for line in lines[1:]:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def txt_bytes(lines: list[str], encoding: str) -> bytes:
    return "\n".join(lines).encode(encoding)


def html_bytes(lines: list[str]) -> bytes:
    body = "".join(f"<p>{line}</p>" for line in lines[1:])
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{lines[0]}</title></head>"
            f"<body><h1>{lines[0]}</h1>{body}<script>var a = 1;</script></body></html>").encode()


def pdf_bytes(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer, written by hand (no PDF library needed)."""
    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({esc(line)}) '" for line in lines) + " ET"
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
               "/Contents 5 0 R >>",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
               f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


_CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                  '<Default Extension="xml" ContentType="application/xml"/>'
                  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                  'officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="word/document.xml"/></Relationships>')
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
XHTML = "xmlns='http://www.w3.org/1999/xhtml'"


def docx_with_main(xml: str) -> bytes:
    """A minimal DOCX package whose main part is `xml` (for entity attacks)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", xml)
    return buffer.getvalue()


def billion_laughs(root_tag: str) -> str:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    return f'<?xml version="1.0"?><!DOCTYPE {root_tag} [{entities}]>'


def xxe(root_tag: str, secret: Path) -> str:
    return f'<?xml version="1.0"?><!DOCTYPE {root_tag} [<!ENTITY x SYSTEM "file://{secret}">]>'


def zip_bomb() -> bytes:
    """A DOCX whose main part unpacks to ZIP_BOMB_MB MiB of spaces (about 1 MiB packed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f'<w:document {W}><w:body><w:p><w:r><w:t>'.encode())
            chunk = b" " * (16 << 20)
            for _ in range(ZIP_BOMB_MB // 16):
                fh.write(chunk)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buffer.getvalue()


class Archive:
    """Writes the made-up entries below `raw` (bytes paths: names need not be UTF-8)."""

    def __init__(self, raw: Path, outside: Path, seed: int) -> None:
        self.raw, self.outside = os.fsencode(raw), outside
        self.rng = random.Random(seed)
        self.kinds: Counter = Counter()
        self.secret = outside / "secret.txt"
        self.secret.write_bytes(SECRET + b"\n")
        self._bomb: bytes | None = None
        self._n = 0

    # --- places and names ------------------------------------------------------------------
    def folder(self) -> bytes:
        """A folder below RAW/made, 0-3 levels deep (created)."""
        parts = [b"made"] + [FOLDERS[self.rng.randrange(len(FOLDERS))].encode()
                             for _ in range(self.rng.randint(0, 3))]
        path = os.path.join(self.raw, *parts)
        os.makedirs(path, exist_ok=True)
        return path

    def name(self, ext: str) -> bytes:
        self._n += 1
        return f"f{self._n:05d}-{self.rng.randrange(10**6):06d}{ext}".encode()

    def put(self, kind: str, data: bytes, ext: str, name: bytes | None = None) -> bytes:
        path = os.path.join(self.folder(), name or self.name(ext))
        with open(path, "wb") as fh:
            fh.write(data)
        self.kinds[kind] += 1
        return path

    def minutes(self) -> tuple[bytes, str]:
        """A readable minutes file of a random format: (bytes, extension)."""
        lines = minutes_lines(self.rng)
        choice = self.rng.choice(["docx", "txt", "html", "pdf"])
        if choice == "docx":
            return docx_bytes(lines), ".docx"
        if choice == "txt":
            return txt_bytes(lines, self.rng.choice(["utf-8", "cp1250", "utf-16"])), ".txt"
        if choice == "html":
            return html_bytes(lines), ".html"
        return pdf_bytes(lines), ".pdf"

    # --- the kinds --------------------------------------------------------------------------
    def readable(self) -> None:
        data, ext = self.minutes()
        self.put("readable " + ext[1:], data, ext)

    def truncated(self) -> None:
        data, ext = self.minutes()
        self.put("truncated", data[: self.rng.randint(1, max(1, len(data) - 1))], ext)

    def random_bytes(self) -> None:
        ext = self.rng.choice([".pdf", ".docx", ".html", ".txt", ".htm", ".xhtml", ".zip", ".png"])
        self.put("random bytes", self.rng.randbytes(self.rng.randint(1, 20000)), ext)

    def empty(self) -> None:
        self.put("empty", b"", self.rng.choice([".pdf", ".docx", ".html", ".txt"]))

    def lying_extension(self) -> None:
        data, ext = self.minutes()
        lie = self.rng.choice([e for e in (".pdf", ".docx", ".html", ".txt", ".doc", ".xlsx", ".jpg") if e != ext])
        self.put("lying extension", data, lie)

    def bomb(self) -> None:
        if self._bomb is None:
            self._bomb = zip_bomb()
        buffer = io.BytesIO(self._bomb)  # a new member makes each copy a different file
        with zipfile.ZipFile(buffer, "a") as zf:
            zf.writestr(f"customXml/item{self._n}.xml", "<a/>")
        self.put("zip bomb", buffer.getvalue(), self.rng.choice([".docx", ".docx", ".zip", ".pdf"]))

    def laughs(self) -> None:
        if self.rng.random() < 0.5:
            xml = billion_laughs("w:document") + f"<w:document {W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r>" \
                                                 "</w:p></w:body></w:document>"
            self.put("billion laughs", docx_with_main(xml), ".docx")
        else:
            page = billion_laughs("html") + f"<html {XHTML}><body><p>&lol9;</p></body></html>"
            self.put("billion laughs", page.encode(), self.rng.choice([".xhtml", ".html"]))

    def xxe(self) -> None:
        if self.rng.random() < 0.5:
            xml = xxe("w:document", self.secret) + f"<w:document {W}><w:body><w:p><w:r><w:t>&x;</w:t></w:r>" \
                                                   "</w:p></w:body></w:document>"
            self.put("xxe", docx_with_main(xml), ".docx")
        else:
            page = xxe("html", self.secret) + f"<html {XHTML}><body><p>&x;</p></body></html>"
            self.put("xxe", page.encode(), self.rng.choice([".xhtml", ".html"]))

    def link(self) -> None:
        where = self.folder()
        name = self.name(self.rng.choice([".pdf", ".docx", ".txt"]))
        path = os.path.join(where, name)
        choice = self.rng.choice(["dangling", "loop", "self", "outside", "folder", "folder outside", "inside"])
        if choice == "dangling":
            os.symlink(b"missing-" + name, path)
        elif choice == "self":
            os.symlink(name, path)
        elif choice == "loop":
            other = self.name(".docx")
            os.symlink(other, path)
            os.symlink(name, os.path.join(where, other))
            self.kinds["link loop"] += 1
        elif choice == "outside":
            os.symlink(os.fsencode(self.secret), path)
        elif choice == "folder":
            os.symlink(os.path.join(self.raw, b"made"), path)
        elif choice == "folder outside":
            os.symlink(os.fsencode(self.outside), path)
        else:
            data, ext = self.minutes()
            target = self.put("readable " + ext[1:], data, ext)
            os.symlink(os.path.relpath(target, where), path)
        self.kinds["link " + choice] += 1

    def fifo(self) -> None:
        where = self.folder()
        path = os.path.join(where, self.name(self.rng.choice([".pdf", ".docx", ".txt"])))
        os.mkfifo(path)
        self.kinds["fifo"] += 1
        if self.rng.random() < 0.5:
            os.symlink(os.path.basename(path), os.path.join(where, self.name(".docx")))
            self.kinds["link to fifo"] += 1

    def socket(self) -> None:
        where, name = self.folder(), self.name(self.rng.choice([".pdf", ".txt", ".sock"]))
        cwd = os.getcwd()
        os.chdir(where)  # a socket's path is limited to about 100 bytes: bind by its name
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.bind(name)
        finally:
            os.chdir(cwd)
        self.kinds["socket"] += 1

    def unreadable_file(self) -> None:
        data, ext = self.minutes()
        os.chmod(self.put("unreadable file", data, ext), 0)

    def unreadable_folder(self) -> None:
        path = os.path.join(self.folder(), self.name(""))
        os.mkdir(path)
        for _ in range(self.rng.randint(1, 3)):
            data, ext = self.minutes()
            with open(os.path.join(path, self.name(ext)), "wb") as fh:
                fh.write(data)
        os.mkdir(os.path.join(path, b"sub"))
        with open(os.path.join(path, b"sub", b"inner.txt"), "wb") as fh:
            fh.write(b"x")
        mode = self.rng.choice([0o000, 0o300, 0o600])  # nothing; no listing; listing but no access
        os.chmod(path, mode)
        self.kinds[f"unreadable folder {mode:03o}"] += 1

    def sparse(self) -> None:
        path = self.put("sparse 2 GB", b"%PDF-1.4\n", self.rng.choice([".pdf", ".docx", ".txt"]))
        os.truncate(path, SPARSE_BYTES)

    def bad_name(self) -> None:
        data, ext = self.minutes()
        stem = self.rng.choice([b"zapis-\xff\xfe", b"\xc3\x28", b"caf\xe9", b"\xed\xa0\x80x", b"\x80"])
        self.put("name not UTF-8", data, ext, stem + b"-" + self.name(ext))

    def alike_names(self) -> None:
        """A name with a byte that is not UTF-8 beside one spelling that byte as a \\xff escape:
        both would be shown as the same source path."""
        data, ext = self.minutes()
        where, stem = self.folder(), self.name("")
        for name in (stem + b"-\xff" + ext.encode(), stem + b"-\\xff" + ext.encode()):
            with open(os.path.join(where, name), "wb") as fh:
                fh.write(data + name)
        self.kinds["names shown alike (pair)"] += 1

    def odd_name(self) -> None:
        data, ext = self.minutes()
        stem = self.rng.choice([b"line\nbreak", b"tab\there", b" leading space", b"-rf", b"a" * 200,
                                "zápis ze schůze".encode(), "zápis".encode().replace(b"\xc3\xa1", b"a\xcc\x81"),
                                b"semi;colon", b"quote\"s'", b"*star?"])
        self.put("odd name", data, ext, stem + b"-" + self.name(ext))

    def not_read(self) -> None:
        name = self.rng.choice(NOT_READ).encode()
        self.put("not read (other format)", b"a\tb\n", "", self.name("") + b"-" + name)

    def hidden(self) -> None:
        if self.rng.random() < 0.5:
            data, ext = self.minutes()
            self.put("hidden", data, ext, b"." + self.name(ext))
        else:
            path = os.path.join(self.folder(), b"." + self.name(""))
            os.makedirs(os.path.join(path, b"objects"))
            with open(os.path.join(path, b"objects", b"x.docx"), "wb") as fh:
                fh.write(b"x")
            self.kinds["hidden"] += 1

    # --- once per archive -------------------------------------------------------------------
    def deep_tree(self, levels: int = 60) -> None:
        path = os.path.join(self.raw, b"deep", *[b"d%02d" % i for i in range(levels)])
        os.makedirs(path)
        data, ext = self.minutes()
        with open(os.path.join(path, b"bottom" + ext.encode()), "wb") as fh:
            fh.write(data)
        self.kinds["60-level tree"] += 1

    def old_output(self) -> None:
        """An earlier output folder of the pipeline inside RAW (never read as minutes)."""
        path = os.path.join(self.raw, b"old-output")
        os.makedirs(os.path.join(path, b".kpss", b"runs"))
        for name in (b"documents.parquet", b"report.html", b"blocks.csv"):
            with open(os.path.join(path, name), "wb") as fh:
                fh.write(b"PAR1" if name.endswith(b".parquet") else b"x")
        self.kinds["output folder inside RAW"] += 1

    def generate(self, n: int) -> Counter:
        """n made-up entries (about: a link loop makes two), in proportions of the kinds."""
        weighted: list[tuple[Callable[[], None], int]] = [
            (self.readable, 30), (self.truncated, 5), (self.random_bytes, 5), (self.empty, 2),
            (self.lying_extension, 6), (self.bomb, 1), (self.laughs, 2), (self.xxe, 2), (self.link, 8),
            (self.fifo, 3), (self.socket, 2), (self.unreadable_file, 2), (self.unreadable_folder, 1),
            (self.sparse, 1), (self.bad_name, 4), (self.alike_names, 1), (self.odd_name, 4), (self.not_read, 5),
            (self.hidden, 2)]
        makers = [m for m, _ in weighted]
        weights = [w for _, w in weighted]
        self.deep_tree()
        self.old_output()
        # every kind at least once, then the rest at random by weight
        for maker in makers:
            maker()
        for _ in range(max(0, n - len(makers) - 2)):
            self.rng.choices(makers, weights)[0]()
        return self.kinds
