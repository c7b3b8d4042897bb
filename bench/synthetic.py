"""A synthetic archive of realistic, invented KPSS minutes for `make bench`.

Every file is built from (seed, index) alone, so an archive is reproducible
and the archive of 4,000 files starts with the same 1,000 files as the
archive of 1,000. Formats come in the shares of a real archive: in every
block of 20 files, 10 DOCX, 7 PDF, 3 HTML (in a shuffled order).

One content model (a list of elements: title, label lines, headings,
paragraphs, list items, tables) is drawn per file and rendered three ways:

* DOCX: with `Minutes` from tools/make_sample_archive.py (real Word features:
  auto-numbered programme, multi-level bullets, running header, footer with a
  PAGE field, tables, heading styles), in one of five templates;
* PDF: that DOCX exported by LibreOffice in batch (`soffice --headless
  --convert-to pdf`, two converters in parallel), because that is how most
  PDFs in real archives were made (an office suite's export: subset fonts,
  ToUnicode maps, ruled tables, running headers); about 10 files/s here.
  Without LibreOffice, fpdf2 with DejaVu Sans draws the same elements
  (faster, less like the real thing; the manifest says which was used);
* HTML: a town web page (three site skins, windows-1250 / ISO-8859-2 / UTF-8)
  with menus, news boxes, cookie bar and footer around the minutes.

Pages: each file aims at 1-10 pages (most 2-4). PDFs record their real page
count; DOCX and HTML an estimate from the text length, calibrated on the PDFs
of the same generator (DOCX files also carry it in docProps/app.xml, as Word
does).

The archive is written to `data/bench/<n>/raw/` with `manifest.json`, plus
`data/bench/<n>/changed/` holding an edited version of 1 % of the files (for
the incremental-run measurement). It is generated once; a later call with the
same seed, size and generator version reuses it.
"""

from __future__ import annotations

import html
import io
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import make_sample_archive as sample  # noqa: E402  (tools/ is a folder of scripts, not a package)

GENERATOR_VERSION = 2  # bump whenever the generated files change
DEFAULT_SEED = 20240501
FORMAT_BLOCK = ["docx"] * 10 + ["pdf"] * 7 + ["html"] * 3  # 50 % / 35 % / 15 %
PAGE_WEIGHTS = {1: 10, 2: 20, 3: 20, 4: 15, 5: 11, 6: 8, 7: 6, 8: 4, 9: 3, 10: 3}  # mean about 3.9 pages
CHARS_PER_PAGE = 3600  # weighted characters per A4 page (see _weight); calibrated on the LibreOffice PDFs
NBSP = "\u00a0"

# =========================================================================== vocabulary (all invented)

TOWNS = [  # town, region (genitive), area in the locative ("na Přerovsku")
    ("Uherský Brod", "Zlínského kraje", "Uherskobrodsku"), ("Vsetín", "Zlínského kraje", "Vsetínsku"),
    ("Kroměříž", "Zlínského kraje", "Kroměřížsku"), ("Přerov", "Olomouckého kraje", "Přerovsku"),
    ("Hranice", "Olomouckého kraje", "Hranicku"), ("Prostějov", "Olomouckého kraje", "Prostějovsku"),
    ("Šumperk", "Olomouckého kraje", "Šumpersku"), ("Jeseník", "Olomouckého kraje", "Jesenicku"),
    ("Kyjov", "Jihomoravského kraje", "Kyjovsku"), ("Hodonín", "Jihomoravského kraje", "Hodonínsku"),
    ("Břeclav", "Jihomoravského kraje", "Břeclavsku"), ("Blansko", "Jihomoravského kraje", "Blanensku"),
    ("Vyškov", "Jihomoravského kraje", "Vyškovsku"), ("Třebíč", "Kraje Vysočina", "Třebíčsku"),
    ("Jihlava", "Kraje Vysočina", "Jihlavsku"), ("Havlíčkův Brod", "Kraje Vysočina", "Havlíčkobrodsku"),
    ("Písek", "Jihočeského kraje", "Písecku"), ("Tábor", "Jihočeského kraje", "Táborsku"),
    ("Strakonice", "Jihočeského kraje", "Strakonicku"), ("Klatovy", "Plzeňského kraje", "Klatovsku"),
    ("Rokycany", "Plzeňského kraje", "Rokycansku"), ("Kolín", "Středočeského kraje", "Kolínsku"),
    ("Beroun", "Středočeského kraje", "Berounsku"), ("Náchod", "Královéhradeckého kraje", "Náchodsku"),
    ("Trutnov", "Královéhradeckého kraje", "Trutnovsku"), ("Chrudim", "Pardubického kraje", "Chrudimsku"),
    ("Svitavy", "Pardubického kraje", "Svitavsku"), ("Bruntál", "Moravskoslezského kraje", "Bruntálsku"),
    ("Nový Jičín", "Moravskoslezského kraje", "Novojičínsku"), ("Česká Lípa", "Libereckého kraje", "Českolipsku"),
    ("Louny", "Ústeckého kraje", "Lounsku"), ("Sokolov", "Karlovarského kraje", "Sokolovsku"),
]
VILLAGES = ["Nivnice", "Korytná", "Strání", "Drahotuše", "Rybáře", "Vacenovice", "Brodek", "Kojetín", "Karolinka",
            "Dolní Bečva", "Horní Lideč", "Hluk", "Bojkovice", "Velké Karlovice", "Lipník", "Kunovice", "Suchá Loz",
            "Dolní Němčí", "Boršice", "Svatobořice", "Mistřín", "Těšice", "Zdounky", "Rataje", "Želechovice"]
FEMALE = ["Jana", "Lenka", "Tereza", "Marie", "Hana", "Petra", "Lucie", "Eva", "Alena", "Zuzana", "Veronika",
          "Kateřina", "Martina", "Ilona", "Blanka", "Dagmar", "Jitka", "Kristýna", "Radka", "Simona", "Pavla",
          "Věra", "Jarmila", "Markéta", "Monika", "Renata", "Michaela", "Iveta", "Andrea", "Šárka"]
MALE = ["Pavel", "Josef", "Jan", "Tomáš", "Petr", "Martin", "Jiří", "Ondřej", "Marek", "Radek", "Roman", "Filip",
        "Miroslav", "Lubomír", "Dušan", "Jakub", "Stanislav", "Vladimír", "Radim", "Karel", "Zdeněk", "Michal",
        "Libor", "Aleš", "Vojtěch"]
