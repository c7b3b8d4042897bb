"""DOCX reader: body paragraphs, tables, text boxes, headers and footers in
document order, with list labels as Word shows them.

python-docx opens the package (parts, relationships, styles, numbering);
the walk itself goes over the WordprocessingML elements, because a walk of
`Document.paragraphs`/`tables` misses text boxes, content controls and
nested tables. Files python-docx refuses (Strict Open XML) are opened from
the ZIP directly and walked the same way.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

from lxml import etree

from pipeline.config import load
from pipeline.ingest.clean import clean_text
from pipeline.ingest.docx_numbering import W, Numbering, Styles, wattr, wval
from pipeline.model import Block, IngestError, IngestResult

_W = f"{{{W}}}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_STRICT = {
    b"http://purl.oclc.org/ooxml/wordprocessingml/main": W.encode(),
    b"http://purl.oclc.org/ooxml/officeDocument/relationships":
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    b"http://purl.oclc.org/ooxml/officeDocument/math": b"http://schemas.openxmlformats.org/officeDocument/2006/math",
}
# Guards against hostile packages (zip bombs) before anything is unpacked.
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
MAX_ENTRIES = 20_000
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)
# Subtrees whose text is not part of the paragraph's visible text.
_SKIP = {f"{_W}pPr", f"{_W}rPr", f"{_W}delText", f"{_W}instrText", f"{_W}del", f"{_W}moveFrom",
         f"{_MC}Fallback", f"{_W}footnoteReference", f"{_W}endnoteReference", f"{_W}commentReference",
         f"{_W}annotationRef", f"{_W}sectPr", f"{_W}tblPr", f"{_W}trPr", f"{_W}tcPr"}
_HEADING_NAME = re.compile(r"^(?:heading|nadpis|überschrift|titre)\s*(\d)$", re.I)
_TITLE_NAMES = {"title", "název", "nazev", "titel", "titre"}


@dataclass
class _Package:
    """The parts the walk needs, however the package was opened."""

    body: etree._Element
    styles: etree._Element | None
    numbering: etree._Element | None
    headers: list[etree._Element]
    footers: list[etree._Element]
    n_pages: int | None = None


@dataclass
class _Walk:
    """Mutable state of one document walk."""

    styles: Styles
    numbering: Numbering
    uses_rendered_breaks: bool
    page: int = 1
    table_count: int = 0
    blocks: list[Block] = field(default_factory=list)


def read(data: bytes) -> IngestResult:
    """Read a DOCX file's bytes into ordered blocks; IngestError for anything unreadable."""
    try:
        return _read(data)
    except IngestError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged part (bad deflate stream, broken XML): the file's row says so
        raise IngestError(f"damaged DOCX: a part of the package cannot be read ({type(exc).__name__}: "
                          f"{str(exc)[:160]}); the file may be truncated or corrupted, re-save it from Word") from exc


def _read(data: bytes) -> IngestResult:
    _check_zip(data)
    try:
        pkg = _open_with_python_docx(data)
    except IngestError:
        raise
    except Exception:  # python-docx refuses some valid files (Strict OOXML, odd rels)
        pkg = _open_zip(data)
    pkg.n_pages = _app_pages(data)
    styles = Styles(pkg.styles)
    walk = _Walk(styles=styles, numbering=Numbering(pkg.numbering, styles),
                 uses_rendered_breaks=pkg.body.find(f".//{_W}lastRenderedPageBreak") is not None)
    header_blocks = _header_footer_blocks(pkg.headers, styles, "header")
    _walk_container(pkg.body, walk, region="body")
    footer_blocks = _header_footer_blocks(pkg.footers, styles, "footer")
    blocks = header_blocks + walk.blocks + footer_blocks
    if not blocks:
        raise IngestError("no text: the DOCX document contains no readable text (it may hold only images; "
                          "scanned pages need OCR)")
    n_pages = pkg.n_pages or (walk.page if walk.page > 1 else None)
    return IngestResult(blocks=blocks, n_pages=n_pages)


# --- opening the package -------------------------------------------------

def _check_zip(data: bytes) -> None:
    check_package(data, "DOCX")


