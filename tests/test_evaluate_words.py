"""The scorer's words come from configs/: academic titles and words of address from people.toml,
legal forms from organisations.toml (no copies in pipeline/evaluate.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from pipeline.config import load
from pipeline.evaluate import evaluate, field_matches


def test_every_title_of_people_toml_is_dropped_from_person_names() -> None:
    people = load("people")
    for title in [*people["titles_before"], *people["titles_after"], *people["address"]]:
        assert field_matches("name", "Jana Nová", f"{title} Jana Nová"), title
    assert field_matches("recorded_by", "Jan Novák", "ThLic. Jan Novák, Ph.D.")
    assert not field_matches("name", "Jana Nová", "Jana Malá")


def test_legal_forms_of_organisations_toml_are_dropped_from_organisation_names() -> None:
    assert field_matches("organisation", "Domov Jitka", "Domov Jitka, v. o. s.")
    assert field_matches("organisation", "Domov Jitka", "Domov Jitka vos")
    assert field_matches("name", "Paprsek", "Paprsek zú", table="organisations")
    assert not field_matches("organisation", "Domov Jitka", "Domov Jitka Praha")


def test_a_recorder_with_titles_scores_as_a_match(tmp_path: Path) -> None:
    """Scored from real Parquet and gold files as `kpss eval` reads them."""
    out, gold = tmp_path / "out", tmp_path / "gold"
    out.mkdir()
    gold.mkdir()
    pd.DataFrame([{"doc_id": "d1", "source_path": "zapis.docx", "source_format": "docx",
                   "recorded_by": "ThLic. Jana Nová, Ph.D."}]).to_parquet(out / "documents.parquet")
    (gold / "zapis.json").write_text(json.dumps({"documents": {"recorded_by": "Jana Nová"}}), encoding="utf-8")
    score = evaluate(gold, out).scores["documents"]
    assert (score.tp, score.gold, score.pred) == (1, 1, 1)
