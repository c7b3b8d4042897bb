"""A web site's navigation menu flattened into one line names no organisation (issue 15, site
chrome), read from a real HTML page through the real run. Names and towns are invented."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.runner import RunOptions, run

PAGE = """<!DOCTYPE html><html lang="cs"><head><meta charset="utf-8"><title>Usnesení</title></head>
<body><div>{menu}</div>
<div><h1>Usnesení Zastupitelstva Lipového kraje</h1>
<p>Zastupitelstvo po projednání schvaluje navýšení kapacity pečovatelské služby organizace
Charita Horní Lhota o 1,5 úvazku.</p></div></body></html>"""


def names(tmp_path: Path, menu: str) -> set[str]:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "usneseni.html").write_text(PAGE.format(menu=menu), encoding="utf-8")
    run(raw, out, RunOptions(workers=0))
    return set(pd.read_parquet(out / "organisations.parquet")["name"])


def test_a_flattened_navigation_menu_names_no_organisation(tmp_path: Path) -> None:
    """"Lipový kraj Kraj Samospráva Krajský úřad Sociální oblast Úřední deska Kontakty" (the
    menu of a region's site in one line) gives no "Kraj Samospráva" or office row; the
    provider of the content keeps its row."""
    found = names(tmp_path, "Lipový kraj Kraj Samospráva Krajský úřad Sociální oblast Úřední deska Kontakty")
    assert "Kraj Samospráva" not in found
    assert "Charita Horní Lhota" in found