def check_package(data: bytes, kind: str) -> None:
    """Refuse a ZIP package (DOCX, ODT) whose directory promises absurd sizes or entry counts
    (a zip bomb) before anything is unpacked, or whose XML declares entities; the limits are
    MAX_ENTRIES and MAX_UNPACKED_BYTES."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ENTRIES:
                raise IngestError(f"refused {kind}: {len(infos)} entries in the package (limit {MAX_ENTRIES}); "
                                  "it looks like a zip bomb, not a document")
            unpacked = sum(i.file_size for i in infos)
            if unpacked > MAX_UNPACKED_BYTES:
                raise IngestError(f"refused {kind}: it would unpack to {unpacked // 2**20} MiB "
                                  f"(limit {MAX_UNPACKED_BYTES // 2**20} MiB); it looks like a zip bomb, "
                                  "not a document")
            _refuse_doctypes(zf, kind)
    except zipfile.BadZipFile as exc:
        raise IngestError(f"damaged {kind}: not a readable ZIP package ({exc}); the file may be truncated, "
                          "re-save it from the office suite") from None


def _refuse_doctypes(zf: zipfile.ZipFile, kind: str) -> None:
    """Office suites never declare entities in a package's XML parts (and Word writes no
    DOCTYPE at all; old OpenOffice manifests do); a part that does is made to attack XML
    parsers (billion laughs, external entities). Our parsers expand none, but such a file is
    refused outright, with a message that says why. Only the start of each part is read (a
    DOCTYPE must come before the root element)."""
    for info in zf.infolist():
        if not info.filename.endswith((".xml", ".rels")) or info.is_dir():
            continue
        try:
            with zf.open(info) as part:
                head = part.read(4096)
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error, RuntimeError, NotImplementedError):
            continue  # a damaged part: the reader says so when it gets there
        if b"<!ENTITY" in head or (kind == "DOCX" and b"<!DOCTYPE" in head):
            raise IngestError(f"refused {kind}: its part {info.filename} declares a DOCTYPE or entities, "
                              "which office suites never write; the file looks made to attack XML "
                              "parsers (entity expansion, external entities)")


def _open_with_python_docx(data: bytes) -> _Package:
    import docx  # python-docx; imported here so a broken install names itself in the error

    document = docx.Document(io.BytesIO(data))
    part = document.part
    try:
        numbering = part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering = None
    headers, footers = [], []
    body = document.element.body
    for ref_tag, bucket in (("headerReference", headers), ("footerReference", footers)):
        for ref in body.iter(f"{_W}{ref_tag}"):
            rid = ref.get(f"{_R}id")
            rel_part = part.related_parts.get(rid) if rid else None
            if rel_part is not None and hasattr(rel_part, "element"):
                bucket.append(rel_part.element)
    return _Package(body=body, styles=part.styles.element, numbering=numbering, headers=headers, footers=footers)


def _open_zip(data: bytes) -> _Package:
    """Open a package python-docx refused, e.g. Strict Open XML (other namespaces)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            main = _main_part_name(zf, names)
            rels = _rels(zf, _rels_name(main), names)
            doc = _parse(zf.read(main))
            body = doc.find(f"{_W}body")
            if body is None:
                raise IngestError("damaged DOCX: the main document part has no body")

            def part_of(rtype: str) -> etree._Element | None:
                for target, kind in rels.values():
                    if kind.endswith("/" + rtype) and target in names:
                        return _parse(zf.read(target))
                return None

            headers, footers = [], []
            for ref_tag, bucket in (("headerReference", headers), ("footerReference", footers)):
                for ref in body.iter(f"{_W}{ref_tag}"):
                    target = rels.get(ref.get(f"{_R}id") or "", ("", ""))[0]
                    if target in names:
                        bucket.append(_parse(zf.read(target)))
            return _Package(body=body, styles=part_of("styles"), numbering=part_of("numbering"),
                            headers=headers, footers=footers)
    except IngestError:
        raise
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, ValueError) as exc:
        raise IngestError(f"damaged DOCX: {type(exc).__name__}: {str(exc)[:120]}; re-save it from Word "
                          "or LibreOffice") from None


def _parse(xml: bytes) -> etree._Element:
    for strict, transitional in _STRICT.items():
        xml = xml.replace(strict, transitional)
    return etree.fromstring(xml, _SAFE_PARSER)


def _main_part_name(zf: zipfile.ZipFile, names: set[str]) -> str:
    for target, kind in _rels(zf, "_rels/.rels", names).values():
        if kind.endswith("/officeDocument") and target in names:
            return target
    if "word/document.xml" in names:
        return "word/document.xml"
    raise IngestError("damaged DOCX: no main document part (word/document.xml) in the package")


