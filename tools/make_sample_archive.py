#!/usr/bin/env python3
"""Write the project's own sample archive of invented KPSS minutes into data/raw/.

Six fictional documents in the style of Czech minutes of community planning of
social services (komunitní plánování sociálních služeb). Every person, most
organisations, all IČO and all project numbers are invented; the wording is
new (nothing is copied from the shared seeds).

  zapis_ps_seniori_uherskobrodsko_2023-03-14.docx  PS Senioři, ORP Uherský Brod
  zapis_ps_ozp_vsetin_2022-05-03.docx              PS Osoby se zdravotním postižením, ORP Vsetín
  zapis_rs_bystrice_2021-02-15.docx                Řídicí skupina, město Bystřice
  zapis_ps_rodiny_prerov_2023-04-12.pdf            PS Rodiny s dětmi, Přerovsko (DOCX -> PDF)
  zapis_ps_oosv_kyjov_2022-09-21.pdf               PS Osoby ohrožené soc. vyloučením, Kyjovsko (DOCX -> PDF)
  zapis_ps_seniori_ozp_hranice_2021-11-24.html     PS Senioři a OZP, ORP Hranice (windows-1250 web page)

The DOCX files use real Word features: auto-numbered programme (numbers come
from numbering.xml, not from the text), multi-level bullets, a running page
header, a footer with the project registration number and a PAGE field, a
name | organisation table, a borderless "Zapsal(a): / Dne:" table, tab-separated
label lines and heading styles for Cíl/Priorita > Opatření > Aktivita.
The PDFs are LibreOffice exports of two more DOCX built the same way.

Gold annotations: tests/fixtures/sample_gold/<file stem>.json (written by hand).
Description of the files: data/README.md.

Usage (from the repository root):
    .venv/bin/python tools/make_sample_archive.py [--no-pdf] [--out DIR]

Deterministic: DOCX core properties carry fixed dates and the DOCX zip entries a
fixed timestamp, so reruns give byte-identical DOCX and HTML files. In the PDFs
the creation dates and the document /ID that LibreOffice writes are replaced
by fixed values of the same length.
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parents[1]
NBSP = "\u00a0"
FIXED_TIME = dt.datetime(2023, 1, 2, 8, 0, 0)
ZIP_TIME = (2023, 1, 2, 8, 0, 0)


# =========================================================================== DOCX helper

class Minutes:
    """A python-docx document with the few Word features real minutes use."""

    BULLETS = [("\uf0b7", "Symbol"), ("o", "Courier New"), ("\uf0a7", "Wingdings")] * 3

    def __init__(self, title: str, author: str, font: str = "Calibri", size: int = 11):
        self.d = Document()
        sec = self.d.sections[0]
        sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
        sec.left_margin = sec.right_margin = Cm(2.5)
        sec.top_margin = sec.bottom_margin = Cm(2.2)
        self._set_fonts(font, size)
        cp = self.d.core_properties
        cp.title, cp.author, cp.last_modified_by = title, author, author
        cp.language = "cs-CZ"
        cp.created = cp.modified = FIXED_TIME
        cp.last_printed = FIXED_TIME
        cp.revision = 2
        self._numbering = self.d.part.numbering_part.element
        self._next_abstract = 10

    def _set_fonts(self, font: str, size: int) -> None:
        styles = self.d.styles
        styles["Normal"].font.name = font
        styles["Normal"].font.size = Pt(size)
        rpr = styles["Normal"].element.get_or_add_rPr()
        rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="cs-CZ" w:eastAsia="cs-CZ"/>'))
        for name in ["Normal", "Title"] + [f"Heading {i}" for i in range(1, 6)]:
            r = styles[name].element.get_or_add_rPr()
            rf = r.find(qn("w:rFonts"))
            if rf is None:
                rf = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
                r.insert(0, rf)
            for attr in list(rf.attrib):  # drop theme fonts so the chosen font is used
                if attr.endswith("Theme"):
                    del rf.attrib[attr]
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                rf.set(qn(attr), font)

    # ------------------------------------------------------------------ numbering
    def _abstract(self, levels_xml: str) -> int:
        aid = self._next_abstract
        self._next_abstract += 1
        nsid = "%08X" % (0x5A3C0000 + aid)
        el = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}"><w:nsid w:val="{nsid}"/>'
            f'<w:multiLevelType w:val="hybridMultilevel"/><w:tmpl w:val="{nsid}"/>{levels_xml}'
            "</w:abstractNum>")
        first_num = self._numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(el)  # abstractNum elements must precede num elements
        else:
            self._numbering.append(el)
        return self._numbering.add_num(aid).numId

    def numbered_list(self, fmt: str = "%1.") -> int:
        """An auto-numbered decimal list; the numbers are NOT part of the paragraph text."""
        lvls = ""
        for i in range(9):
            text = fmt if i == 0 else f"%{i + 1}."
            lvls += (f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                     f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                     f'<w:pPr><w:ind w:left="{720 + 360 * i}" w:hanging="360"/></w:pPr></w:lvl>')
        return self._abstract(lvls)

    def bullet_list(self, glyphs=None) -> int:
        """A multi-level bullet list (Word's Symbol / Courier New / Wingdings glyphs)."""
        lvls = ""
        for i, (glyph, font) in enumerate((glyphs or self.BULLETS)[:9]):
            lvls += (f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
                     f'<w:lvlText w:val="{html.escape(glyph, quote=True)}"/><w:lvlJc w:val="left"/>'
                     f'<w:pPr><w:ind w:left="{720 * (i + 1)}" w:hanging="360"/></w:pPr>'
                     f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr></w:lvl>')
        return self._abstract(lvls)

    # ------------------------------------------------------------------ paragraphs
    def p(self, *runs, style=None, align=None, num=None, ilvl=0, tab_cm=None, space_after=None):
        """A paragraph of runs: str or (text, "b"/"i"/"bi"/"u"/"bu")."""
        para = self.d.add_paragraph(style=style)
        for r in runs:
            text, fmt = (r, "") if isinstance(r, str) else r
            run = para.add_run(text)
            run.bold = ("b" in fmt) or None
            run.italic = ("i" in fmt) or None
            run.underline = ("u" in fmt) or None
        if align:
            para.alignment = {"c": WD_ALIGN_PARAGRAPH.CENTER, "r": WD_ALIGN_PARAGRAPH.RIGHT,
                              "j": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
        if num is not None:
            ppr = para._p.get_or_add_pPr()
            numpr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/>'
                              f'<w:numId w:val="{num}"/></w:numPr>')
            pstyle = ppr.find(qn("w:pStyle"))
            if pstyle is not None:
                pstyle.addnext(numpr)
            else:
                ppr.insert(0, numpr)
        if tab_cm is not None:
            para.paragraph_format.tab_stops.add_tab_stop(Cm(tab_cm))
        if space_after is not None:
            para.paragraph_format.space_after = Pt(space_after)
        return para

    def label(self, name: str, value: str, tab_cm: float = 4.0):
        """A bold label, a tab and its value: "Místo jednání:\\t...". """
        return self.p((name, "b"), "\t" + value, tab_cm=tab_cm, space_after=2)

    def li(self, num: int, ilvl: int, *runs, **kw):
        return self.p(*runs, style="List Paragraph", num=num, ilvl=ilvl, **kw)

    def h(self, text: str, level: int, **kw):
        return self.p(text, style=f"Heading {level}", **kw)

    def empty(self, n: int = 1) -> None:
        for _ in range(n):
            self.d.add_paragraph()

    # ------------------------------------------------------------------ header / footer
    def running_header(self, text: str, align: str = "r", size: int = 9) -> None:
        hdr = self.d.sections[0].header
        hdr.is_linked_to_previous = False
        para = hdr.paragraphs[0]
        run = para.add_run(text)
        run.italic = True
        run.font.size = Pt(size)
        para.alignment = {"l": WD_ALIGN_PARAGRAPH.LEFT, "c": WD_ALIGN_PARAGRAPH.CENTER,
                          "r": WD_ALIGN_PARAGRAPH.RIGHT}[align]
        # a thin rule under the header, as Word's header style often has
        ppr = para._p.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="4" '
                             f'w:space="1" w:color="808080"/></w:pBdr>'))

    def footer(self, lines: list[str], page_prefix: str | None = "Strana ", size: int = 8) -> None:
        ftr = self.d.sections[0].footer
        ftr.is_linked_to_previous = False
        first = True
        for line in lines:
            para = ftr.paragraphs[0] if first else ftr.add_paragraph()
            first = False
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            para.add_run(line).font.size = Pt(size)
        if page_prefix is not None:
            para = ftr.paragraphs[0] if first else ftr.add_paragraph()
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            para.add_run(page_prefix).font.size = Pt(size)
            for xml in ('<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
                        '<w:r {ns}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
                        '<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>',
                        '<w:r {ns}><w:t>1</w:t></w:r>',
                        '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>'):
                para._p.append(parse_xml(xml.format(ns=nsdecls("w"))))

    # ------------------------------------------------------------------ tables
    def table(self, rows: list[list[str]], widths_cm: list[float], header: bool = False,
              borders: bool = True, bold_first_col: bool = False):
        t = self.d.add_table(rows=len(rows), cols=len(rows[0]))
        if borders:
            t.style = self.d.styles["Table Grid"]
        t.alignment = WD_TABLE_ALIGNMENT.LEFT
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                cell = t.cell(i, j)
                cell.width = Cm(widths_cm[j])
                run = cell.paragraphs[0].add_run(value)
                if (header and i == 0) or (bold_first_col and j == 0):
                    run.bold = True
        return t

    # ------------------------------------------------------------------ save
    def save(self, path: Path) -> None:
        self.d.save(str(path))
        rezip_fixed_time(path)