SURNAMES = [("Novák", "Nováková"), ("Svoboda", "Svobodová"), ("Dvořák", "Dvořáková"), ("Černý", "Černá"),
            ("Procházka", "Procházková"), ("Kučera", "Kučerová"), ("Veselý", "Veselá"), ("Horák", "Horáková"),
            ("Němec", "Němcová"), ("Pospíšil", "Pospíšilová"), ("Hájek", "Hájková"), ("Jelínek", "Jelínková"),
            ("Král", "Králová"), ("Růžička", "Růžičková"), ("Beneš", "Benešová"), ("Fiala", "Fialová"),
            ("Sedláček", "Sedláčková"), ("Doležal", "Doležalová"), ("Zeman", "Zemanová"), ("Kolář", "Kolářová"),
            ("Navrátil", "Navrátilová"), ("Čermák", "Čermáková"), ("Vaněk", "Vaňková"), ("Urban", "Urbanová"),
            ("Blažek", "Blažková"), ("Kříž", "Křížová"), ("Kovář", "Kovářová"), ("Bartoš", "Bartošová"),
            ("Vlček", "Vlčková"), ("Polák", "Poláková"), ("Musil", "Musilová"), ("Kopecký", "Kopecká"),
            ("Šimek", "Šimková"), ("Konečný", "Konečná"), ("Holub", "Holubová"), ("Štěpánek", "Štěpánková"),
            ("Kadlec", "Kadlecová"), ("Matoušek", "Matoušková"), ("Vávra", "Vávrová"), ("Šustek", "Šustková")]
TITLES = ["", "", "", "Mgr.", "Mgr.", "Bc.", "Bc.", "Ing.", "PhDr.", "JUDr.", "Ing. Mgr."]
ASSOC_WORDS = ["Paprsek", "Zvonek", "Kopretina", "Most", "Prostor", "Krok", "Jitřenka", "Naděje", "Slunečnice",
               "Betlém", "Domino", "Klíč", "Sion", "Podané ruce", "Stopa", "Světluška", "Radost", "Cesta"]
HOMES = ["Pod Hájem", "Na Výsluní", "U Lípy", "Javorník", "Skalka", "Harmonie", "Slunovrat", "Pohoda"]
MONTHS = ["ledna", "února", "března", "dubna", "května", "června", "července", "srpna", "září", "října",
          "listopadu", "prosince"]
WEEKDAYS = ["pondělí", "úterý", "středa", "čtvrtek", "pátek"]

# working group: name, slug, the services it talks about
GROUPS = [
    ("Senioři", "seniori", ["pečovatelská služba", "odlehčovací služby", "domov pro seniory",
                            "domov se zvláštním režimem", "tísňová péče", "denní stacionář",
                            "sociálně aktivizační služby pro seniory a osoby se zdravotním postižením"]),
    ("Osoby se zdravotním postižením", "ozp", ["osobní asistence", "chráněné bydlení", "denní stacionář",
                                                "sociálně terapeutické dílny", "tlumočnické služby",
                                                "sociální rehabilitace", "podpora samostatného bydlení"]),
    ("Rodiny s dětmi", "rodiny", ["sociálně aktivizační služby pro rodiny s dětmi", "raná péče",
                                  "azylový dům", "odborné sociální poradenství", "intervenční centrum"]),
    ("Osoby ohrožené sociálním vyloučením", "oosv", ["noclehárna", "azylový dům", "terénní programy",
                                                     "nízkoprahové denní centrum", "dům na půl cesty",
                                                     "odborné sociální poradenství", "kontaktní centrum"]),
    ("Děti a mládež", "mladez", ["nízkoprahové zařízení pro děti a mládež", "terénní programy",
                                 "sociálně aktivizační služby pro rodiny s dětmi", "kontaktní centrum"]),
    ("Duševní zdraví", "dusevni", ["sociální rehabilitace", "chráněné bydlení", "podpora samostatného bydlení",
                                   "sociálně terapeutické dílny", "odborné sociální poradenství"]),
]
STEERING = ("Řídicí skupina", "rs")

PROGRAMME = ["Zahájení, kontrola zápisu z minulého jednání", "Informace z krajského úřadu – dotační řízení",
             "Vyhodnocení akčního plánu za uplynulý rok", "Návrhy aktivit do akčního plánu",
             "Aktuality od poskytovatelů sociálních služeb", "Aktualizace katalogu sociálních služeb",
             "Výsledky analýzy potřeb uživatelů", "Financování sociálních služeb z rozpočtu města",
             "Informace z ostatních pracovních skupin", "Příprava střednědobého plánu", "Různé a závěr"]


@dataclass
class Person:
    name: str
    female: bool
    org: str

    def v(self, verb: str) -> str:
        """Past tense agreeing with the person: informoval / informovala."""
        return verb + ("a" if self.female else "")


@dataclass
class Doc:
    """The content model of one file; rendered to DOCX, PDF or HTML."""

    title: str
    author: str
    town: str
    header: str
    footer: list[str]
    page_prefix: str | None
    font: str
    size: int
    template: int
    lists: dict[str, tuple[str, Any]] = field(default_factory=dict)  # key -> ("num", "%1.") | ("bul", glyphs)
    elements: list[tuple] = field(default_factory=list)
    target_pages: int = 1
    meta: dict[str, str] = field(default_factory=dict)

    def add(self, *element: Any) -> None:
        self.elements.append(element)


# =========================================================================== drawing a document


def _ico(rng: random.Random) -> str:
    """An invented IČO with a valid mod-11 check digit."""
    while True:
        digits = [rng.randrange(10) for _ in range(7)]
        check = (11 - sum(d * w for d, w in zip(digits, range(8, 1, -1))) % 11) % 10
        return "".join(map(str, digits)) + str(check)


def _num(value: float) -> str:
    """0.5 -> "0,5"; 2000 -> "2 000"."""
    if float(value).is_integer():
        text = f"{int(value):,}".replace(",", " ")
    else:
        text = f"{value:.1f}".replace(".", ",")
    return text


def _date(rng: random.Random, year: int) -> tuple[int, int, int]:
    return year, rng.randrange(1, 13), rng.randrange(1, 29)


