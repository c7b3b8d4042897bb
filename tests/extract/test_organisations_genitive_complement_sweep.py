"""A name whose head noun is not in the lemma table keeps its genitive complement as written
(issue 15, sweep over real pages: "Správa zdravotních a sociálních služeb X příspěvková
organizace", "Asociace poskytovatelů sociálních služeb ČR"): the listed noun "služeb" is the
complement of "Správa"/"Asociace", not the head of the name, so it is not brought to the
nominative ("... sociální služby X" was written). A name right before an inflected head noun
("Pohoda domova" -> "Pohoda domov") still has its head normalised. Read from real DOCX files
through the real run. Names and towns are invented."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.docx_factory import minutes, run_docx


def names(tmp_path: Path, *paragraphs: str) -> set[str]:
    out = run_docx(tmp_path, minutes("Zápis z jednání pracovní skupiny Senioři", *paragraphs))
    return set(pd.read_parquet(out / "organisations.parquet")["name"])


def test_a_genitive_complement_after_an_unlisted_head_stays_as_written(tmp_path: Path) -> None:
    found = names(
        tmp_path,
        "Domov pro seniory provozuje Správa zdravotních a sociálních služeb Lipovec, příspěvková organizace.",
        "Na jednání vystoupil zástupce Asociace poskytovatelů sociálních služeb Podlesí, z. s.",
    )
    assert "Správa zdravotních a sociálních služeb Lipovec" in found, found
    assert "Asociace poskytovatelů sociálních služeb Podlesí" in found, found
    assert not any("sociální služby" in n for n in found), found


def test_an_inflected_head_after_adjectives_is_still_brought_to_the_nominative(tmp_path: Path) -> None:
    found = names(
        tmp_path,
        "Pečovatelskou službu zajišťuje ve spolupráci s Oblastní charitou Lipovec také město.",
        "Zástupkyně Sociálních služeb města Podlesí, p. o. informovala o kapacitě.",
    )
    assert "Oblastní charita Lipovec" in found, found
    assert "Sociální služby města Podlesí" in found, found