def _rels_name(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


def _rels(zf: zipfile.ZipFile, rels_name: str, names: set[str]) -> dict[str, tuple[str, str]]:
    """Relationship id -> (part name in the ZIP, relationship type)."""
    if rels_name not in names:
        return {}
    base = rels_name.split("_rels/")[0]
    out = {}
    for rel in _parse(zf.read(rels_name)):
        target = rel.get("Target") or ""
        target = target.lstrip("/") if target.startswith("/") else _join(base, target)
        out[rel.get("Id") or ""] = (target, rel.get("Type") or "")
    return out


def _join(base: str, target: str) -> str:
    parts = [p for p in (base + target).split("/") if p and p != "."]
    out: list[str] = []
    for p in parts:
        if p == "..":
            if out:
                out.pop()
        else:
            out.append(p)
    return "/".join(out)


def _app_pages(data: bytes) -> int | None:
    """Page count Word saved in docProps/app.xml, when present."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            xml = zf.read("docProps/app.xml")
    except (KeyError, zipfile.BadZipFile):
        return None
    match = re.search(rb"<(?:\w+:)?Pages>(\d+)</", xml)
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None


# --- walking the body ----------------------------------------------------

def _walk_container(container: etree._Element, walk: _Walk, region: str) -> None:
    """Emit blocks for the block-level children of body, cell, text box or header."""
    for child in _block_children(container):
        if child.tag == f"{_W}p":
            _emit_paragraph(child, walk, region)
        elif child.tag == f"{_W}tbl":
            _emit_table(child, walk, region)


def _block_children(container: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables, looking through content controls and custom XML."""
    for child in container:
        tag = child.tag
        if tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _block_children(content)
        elif tag in (f"{_W}customXml", f"{_W}ins", f"{_W}moveTo", f"{_MC}AlternateContent", f"{_MC}Choice"):
            yield from _block_children(child)


def _paragraph_text(p: etree._Element, walk: _Walk) -> tuple[str, int | None, list[etree._Element]]:
    """Visible text of a paragraph, the page where its text starts, and its text boxes."""
    out: list[str] = []
    boxes: list[etree._Element] = []
    start_page: list[int] = []

    def visit(el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == f"{_W}r" and _hidden(child):
                continue
            if tag == f"{_W}t" or tag == f"{_M}t":
                if child.text:
                    if not start_page and child.text.strip():
                        start_page.append(walk.page)
                    out.append(child.text)
            elif tag == f"{_W}tab" or tag == f"{_W}ptab":
                out.append("\t")
            elif tag == f"{_W}br":
                if wattr(child, "type") == "page":
                    if not walk.uses_rendered_breaks:
                        walk.page += 1
                else:
                    out.append("\n")
            elif tag == f"{_W}cr":
                out.append("\n")
            elif tag == f"{_W}lastRenderedPageBreak":
                walk.page += 1
            elif tag == f"{_W}noBreakHyphen":
                out.append("-")
            elif tag == f"{_W}sym":
                code = wattr(child, "char") or ""
                try:
                    out.append(chr(int(code, 16)))
                except ValueError:
                    pass
            elif tag == f"{_W}txbxContent":
                boxes.append(child)
            else:
                visit(child)

    ppr = p.find(f"{_W}pPr")
    if ppr is not None and ppr.find(f"{_W}pageBreakBefore") is not None and not walk.uses_rendered_breaks:
        walk.page += 1
    visit(p)
    return "".join(out), (start_page[0] if start_page else None), boxes


def _hidden(run: etree._Element) -> bool:
    rpr = run.find(f"{_W}rPr")
    if rpr is None:
        return False
    vanish = rpr.find(f"{_W}vanish")
    return vanish is not None and wattr(vanish, "val") not in ("0", "false")


def _paragraph_block(p: etree._Element, walk: _Walk) -> tuple[Block | None, list[etree._Element]]:
    """One paragraph as a block (None when it shows no text) plus its text boxes."""
    raw, page, boxes = _paragraph_text(p, walk)
    ppr = p.find(f"{_W}pPr")
    style_id = wval(ppr, "pStyle")
    label, ilvl = _list_label(ppr, style_id, walk)
    text = clean_text(raw)
    if not text:
        return None, boxes
    style_name = walk.styles.name(style_id).strip().lower()
    heading = _heading_level(style_name, ppr, style_id, walk.styles)
    if label and not text.startswith(label):
        text = f"{label} {text}"
    if heading is not None:
        block = Block(kind="heading", text=text, level=heading, label=label)
    elif label:
        block = Block(kind="list_item", text=text, level=(ilvl or 0) + 1, label=label)
    else:
        block = Block(kind="paragraph", text=text)
    block.page = page or walk.page
    return block, boxes


def _list_label(ppr: etree._Element | None, style_id: str | None, walk: _Walk) -> tuple[str | None, int | None]:
    """The paragraph's list label and level, from its own numPr or its style's."""
    numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
    num_id = wval(numpr, "numId")
    ilvl_txt = wval(numpr, "ilvl")
    style_num, style_ilvl = walk.styles.numbering(style_id)
    if num_id is None:
        num_id = style_num
    if num_id is None or num_id == "0":
        return None, None
    if ilvl_txt is not None and ilvl_txt.isdigit():
        ilvl = int(ilvl_txt)
    elif style_ilvl is not None:
        ilvl = style_ilvl
    else:
        ilvl = walk.numbering.level_for_style(num_id, style_id) or 0
    return walk.numbering.label(num_id, ilvl), ilvl


def _heading_level(style_name: str, ppr: etree._Element | None, style_id: str | None, styles: Styles) -> int | None:
    if style_name in _TITLE_NAMES:
        return 0
    match = _HEADING_NAME.match(style_name)
    if match:
        return int(match.group(1))
    outline = wval(ppr, "outlineLvl")
    level = int(outline) if outline and outline.isdigit() else styles.outline_level(style_id)
    return level + 1 if level is not None and level < 9 else None


def _emit_paragraph(p: etree._Element, walk: _Walk, region: str) -> None:
    block, boxes = _paragraph_block(p, walk)
    if block is not None:
        block.region = region  # type: ignore[assignment]
        walk.blocks.append(block)
    for box in boxes:
        _walk_container(box, walk, region="textbox" if region == "body" else region)


def _emit_table(tbl: etree._Element, walk: _Walk, region: str) -> None:
    """Cells row by row; a cell's paragraphs join with newlines; nested tables follow their cell."""
    table_id = walk.table_count
    walk.table_count += 1
    for r_idx, tr in enumerate(_rows(tbl)):
        col = 0
        for tc in _cells(tr):
            tcpr = tc.find(f"{_W}tcPr")
            span = wval(tcpr, "gridSpan")
            vmerge = tcpr.find(f"{_W}vMerge") if tcpr is not None else None
            continued = vmerge is not None and wattr(vmerge, "val") in (None, "continue")
            if not continued:
                _emit_cell(tc, walk, region, table_id, r_idx, col)
            col += int(span) if span and span.isdigit() else 1


def _rows(tbl: etree._Element) -> Iterator[etree._Element]:
    return _children(tbl, f"{_W}tr")


def _cells(tr: etree._Element) -> Iterator[etree._Element]:
    return _children(tr, f"{_W}tc")


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with `tag`, looking through content controls and custom XML wrappers."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent") if child.tag == f"{_W}sdt" else child
            if content is not None:
                yield from _children(content, tag)


def _emit_cell(tc: etree._Element, walk: _Walk, region: str, table_id: int, row: int, col: int) -> None:
    lines: list[str] = []
    page: int | None = None
    nested: list[etree._Element] = []
    boxes: list[etree._Element] = []
    for child in _block_children(tc):
        if child.tag == f"{_W}tbl":
            nested.append(child)
            continue
        block, p_boxes = _paragraph_block(child, walk)
        boxes.extend(p_boxes)
        if block is not None:
            lines.append(block.text)
            page = page or block.page
    text = "\n".join(lines)
    if text:
        walk.blocks.append(Block(kind="table_cell", text=text, page=page or walk.page, region=region,  # type: ignore[arg-type]
                                 table_id=table_id, row=row, col=col))
    for box in boxes:
        _walk_container(box, walk, region="textbox" if region == "body" else region)
    for inner in nested:
        _emit_table(inner, walk, region)


# --- headers and footers -------------------------------------------------

@lru_cache(maxsize=1)
def _page_number_re() -> re.Pattern[str]:
    return re.compile(load("ingest")["pdf"]["page_number"], re.I)


def _header_footer_blocks(parts: list[etree._Element], styles: Styles, region: str) -> list[Block]:
    """Blocks of all distinct header (or footer) parts, each text once, page numbers dropped."""
    walk = _Walk(styles=styles, numbering=Numbering(None, styles), uses_rendered_breaks=False)
    for part in parts:
        _walk_container(part, walk, region=region)
    seen: set[str] = set()
    out: list[Block] = []
    for block in walk.blocks:
        if block.text in seen or _page_number_re().match(block.text):
            continue
        seen.add(block.text)
        block.page = None
        block.table_id = None  # header tables are not body tables
        out.append(block)
    return out
