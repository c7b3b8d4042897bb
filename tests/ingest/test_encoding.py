"""Decoding text formats: the language of the ASCII words picks the code page."""

from __future__ import annotations

import pytest

from pipeline.ingest.encoding import decode
from tests.conftest import PEERS, need

CZECH = "Přítomni: Jana Nováková, Petr Šťastný; místo jednání je radnice, ve 2. patře. Žluťoučký kůň."


@pytest.mark.parametrize("codec, expected", [("cp1250", "cp1250"), ("iso-8859-2", "iso8859_2"),
                                             ("utf-8", "utf-8"), ("utf-16", "utf-16-le")])
def test_czech_in_every_code_page(codec, expected):
    text, encoding = decode(CZECH.encode(codec))
    assert text == CZECH and encoding == expected


def test_bomless_utf16():
    text, encoding = decode(CZECH.encode("utf-16-le"))
    assert text == CZECH and encoding == "utf-16-le"


def test_western_text_without_declaration_is_not_read_as_czech():
    text, encoding = decode(need(PEERS / "unstructured" / "fake-html-cp1252.html").read_bytes())
    assert encoding == "cp1252"
    assert all(word in text for word in ("très", "niño", "åt", "köstlich"))


def test_a_lying_declaration_falls_back_to_detection():
    text, _ = decode(CZECH.encode("cp1250"), declared="utf-8")
    assert text == CZECH


def test_other_scripts_go_to_the_detector():
    russian = "Привет, как дела? Это тестовый текст на русском языке для проверки кодировки."
    assert decode(russian.encode("cp1251"))[0] == russian