class Drawer:
    """Draws one document's people, organisations and text from its own random generator."""

    def __init__(self, rng: random.Random, index: int):
        self.rng = rng
        self.index = index
        self.town, self.region, self.area = rng.choice(TOWNS)
        self.year = rng.randrange(2016, 2025)
        self.group = rng.choice(GROUPS) if rng.random() > 0.15 else (STEERING[0], STEERING[1], [
            s for g in GROUPS for s in g[2]])
        self.office = f"Městský úřad {self.town}"
        self.region_office = f"Krajský úřad {self.region}"
        self.orgs = self._organisations()
        self.people: list[Person] = []
        self._used_names: set[str] = set()

    # ------------------------------------------------------------------ entities
    def _organisations(self) -> list[tuple[str, str]]:
        """(organisation, service) pairs of the providers this meeting talks about."""
        rng, t = self.rng, self.town
        patterns = [f"Charita {t}", f"Oblastní charita {t}", f"Diakonie ČCE – středisko {t}",
                    f"Sociální služby {t}, p. o.", f"Domov {rng.choice(HOMES)}, p. o.",
                    f"{rng.choice(ASSOC_WORDS)} {t}, z. s.", f"{rng.choice(ASSOC_WORDS)}, o. p. s.",
                    f"{rng.choice(ASSOC_WORDS)} {rng.choice(VILLAGES)}, z. ú.", f"Centrum {rng.choice(ASSOC_WORDS)}, z. ú."]
        names = rng.sample(patterns, k=rng.randrange(4, 8))
        services = self.group[2]
        return [(name, rng.choice(services)) for name in names]

    def person(self, org: str | None = None, title: bool = True) -> Person:
        rng = self.rng
        while True:
            female = rng.random() < 0.7  # social services are mostly women's work
            first = rng.choice(FEMALE if female else MALE)
            last = rng.choice(SURNAMES)[1 if female else 0]
            name = f"{first} {last}"
            if name not in self._used_names:
                break
        self._used_names.add(name)
        if title:
            prefix = rng.choice(TITLES)
            name = f"{prefix} {name}".strip()
            if rng.random() < 0.08:
                name += ", DiS."
            elif rng.random() < 0.04:
                name += ", Ph.D."
        p = Person(name, female, org or rng.choice([o for o, _ in self.orgs] + [self.office]))
        self.people.append(p)
        return p

    def date_text(self, y: int, m: int, d: int, long: bool | None = None) -> str:
        long = self.rng.random() < 0.5 if long is None else long
        return f"{d}. {MONTHS[m - 1]} {y}" if long else f"{d}. {m}. {y}"

    def amount(self) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            return f"{_num(rng.randrange(50, 900) * 1000)} Kč"
        return f"{rng.randrange(1, 40)},{rng.randrange(10)} mil. Kč"

    # ------------------------------------------------------------------ sentences
    def capacity_sentence(self, org: str, service: str) -> str:
        rng = self.rng
        a = rng.randrange(4, 40)
        b = a + rng.choice([-4, -2, 2, 3, 4, 6, 8])
        d = rng.choice([0.5, 1, 1.5, 2, 0.5, 1])
        forms = [
            f"Navrhuje se navýšení o {_num(d)} úvazku pracovníka v sociálních službách.",
            f"Rozšíření úvazků pracovníků v přímé péči z {_num(a / 4)} na {_num(a / 4 + d)} úvazku.",
            f"Služba {service} ({org}) rozšíří kapacitu z {a} na {b} lůžek." if b > a else
            f"Služba {service} ({org}) sníží kapacitu z {a} na {b} lůžek.",
            f"Kapacita služby je {a} klientů; v pořadníku zájemců čeká dalších {rng.randrange(3, 30)} osob.",
            f"Nová pobočka služby {service} pro {a} klientů; zázemí poskytne {self.office.replace('Městský úřad', 'Město')}.",
            f"V menších prostorách dojde ke snížení kapacity o {rng.randrange(2, 8)} míst.",
            f"{self.office.replace('Městský úřad', 'Město')} vyčlení {rng.randrange(2, 12)} bytů ze svého bytového "
            "fondu pro sociální bydlení.",
            f"Navýšení o {rng.choice(['1 pracovníka', '2 pracovníky'])}, který bude pracovat přímo v terénu.",
            f"{org} navýší kapacitu služby {service} o {rng.randrange(2, 10)} míst.",
        ]
        return rng.choice(forms)

    def discussion(self, n: int) -> str:
        rng = self.rng
        p = rng.choice(self.people) if self.people else self.person()
        org, service = rng.choice(self.orgs)
        v1, v2 = rng.sample(VILLAGES, 2)
        y = self.year
        sentences = [
            f"{p.name} {p.v('informoval')} o průběhu dotačního řízení, které pro rok {y} vyhlásil {self.region_office}.",
            f"Do krajské sítě sociálních služeb je v ORP {self.town} zařazeno {rng.randrange(8, 40)} služeb.",
            f"Na jejich financování směřuje letos celkem {self.amount()}, tj. o {rng.randrange(2, 12)} % více než "
            f"v roce {y - 1}.",
            f"Vyúčtování dotací je třeba odevzdat do {self.date_text(y + 1, 1, 15)}.",
            f"{org} upozorňuje na rostoucí počet žadatelů; v pořadníku čeká {rng.randrange(4, 40)} zájemců.",
            f"V diskusi zaznělo, že v obcích {v1} a {v2} chybí {service}.",
            "Skupina se shodla, že téma bude zařazeno na program příštího jednání.",
            f"{p.name} {p.v('představil')} výsledky dotazníkového šetření, do kterého se zapojilo "
            f"{rng.randrange(80, 900)} respondentů.",
            "Nejčastěji uváděnou potřebou je doprava k lékaři a na úřady a dostupnost služeb i o víkendech.",
            f"{self.office.replace('Městský úřad', 'Město')} podpořilo provoz sociálních služeb částkou {self.amount()}.",
            f"Katalog sociálních služeb vyjde v nákladu {_num(rng.randrange(5, 40) * 100)} výtisků a bude distribuován "
            "přes obecní úřady a ordinace praktických lékařů.",
            f"{org} poskytuje službu {service} od roku {rng.randrange(2005, y)}; služba je dlouhodobě plně obsazena.",
            f"Zástupci poskytovatelů se shodli na společném postupu při jednání s {self.region_office.replace('Krajský úřad', 'krajským úřadem')}.",
            "Přítomní vzali informaci na vědomí bez připomínek.",
            f"Pracovní skupina doporučuje řídicí skupině zařadit aktivitu do akčního plánu na rok {y + 1}.",
            f"Hlasování: pro {rng.randrange(5, 12)}, proti 0, zdržel se {rng.randrange(0, 2)}.",
            f"Termín pro zaslání připomínek je {self.date_text(*_date(rng, y))}.",
            f"Na {self.area} žije podle odhadu terénních pracovníků asi {rng.randrange(80, 600)} osob bez přístřeší.",
            self.capacity_sentence(org, service),
        ]
        return " ".join(rng.sample(sentences, k=min(n, len(sentences))))


