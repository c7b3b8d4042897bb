"""Issue 12, point 5: one meeting counts once. Every file gets a meeting_id shared by the
copies of one meeting (same body, area and date, near-identical text); the analyst views
and the report's meeting chart count meetings, and say which copy they read."""

from __future__ import annotations

import html
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from lxml import html as lxml_html

from pipeline.database import build as build_db
from pipeline.document_rows import DocumentRows
from pipeline.report import build as build_report
from pipeline.runner import RunOptions, run
from tests.conftest import CORPUS_RAW, need
from tests.docx_factory import new_document, to_bytes

TOPICS = [
    "Koordinátorka informovala o přípravě katalogu sociálních služeb a o termínu jeho vydání v tištěné podobě.",
    "Zástupce Charity Lhota představil terénní program pro osoby bez přístřeší a jeho výsledky za pololetí.",
    "Diskuse se vedla o nedostatku pečovatelek v odlehčovací službě a o možnostech náboru nových pracovnic.",
    "Skupina projednala dotační řízení kraje a doporučila podpořit navýšení kapacity denního stacionáře.",
    "Byla představena analýza potřeb rodin s dětmi ohroženými sociálním vyloučením v obcích regionu.",
    "Členové se shodli na společné propagaci služeb na veletrhu sociálních služeb v městském divadle.",
    "Vedoucí azylového domu upozornil na rostoucí počet matek s dětmi, které hledají krátkodobé ubytování.",
    "Pracovnice odboru sociálních věcí shrnula plnění akčního plánu a nesplněné aktivity přesunula do dalšího roku.",
    "Byla zmíněna spolupráce s úřadem práce při zaměstnávání osob se zdravotním postižením v chráněných dílnách.",
    "Na závěr byl dohodnut program příštího setkání a pozvání zástupců zdravotních pojišťoven.",
]


def minutes(group: str, date: str | None, topics: list[int]) -> list[str]:
    """The lines of invented minutes of `group` (in the nominative) held on `date`."""
    lines = [f"Zápis z jednání pracovní skupiny {group}", "Komunitní plánování sociálních služeb ORP Lhota"]
    if date:
        lines.append(f"Datum jednání: {date}")
    lines.append("Přítomni: Jana Nováková, Petr Svoboda, Marie Dvořáková")
    lines += [TOPICS[i] for i in topics]
    return lines


def plan(title: str, topics: list[int]) -> list[str]:
    """An action plan (no meeting date)."""
    return [title, "Komunitní plánování sociálních služeb ORP Lhota"] + [TOPICS[i] for i in topics]


def write(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".docx":
        doc = new_document()
        doc.add_heading(lines[0], level=1)
        for line in lines[1:]:
            doc.add_paragraph(line)
        path.write_bytes(to_bytes(doc))
    elif path.suffix == ".html":
        body = "".join(f"<p>{html.escape(line)}</p>" for line in lines[1:])
        path.write_text(f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(lines[0])}</title>'
                        f"</head><body><h1>{html.escape(lines[0])}</h1>{body}</body></html>", encoding="utf-8")
    else:
        path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")


def documents(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out / "documents.parquet").set_index("source_path")


def test_every_rendering_of_a_corpus_meeting_shares_one_meeting_id(tmp_path):
    """The five seed minutes as DOCX/PDF/TXT and an HTML page in UTF-8 and cp1250: five meetings,
    one copy used each, the most faithful one (DOCX; the UTF-8 page before the cp1250 one)."""
    out = tmp_path / "out"
    run(need(CORPUS_RAW), out, RunOptions(workers=0))
    docs = documents(out)
    seeds = docs.index.str[:3]
    assert docs.groupby(seeds)["meeting_id"].nunique().eq(1).all()
    assert docs["meeting_id"].nunique() == seeds.nunique() == 5
    used = sorted(docs.index[docs["meeting_copy_used"]])
    assert used == ["000_3fc453c9e2074c87.docx", "001_7f5b36c52eeef91b.docx", "002_bb2f382388c739f4.docx",
                    "003_582c2b8463ddf982.docx", "004_3774349865a47c91.html"]
    assert all(docs.loc[p, "meeting_id"] == docs.loc[p, "doc_id"] for p in used)


def test_copies_by_body_date_and_text(tmp_path):
    """Same minutes as DOCX, TXT and HTML: one meeting. The same group on another date with the
    same words, or on the same date with other words: other meetings. Two plans without a
    meeting date: one meeting only for their near-identical copies."""
    raw = tmp_path / "raw"
    same = minutes("Senioři", "5. 3. 2024", [0, 1, 2, 3, 4])
    for name in ("2024-03/zapis.docx", "2024-03/zapis.txt", "web/zapis.html"):
        write(raw / name, same)
    write(raw / "2024-04/zapis.docx", minutes("Senioři", "9. 4. 2024", [0, 1, 2, 3, 4]))
    write(raw / "2024-03/druhe_jednani.docx", minutes("Senioři", "5. 3. 2024", [5, 6, 7, 8, 9]))
    write(raw / "plany/ap_2024.docx", plan("Akční plán sociálních služeb", [5, 6, 7, 8, 9]))
    write(raw / "plany/ap_2024.txt", plan("Akční plán sociálních služeb", [5, 6, 7, 8, 9]))
    write(raw / "plany/ap_2025.docx", plan("Akční plán sociálních služeb", [0, 2, 4, 6, 8]))
    out = tmp_path / "out"
    run(raw, out, RunOptions(workers=0))
    docs = documents(out)
    meeting = docs["meeting_id"].to_dict()
    assert meeting["2024-03/zapis.docx"] == meeting["2024-03/zapis.txt"] == meeting["web/zapis.html"]
    assert meeting["plany/ap_2024.docx"] == meeting["plany/ap_2024.txt"]
    assert docs["meeting_id"].nunique() == 5
    assert docs.loc["2024-04/zapis.docx", "working_group"] == docs.loc["2024-03/zapis.docx", "working_group"]
    assert docs.loc[["plany/ap_2024.docx", "plany/ap_2025.docx"], "meeting_date"].isna().all()
    used = set(docs.index[docs["meeting_copy_used"]])
    assert used == {"2024-03/zapis.docx", "2024-04/zapis.docx", "2024-03/druhe_jednani.docx", "plany/ap_2024.docx",
                    "plany/ap_2025.docx"}


