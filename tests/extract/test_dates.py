"""Czech date mentions."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extract.dates import find_dates


def iso(text, year=None, not_before=None):
    return [d.resolve(year, not_before) for d in find_dates(text)]


@pytest.mark.parametrize("text, expected", [
    ("konaného dne 8. listopadu 2017 ve společenské místnosti", dt.date(2017, 11, 8)),
    ("Datum/čas.: 30. 8. 2017", dt.date(2017, 8, 30)),
    ("jednání dne 15.2.2022 od 13 hod.", dt.date(2022, 2, 15)),
    ("ze dne 29. března 2018", dt.date(2018, 3, 29)),
    ("v úterý 3. září 2019", dt.date(2019, 9, 3)),
    ("schůzka 12. července 2021", dt.date(2021, 7, 12)),
    ("Prostějov, 15. II. 2022", dt.date(2022, 2, 15)),
    ("export 2022-02-15", dt.date(2022, 2, 15)),
    ("setkání 1. prosince 2020", dt.date(2020, 12, 1)),
    ("do 31.12.2019 včetně", dt.date(2019, 12, 31)),
])
def test_full_dates(text, expected):
    assert iso(text) == [expected]


def test_span_points_at_the_date():
    text = "Místo a čas: radnice, 8. listopadu  2017, 10 hod."
    (mention,) = find_dates(text)
    assert text[mention.start:mention.end] == "8. listopadu  2017"


def test_day_month_takes_year_from_context_or_the_next_one():
    assert iso("Další PS: 18. 3. od 9,30", 2022) == [dt.date(2022, 3, 18)]
    assert iso("Další setkání 14. ledna", 2021, not_before=dt.date(2021, 11, 20)) == [dt.date(2022, 1, 14)]


@pytest.mark.parametrize("text", [
    "Opatření 1.1. Iniciovat rozšíření",
    "Aktivita 1.2.1. Rozvoj šatníku",
    "1.2. Informace z pracovních skupin",
    "navýšení o 0,5 úvazku",
    "kapacita 3.5 lůžka",
    "31. 2. 2020",
])
def test_not_dates(text):
    assert iso(text, 2020) == []


# --------------------------------------------------------------------------- the component: doc.spans["date"]


def test_the_component_marks_every_date_with_its_value():
    from pipeline.extract.nlp import nlp

    text = "Jednání dne 15.2.2022 navázalo na schůzku 8. listopadu 2017; další 18. 3. v 9 hod."
    doc = nlp()(text)
    spans = doc.spans["date"]
    assert [s.text for s in spans] == ["15.2.2022", "8. listopadu 2017", "18. 3."]
    assert [s.label_ for s in spans] == ["date"] * 3
    assert [s._.date.resolve(2022) for s in spans] == [dt.date(2022, 2, 15), dt.date(2017, 11, 8), dt.date(2022, 3, 18)]
    assert [text[s._.date.start:s._.date.end] for s in spans] == [s.text for s in spans]


def test_the_component_is_in_the_pipeline_and_declares_its_spans():
    from pipeline.extract.nlp import nlp

    summary = nlp().analyze_pipes(pretty=False)["summary"]
    assert {"doc.spans", "span._.date"} <= set(summary["kpss_dates"]["assigns"])


@pytest.mark.parametrize("text", ["Opatreni 1.1. doplnit.", "viz akt. 1.2. v plánu", "Priorita 2.1. zůstává"])
def test_an_item_number_after_its_noun_is_no_date(text):
    """The nouns come from configs (plan labels, also abbreviated and without diacritics)."""
    assert find_dates(text) == []