# =========================================================================== templates


def _weight(element: tuple) -> int:
    """Characters an element takes on a page, counting line ends and spacing (see CHARS_PER_PAGE)."""
    kind = element[0]
    if kind == "table":
        return sum(60 + sum(len(c) for c in row) for row in element[1])
    if kind == "empty":
        return 90
    text = " ".join(str(x) for x in element[1:] if isinstance(x, str))
    lines = max(1, math.ceil(len(text) / 90))
    return lines * 90 + (110 if kind in ("h", "title", "bp") else 25)


def draw(seed: int, index: int, variant: int = 0) -> Doc:
    """The content of file `index` (variant 1: the same minutes, edited after the meeting)."""
    rng = random.Random(f"{seed}:{index}")
    dr = Drawer(rng, index)
    template = rng.randrange(5)
    pages = rng.choices(list(PAGE_WEIGHTS), weights=list(PAGE_WEIGHTS.values()))[0]
    y, mo, d = _date(rng, dr.year)
    group, slug = dr.group[0], dr.group[1]
    is_steering = group == STEERING[0]
    recorder = dr.person(org=dr.office)
    chair = dr.person(org=dr.office)
    font, size = rng.choice([("Calibri", 11), ("Arial", 10), ("Times New Roman", 12), ("Cambria", 11),
                             ("Arial", 11)])
    reg = f"CZ.03.2.63/0.0/0.0/{rng.randrange(15, 20)}_{rng.randrange(1, 140):03d}/{rng.randrange(1000, 20000):07d}"
    kind = "Řídicí skupiny" if is_steering else "pracovní skupiny"
    title = (f"Zápis z jednání {kind} komunitního plánování sociálních služeb ORP {dr.town}" if is_steering
             else f"Zápis z jednání pracovní skupiny {group}")
    doc = Doc(title=f"Zápis {'ŘS' if is_steering else 'PS ' + group} {d}. {mo}. {y}", author=recorder.name,
              town=dr.town, header=f"Komunitní plánování sociálních služeb na {dr.area}" +
              ("" if rng.random() < 0.5 else f" | {'ŘS' if is_steering else 'PS ' + group}"),
              footer=[f"Projekt „Plánování sociálních služeb na {dr.area}“, reg. č. {reg}"],
              page_prefix=rng.choice(["Strana ", "Stránka ", None]), font=font, size=size, template=template,
              target_pages=pages)
    doc.lists = {"prog": ("num", rng.choice(["%1.", "%1)"])),
                 "bul": ("bul", rng.choice([None, [("–", font)] * 9, [("\uf0a7", "Wingdings")] * 9]))}
    doc.meta = {"slug": slug, "date": f"{y}-{mo:02d}-{d:02d}", "town": dr.town, "group": group}

    # ---------------------------------------------------------------- heading part
    if template in (0, 3):
        doc.add("title", title)
        doc.add("center", f"komunitní plánování sociálních služeb ORP {dr.town}")
    else:
        doc.add("h", 1, f"Zápis č. {rng.randrange(1, 6)}/{y} z jednání {kind} {'' if is_steering else group}".strip())
    hour = rng.randrange(8, 16)
    when = f"{dr.date_text(y, mo, d)}, {hour}:{rng.choice(['00', '30'])}–{hour + 2}:{rng.choice(['00', '15', '30'])} hod."
    if template == 4:
        when = f"{WEEKDAYS[rng.randrange(5)]} {when}"
    doc.add("label", rng.choice(["Datum jednání:", "Datum:", "Termín konání:", "Datum konání:"]), when)
    doc.add("label", rng.choice(["Místo jednání:", "Místo:", "Místo konání:"]),
            f"{dr.office}, {rng.choice(['Masarykovo nám.', 'Husova', 'Palackého', 'Komenského', 'nám. Míru'])} "
            f"{rng.randrange(1, 300)}, zasedací místnost č. {rng.randrange(1, 400)}")
    attendees = [chair, recorder] + [dr.person(org=o) for o, _ in dr.orgs[: rng.randrange(3, len(dr.orgs) + 1)]]
    attendees += [dr.person() for _ in range(rng.randrange(0, 2 + pages))]
    if template in (0, 2):
        doc.add("bp", "Přítomni:", "b")
        doc.add("table", [["Jméno", "Organizace"]] + [[p.name, p.org] for p in attendees], [6.0, 9.5], True, True, False)
        doc.add("empty")
    else:
        doc.add("label", "Přítomni:", ", ".join(f"{p.name} ({p.org})" for p in attendees))
    excused = [dr.person() for _ in range(rng.randrange(0, 3))]
    doc.add("label", "Omluveni:", ", ".join(f"{p.name} ({p.org})" for p in excused) or "–")
    guest = dr.person(org=rng.choice([dr.region_office, "Úřad práce ČR", "Policie ČR", "Probační a mediační služba ČR"]))
    doc.add("label", "Hosté:", f"{guest.name} ({guest.org})")
    doc.add("empty")

    # ---------------------------------------------------------------- programme
    items = [PROGRAMME[0]] + rng.sample(PROGRAMME[1:-1], k=rng.randrange(1, 2 + min(4, pages))) + [PROGRAMME[-1]]
    doc.add("bp", "Program:", "bu" if template == 1 else "b")
    for item in items:
        doc.add("li", "prog", 0, item)

    budget = pages * CHARS_PER_PAGE

    def used() -> int:
        return sum(_weight(e) for e in doc.elements)

    def section_heading(i: int, item: str) -> None:
        if template == 0:
            doc.add("h", 2, f"K bodu {i} – {item.split(',')[0]}")
        elif template == 1:
            doc.add("bp", f"K bodu {i}", "bu")
        elif template == 2:
            doc.add("bp", f"Ad {i}) {item}", "b")
        elif template == 3:
            doc.add("h", 2, f"K bodu {i}")
        else:
            doc.add("h", 2, f"{i}. {item.split(',')[0]}")

    # ---------------------------------------------------------------- the points of the programme
    plan_at = 1 + rng.randrange(max(1, len(items) - 2))
    goal_no = 0
    for i, item in enumerate(items[:-1], start=1):
        section_heading(i, item)
        if i == 1:
            doc.add("p", f"Jednání {chair.v('zahájil')} a {chair.v('vedl')} {chair.name}, koordinátor"
                    f"{'ka' if chair.female else ''} komunitního plánování. {dr.discussion(2)}")
            continue
        doc.add("p", dr.discussion(rng.randrange(2, 5)))
        if i == plan_at:
            # the plan: goals > measures > activities, until the page budget is spent
            doc.add("p", f"Pracovní skupina projednala návrhy poskytovatelů a doporučuje zařadit do akčního plánu "
                    f"na rok {y + 1} tyto cíle, opatření a aktivity:")
            while True:
                goal_no += 1
                _plan_goal(doc, dr, rng, goal_no, template)
                if used() > budget * 0.8 or goal_no >= 12:
                    break
        elif rng.random() < 0.4:
            doc.add("li", "bul", 0, f"{rng.choice(dr.orgs)[0]}")
            for _ in range(rng.randrange(1, 4)):
                org, service = rng.choice(dr.orgs)
                doc.add("li", "bul", 1, dr.capacity_sentence(org, service))
        if is_steering and i == 2:
            rows = [["Žadatel", "IČO", "Sociální služba", "Návrh (Kč)"]]
            total = 0
            for org, service in dr.orgs:
                value = rng.randrange(5, 60) * 10_000
                total += value
                rows.append([org, _ico(rng), service, _num(value)])
            rows.append(["Celkem", "", "", _num(total)])
            doc.add("table", rows, [5.5, 2.5, 5.0, 2.5], True, True, False)
            doc.add("empty")
    while used() < budget * 0.95:  # more discussion until the page count is reached
        doc.add("p", dr.discussion(rng.randrange(3, 7)))

    section_heading(len(items), items[-1])
    ny, nm, nd = _date(rng, y + (mo == 12))
    doc.add("li", "bul", 0, f"Příští jednání se uskuteční {dr.date_text(ny, nm, nd)} od {hour}:00 hod. na stejném místě.")
    doc.add("p", f"Jednání bylo ukončeno v {hour + 2}:{rng.choice(['00', '15', '30'])} hod.")
    if variant:
        doc.add("p", f"Zápis byl doplněn o připomínky členů skupiny zaslané do {dr.date_text(y, mo, min(d + 3, 28))} "
                f"(verze {variant + 1}). {dr.discussion(2)}")
    doc.add("empty")
    signed = dr.date_text(y, mo, min(d + 2, 28), long=False)
    if template in (0, 2):
        doc.add("table", [[f"Zapsal{'a' if recorder.female else ''}:", recorder.name], ["Dne:", signed],
                          [f"Ověřil{'a' if chair.female else ''}:", chair.name]], [3.0, 9.0], False, False, True)
    else:
        doc.add("label", f"Zapsal{'a' if recorder.female else ''}:", recorder.name)
        doc.add("label", "Dne:", signed)
    return doc


