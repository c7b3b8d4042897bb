"""The review report: every extracted row reachable from its document page and highlighted
at its span; document text escaped; charts and figures on the index; a real browser test."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest
from lxml import html as lxml_html

from pipeline.report import build
from pipeline.report.highlight import Span, segments
from pipeline.report.rows import ROW_FIELDS
from pipeline.runner import RunOptions, run
from tests.conftest import CORPUS_RAW, need
from tests.docx_factory import new_document, to_bytes


def test_segments_cut_at_every_edge_and_keep_every_row():
    text = "Přítomni: Jana Nováková (Charita Lhota)"
    spans = [Span(10, 23, "attendees-0"), Span(10, 39, "organisations-0"), Span(25, 38, "organisations-1"),
             Span(39, 39, "capacity_changes-0"), Span(30, 99, "goals-0")]
    out = segments(text, spans)
    assert "".join(s.text for s in out) == text
    for span in spans:
        covered = "".join(s.text for s in out if span.key in s.keys)
        assert covered == text[span.start:min(span.end, len(text))]
    point = [s for s in out if s.point]
    assert len(point) == 1 and point[0].keys == ("capacity_changes-0",) and point[0].text == ""
    assert next(s for s in out if s.text == "Jana Nováková").tables == ("attendees", "organisations")


@pytest.fixture(scope="module")
def dev_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dev")
    run(need(CORPUS_RAW), out, RunOptions(workers=0))
    build(out)
    return out


def _page(out: Path, doc_id: str):
    return lxml_html.fromstring((out / "report" / "doc" / f"{doc_id}.html").read_bytes())


def test_every_row_is_in_its_panel_and_highlighted_at_its_span(dev_report):
    blocks = pd.read_parquet(dev_report / "blocks.parquet").set_index(["doc_id", "block_id"])["text"]
    checked = 0
    for table in ROW_FIELDS:
        frame = pd.read_parquet(dev_report / f"{table}.parquet")
        for doc_id, part in frame.groupby("doc_id"):
            page = _page(dev_report, doc_id)
            part = part.sort_values(["block_id", "char_start", "char_end"], kind="stable")
            links = page.xpath(f'//aside//a[@data-row and starts-with(@data-row, "{table}-")]')
            assert len(links) == len(part), (table, doc_id)
            for i, row in enumerate(part.to_dict("records")):
                key = f"{table}-{i}"
                marks = page.xpath(f'//mark[contains(concat(" ", @data-rows, " "), " {key} ")]')
                assert marks, (key, doc_id)
                assert {int(m.getparent().get("data-block")) for m in marks} == {row["block_id"]}
                text = blocks.loc[(doc_id, row["block_id"])]
                assert "".join(m.text_content() for m in marks) == text[row["char_start"]:row["char_end"]], key
                checked += 1
    assert checked == sum(len(pd.read_parquet(dev_report / f"{t}.parquet")) for t in ROW_FIELDS) > 100


def test_index_has_the_run_the_problems_and_the_charts(dev_report):
    page = lxml_html.fromstring((dev_report / "report" / "index.html").read_bytes())
    docs = pd.read_parquet(dev_report / "documents.parquet")
    assert len(page.xpath("//figure/svg")) + len(page.xpath("//figure/p[@class='empty']")) == 4
    assert len(page.xpath("//figure/svg")) >= 3
    links = page.xpath("//table[contains(@class, 'documents')]//a/@href")
    assert sorted(links) == sorted(f"doc/{d}.html" for d in docs[docs.duplicate_of.isna()].doc_id)
    assert all((dev_report / "report" / link).exists() for link in links)
    assert not page.xpath("//script[not(@src)]") and not page.xpath("//*[@src[starts-with(., 'http')]]")


def test_document_text_is_escaped(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    doc = new_document()
    doc.add_heading("Zápis z jednání <script>alert('x')</script>", level=1)
    doc.add_paragraph("Přítomni: Jana Nováková <img src=x onerror=alert(1)> & spol.")
    (raw / "zapis.docx").write_bytes(to_bytes(doc))
    run(raw, tmp_path / "out", RunOptions(workers=0))
    build(tmp_path / "out")
    doc_id = pd.read_parquet(tmp_path / "out" / "documents.parquet").doc_id[0]
    source = (tmp_path / "out" / "report" / "doc" / f"{doc_id}.html").read_text(encoding="utf-8")
    assert "<script>alert" not in source and "&lt;script&gt;alert" in source
    page = lxml_html.fromstring(source)
    assert [s.get("src") for s in page.xpath("//script")] == ["../report.js"]
    assert not page.xpath("//img") and "<img src=x onerror=alert(1)>" in page.text_content()


def _browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not (chromium and driver):
        pytest.skip("Chromium and chromedriver are not installed (make setup-system installs them)")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1366,800", f"--user-data-dir={os.environ.get('TMPDIR', '/tmp')}/kpss-chromium-{os.getpid()}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(driver), options=options)


def test_in_a_browser_a_row_click_highlights_its_span_in_view(dev_report):
    browser = _browser()
    try:
        browser.get((dev_report / "report" / "index.html").as_uri())
        assert "KPSS review report" in browser.title
        assert len(browser.find_elements("css selector", "figure svg")) >= 3
        counts = pd.concat([pd.read_parquet(dev_report / f"{t}.parquet")[["doc_id"]] for t in ROW_FIELDS])
        doc_id = counts.doc_id.value_counts().index[0]  # the document with the most rows
        browser.get((dev_report / "report" / "doc" / f"{doc_id}.html").as_uri())
        links = browser.find_elements("css selector", "aside a.row[data-row]")
        assert len(links) > 10
        link = max(links, key=lambda a: browser.execute_script(
            "var m = document.querySelector('mark[data-rows~=\"' + arguments[0] + '\"]');"
            "return m ? m.getBoundingClientRect().top : -1;", a.get_attribute("data-row")))
        key = link.get_attribute("data-row")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", link)
        link.click()
        state = browser.execute_script(
            "var marks = document.querySelectorAll('mark[data-rows~=\"' + arguments[0] + '\"]');"
            "var r = marks[0].getBoundingClientRect();"
            "return {n: marks.length, active: Array.from(marks).every(m => m.classList.contains('active')),"
            " top: r.top, bottom: r.bottom, height: window.innerHeight,"
            " others: document.querySelectorAll('mark.active').length};", key)
        assert state["n"] >= 1 and state["active"] and state["others"] == state["n"]
        assert 0 <= state["top"] and state["bottom"] <= state["height"], state
        assert browser.save_screenshot(str(dev_report / "report" / "screenshot.png"))  # a temporary folder
    finally:
        browser.quit()


# Issue 12, point 10: named columns, a page title that says which archive and when, wall-clock
# and CPU seconds apart, source links that survive moving OUT and RAW together.

@pytest.fixture(scope="module")
def moved_report(tmp_path_factory) -> tuple[Path, Path]:
    """An archive folder `zapisy_lhota` and its OUT side by side, reported, then both moved."""
    base = tmp_path_factory.mktemp("archive")
    raw = base / "before" / "zapisy_lhota"
    (raw / "2024 jaro").mkdir(parents=True)
    doc = new_document()
    doc.add_heading("Zápis z jednání pracovní skupiny Senioři", level=1)
    doc.add_paragraph("Přítomni: Jana Nováková, Petr Svoboda")
    (raw / "2024 jaro" / "zápis č. 1.docx").write_bytes(to_bytes(doc))
    (raw / "poznamka.txt").write_text("Zápis z jednání pracovní skupiny Rodina\n\nPřítomni: Marie Dvořáková\n",
                                      encoding="utf-8")
    out = base / "before" / "out"
    run(raw, out, RunOptions(workers=0))
    build(out)
    (base / "before").rename(base / "after")
    return base / "after" / "out", base / "after" / "zapisy_lhota"


def test_documents_table_names_every_column(moved_report):
    out, _ = moved_report
    page = lxml_html.fromstring((out / "report" / "index.html").read_bytes())
    headings = [th.text_content().strip() for th in page.xpath("//table[contains(@class, 'documents')]//thead//th")]
    assert all(headings), headings
    assert {"Attendees", "Programme", "Capacity changes", "Services"} <= set(headings)


def test_index_is_titled_by_archive_and_date_with_the_run_id_below(moved_report):
    out, _ = moved_report
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    page = lxml_html.fromstring((out / "report" / "index.html").read_bytes())
    title = f"zapisy_lhota · {manifest['started_at'][:10]}"
    assert page.findtext(".//title").startswith(title) and "KPSS review report" in page.findtext(".//title")
    assert page.xpath("//h1")[0].text_content().strip() == title
    assert manifest["run_id"] in page.xpath("//*[@class='run-id']")[0].text_content()


def test_run_json_and_report_keep_wall_clock_and_cpu_seconds_apart(moved_report):
    out, _ = moved_report
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    wall, cpu = manifest["wall_seconds"], manifest["cpu_seconds"]
    assert set(wall) == {"read", "write", "total"} and set(cpu) == {"ingest", "extract"}
    assert wall["write"] > 0 and wall["read"] > 0  # the write phase used to be recorded before it ran (0)
    assert wall["total"] >= wall["read"] + wall["write"] - 0.002
    assert "stage_seconds" not in manifest  # worker seconds summed across workers read as elapsed time
    page = lxml_html.fromstring((out / "report" / "index.html").read_bytes())
    shown = page.xpath("//*[contains(@class, 'seconds')]")[0].text_content()
    assert "Wall-clock" in shown and "CPU" in shown and f"write {wall['write']}" in shown
    assert f"extract {cpu['extract']}" in shown


def test_source_links_are_relative_and_still_open_after_a_move(moved_report):
    out, raw = moved_report
    pages = sorted((out / "report" / "doc").glob("*.html"))
    assert len(pages) == 2
    targets = []
    for page_path in pages:
        page = lxml_html.fromstring(page_path.read_bytes())
        href = page.xpath("//section[@class='meta']//a/@href")[0]
        assert not href.startswith(("file:", "/")), href
        target = (page_path.parent / unquote(href)).resolve()
        assert target.is_file() and target.is_relative_to(raw)
        targets.append(target.name)
    assert sorted(targets) == ["poznamka.txt", "zápis č. 1.docx"]


def test_in_a_browser_the_moved_report_names_its_columns_and_finds_its_sources(moved_report):
    out, raw = moved_report
    browser = _browser()
    try:
        browser.get((out / "report" / "index.html").as_uri())
        assert browser.title.startswith("zapisy_lhota · ")
        headings = browser.execute_script(
            "return Array.from(document.querySelectorAll('table.documents thead th')).map(th => th.innerText.trim());")
        assert all(headings) and "Attendees" in headings
        doc_page = next(p for p in (out / "report" / "doc").glob("*.html") if "docx" in p.read_text(encoding="utf-8"))
        browser.get(doc_page.as_uri())
        href = browser.execute_script("return document.querySelector('section.meta a').href;")
        assert href.startswith("file://") and Path(unquote(href[len("file://"):])) == raw / "2024 jaro" / "zápis č. 1.docx"
    finally:
        browser.quit()