def test_meeting_ids_are_stable_across_runs_and_the_cache(tmp_path):
    """A re-run over the same files (taken from the cache) gives the same meeting_id; a byte copy
    follows its original and is not the copy used."""
    raw = tmp_path / "raw"
    same = minutes("Rodina", "12. 4. 2023", [1, 3, 5, 7, 9])
    write(raw / "a/zapis.docx", same)
    write(raw / "a/zapis.txt", same)
    (raw / "b").mkdir()
    (raw / "b/kopie.docx").write_bytes((raw / "a/zapis.docx").read_bytes())
    options = RunOptions(workers=0, cache_dir=tmp_path / "cache")
    run(raw, tmp_path / "out1", options)
    assert run(raw, tmp_path / "out2", options).reused == 3
    first, second = documents(tmp_path / "out1"), documents(tmp_path / "out2")
    assert first["meeting_id"].to_dict() == second["meeting_id"].to_dict()
    assert first["meeting_id"].nunique() == 1
    assert first["meeting_copy_used"].to_dict() == {"a/zapis.docx": True, "a/zapis.txt": False,
                                                   "b/kopie.docx": False}
    assert first.loc["b/kopie.docx", "duplicate_of"] == "a/zapis.docx"


def test_a_file_not_read_is_a_meeting_of_its_own():
    rows = DocumentRows()
    rows.add({"source_path": "a.pdf", "doc_id": "1", "status": "failed"})
    rows.add({"source_path": "b.pdf", "doc_id": "2", "status": "failed"})
    rows.mark_duplicates(["a.pdf", "b.pdf"])
    rows.mark_meetings()
    assert [(r["meeting_id"], r["meeting_copy_used"]) for r in rows.by_path()] == [("1", True), ("2", True)]


@pytest.fixture(scope="module")
def corpus_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    run(need(CORPUS_RAW), out, RunOptions(workers=0))
    return out


def test_analyst_views_count_meetings_and_name_the_copy(corpus_out):
    con = duckdb.connect(str(build_db(corpus_out)), read_only=True)
    try:
        attendance = con.sql("SELECT meeting_id, doc_id, used_copy, copies FROM v_attendance ORDER BY used_copy").fetchall()
        assert [(row[2], row[3]) for row in attendance] == [
            ("000_3fc453c9e2074c87.docx", 1), ("001_7f5b36c52eeef91b.docx", 2), ("002_bb2f382388c739f4.docx", 2),
            ("003_582c2b8463ddf982.docx", 2), ("004_3774349865a47c91.html", 2)]
        # The Ostrava meeting's fte changes (4.5 in its DOCX, the same in its PDF) are summed once.
        fte = con.sql("SELECT sum(total_change), sum(meetings), string_agg(DISTINCT used_copies) "
                      "FROM v_capacity_by_service WHERE unit = 'fte' AND used_copies LIKE '003_%'").fetchall()[0]
        assert fte[0] == pytest.approx(4.5) and fte[1] >= 1 and fte[2] == "003_582c2b8463ddf982.docx"
        statements = con.sql("SELECT sum(statements) FROM v_capacity_by_service").fetchall()[0][0]
        used = con.sql("SELECT count(*) FROM capacity_changes JOIN documents USING (doc_id) "
                       "WHERE meeting_copy_used").fetchall()[0][0]
        assert statements == used < con.sql("SELECT count(*) FROM capacity_changes c "
                                            "JOIN documents USING (doc_id)").fetchall()[0][0]
        responsible = con.sql("SELECT used_copy, item_ref, organisation, count(*) FROM v_responsibilities "
                              "GROUP BY ALL HAVING count(*) > 1").fetchall()
        assert responsible == []
        assert con.sql("SELECT count(DISTINCT used_copy) FROM v_responsibilities WHERE used_copy LIKE '003_%'"
                       ).fetchall()[0][0] == 1
    finally:
        con.close()


def test_report_chart_counts_meetings_not_files(corpus_out):
    build_report(corpus_out)
    page = lxml_html.fromstring((corpus_out / "report" / "index.html").read_bytes())
    figure = next(f for f in page.xpath("//figure") if "Meetings per working group" in f.findtext("figcaption"))
    cells = [t.text_content() for t in figure.xpath(".//*[local-name()='g']/*[local-name()='title']")]
    total = sum(float(c.rsplit(":", 1)[1]) for c in cells)
    docs = pd.read_parquet(corpus_out / "documents.parquet")
    assert total == docs[docs.meeting_date.notna()]["meeting_id"].nunique() == 4
    capacity = pd.read_parquet(corpus_out / "capacity_changes.parquet")
    figure = next(f for f in page.xpath("//figure") if "by service type" in f.findtext("figcaption"))
    bars = [t.text_content() for t in figure.xpath(".//*[local-name()='g']/*[local-name()='title']")]
    used = set(docs.loc[docs.meeting_copy_used, "doc_id"])
    assert sum(float(b.rsplit(":", 1)[1]) for b in bars) == capacity.doc_id.isin(used).sum() < len(capacity)