def _plan_goal(doc: Doc, dr: Drawer, rng: random.Random, g: int, template: int) -> None:
    goal_word = rng.choice(["Cíl", "Priorita"])
    verbs = ["Udržet a rozvíjet", "Zlepšit dostupnost", "Posílit", "Zajistit", "Podpořit"]
    doc.add("h", 3, f"{goal_word} {g} {rng.choice(verbs)} služby pro cílovou skupinu {dr.group[0].lower()}")
    for m in range(1, rng.randrange(2, 4)):
        org, service = rng.choice(dr.orgs)
        doc.add("h", 4, f"Opatření {g}.{m} Rozvoj služby {service}")
        if template == 4:  # activities as bullets under the measure
            doc.add("p", f"Aktivity k naplnění opatření {g}.{m}:")
            for _ in range(rng.randrange(2, 4)):
                o, s = rng.choice(dr.orgs)
                doc.add("li", "bul", 0, dr.capacity_sentence(o, s).rstrip(".").lower())
            doc.add("label", "Realizátor:", f"{org} (IČO {_ico(rng)})")
            doc.add("label", "Termín:", f"{dr.year + 1}–{dr.year + 2}")
            continue
        for a in range(1, rng.randrange(2, 4)):
            o, s = rng.choice(dr.orgs)
            doc.add("h", 5, f"Aktivita {g}.{m}.{a} {rng.choice(['Navýšení kapacity', 'Rozšíření', 'Zachování', 'Zřízení'])} "
                    f"služby {s}")
            doc.add("p", f"{dr.capacity_sentence(o, s)} Předpokládané náklady {dr.amount()} ročně.")
            if template == 3:
                doc.add("p", f"R: {o}")
                doc.add("p", f"Termín: {dr.date_text(dr.year + 1, 1, 1, long=False)}")
            else:
                doc.add("label", "Realizátor:", o)
                doc.add("label", "Termín:", rng.choice([str(dr.year + 1), "průběžně",
                                                        dr.date_text(dr.year + 1, 1, 1, long=False)]))


# =========================================================================== renderers


def estimated_pages(doc: Doc) -> int:
    return max(1, math.ceil(sum(_weight(e) for e in doc.elements) / CHARS_PER_PAGE))