def rezip_fixed_time(path: Path) -> None:
    """Rewrite a zip package with a fixed timestamp on every entry (stable bytes)."""
    with zipfile.ZipFile(path) as z:
        entries = [(info.filename, z.read(info.filename)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)


# =========================================================================== 1 PS Senioři, Uherský Brod

def doc_seniori_uherskobrodsko() -> Minutes:
    m = Minutes("Zápis PS Senioři 14. 3. 2023", "Tereza Kroupová")
    m.running_header("Komunitní plánování sociálních služeb na Uherskobrodsku | PS Senioři")
    m.footer(["Projekt „Plánování sociálních služeb na Uherskobrodsku“, "
              "reg. č. CZ.03.2.63/0.0/0.0/19_107/0013516"])
    prog = m.numbered_list("%1.")
    bul = m.bullet_list()

    m.p("Zápis z jednání pracovní skupiny Senioři", style="Title")
    m.p("komunitní plánování sociálních služeb ORP Uherský Brod", align="c", space_after=12)
    m.label("Datum jednání:", "14. března 2023, 13:00–15:15 hod.")
    m.label("Místo jednání:", "Městský úřad Uherský Brod, Masarykovo nám. 100, zasedací místnost č. 112")
    m.p(("Přítomni:", "b"), space_after=2)
    m.table([["Jméno", "Organizace"],
             ["Mgr. Lenka Vavříková", "Městský úřad Uherský Brod"],
             ["Bc. Tereza Kroupová", "Městský úřad Uherský Brod"],
             ["Jarmila Šustková, DiS.", "Charita Uherský Brod"],
             ["Ing. Pavel Ondrůšek", "Sociální služby Uherský Brod, p. o."],
             ["PhDr. Marie Hrabalová", "Zdravé stárnutí Bojkovice, z. s."],
             ["Bc. Josef Kučera", "Obec Nivnice"],
             ["Alena Machalová", "zástupkyně veřejnosti"]],
            widths_cm=[6.0, 9.0], header=True)
    m.empty()
    m.label("Omluveni:", "Mgr. Radek Polášek (Charita Uherský Brod), Věra Kubíčková")
    m.label("Hosté:", "Ing. Dagmar Slaninová (Krajský úřad Zlínského kraje, odbor sociálních věcí)")
    m.empty()
    m.p(("Program:", "b"))
    for item in ["Zahájení, kontrola zápisu z minulého jednání",
                 "Informace z krajského úřadu – dotační řízení na rok 2023",
                 "Vyhodnocení akčního plánu za rok 2022",
                 "Návrhy aktivit do akčního plánu na rok 2024",
                 "Různé a závěr"]:
        m.li(prog, 0, item)

    m.h("K bodu 1 – Zahájení", 2)
    m.p("Jednání zahájila a vedla Mgr. Lenka Vavříková, koordinátorka komunitního plánování. Přivítala "
        "přítomné i hosta z krajského úřadu. Zápis z jednání konaného 17. ledna 2023 byl schválen bez "
        "připomínek.", align="j")

    m.h("K bodu 2 – Dotační řízení", 2)
    m.p("Ing. Dagmar Slaninová informovala o průběhu dotačního řízení, které pro rok 2023 vyhlásil Krajský "
        "úřad Zlínského kraje. Do krajské sítě sociálních služeb je v ORP Uherský Brod zařazeno 14 služeb. "
        "Na jejich financování směřuje letos celkem 18,4 mil. Kč, tj. o 6 % více než v roce 2022. "
        "Vyúčtování dotací je třeba odevzdat do 15. ledna 2024.", align="j")

    m.h("K bodu 3 – Vyhodnocení akčního plánu 2022", 2)
    m.p("Bc. Tereza Kroupová představila vyhodnocení akčního plánu. Z 9 aktivit plánu bylo v roce 2022 "
        "splněno 7, zbylé dvě se přesouvají.", align="j")
    m.li(bul, 0, "Splněno (výběr):")
    m.li(bul, 1, "Zdravé stárnutí Bojkovice, z. s. poskytuje od září 2022 sociálně aktivizační služby pro "
                 "seniory a osoby se zdravotním postižením; kapacita služby je 12 klientů.")
    m.li(bul, 1, "Charita Uherský Brod rozšířila pečovatelskou službu do obcí Korytná a Strání.")
    m.li(bul, 1, "Sociální služby Uherský Brod, p. o. zmodernizovaly pokoje pobytové odlehčovací služby.")
    m.li(bul, 0, "Nesplněno, přesouvá se:")
    m.li(bul, 1, "zavedení tísňové péče – v ORP ji dosud nenabízí žádný poskytovatel, zájem o ni přitom roste")
    m.li(bul, 1, "bezbariérová úprava klubovny seniorů v Bojkovicích")

    m.h("K bodu 4 – Návrhy aktivit do akčního plánu 2024", 2)
    m.p("Pracovní skupina projednala návrhy poskytovatelů a doporučuje řídicí skupině zařadit do akčního "
        "plánu na rok 2024 tyto cíle, opatření a aktivity:", align="j")
    m.h("Cíl 1 Udržet a rozvíjet služby, které seniorům umožní žít co nejdéle doma", 3)
    m.h("Opatření 1.1 Posílení terénní péče o seniory", 4)
    m.h("Aktivita 1.1.1 Navýšení kapacity pečovatelské služby", 5)
    m.p("Služba eviduje 23 neuspokojených žadatelů, zejména z okrajových částí města. Navrhuje se navýšení "
        "o 0,5 úvazku pracovníka v sociálních službách.", align="j")
    m.label("Realizátor:", "Charita Uherský Brod")
    m.label("Termín:", "1. 1. 2024")
    m.label("Předpokládané náklady:", "310 000 Kč ročně", tab_cm=5.0)
    m.h("Aktivita 1.1.2 Víkendová pečovatelská služba v obcích Bojkovice a Nivnice", 5)
    m.p("Zajištění péče o klienty i o sobotách a nedělích, zejména pomoci při hygieně a podání stravy.")
    m.label("Realizátor:", "Charita Uherský Brod")
    m.label("Termín:", "2024")
    m.h("Opatření 1.2 Rozvoj odlehčovacích služeb", 4)
    m.h("Aktivita 1.2.1 Rozšíření pobytové odlehčovací služby", 5)
    m.p("Kapacita pobytové odlehčovací služby v Uherském Brodě bude rozšířena z 8 lůžek na 12 lůžek. Služba "
        "je dlouhodobě plně obsazena a pečující rodiny čekají na volné místo i několik měsíců.", align="j")
    m.label("Realizátor:", "Sociální služby Uherský Brod, p. o. (kontaktní osoba Mgr. Hana Zedníková)")
    m.label("Termín:", "2024–2025")
    m.h("Cíl 2 Zlepšit informovanost seniorů a pečujících o dostupných službách", 3)
    m.h("Opatření 2.1 Informační kampaň pro seniory", 4)
    m.h("Aktivita 2.1.1 Vydání aktualizovaného katalogu sociálních služeb", 5)
    m.p("Katalog vyjde v nákladu 2 000 výtisků a bude distribuován přes obecní úřady a ordinace praktických "
        "lékařů.", align="j")
    m.label("Realizátor:", "Město Uherský Brod")
    m.label("Termín:", "31. 12. 2023")

    m.h("K bodu 5 – Různé a závěr", 2)
    m.li(bul, 0, "Spolek Zdravé stárnutí Bojkovice zve členy skupiny na den otevřených dveří 20. dubna 2023.")
    m.li(bul, 0, "Příští jednání pracovní skupiny se uskuteční 13. června 2023 od 13:00 hod. na stejném místě.")
    m.p("Jednání bylo ukončeno v 15:15 hod.")
    m.empty()
    m.table([["Zapsala:", "Bc. Tereza Kroupová"],
             ["Dne:", "16. 3. 2023"],
             ["Ověřila:", "Mgr. Lenka Vavříková"]],
            widths_cm=[3.0, 8.0], borders=False, bold_first_col=True)
    return m


# =========================================================================== 2 PS OZP, Vsetín

def doc_ozp_vsetin() -> Minutes:
    m = Minutes("Zápis PS OZP 2/2022", "Ondřej Matušů", font="Arial", size=10)
    m.running_header("Komunitní plánování sociálních služeb ORP Vsetín", align="l")
    m.footer(["Projekt „Rozvoj komunitního plánování v ORP Vsetín“",
              "registrační číslo projektu: CZ.03.2.63/0.0/0.0/15_007/0004127"], page_prefix=None)
    prog = m.numbered_list("%1)")
    bul = m.bullet_list()

    m.h("Zápis č. 2/2022 z jednání pracovní skupiny Osoby se zdravotním postižením", 1)
    m.label("Datum:", "3. 5. 2022, 9:00–11:00 hod.", tab_cm=3.0)
    m.label("Místo:", "Městský úřad Vsetín, Svárov 1080, zasedací místnost v 2. patře", tab_cm=3.0)
    m.label("Přítomni:", "Mgr. Petra Zbranková (Městský úřad Vsetín), Bc. Ondřej Matušů (Diakonie ČCE – "
            "středisko Vsetín), Kamila Ryšavá, DiS. (Diakonie ČCE – středisko Vsetín), Ing. Martin Bartoň "
            "(Kopretina Valašsko, z. ú.), PhDr. Eva Trčková (Rodiče sobě Vsetín, z. s.), Lubomír Hanák "
            "(zástupce uživatelů)", tab_cm=3.0)
    m.label("Omluveni:", "Jiří Koláček (Spolek neslyšících Vsetínsko, z. s.), Mgr. Simona Dujková", tab_cm=3.0)
    m.label("Hosté:", "Bc. Radim Šenkeřík (Úřad práce ČR)", tab_cm=3.0)
    m.empty()
    m.p(("Program:", "bu"))
    for item in ["Úvod a schválení programu",
                 "Priority střednědobého plánu na období 2023–2025 pro osoby se zdravotním postižením",
                 "Aktuality od poskytovatelů sociálních služeb",
                 "Různé"]:
        m.li(prog, 0, item)
    m.empty()

    m.p(("K bodu 1", "bu"))
    m.p("Jednání řídila Mgr. Petra Zbranková. Program byl přítomnými schválen bez změn. Návrh střednědobého "
        "plánu bude předložen Zastupitelstvu města Vsetína dne 20. června 2022.", align="j")

    m.p(("K bodu 2", "bu"))
    m.p("Pracovní skupina dopracovala priority, opatření a aktivity pro cílovou skupinu osob se zdravotním "
        "postižením:", align="j")
    m.h("Priorita 1 Podpora samostatného života osob se zdravotním postižením", 2)
    m.h("Opatření 1.1 Rozvoj chráněného bydlení", 3)
    m.h("Aktivita 1.1.1 Zřízení další domácnosti chráněného bydlení ve Vsetíně", 4)
    m.p("Nová domácnost chráněného bydlení pro 6 klientů s mentálním postižením. Předpokládané investiční "
        "náklady 4,2 mil. Kč (IROP, rozpočet Zlínského kraje).", align="j")
    m.label("Realizátor:", "Diakonie ČCE – středisko Vsetín", tab_cm=3.0)
    m.label("Termín:", "2024", tab_cm=3.0)
    m.h("Opatření 1.2 Stabilizace denních služeb", 3)
    m.h("Aktivita 1.2.1 Posílení personálu denního stacionáře", 4)
    m.p("Denní stacionář: + 1 úvazek pracovníka v sociálních službách, aby bylo možné prodloužit provozní "
        "dobu do 16:00 hod.", align="j")
    m.label("Realizátor:", "Kopretina Valašsko, z. ú., IČO 05312761", tab_cm=3.0)
    m.label("Termín:", "od 1. 1. 2023", tab_cm=3.0)
    m.h("Priorita 2 Dostupnost služeb pro osoby se smyslovým postižením", 2)
    m.h("Opatření 2.1 Tlumočnické služby v celém ORP", 3)
    m.h("Aktivita 2.1.1 Zavedení online tlumočení do českého znakového jazyka", 4)
    m.p("Nový úvazek 1 pro tlumočnici či tlumočníka českého znakového jazyka; tlumočení bude dostupné i "
        "klientům v odlehlých obcích.", align="j")
    m.label("Realizátor:", "Spolek neslyšících Vsetínsko, z. s.", tab_cm=3.0)
    m.label("Termín:", "do konce roku 2023, odpovídá p. Jurečková", tab_cm=3.0)
    m.p("V diskusi zaznělo, že v ORP chybí osobní asistence pro děti i dospělé v obcích Karolinka a Velké "
        "Karlovice; téma bude zařazeno na příští jednání.", align="j")

    m.p(("K bodu 3", "bu"))
    m.li(bul, 0, "Kopretina Valašsko, z. ú.")
    m.li(bul, 1, "Denní stacionář se od 1. září 2022 stěhuje do budovy bývalé školy v Rokytnici; v menších "
                 "prostorách dojde ke snížení kapacity o 5 míst.")
    m.li(bul, 1, "Město Vsetín podpořilo úpravy budovy částkou 450 000 Kč.")
    m.li(bul, 0, "Diakonie ČCE – středisko Vsetín")
    m.li(bul, 1, "Sociálně terapeutická dílna má od ledna novou vedoucí; kapacita dílny je 14 klientů denně.")
    m.li(bul, 1, "Chráněné bydlení je plně obsazeno, v pořadníku čeká 9 zájemců.")
    m.li(bul, 0, "Spolek neslyšících Vsetínsko, z. s. (informace zaslána písemně)")
    m.li(bul, 1, "V roce 2021 spolek zajistil 1 240 hodin tlumočnických služeb.")

    m.p(("K bodu 4", "bu"))
    m.p("Příští setkání pracovní skupiny je naplánováno na 6. září 2022 v 9:00 hod.")
    m.empty()
    m.label("Zapsal:", "Bc. Ondřej Matušů", tab_cm=3.0)
    m.p("Ve Vsetíně dne 5. 5. 2022")
    return m


# =========================================================================== 3 Řídicí skupina, Bystřice

def doc_rs_bystrice() -> Minutes:
    m = Minutes("Zápis ŘS KPSS 15.2.2021", "Tomáš Vrba", font="Times New Roman", size=12)
    m.running_header("Město Bystřice – Komunitní plán sociálních služeb 2021–2023", align="c")
    m.footer(["Projekt Komunitní plánování sociálních služeb ve městě Bystřice, registrační číslo "
              "CZ.03.2.63/0.0/0.0/18_096/0011432"])
    prog = m.numbered_list("%1.")
    bul = m.bullet_list()

    m.h("Zápis z jednání Řídicí skupiny komunitního plánování sociálních služeb města Bystřice", 1)
    m.p("konaného dne 15.2.2021 od 15:00 hod.", align="c")
    m.label("Místo jednání:", "online – MS Teams (z důvodu protiepidemických opatření)")
    m.p(("Přítomni:", "b"), space_after=2)
    m.table([["Jméno", "Organizace / funkce"],
             ["Mgr. Jitka Malinová", "místostarostka, předsedkyně řídicí skupiny"],
             ["Ing. Tomáš Vrba", "Městský úřad Bystřice"],
             ["Bc. Lucie Navrátilová, DiS.", "Oblastní charita Bystřice"],
             ["Mgr. Filip Doležal", "Paprsek Bystřice, z. s."],
             ["PhDr. Jana Kratochvílová", "Poradna Krok, o. p. s."],
             ["Ing. Miroslav Šimek", "Domov Pod Hájem, p. o."]],
            widths_cm=[6.0, 9.5], header=True)
    m.empty()
    m.label("Omluveni:", "Bc. Vladimír Kovařík (Úřad práce ČR)")
    m.label("Hosté:", "Mgr. Kristýna Holubová (Krajský úřad Středočeského kraje)")
    m.empty()
    m.p(("Program:", "b"))
    for item in ["Zahájení",
                 "Akční plán sociálních služeb na rok 2021",
                 "Návrh rozdělení dotací města na sociální služby pro rok 2021",
                 "Informace z pracovních skupin",
                 "Různé"]:
        m.li(prog, 0, item)
    m.empty()

    m.p(("Ad 1) Zahájení", "b"))
    m.p("Jednání zahájila předsedkyně řídicí skupiny Mgr. Jitka Malinová. Řídicí skupina je usnášeníschopná, "
        "připojilo se 6 z 8 členů.", align="j")

    m.p(("Ad 2) Akční plán sociálních služeb na rok 2021", "b"))
    m.p("Ing. Tomáš Vrba představil návrh akčního plánu, který vychází z komunitního plánu na období "
        "2021–2023. Řídicí skupina návrh projednala a doporučuje jej ke schválení s těmito aktivitami:",
        align="j")
    m.h("Cíl 1 Podpořit děti a mládež ohrožené rizikovým chováním", 2)
    m.h("Opatření 1.1 Rozvoj nízkoprahového zařízení pro děti a mládež", 3)
    m.h("Aktivita 1.1.1 Rozšíření provozní doby NZDM o sobotní odpoledne", 4)
    m.p("Navýšení personální kapacity NZDM: + 0,5 úvazku sociálního pracovníka.")
    m.p("R: Paprsek Bystřice, z. s.")
    m.p("Termín: září 2021")
    m.h("Cíl 2 Snížit sociální vyloučení v lokalitách Na Vápence a U Nádraží", 2)
    m.h("Opatření 2.1 Terénní práce v sociálně vyloučených lokalitách", 3)
    m.h("Aktivita 2.1.1 Zřízení terénního programu pro lokalitu Na Vápence", 4)
    m.p("V lokalitě žije přibližně 180 obyvatel, z toho 70 dětí. Terénní program zajistí dva terénní "
        "pracovníci, kteří budou v lokalitě přítomni pět dní v týdnu.", align="j")
    m.p("R: Oblastní charita Bystřice")
    m.p("Termín: 1. 4. 2021")
    m.h("Aktivita 2.1.2 Dluhové poradenství v rámci odborného sociálního poradenství", 4)
    m.p("Zavedení pravidelných konzultací dluhového poradenství přímo v lokalitě, pro 15 klientů měsíčně.",
        align="j")
    m.p("R: Poradna Krok, o. p. s.")
    m.p("Termín: průběžně")
    m.p("Hlasování: pro 6, proti 0, zdržel se 0. Akční plán bude předložen Radě města Bystřice dne "
        "8. března 2021.", align="j")

    m.p(("Ad 3) Návrh rozdělení dotací města na sociální služby pro rok 2021", "b"))
    m.p("Do dotačního programu města podalo žádost 5 žadatelů. V rozpočtu města Bystřice je pro rok 2021 na "
        "sociální služby vyčleněno 1 500 000 Kč. Řídicí skupina doporučuje toto rozdělení:", align="j")
    m.table([["Žadatel", "IČO", "Sociální služba", "Návrh (Kč)"],
             ["Oblastní charita Bystřice", "44709129", "terénní programy", "380 000"],
             ["Paprsek Bystřice, z. s.", "22860347", "NZDM Klub Paprsek", "290 000"],
             ["Poradna Krok, o. p. s.", "27108342", "odborné sociální poradenství", "150 000"],
             ["Domov Pod Hájem, p. o.", "70123454", "domov se zvláštním režimem", "520 000"],
             ["Senior taxi Bystřice, s. r. o.", "06128351", "přeprava seniorů", "0"],
             ["Celkem", "", "", "1 340 000"]],
            widths_cm=[5.5, 2.5, 5.0, 2.5], header=True)
    m.empty()
    m.p("Žádost společnosti Senior taxi Bystřice, s. r. o. doporučena není, protože přeprava seniorů není "
        "registrovanou sociální službou. Zbývajících 160 000 Kč zůstává v rezervě. U Poradny Krok je třeba "
        "ověřit IČO uvedené v žádosti.", align="j")

    m.p(("Ad 4) Informace z pracovních skupin", "b"))
    m.li(bul, 0, "PS Rodiny s dětmi se sešla 2. února 2021 a projednala potřebu sociálně aktivizační služby "
                 "pro rodiny s dětmi, kterou ve městě zatím nikdo neposkytuje.")
    m.li(bul, 0, "PS Senioři upozornila na nedostatečnou kapacitu odlehčovacích služeb; v okolí města není "
                 "k dispozici žádné odlehčovací lůžko.")
    m.li(bul, 0, "PS Osoby ohrožené sociálním vyloučením se z důvodu epidemie nesešla.")

    m.p(("Ad 5) Různé", "b"))
    m.p("Další jednání řídicí skupiny se uskuteční 26. dubna 2021 v 15:00 hod., podle situace prezenčně "
        "nebo online.", align="j")
    m.empty()
    m.table([["Zapsal:", "Ing. Tomáš Vrba"],
             ["Dne:", "17.2.2021"],
             ["Schválila:", "Mgr. Jitka Malinová, předsedkyně řídicí skupiny"]],
            widths_cm=[3.0, 10.0], borders=False, bold_first_col=True)
    return m


# =========================================================================== 4 PS Rodiny s dětmi, Přerov (-> PDF)

def doc_rodiny_prerov() -> Minutes:
    m = Minutes("Zápis PS Rodiny s dětmi 12. 4. 2023", "Hana Kolářová", font="Calibri", size=11)
    m.running_header("Komunitní plánování sociálních služeb na Přerovsku", align="r")
    m.footer([], page_prefix="Stránka ")
    prog = m.numbered_list("%1)")

    m.p("Zápis z jednání pracovní skupiny Rodiny s dětmi", style="Title")
    m.label("Termín konání:", "12. dubna 2023, 9:00–11:30 hod.")
    m.label("Místo konání:", "Magistrát města Přerova, Bratrská 34, zasedací místnost č. 215")
    m.label("Přítomni:", "Mgr. Zuzana Pospíšilová (Magistrát města Přerova), Bc. Hana Kolářová (Magistrát "
            "města Přerova), Mgr. Jakub Chromý (Sdružení Zvonek Přerov, z. s.), Bc. Veronika Šindlerová, DiS. "
            "(Charita Přerov), Mgr. Lucie Hejduková (Středisko rané péče Vlnka, o. p. s.), Ing. Stanislav "
            "Dvořák (Obec Brodek u Přerova)")
    m.label("Omluveni:", "PhDr. Renata Vojtková (Pedagogicko-psychologická poradna Přerov)")
    m.label("Hosté:", "npor. Bc. Petr Žák (Policie ČR)")
    m.empty()
    m.p(("Program:", "b"))
    for item in ["Úvod",
                 "Prevence rizikového chování dětí – informace Policie ČR",
                 "Návrh priorit a opatření pro cílovou skupinu rodiny s dětmi",
                 "Různé, termín dalšího jednání"]:
        m.li(prog, 0, item)

    m.h("K bodu 1", 2)
    m.p("Setkání zahájila Mgr. Zuzana Pospíšilová, která skupinu provází procesem plánování. Připomněla, že "
        "střednědobý plán na roky 2024–2026 má být dokončen do 30. září 2023.", align="j")
    m.h("K bodu 2", 2)
    m.p("npor. Bc. Petr Žák představil program primární prevence na školách. Ve školním roce 2021/2022 se "
        "preventivních besed zúčastnilo 1 850 žáků z 22 škol. Nejčastějšími tématy jsou kyberšikana a "
        "experimentování s návykovými látkami.", align="j")
    m.h("K bodu 3", 2)
    m.p("Skupina navázala na výstupy analýzy potřeb z ledna 2023. V ORP Přerov žije přibližně 8 500 rodin "
        "s dětmi do 15 let. Poskytovatelé krátce představili své služby: Sdružení Zvonek Přerov, z. s. a "
        "Charita Přerov poskytují sociálně aktivizační služby pro rodiny s dětmi (SAS), Charita Přerov "
        "provozuje také NZDM a Středisko rané péče Vlnka, o. p. s. zajišťuje ranou péči.", align="j")
    m.h("Priorita 1 Včasná podpora rodin s dítětem se zdravotním postižením", 3)
    m.h("Opatření 1.1 Dostupnost rané péče ve venkovských obcích", 4)
    m.h("Aktivita 1.1.1 Zachování terénní rané péče v celém ORP Přerov", 5)
    m.p("Raná péče je poskytována terénně v domácnostech rodin; kapacita služby je 40 rodin. Roční náklady "
        "činí 1,1 mil. Kč.", align="j")
    m.p("R: Středisko rané péče Vlnka, o. p. s.")
    m.p("Termín: 2024–2026")
    m.h("Priorita 2 Podpora rodin v nepříznivé sociální situaci", 3)
    m.h("Opatření 2.1 Rozvoj sociálně aktivizačních služeb pro rodiny s dětmi", 4)
    m.h("Aktivita 2.1.1 Navýšení kapacity SAS v Přerově", 5)
    m.p("Rozšíření úvazků pracovníků v přímé péči z 2,5 na 3,5 úvazku; v pořadníku zájemců o službu je "
        "v současnosti 11 rodin.", align="j")
    m.p("R: Sdružení Zvonek Přerov, z. s.")
    m.p("Termín: 1. 1. 2024")
    m.h("Aktivita 2.1.2 Zřízení SAS pro rodiny s dětmi v Kojetíně a okolí", 5)
    m.p("Nová pobočka služby pro 15 klientů (rodin); zázemí poskytne Město Kojetín v budově bývalé fary.",
        align="j")
    m.p("R: Charita Přerov")
    m.p("Termín: 2025")
    m.h("Opatření 2.2 Nízkoprahové služby pro děti a mládež", 4)
    m.h("Aktivita 2.2.1 Terénní forma NZDM na sídlištích Předmostí a Újezdec", 5)
    m.p("Navýšení o 1 pracovníka, který bude s mládeží pracovat přímo na sídlištích. Financování se "
        "předpokládá z dotace Olomouckého kraje.", align="j")
    m.p("R: Charita Přerov")
    m.p("Termín: 2024")
    m.p("Skupina dále upozornila, že na Přerovsku chybí azylový dům pro matky s dětmi; nejbližší zařízení "
        "jsou v Olomouci a Prostějově.", align="j")
    m.h("K bodu 4", 2)
    m.p("Další jednání se uskuteční 14. června 2023 v 10:00 hod. v zasedací místnosti č. 215.")
    m.empty()
    m.label("Zapsala:", "Bc. Hana Kolářová")
    m.label("Dne:", "13. 4. 2023")
    return m


# =========================================================================== 5 PS OOSV, Kyjov (-> PDF)

def doc_oosv_kyjov() -> Minutes:
    m = Minutes("Záznam PS OOSV 21. 9. 2022", "Marek Pokorný", font="Arial", size=10)
    m.running_header("Komunitní plánování sociálních služeb Kyjovska", align="l")
    m.footer(["Projekt Rozvoj komunitního plánování na Kyjovsku | reg. č. CZ.03.2.63/0.0/0.0/17_079/0009876"])
    prog = m.numbered_list("%1.")
    bul = m.bullet_list([("–", "Arial")] * 9)

    m.h("Záznam z jednání pracovní skupiny Osoby ohrožené sociálním vyloučením", 1)
    m.label("Datum konání:", "středa 21. září 2022, 13:30 hod.")
    m.label("Místo konání:", "Komunitní centrum Kyjov, Komenského 2245, společenský sál")
    m.label("Přítomni:", "Mgr. Ilona Vašková (Město Kyjov), Bc. Marek Pokorný (Město Kyjov), Mgr. Tomáš "
            "Jelínek (Sdružení Betlém Kyjov, z. s.), Bc. Alžběta Kadlecová (Charita Kyjov), Ing. Mgr. Radka "
            "Horňáková (Probační a mediační služba ČR), Martina Zapletalová, DiS. (Nový start Kyjov, z. ú.)")
    m.label("Omluveni:", "–")
    m.label("Hosté:", "Mgr. Dušan Fiala (Úřad práce ČR)")
    m.empty()
    m.p(("Program:", "b"))
    for item in ["Zahájení",
                 "Vyhodnocení zimního opatření 2021/2022",
                 "Aktualizace cílů a opatření komunitního plánu",
                 "Různé"]:
        m.li(prog, 0, item)

    m.h("1. Zahájení", 2)
    m.p("Jednání vedla Mgr. Ilona Vašková. Přivítala přítomné i hosta z Úřadu práce ČR.")
    m.h("2. Vyhodnocení zimního opatření", 2)
    m.p("Mgr. Tomáš Jelínek shrnul provoz zimního opatření. Noclehárna Sdružení Betlém Kyjov, z. s. "
        "(IČO 26941571) byla v zimě 2021/2022 otevřena 121 nocí a byla téměř každou noc plně obsazena. "
        "Náklady zimního opatření ve výši 212 000 Kč byly uhrazeny z dotace Jihomoravského kraje.", align="j")
    m.h("3. Aktualizace cílů a opatření", 2)
    m.p("Skupina prošla cíle a opatření komunitního plánu na roky 2022–2024 a doplnila aktivity:")
    m.h("Cíl 3 Zajistit dostupné bydlení a pomoc lidem bez domova", 3)
    m.h("Opatření 3.1 Rozvoj služeb pro osoby bez přístřeší", 4)
    m.p("Aktivity k naplnění opatření 3.1:")
    m.li(bul, 0, "rozšíření noclehárny z 10 na 14 lůžek v zimním období")
    m.li(bul, 0, "zřízení domu na půl cesty pro 8 mladých dospělých po odchodu z dětského domova")
    m.li(bul, 0, "zavedení pravidelné hygienické služby (sprchy, praní prádla) v azylovém domě")
    m.label("Realizátor:", "Sdružení Betlém Kyjov, z. s. (noclehárna, azylový dům); Nový start Kyjov, "
            "z. ú. (dům na půl cesty)")
    m.label("Termín:", "2023–2024")
    m.h("Opatření 3.2 Prostupné bydlení", 4)
    m.h("Aktivita 3.2.1. Vytvoření systému prostupného bydlení města Kyjova", 5)
    m.p("Město vyčlení 6 bytů ze svého bytového fondu pro sociální bydlení, sociální práci v bytech zajistí "
        "Charita Kyjov.", align="j")
    m.p("R: Město Kyjov")
    m.p("Termín: 1. 1. 2023")
    m.h("Cíl 4 Podpořit začleňování osob s rizikovým chováním", 3)
    m.h("Opatření 4.1 Terénní práce a poradenství", 4)
    m.h("Aktivita 4.1.1. Udržení terénních programů v obcích Kyjovska", 5)
    m.p("Terénní programy Charity Kyjov: navýšení o 1,5 úvazku, aby služba pokryla i obce "
        "Svatobořice-Mistřín a Vacenovice.", align="j")
    m.p("Termín: 2023")
    m.h("Aktivita 4.1.2. Odborné sociální poradenství pro osoby v exekuci", 5)
    m.p("Odborné sociální poradenství Sdružení Betlém Kyjov, z. s.: z důvodu ukončení projektu dojde ke "
        "snížení o 0,5 úvazku dluhového poradce; skupina doporučuje hledat náhradní financování.", align="j")
    m.p("Termín: průběžně")
    m.h("4. Různé", 2)
    m.li(bul, 0, "Kontaktní osobou pro probační program pro mladistvé je nově Mgr. Pavla Řezníčková "
                 "(Probační a mediační služba ČR).")
    m.li(bul, 0, "Na ubytovnách na Kyjovsku žije podle odhadu terénních pracovníků asi 320 osob.")
    m.li(bul, 0, "Termín příštího jednání bude upřesněn e-mailem.")
    m.empty()
    m.label("Zapsal(a):", "Bc. Marek Pokorný")
    return m


# =========================================================================== 6 PS Senioři a OZP, Hranice (HTML)

def page_hranice() -> str:
    """A town web page (windows-1250) with the minutes inside site boilerplate."""
    return """<!DOCTYPE html>
<html lang="cs">
<head>
<meta charset="windows-1250">
<title>Zápis z jednání PS Senioři a OZP – listopad 2021 | Město Hranice</title>
<meta name="description" content="Komunitní plánování sociálních služeb – zápisy z jednání pracovních skupin.">
<link rel="stylesheet" href="/css/web.css?v=2021">
<style>
  body { font-family: Verdana, sans-serif; font-size: 13px; }
  #cookies { position: fixed; bottom: 0; background: #333; color: #fff; }
</style>
<script>
  var _paq = window._paq || [];
  _paq.push(['trackPageView']); /* Pečovatelská služba, Sociální služby – statistiky */
</script>
</head>
<body>
<div id="top">
  <a href="/" class="logo"><img src="/img/znak.png" alt="Město Hranice – znak"> Město Hranice</a>
  <ul id="menu">
    <li><a href="/">Úvod</a></li>
    <li><a href="/radnice/">Radnice</a></li>
    <li><a href="/obcan/">Občan</a></li>
    <li><a href="/socialni-sluzby/">Sociální služby</a></li>
    <li><a href="/kontakty/">Kontakty</a></li>
  </ul>
  <form action="/hledat/"><input name="q" placeholder="Hledat…"><button>Hledat</button></form>
</div>
<div id="drobecky"><a href="/">Úvod</a> › <a href="/socialni-sluzby/">Sociální služby</a> › <a href="/socialni-sluzby/kpss/">Komunitní plánování</a> › Zápisy</div>
<div id="obsah">
<div id="levy-sloupec">
  <h3>Aktuality</h3>
  <ul class="aktuality">
    <li><a href="/aktuality/1187">Pečovatelská služba: změna úředních hodin od 1. 12. 2021</a></li>
    <li><a href="/aktuality/1179">Den seniorů 2021 – fotogalerie</a></li>
    <li><a href="/aktuality/1175">Katalog sociálních služeb ke stažení</a></li>
  </ul>
</div>
<div id="clanek">
<h1>Zápis z jednání pracovní skupiny Senioři a osoby se zdravotním postižením</h1>
<p class="meta">Vloženo: 2. 12. 2021 | Odbor sociálních věcí | Kategorie: Komunitní plánování</p>

<p>Pracovní skupina Senioři a osoby se zdravotním postižením se sešla ve středu 24. listopadu 2021 od 14:00 hod. v zasedací místnosti Městského úřadu Hranice, Pernštejnské nám. 1.</p>
<p><strong>Přítomni:</strong> dle prezenční listiny (11 osob)</p>
<p>Jednání vedla Mgr. Blanka Horáková, koordinátorka komunitního plánování.</p>

<h2>Program</h2>
<ol>
  <li>Informace o změnách v síti sociálních služeb</li>
  <li>Plnění opatření komunitního plánu v roce 2021</li>
  <li>Různé</li>
</ol>

<h3>K bodu 1</h3>
<p>Ing. Roman Sedláček, ředitel organizace Sociální služby města Hranic, p. o., informoval o připravované změně: domov pro seniory sníží kapacitu z 92 na 84 lůžek a uvolněná lůžka budou převedena do domova se zvláštním režimem, jehož kapacita se tak zvýší o 8 lůžek. Změnu registrace schválil Krajský úřad Olomouckého kraje.</p>
<p>Od 1. března 2022 zahájí v Hranicích činnost nový poskytovatel osobní asistence, Asistence Bečva, o. p. s., s kapacitou 20 klientů. Služba bude poskytována i o víkendech.</p>

<h3>K bodu 2</h3>
<p>Koordinátorka shrnula plnění opatření pro cílovou skupinu senioři a osoby se zdravotním postižením:</p>
<ul>
  <li>Opatření 4.1 Rozvoj pečovatelské služby – splněno: pečovatelská služba Sociálních služeb města Hranic byla posílena o 2 úvazky a nově obsluhuje i obce Drahotuše a Rybáře.</li>
  <li>Opatření 4.2 Podpora pečujících rodin – plněno částečně: odlehčovací služba v ORP Hranice zatím chybí; byl vytištěn leták pro pečující v nákladu 3&nbsp;000 kusů.</li>
  <li>Opatření 4.3 Bezbariérovost veřejných budov – nesplněno, přesouvá se do roku 2022.</li>
</ul>
<p>Spolek Klub vozíčkářů Hranice, z. s. zaslal k opatření 4.3 písemné připomínky, které budou předány odboru investic.</p>

<h3>K bodu 3</h3>
<p>Další jednání pracovní skupiny se uskuteční ve středu 23. února 2022 ve 14:00 hod. Místo bude upřesněno.</p>
<p>Zapsala: Mgr. Blanka Horáková</p>

<p class="prilohy">Přílohy: <a href="/files/kpss/ps-senozp-2021-11-prezencka.pdf">Prezenční listina (PDF, 180 kB)</a></p>
<p class="projekt"><img src="/img/esf-logo.png" alt="Evropská unie – Evropský sociální fond – Operační program Zaměstnanost"><br>
Komunitní plánování sociálních služeb v ORP Hranice je podpořeno z projektu „Střednědobé plánování sociálních služeb na Hranicku“, reg. č. CZ.03.2.63/0.0/0.0/19_109/0016543, financovaného z Evropského sociálního fondu prostřednictvím Operačního programu Zaměstnanost.</p>
</div>
</div>
<div id="paticka">
  <p>Městský úřad Hranice, Pernštejnské nám. 1, 753 01 Hranice | IČO: 00302848 | Úřední hodiny: Po, St 8:00–17:00</p>
  <p>© 2021 Město Hranice | <a href="/prohlaseni-o-pristupnosti/">Prohlášení o přístupnosti</a> | <a href="/gdpr/">Ochrana osobních údajů</a></p>
</div>
<div id="cookies">Tento web používá k analýze návštěvnosti soubory cookie. Pokračováním v prohlížení s tím souhlasíte. <a href="/cookies/">Více informací</a> <button>Rozumím</button></div>
</body>
</html>
"""


# =========================================================================== output

DOCX_DOCS = {
    "zapis_ps_seniori_uherskobrodsko_2023-03-14": doc_seniori_uherskobrodsko,
    "zapis_ps_ozp_vsetin_2022-05-03": doc_ozp_vsetin,
    "zapis_rs_bystrice_2021-02-15": doc_rs_bystrice,
}
PDF_DOCS = {
    "zapis_ps_rodiny_prerov_2023-04-12": doc_rodiny_prerov,
    "zapis_ps_oosv_kyjov_2022-09-21": doc_oosv_kyjov,
}
HTML_DOCS = {
    "zapis_ps_seniori_ozp_hranice_2021-11-24": page_hranice,
}


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx_path: Path, outdir: Path) -> Path:
    """Convert with LibreOffice (a throw-away user profile, so parallel runs do not clash)."""
    soffice = find_soffice()
    if not soffice:
        raise SystemExit("soffice not found: install LibreOffice (apt-get install libreoffice-writer) "
                         "or run with --no-pdf")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(outdir), str(docx_path)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    pdf = outdir / (docx_path.stem + ".pdf")
    if not pdf.exists():
        raise SystemExit(f"LibreOffice produced no {pdf}")
    return pdf


