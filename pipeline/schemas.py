"""The data contract (../shared/SPEC.md) as code: one declared schema per table.

Every writer goes through these, so a table's columns, types, meanings and
sort keys are decided here only. Columns beyond the contract are allowed and
listed after it. `docs/data-dictionary.md` is generated from this module
(`make docs`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

CONTRACT_VERSION = "1.1"

ENUM = pa.dictionary(pa.int8(), pa.string())  # a small closed vocabulary, dictionary-encoded for BI tools


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    description: str
    example: str
    nullable: bool = True
    contract: bool = True  # False: an extra column beyond SPEC.md

    def field(self) -> pa.Field:
        return pa.field(self.name, self.type, nullable=self.nullable,
                        metadata={"description": self.description, "example": self.example})


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    sort_by: tuple[str, ...]  # row order in the file: stable across runs
    joins: str = ""

    @property
    def schema(self) -> pa.Schema:
        return pa.schema([c.field() for c in self.columns],
                         metadata={"contract_version": CONTRACT_VERSION, "table": self.name,
                                   "description": self.description})


def _doc() -> Column:
    return Column("doc_id", pa.string(), "Document key: first 16 hex digits of the file's sha256.",
                  "3fc453c9e2074c87", nullable=False)


def _provenance() -> tuple[Column, ...]:
    return (
        Column("block_id", pa.int32(), "The block (blocks.block_id) the row was read from.", "12", nullable=False),
        Column("char_start", pa.int32(), "Start of the span in that block's text the value came from.", "10",
               nullable=False),
        Column("char_end", pa.int32(), "End (exclusive) of that span.", "24", nullable=False),
    )


_EXTRACTED_SORT = ("doc_id", "block_id", "char_start", "char_end")
_DOC_JOIN = "`doc_id` → `documents.doc_id`; (`doc_id`, `block_id`) → `blocks` for the source text."
_ITEM_JOIN = (_DOC_JOIN + " `item_ref` → `activities.activity_no`, `measures.measure_no` or `goals.goal_no` "
              "of the same document.")

TABLES: dict[str, Table] = {t.name: t for t in [
    Table("documents", "One row per input file: what was read, how it went, and the meeting's metadata.", (
        _doc(),
        Column("source_path", pa.string(), "Path of the file relative to the input folder (bytes of a name that are "
               "not UTF-8 written as \\x escapes: bad\\xff.txt).", "2017/zapis.docx",
               nullable=False),
        Column("source_format", ENUM, "Format decided from the file's content (docx, pdf, html, txt, or what "
               "was found: doc, odt, rtf, pptx, empty, ...; link or special for a link or a FIFO, socket or "
               "device, which is not opened).", "docx", nullable=False),
        Column("status", ENUM, "ok: read fully; partial: read with losses (see error); failed: not read.", "ok",
               nullable=False),
        Column("error", pa.string(), "What went wrong and what to do; null when status is ok.",
               "encrypted PDF: it needs a password to open; save an unprotected copy and run again"),
        Column("title", pa.string(), "The document's own heading.", "Zápis z jednání pracovní skupiny Senioři"),
        Column("meeting_date", pa.date32(), "Date of the meeting.", "2017-11-08"),
        Column("location", pa.string(), "Where the meeting took place, as written ('online' for a meeting held so).",
               "zasedací místnost MěÚ"),
        Column("working_group", pa.string(), "The group's name without 'Pracovní skupina'/'PS'; a committee, "
               "commission or council that met, in the nominative.", "Senioři"),
        Column("planning_area", pa.string(), "Territory of the planning, in the nominative.", "ORP Vsetín"),
        Column("recorded_by", pa.string(), "Recorder(s), joined with ', ' in document order.", "Jana Nováková"),
        Column("next_meeting_date", pa.date32(), "Date of the group's next meeting.", "2017-12-13"),
        Column("project_reg_no", pa.string(), "Registration number of the project the meeting belongs to.",
               "CZ.03.2.63/0.0/0.0/15_007/0001234"),
        Column("n_pages", pa.int32(), "Pages, when the format knows them.", "3"),
        Column("pipeline_version", pa.string(), "Version of the pipeline that wrote the row.", "0.1.0",
               nullable=False),
        Column("meeting_time", pa.string(), "Start time of the meeting (HH:MM).", "13:00", contract=False),
        Column("file_extension", pa.string(), "The file name's extension, lower-case.", "docx", contract=False),
        Column("file_size", pa.int64(), "File size in bytes.", "40222", contract=False),
        Column("n_blocks", pa.int32(), "Number of text blocks read.", "43", contract=False),
        Column("duplicate_of", pa.string(), "source_path of an earlier file with the same bytes (its rows are "
               "not repeated).", "2017/zapis.docx", contract=False),
        Column("meeting_id", pa.string(), "The meeting the file records: the doc_id of the copy used for it. "
               "Copies of one meeting (the same minutes as DOCX and PDF, a page in two encodings) share it: "
               "same working group, planning area and meeting date (missing equals missing) and "
               "near-identical text (configs/meetings.toml). Count meetings with count(DISTINCT meeting_id).",
               "3fc453c9e2074c87", contract=False),
        Column("meeting_copy_used", pa.bool_(), "Whether this file is the copy its meeting is counted and "
               "shown by (one per meeting: ok before partial, then docx, odt, doc, rtf, html, txt, pdf, OCR, "
               "then path); the analyst views and the report's meeting chart use only these rows.", "true",
               contract=False),
        Column("warnings", pa.string(), "Non-fatal remarks of the reader, joined with '; '.",
               "page 17 has no text", contract=False),
        Column("ocr_pages", pa.int32(), "Pages whose text came from OCR of a scan (Tesseract), not from a text "
               "layer: their words may be misread. 0 for files read without OCR; null for files not read.", "3", contract=False),
    ), sort_by=("doc_id", "source_path"), joins="`doc_id` is the key every other table joins on."),
    Table("blocks", "Ordered text blocks of each document after ingestion: the text every extracted row points into.", (
        _doc(),
        Column("block_id", pa.int32(), "Order of the block in its document, from 0.", "0", nullable=False),
        Column("kind", ENUM, "heading, paragraph, list_item or table_cell.", "list_item", nullable=False),
        Column("level", pa.int32(), "Heading depth (Title 0, Heading 1 = 1) or list depth (1 = top).", "1"),
        Column("page", pa.int32(), "Page where the block starts, when the format knows pages.", "1"),
        Column("text", pa.string(), "The block's text as a reader sees it, list label included.", "1. Úvod",
               nullable=False),
        Column("label", pa.string(), "The list label alone, as Word shows it.", "1.", contract=False),
        Column("region", ENUM, "body, header, footer or textbox.", "body", contract=False),
        Column("table_id", pa.int32(), "For table cells: which table (document order, from 0).", "0",
               contract=False),
        Column("row", pa.int32(), "For table cells: row index.", "1", contract=False),
        Column("col", pa.int32(), "For table cells: column index.", "0", contract=False),
    ), sort_by=("doc_id", "block_id"), joins=_DOC_JOIN),
    Table("attendees", "One row per person × role named as taking part in the meeting.", (
        _doc(), *_provenance(),
        Column("name", pa.string(),
               "Person's name without academic titles: the fullest form the document gives, in the nominative.",
               "Jana Nováková", nullable=False),
        Column("titles", pa.string(), "Academic titles, space-separated.", "Mgr. DiS."),
        Column("organisation", pa.string(), "The organisation the text gives for the person.", "Charita Vsetín"),
        Column("role", ENUM, "present, excused, absent, guest, member, chair, speaker or recorder.", "present",
               nullable=False),
    ), sort_by=_EXTRACTED_SORT, joins=_DOC_JOIN),
    Table("agenda_items", "One row per item of the meeting's programme.", (
        _doc(), *_provenance(),
        Column("item_no", pa.int32(), "1-based order in the programme.", "1", nullable=False),
        Column("title", pa.string(), "The item as written.", "Informace z pracovních skupin", nullable=False),
    ), sort_by=_EXTRACTED_SORT, joins=_DOC_JOIN),
    Table("goals", "One row per goal (cíl, priorita) of the plan discussed.", (
        _doc(), *_provenance(),
        Column("goal_no", pa.string(), "The goal's number as written, without a trailing dot.", "1"),
        Column("title", pa.string(), "The goal's wording.", "Zachovat dostupnost terénních služeb", nullable=False),
    ), sort_by=_EXTRACTED_SORT, joins=_DOC_JOIN),
    Table("measures", "One row per measure (opatření).", (
        _doc(), *_provenance(),
        Column("measure_no", pa.string(), "The measure's number.", "1.2"),
        Column("goal_no", pa.string(), "Number of the goal it belongs to.", "1"),
        Column("title", pa.string(), "The measure's wording.", "Rozšířit kapacitu odlehčovacích služeb",
               nullable=False),
    ), sort_by=_EXTRACTED_SORT, joins=_DOC_JOIN + " `goal_no` → `goals.goal_no` of the same document."),
    Table("activities", "One row per activity (aktivita).", (
        _doc(), *_provenance(),
        Column("activity_no", pa.string(), "The activity's number.", "1.2.1"),
        Column("measure_no", pa.string(), "Number of the measure it belongs to.", "1.2"),
        Column("title", pa.string(), "The activity's wording.", "Navýšit úvazky terénních pracovníků",
               nullable=False),
    ), sort_by=_EXTRACTED_SORT, joins=_DOC_JOIN + " `measure_no` → `measures.measure_no` of the same document."),
    Table("organisations", "One row per organisation × role × plan item it is tied to, per document.", (
        _doc(), *_provenance(),
        Column("name", pa.string(), "Name in the nominative, legal form split off; abbreviations as written.",
               "Charita Vsetín", nullable=False),
        Column("ico", pa.string(), "IČO as written (8 digits when valid).", "44741677"),
        Column("ico_valid", pa.bool_(), "Whether the IČO passes the mod-11 check.", "true"),
        Column("legal_form", pa.string(), "Canonical legal form: z. s., o. p. s., p. o., s. r. o., z. ú., o. s., "
               "a. s.", "z. s."),
        Column("role", ENUM, "responsible, provider, applicant, partner, member, funder or mentioned.",
               "responsible", nullable=False),
        Column("item_ref", pa.string(), "Number of the goal/measure/activity the row is tied to.", "1.2.1"),
    ), sort_by=_EXTRACTED_SORT, joins=_ITEM_JOIN),
    Table("capacity_changes", "One row per stated capacity or change of capacity.", (
        _doc(), *_provenance(),
        Column("item_ref", pa.string(), "Number of the plan item the statement belongs to.", "1.2.1"),
        Column("organisation", pa.string(), "Organisation whose capacity it is.", "Charita Vsetín"),
        Column("service", pa.string(), "Legal service type (zákon 108/2006 Sb.).", "terénní programy"),
        Column("unit", ENUM, "fte (úvazek), bed (lůžko), place (místo), flat (byt), worker (pracovník), client "
               "(persons or households served) or other.", "fte", nullable=False),
        Column("change", ENUM, "increase, decrease, new or set (a capacity stated without change).", "increase",
               nullable=False),
        Column("value_from", pa.float64(), "Capacity before.", "3.0"),
        Column("value_to", pa.float64(), "Capacity after (or the capacity, for set).", "15.0"),
        Column("delta", pa.float64(), "Signed change: value_to − value_from when both are stated.", "12.0"),
        Column("raw_text", pa.string(), "The text the row was read from.", "z 3 lůžek na 15 lůžek", nullable=False),
    ), sort_by=_EXTRACTED_SORT, joins=_ITEM_JOIN),
    Table("services", "One row per social-service type × providing organisation, per document.", (
        _doc(), *_provenance(),
        Column("service_type", pa.string(), "Legal type of zákon 108/2006 Sb., §37–§70.", "azylové domy",
               nullable=False),
        Column("paragraph", pa.string(), "Its paragraph of the law.", "§57", nullable=False),
        Column("organisation", pa.string(), "The providing organisation, when the text names it.", "Charita Vsetín"),
        Column("raw_text", pa.string(), "The mention as written.", "azylového domu", nullable=False),
    ), sort_by=_EXTRACTED_SORT, joins=_DOC_JOIN),
]}

SCHEMAS: dict[str, pa.Schema] = {name: table.schema for name, table in TABLES.items()}
TABLE_NAMES = list(TABLES)
EXTRACTED_TABLES = [t for t in TABLE_NAMES if t not in ("documents", "blocks")]