def to_docx(doc: Doc, path: Path, pages: int | None = None) -> None:
    m = sample.Minutes(doc.title, doc.author, font=doc.font, size=doc.size)
    m.running_header(doc.header, align="lrc"[doc.template % 3])
    m.footer(doc.footer, page_prefix=doc.page_prefix)
    ids: dict[str, int] = {}
    for key, (kind, arg) in doc.lists.items():
        ids[key] = m.numbered_list(arg) if kind == "num" else m.bullet_list(arg)
    tab = 3.0 if doc.template == 1 else 4.0
    for e in doc.elements:
        kind = e[0]
        if kind == "title":
            m.p(e[1], style="Title")
        elif kind == "center":
            m.p(e[1], align="c", space_after=12)
        elif kind == "label":
            m.label(e[1], e[2], tab_cm=tab)
        elif kind == "h":
            m.h(e[2], e[1])
        elif kind == "bp":
            m.p((e[1], e[2]))
        elif kind == "p":
            m.p(e[1], align="j")
        elif kind == "li":
            m.li(ids[e[1]], e[2], e[3])
        elif kind == "table":
            m.table(e[1], widths_cm=e[2], header=e[3], borders=e[4], bold_first_col=e[5])
        elif kind == "empty":
            m.empty()
    m.save(path)
    _set_app_pages(path, pages or estimated_pages(doc))