def stabilise_pdf(pdf: Path) -> None:
    """Replace the run-dependent bits LibreOffice writes (dates, /ID, /DocChecksum) by fixed values
    of equal length, so the byte offsets in the xref table stay valid."""
    data = pdf.read_bytes()

    def fixed_date(mt: re.Match) -> bytes:
        old = mt.group(0)
        new = b"D:20230102080000"
        return new + old[len(new):] if len(old) >= len(new) else old

    data = re.sub(rb"D:\d{14}", fixed_date, data)
    data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", b"2023-01-02T08:00:00", data)  # XMP, if any
    data = re.sub(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]",
                  lambda mt: mt.group(0).replace(mt.group(1), b"0" * len(mt.group(1)))
                  .replace(mt.group(2), b"0" * len(mt.group(2))), data)
    data = re.sub(rb"/DocChecksum\s*/([0-9A-Fa-f]+)",
                  lambda mt: mt.group(0).replace(mt.group(1), b"0" * len(mt.group(1))), data)
    pdf.write_bytes(data)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(ROOT / "data" / "raw"), help="output folder (default data/raw)")
    ap.add_argument("--no-pdf", action="store_true", help="skip the two LibreOffice PDF exports")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    for stem, build in DOCX_DOCS.items():
        path = out / f"{stem}.docx"
        build().save(path)
        print("wrote", path)

    for stem, build in HTML_DOCS.items():
        path = out / f"{stem}.html"
        path.write_bytes(build().encode("cp1250"))  # strict: every character must exist in cp1250
        print("wrote", path)

    if args.no_pdf:
        print("skipped PDFs (--no-pdf)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        for stem, build in PDF_DOCS.items():
            docx_path = Path(tmp) / f"{stem}.docx"
            build().save(docx_path)
            pdf = docx_to_pdf(docx_path, Path(tmp))
            stabilise_pdf(pdf)
            target = out / pdf.name
            shutil.move(str(pdf), target)
            print("wrote", target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