def _set_app_pages(path: Path, pages: int) -> None:
    """Word keeps the page count in docProps/app.xml; python-docx's template says 1."""
    with zipfile.ZipFile(path) as z:
        entries = [(info, z.read(info.filename)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for info, data in entries:
            if info.filename == "docProps/app.xml":
                data = re.sub(rb"<Pages>\d+</Pages>", f"<Pages>{pages}</Pages>".encode(), data)
            z.writestr(info, data)


SKINS = ["cms", "portal", "word"]
_LATIN2_FIX = str.maketrans({"„": '"', "“": '"', "–": "-", "…": "...", "’": "'"})


def to_html(doc: Doc, rng: random.Random) -> bytes:
    skin = SKINS[doc.template % 3]
    charset = rng.choice(["windows-1250", "windows-1250", "utf-8", "iso-8859-2"])
    body: list[str] = []
    stack: list[list[Any]] = []  # open lists: [tag, an <li> is open]

    def close_lists(to: int = 0) -> None:
        while len(stack) > to:
            tag, li_open = stack.pop()
            body.append(("</li>" if li_open else "") + f"</{tag}>")

    e_ = html.escape
    for e in doc.elements:
        kind = e[0]
        if kind != "li":
            close_lists()
        if kind == "title":
            body.append(f"<h1>{e_(e[1])}</h1>")
        elif kind == "center":
            body.append(f'<p class="perex">{e_(e[1])}</p>')
        elif kind == "label":
            body.append(f"<p><strong>{e_(e[1])}</strong> {e_(e[2])}</p>")
        elif kind == "h":
            body.append(f"<h{min(6, e[1] + 1)}>{e_(e[2])}</h{min(6, e[1] + 1)}>")
        elif kind == "bp":
            tag = "u" if "u" in e[2] else "strong"
            body.append(f"<p><strong><{tag}>{e_(e[1])}</{tag}></strong></p>" if tag == "u"
                        else f"<p><strong>{e_(e[1])}</strong></p>")
        elif kind == "p":
            body.append(f"<p>{e_(e[1])}</p>")
        elif kind == "li":
            tag = "ol" if doc.lists[e[1]][0] == "num" else "ul"
            depth = e[2] + 1
            close_lists(depth)
            if len(stack) == depth and stack[-1][1]:
                body.append("</li>")
            while len(stack) < depth:
                body.append(f"<{tag}>")
                stack.append([tag, False])
            body.append(f"<li>{e_(e[3])}")
            stack[-1][1] = True
        elif kind == "table":
            rows = []
            for r, row in enumerate(e[1]):
                cell = "th" if (e[3] and r == 0) else "td"
                rows.append("<tr>" + "".join(f"<{cell}>{e_(c)}</{cell}>" for c in row) + "</tr>")
            body.append('<table class="tabulka">' + "\n".join(rows) + "</table>")
    close_lists()
    content = "\n".join(body)
    town = e_(doc.town)
    if skin == "word":
        content = content.replace("<p>", '<p class="MsoNormal">')
        page = (f'<html xmlns:o="urn:schemas-microsoft-com:office:office">\n<head>\n'
                f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
                f'<meta name="Generator" content="Microsoft Word 15 (filtered)">\n<title>{e_(doc.title)}</title>\n'
                '<style>p.MsoNormal{margin:0cm;font-size:11.0pt;font-family:"Calibri",sans-serif;}</style>\n'
                f'</head>\n<body lang="CS">\n<div class="WordSection1">\n{content}\n</div>\n</body>\n</html>\n')
    else:
        news = "".join(f'<li><a href="/aktuality/{rng.randrange(1000, 9999)}">{e_(t)}</a></li>' for t in rng.sample([
            "Změna úředních hodin od 1. 12.", "Den seniorů – fotogalerie", "Katalog sociálních služeb ke stažení",
            "Uzavírka místní komunikace", "Výběrové řízení na sociálního pracovníka", "Svoz bioodpadu"], 3))
        menu = "".join(f'<li><a href="/{s}/">{t}</a></li>' for s, t in [
            ("", "Úvod"), ("radnice", "Radnice"), ("obcan", "Občan"), ("socialni-sluzby", "Sociální služby"),
            ("kontakty", "Kontakty")])
        head = (f'<!DOCTYPE html>\n<html lang="cs">\n<head>\n<meta charset="{charset}">\n'
                f"<title>{e_(doc.title)} | Město {town}</title>\n"
                '<link rel="stylesheet" href="/css/web.css?v=3">\n'
                "<script>var _paq = window._paq || []; _paq.push(['trackPageView']);</script>\n</head>\n")
        if skin == "cms":
            page = (head + f'<body>\n<div id="top"><a href="/" class="logo">Město {town}</a>\n<ul id="menu">{menu}</ul>\n'
                    '<form action="/hledat/"><input name="q" placeholder="Hledat…"><button>Hledat</button></form></div>\n'
                    f'<div id="drobecky"><a href="/">Úvod</a> › <a href="/socialni-sluzby/">Sociální služby</a> › Zápisy</div>\n'
                    f'<div id="obsah">\n<div id="levy-sloupec"><h3>Aktuality</h3><ul class="aktuality">{news}</ul></div>\n'
                    f'<div id="clanek">\n<p class="meta">Vloženo: {doc.meta["date"]} | Odbor sociálních věcí</p>\n'
                    f"{content}\n</div>\n</div>\n"
                    f'<div id="paticka"><p>{e_(doc.footer[0])}</p><p>© Město {town} | '
                    '<a href="/gdpr/">Ochrana osobních údajů</a></p></div>\n'
                    '<div id="cookies">Tento web používá soubory cookie. <a href="/cookies/">Více informací</a> '
                    "<button>Rozumím</button></div>\n</body>\n</html>\n")
        else:
            page = (head + f'<body class="portal">\n<header class="site-header"><nav class="navbar"><ul>{menu}</ul></nav></header>\n'
                    f'<main>\n<article class="article-detail">\n{content}\n</article>\n'
                    f'<aside class="related"><h2>Související</h2><ul>{news}</ul></aside>\n</main>\n'
                    f'<footer class="site-footer"><p>Město {town} | {e_(doc.footer[0])}</p></footer>\n'
                    '<div class="cookie-bar">Používáme cookies. <button>OK</button></div>\n</body>\n</html>\n')
    if charset == "iso-8859-2":
        page = page.translate(_LATIN2_FIX)
    return page.encode(charset, errors="xmlcharrefreplace")


def to_pdf_fpdf(doc: Doc, path: Path) -> None:
    """The fallback PDF writer (no LibreOffice): fpdf2 with DejaVu Sans."""
    from fpdf import FPDF

    font_dir = Path("/usr/share/fonts/truetype/dejavu")

    class PDF(FPDF):
        def header(self) -> None:
            self.set_font("dv", "I", 8)
            self.cell(0, 5, doc.header, align="R", new_x="LMARGIN", new_y="NEXT")
            self.ln(3)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("dv", "", 7)
            self.cell(0, 4, doc.footer[0], align="C", new_x="LMARGIN", new_y="NEXT")
            if doc.page_prefix:
                self.cell(0, 4, f"{doc.page_prefix}{self.page_no()}", align="R")

    pdf = PDF(format="A4")
    pdf.set_margins(25, 22, 25)
    pdf.set_auto_page_break(True, 22)
    pdf.add_font("dv", "", str(font_dir / "DejaVuSans.ttf"))
    pdf.add_font("dv", "B", str(font_dir / "DejaVuSans-Bold.ttf"))
    pdf.add_font("dv", "I", str(font_dir / "DejaVuSans-Oblique.ttf"))
    pdf.set_creation_date(sample.FIXED_TIME)
    pdf.add_page()
    size = doc.size - 1
    counters: dict[str, int] = {}
    for e in doc.elements:
        kind = e[0]
        pdf.set_font("dv", "", size)
        if kind in ("title", "h"):
            text = e[1] if kind == "title" else e[2]
            pdf.set_font("dv", "B", size + (6 if kind == "title" else max(0, 4 - e[1])))
            pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind == "center":
            pdf.multi_cell(0, 5, e[1], align="C", new_x="LMARGIN", new_y="NEXT")
        elif kind == "label":
            pdf.set_font("dv", "B", size)
            pdf.cell(40, 5, e[1])
            pdf.set_font("dv", "", size)
            pdf.multi_cell(0, 5, e[2], new_x="LMARGIN", new_y="NEXT")
        elif kind == "bp":
            pdf.set_font("dv", "B", size)
            pdf.multi_cell(0, 6, e[1], new_x="LMARGIN", new_y="NEXT")
        elif kind == "p":
            pdf.multi_cell(0, 5, e[1], align="J", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "li":
            counters[e[1]] = counters.get(e[1], 0) + 1
            label = f"{counters[e[1]]}." if doc.lists[e[1]][0] == "num" else "•"
            pdf.set_x(pdf.l_margin + 6 + 6 * e[2])
            pdf.cell(6, 5, label)
            pdf.multi_cell(0, 5, e[3], new_x="LMARGIN", new_y="NEXT")
        elif kind == "table":
            with pdf.table(col_widths=tuple(e[2]), first_row_as_headings=e[3],
                           borders_layout="ALL" if e[4] else "NONE") as table:
                for row in e[1]:
                    r = table.row()
                    for c in row:
                        r.cell(c)
            pdf.ln(2)
        elif kind == "empty":
            pdf.ln(4)
    pdf.output(str(path))


# =========================================================================== the archive


def file_format(seed: int, index: int) -> str:
    block = list(FORMAT_BLOCK)
    random.Random(f"{seed}:fmt:{index // len(block)}").shuffle(block)
    return block[index % len(block)]


def rel_path(seed: int, index: int, doc: Doc) -> str:
    meta = doc.meta
    town = _slug(meta["town"])
    return f"{town}/{meta['date'][:4]}/zapis_{meta['slug']}_{town}_{meta['date']}_{index:05d}.{file_format(seed, index)}"


def _slug(text: str) -> str:
    table = str.maketrans("áčďéěíňóřšťúůýžÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ ", "acdeeinorstuuyzACDEEINORSTUUYZ-")
    return re.sub(r"[^a-z0-9-]", "", text.translate(table).lower())


def changed_indices(n: int) -> list[int]:
    """1 % of the files (at least one), spread over the archive."""
    k = max(1, n // 100)
    return sorted({round(i * n / k) + (n // k) // 2 for i in range(k)} & set(range(n)))


def _build_one(args: tuple[int, int, int, str, str]) -> dict[str, Any]:
    """Write one file (DOCX / HTML; for a PDF the DOCX to convert). Runs in a worker process."""
    seed, index, variant, out_dir, pdf_engine = args
    doc = draw(seed, index, variant)
    fmt = file_format(seed, index)
    rel = rel_path(seed, index, doc)
    target = Path(out_dir) / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    record = {"index": index, "path": rel, "format": fmt, "template": doc.template, "target_pages": doc.target_pages,
              "pages_estimated": estimated_pages(doc), "weight": sum(_weight(e) for e in doc.elements)}
    if fmt == "docx":
        to_docx(doc, target)
    elif fmt == "html":
        target.write_bytes(to_html(doc, random.Random(f"{seed}:html:{index}:{variant}")))
    elif pdf_engine == "fpdf2":
        to_pdf_fpdf(doc, target)
    else:  # the DOCX that LibreOffice will export, next to the target
        to_docx(doc, target.with_suffix(".docx.src"))
    return record


def _soffice_batch(sources: list[Path], workdir: Path) -> None:
    """Export DOCX sources to PDF with LibreOffice: two converters, each on half the files."""
    soffice = sample.find_soffice()
    assert soffice
    halves = [sources[i::2] for i in range(2)]
    procs = []
    for k, half in enumerate(halves):
        if not half:
            continue
        stage = workdir / f"in{k}"
        stage.mkdir(parents=True, exist_ok=True)
        links = []
        for i, src in enumerate(half):
            link = stage / f"{i:06d}.docx"
            shutil.copyfile(src, link)
            links.append(link)
        profile = workdir / f"profile{k}"
        outdir = workdir / f"out{k}"
        outdir.mkdir(exist_ok=True)
        script = " && ".join(
            f"{soffice} -env:UserInstallation=file://{profile} --headless --convert-to pdf --outdir {outdir} "
            + " ".join(str(p) for p in links[j:j + 150])
            for j in range(0, len(links), 150))  # a fresh converter per 150 files keeps its memory flat
        procs.append((subprocess.Popen(["bash", "-c", script], stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL), half, outdir))
    for proc, half, outdir in procs:
        if proc.wait(timeout=3600) != 0:
            raise SystemExit("LibreOffice failed to convert the bench PDFs")
        for i, src in enumerate(half):
            pdf = outdir / f"{i:06d}.pdf"
            if not pdf.exists():
                raise SystemExit(f"LibreOffice produced no PDF for {src}")
            sample.stabilise_pdf(pdf)
            target = Path(str(src)[: -len(".docx.src")] + ".pdf")
            shutil.move(str(pdf), target)
            src.unlink()


def _pdf_pages(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def _generate(seed: int, indices: list[int], variant: int, out_dir: Path, pdf_engine: str,
              workers: int) -> list[dict[str, Any]]:
    jobs = [(seed, i, variant, str(out_dir), pdf_engine) for i in indices]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        records = list(pool.map(_build_one, jobs, chunksize=16))
    if pdf_engine == "libreoffice":
        sources = [out_dir / (r["path"][: -len(".pdf")] + ".docx.src") for r in records if r["format"] == "pdf"]
        if sources:
            with tempfile.TemporaryDirectory(prefix="kpss-bench-soffice-") as tmp:
                _soffice_batch(sources, Path(tmp))
    return records


def ensure_archive(n: int, seed: int = DEFAULT_SEED, base: Path = ROOT / "data" / "bench",
                   workers: int | None = None, log=print) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The archive of n files under base/<n>/ (raw/, changed/, manifest.json): generated once, then reused."""
    folder = base / str(n)
    manifest_path = folder / "manifest.json"
    pdf_engine = "libreoffice" if sample.find_soffice() else "fpdf2"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if (manifest["generator_version"] == GENERATOR_VERSION and manifest["seed"] == seed and manifest["n"] == n
                and all((folder / "raw" / f["path"]).exists() for f in manifest["files"])):
            manifest["reused"] = True
            return manifest
    except (OSError, ValueError, KeyError):
        pass
    started = time.perf_counter()
    workers = workers or len(os.sched_getaffinity(0))
    shutil.rmtree(folder, ignore_errors=True)
    raw = folder / "raw"
    raw.mkdir(parents=True)
    # reuse the files of a smaller archive of the same seed: file i is the same in every size
    donor = _donor(base, n, seed)
    records: list[dict[str, Any]] = []
    todo = list(range(n))
    if donor is not None:
        donor_manifest, donor_dir = donor
        for rec in donor_manifest["files"]:
            if rec["index"] < n:
                dst = raw / rec["path"]
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(donor_dir / "raw" / rec["path"], dst)
                records.append(rec)
        done = {r["index"] for r in records}
        todo = [i for i in todo if i not in done]
        log(f"  reusing {len(done)} files of {donor_dir}")
    log(f"  generating {len(todo)} files with {workers} processes (PDFs: {pdf_engine}) ...")
    records += _generate(seed, todo, 0, raw, pdf_engine, workers)
    records.sort(key=lambda r: r["index"])
    for rec in records:
        if rec["format"] == "pdf":
            rec["pages"] = _pdf_pages(raw / rec["path"])
    # calibration: characters per page measured on the PDFs, applied to DOCX and HTML
    pdfs = [r for r in records if r["format"] == "pdf"]
    cpp = sum(r["weight"] for r in pdfs) / max(1, sum(r["pages"] for r in pdfs)) if pdfs else CHARS_PER_PAGE
    for rec in records:
        if rec["format"] != "pdf":
            rec["pages"] = max(1, math.ceil(rec["weight"] / cpp))
    changed = changed_indices(n)
    log(f"  generating the edited versions of {len(changed)} files (1 %) ...")
    changed_records = _generate(seed, changed, 1, folder / "changed", pdf_engine, workers)
    by_format: dict[str, dict[str, int]] = {}
    for rec in records:
        agg = by_format.setdefault(rec["format"], {"files": 0, "pages": 0, "bytes": 0})
        agg["files"] += 1
        agg["pages"] += rec["pages"]
        agg["bytes"] += (raw / rec["path"]).stat().st_size
    manifest = {"generator_version": GENERATOR_VERSION, "seed": seed, "n": n, "pdf_engine": pdf_engine,
                "chars_per_page_measured": round(cpp, 1), "by_format": by_format,
                "generation_seconds": round(time.perf_counter() - started, 1),
                "changed": [r["path"] for r in changed_records], "files": records}
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=0), encoding="utf-8")
    manifest["reused"] = False
    return manifest


def _donor(base: Path, n: int, seed: int) -> tuple[dict[str, Any], Path] | None:
    best = None
    for path in base.glob("*/manifest.json"):
        try:
            m = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if (m.get("generator_version") == GENERATOR_VERSION and m.get("seed") == seed and m.get("n", 0) < n
                and m.get("pdf_engine") == ("libreoffice" if sample.find_soffice() else "fpdf2")
                and (best is None or m["n"] > best[0]["n"])):
            best = (m, path.parent)
    return best


if __name__ == "__main__":  # python bench/synthetic.py N [SEED]: make (or reuse) one archive
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    m = ensure_archive(size, int(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_SEED)
    print(json.dumps({k: v for k, v in m.items() if k not in ("files", "changed")}, ensure_ascii=False, indent=1))
