"""configs/plan.toml compiled into the regexes and word sets the plan extractor uses, and
the item numbers it reads ("1.2.1", "A.1", "II")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.config import load
from pipeline.extract.common import alternation
from pipeline.extract.text import fold

KINDS = ("goal", "measure", "activity")
TABLE = {"goal": "goals", "measure": "measures", "activity": "activities"}
NUMBER_COLUMN = {"goal": "goal_no", "measure": "measure_no", "activity": "activity_no"}
PARENT = {"goal": None, "measure": "goal", "activity": "measure"}

# An item number: an outline of figures ("2", "1.2.3"), or one whose first part is a capital
# letter or a Roman numeral ("B", "B.2", "IV", "III.1"), or one or two capitals glued to figures
# ("P1", "S1.2": a plan that numbers each target group's items under its own letter). The patterns
# run over folded (lower-case) text, so a letter is matched here and `number_ok` checks in the
# written text that it is one.
NUMBER = r"(?P<num>(?:\d+|[a-z]{1,2}\d+|[ivxlc]{2,7}|[a-z])(?:\.\d+)*)\.?(?!\w)"
# Figures only: where a lone letter is likely a word ("A", "V" in a flattened table row).
FIGURES = r"(?P<num>\d+(?:\.\d+)*)\.?(?!\w)"
SEPARATORS = "-–—:.)"

_ROMAN = re.compile(r"(?=[IVXLC])(?:XC|C{0,3})(?:XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_LETTERED = re.compile(r"[A-Z]{1,2}\d+")  # "P1", "S1", "SC2": capitals glued to figures
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# What follows a lone letter or Roman numeral that numbers an item: an end, a separator or a capital.
_AFTER_LETTER = re.compile(r"\.?\s*(?:$|[:)–—-])|\.?\s+[„\"'(]?(?P<cap>\w)")


# --------------------------------------------------------------------------- item numbers


def written_number(text: str, match: re.Match[str], group: str = "num") -> str | None:
    """The number a match over folded text found, as the text writes it ("B.2", not "b.2"),
    or None when a letter part is not one: a letter or Roman numeral counts only in capitals
    and, unless figures follow it ("B.2"), alone before the end of the line, a separator
    ("Priorita B:", "Cíl IV –") or a capitalised title ("Priorita C Podpora ...")."""
    if match.group(group) is None:
        return None
    start, end = match.span(group)
    written = text[start:end]
    if text[max(0, start - 3):start] in (" C.", "\tC.", "\nC."):
        written = "C." + written  # "č." folds to "c.": "Opatření C.1" is no "Opatření č. 1"
    first = written.split(".")[0]
    if first.isdigit() or _LETTERED.fullmatch(first):
        return written
    if not first.isupper() or (len(first) > 1 and not _ROMAN.fullmatch(first)):
        return None
    if "." in written:
        return written
    line_end = text.find("\n", end)
    after = text[end:line_end if line_end >= 0 else len(text)]
    follows = _AFTER_LETTER.match(after)
    if follows is None or (follows.group("cap") is not None and not follows.group("cap").isupper()):
        return None
    return written


def number_ok(text: str, match: re.Match[str], group: str = "num") -> bool:
    """Whether the match found no number or a number as `written_number` accepts it."""
    return match.group(group) is None or written_number(text, match, group) is not None


def _roman_value(part: str) -> int:
    values = [_ROMAN_VALUES[c] for c in part]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def part_order(previous: str, part: str) -> tuple[int, int] | None:
    """The places of two parts of item numbers in one sequence (figures, Roman numerals or
    letters: "II" follows "I", "C" follows "B"), or None when they are of different kinds."""
    if previous.isdigit() and part.isdigit():
        return int(previous), int(part)
    if previous.isdigit() or part.isdigit():
        return None
    if _ROMAN.fullmatch(previous.upper()) and _ROMAN.fullmatch(part.upper()):
        return _roman_value(previous.upper()), _roman_value(part.upper())
    if len(previous) == 1 and len(part) == 1:
        return ord(previous.upper()), ord(part.upper())
    return None


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class _Rules:
    """configs/plan.toml compiled into the regexes and word sets the extractor uses."""

    label_kind: dict[str, str]
    label: re.Pattern[str]  # a label word (folded text): where `numbered`, `plain`, `qualified` may start
    numbered: re.Pattern[str]
    plain: re.Pattern[str]
    qualified: re.Pattern[str]
    qualifier_max_words: int
    qualifier_not_plan: frozenset[str]
    prose_after_number: frozenset[str]
    status: re.Pattern[str]
    field_line: re.Pattern[str]
    inline_field: re.Pattern[str]
    dash_field: re.Pattern[str]
    dash_detail: re.Pattern[str]
    semicolon_detail: re.Pattern[str]
    abbreviated: re.Pattern[str]
    abbreviation_kind: dict[str, str]
    bare_title: re.Pattern[str]
    dash_organisation: re.Pattern[str]
    paren_organisation: re.Pattern[str]
    not_plan: re.Pattern[str]
    intro: dict[str, re.Pattern[str]]
    sentence_intro: dict[str, tuple[re.Pattern[str], re.Pattern[str]]]
    sentence_max_words: int
    joiners: frozenset[str]
    wrapped_line_chars: int
    not_items: re.Pattern[str]
    not_action_nouns: frozenset[str]
    action_noun_endings: tuple[str, ...]
    adjective_endings: tuple[str, ...]
    min_item_words: int
    header_columns: list[tuple[str, str]]
    header_start: re.Pattern[str]  # a header phrase of a flattened table, whole words (its group 1)
    header_column: dict[str, str]  # which column a header phrase names (the first column listing it)
    header_kinds: dict[str, str]
    service_patterns: list[list[re.Pattern[str]]]
    service_heads: frozenset[str]
    goal_intro: re.Pattern[str]  # "Obecné cíle pro ...", "Strategické cíle:": a list of goals follows
    goal_intro_max_words: int
    outline_joiners: frozenset[str]
    mention: re.Pattern[str]  # "opatření 2.3 ", "aktivitu 2.1.3 " inside a sentence (folded text)
    mention_kind: dict[str, str]
    mention_max_words: int
    mention_stop: re.Pattern[str]  # a verb that ends a mention's title (folded text)
    past_verb: re.Pattern[str]  # a word ending as a past or passive participle (text as written)
    past_min_letters: int
    reflexives: frozenset[str]  # "se", "si" before such a verb go with it
    document_nouns: frozenset[str]  # "plánu", "strategie": a document named after an item's title (folded)
    document_prepositions: frozenset[str]
    document_object_endings: tuple[str, ...]

    def kind_of(self, label: str) -> str:
        return self.label_kind[" ".join(label.split())]


def _intro_pattern(intro: dict[str, list[str]], nouns: str, parents: str) -> re.Pattern[str]:
    """[adjective] noun [[link] parent label] [number] [":" rest] — see [intro] in configs/plan.toml."""
    return re.compile(
        rf"\s*(?P<adj>(?:{alternation(intro['adjectives'])})\s+)?(?:{alternation(intro[nouns])})(?!\w)"
        rf"(?P<parent>\s+(?:(?:{alternation(intro['links'])})\s+)?(?:{alternation(intro[parents])})(?!\w))?"
        rf"(?:\s*(?:c\.\s*)?{NUMBER})?\s*(?::\s*|$)")


def _sentence_patterns(intro: dict[str, Any], nouns: str, parents: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(the children's noun after a determiner or before a participle, a parent label with its
    number) of a sentence that introduces children — see [intro] in configs/plan.toml."""
    noun = rf"(?:{alternation(intro[nouns])})(?!\w)(?!\s*(?:c\.\s*)?\d)"
    determiners = alternation([*intro["determiners"], *intro["adjectives"]])
    determined = rf"(?<!\w)(?:{determiners})\s+(?:[^\W\d]+\s+){{0,2}}{noun}"
    participle = rf"^\s*{noun}\s+(?:{alternation(intro['adjectives'])})(?!\w)"
    parent = rf"(?<!\w)(?:{alternation(intro[parents])})\s*(?:c\.\s*)?{NUMBER}"
    return re.compile(f"{determined}|{participle}"), re.compile(parent)


@lru_cache(maxsize=1)
def rules() -> _Rules:
    """Build the rules once per process from configs/plan.toml and configs/services.toml."""
    cfg = load("plan")
    labels = cfg["labels"]
    label_kind = {fold(word): kind for kind in KINDS for word in labels[kind]}
    label = rf"(?P<label>{alternation(list(label_kind))})(?!\w)"
    fields = [*labels["responsible"], *labels["deadline"], *cfg["fields"]["labels"]]
    who_or_when = [w for w in (*labels["responsible"], *labels["deadline"]) if len(w) > 1]
    legal_forms = [v for variants in load("organisations")["legal_forms"].values() for v in variants if "." in v]
    intro = cfg["intro"]
    header_columns = [(fold(p), column) for column in ("number", "title", "service", "organisation", "plain_number")
                      for p in cfg["table"][column]]
    services = load("services")
    return _Rules(
        label_kind=label_kind,
        label=re.compile(label),
        numbered=re.compile(rf"{label}(?:\s*(?:c\.|cislo)\s*|\s+){NUMBER}"),
        plain=re.compile(rf"{label}\s*:"),
        qualified=re.compile(rf"{label}\s+(?P<qual>[^\W\d][^:;.!?\d\n]{{0,80}}?)\s*:"),
        qualifier_max_words=int(cfg["goal_qualifier"]["max_words"]),
        qualifier_not_plan=frozenset(fold(w) for w in cfg["goal_qualifier"]["not_plan"]),
        prose_after_number=frozenset(fold(w) for w in cfg["prose"]["after_number"]),
        status=re.compile(rf"\s*(?:[–—:,(-]|\s-)\s*(?:{alternation(cfg['status']['words'])})(?!\w)"),
        field_line=re.compile(rf"\s*(?:{alternation(fields)})\s*(?:[:\t]|$)"),
        inline_field=re.compile(rf"\s(?P<field>{alternation(fields)})\s*:"),
        # "Opatření 2.1 Zřízení ... – realizátor Spolek X; plán: ...": who or when, after a dash
        dash_field=re.compile(rf"\s[–—-]\s*(?:{alternation(who_or_when)})(?:\s|:)"),
        # "Opatření 1.1 Rozvoj X – navýšení o 1 úvazek, realizátor: Y": details after a spaced dash
        # that end in a field ("realizátor:") are no part of the title
        dash_detail=re.compile(rf"\s[–—-]\s[^–—\n.]{{0,80}}?[,;]\s*(?:{alternation(who_or_when)})\s*:"),
        # "… v obcích do 500 obyvatel; realizují X a Y", "… 12 lůžek; gestor: Z": who does it, or a
        # verb that goes on with a clause, after a semicolon
        semicolon_detail=re.compile(rf";(?=\s*(?:{alternation(who_or_when)})(?:\s|:)|\s(?:{alternation(cfg['prose']['mention_stops'])}"
                                    rf"|[^\W\d_]+(?:{alternation(cfg['prose']['verb_endings'])}))(?!\w))"),
        abbreviated=re.compile(r"(?P<label>" + "|".join(
            re.escape(a) for kind in KINDS for a in labels.get("abbreviation", {}).get(kind, []))
            + r")\s?(?P<num>\d+(?:\.\d+)*)\.?(?!\w)(?=\s+\S)"),
        abbreviation_kind={a: kind for kind in KINDS for a in labels.get("abbreviation", {}).get(kind, [])},
        bare_title=re.compile(rf"(?P<label>{alternation(labels['bare_title'])})\s+(?=[^\W\d_])"),
        # "… v budově polikliniky – Domov X, p. o., kapacita 24 lůžek": who does it, after a dash
        dash_organisation=re.compile(rf"\s[–—-]\s+(?=[^\W\d_][^–—;]{{0,60}}?,?\s*(?:{alternation(legal_forms)})(?!\w))"),
        # "poradna pro pečující (Spolek X, z. s.)", "kurz (ve spolupráci s Nemocnicí Y)": who, in parentheses
        paren_organisation=re.compile(rf"\s\((?=[^()]*(?:{alternation(legal_forms)})(?!\w)"
                                      rf"|{alternation(cfg['title']['organisation_in_parentheses'])})"),
        not_plan=re.compile(rf"\s*(?:{alternation(labels['not_plan'])})(?!\w)"),
        intro={"activity": _intro_pattern(intro, "activities", "activity_parents"),
               "measure": _intro_pattern(intro, "measures", "measure_parents")},
        sentence_intro={"activity": _sentence_patterns(intro, "activities", "activity_parents"),
                        "measure": _sentence_patterns(intro, "measures", "measure_parents")},
        sentence_max_words=int(intro["sentence_max_words"]),
        joiners=frozenset(fold(w) for w in cfg["continuation"]["joiners"]),
        wrapped_line_chars=int(cfg["continuation"]["wrapped_line_chars"]),
        not_items=re.compile(rf"\s*(?:{alternation(cfg['children']['not_items'])})(?!\w)"),
        not_action_nouns=frozenset(w.lower() for w in cfg["children"]["not_action_nouns"]),
        action_noun_endings=tuple(cfg["children"]["action_noun_endings"]),
        adjective_endings=tuple(cfg["children"]["adjective_endings"]),
        min_item_words=int(cfg["children"]["min_item_words"]),
        header_columns=sorted(header_columns, key=lambda pc: len(pc[0]), reverse=True),
        header_start=re.compile(r"\s*(" + "|".join(
            re.escape(p) + ("" if p.endswith(".") else r"(?![^\W_])")
            for p, _ in sorted(header_columns, key=lambda pc: len(pc[0]), reverse=True)) + ")"),
        header_column={p: c for p, c in reversed(sorted(header_columns, key=lambda pc: len(pc[0]), reverse=True))},
        header_kinds={fold(word): kind for kind, words in cfg["table"]["kinds"].items() for word in words},
        service_patterns=[[re.compile(t) for t in pattern] for s in services["service"] for pattern in s["patterns"]],
        service_heads=frozenset(w.lower() for w in cfg["table"]["service_heads"]),
        goal_intro=re.compile(rf"\s*(?:{alternation(intro['goal_adjectives'])})\s+(?:{alternation(intro['goals'])})"
                              r"(?!\w)[^:\n]*:?\s*$"),
        goal_intro_max_words=int(intro["goal_intro_max_words"]),
        outline_joiners=frozenset(fold(w) for w in cfg["outline"]["joiners"]),
        mention=re.compile(rf"(?<!\w)(?P<label>{alternation([w for ws in cfg['prose']['mention_labels'].values() for w in ws])})"
                           r"\s+(?P<num>\d{1,2}(?:\.\d{1,2}){0,2})\.?\s+(?=[\w„\"“])"),
        mention_kind={fold(w): kind for kind, ws in cfg["prose"]["mention_labels"].items() for w in ws},
        mention_max_words=int(cfg["prose"]["mention_max_words"]),
        mention_stop=re.compile(rf"\s(?:(?:{alternation(cfg['prose']['mention_stops'])})"
                                rf"|[^\W\d_]+(?:{alternation(cfg['prose']['verb_endings'])}))(?!\w)"),
        past_verb=re.compile(r"\s[^\W\d_]*(?:" + "|".join(
            re.escape(e) for e in sorted(cfg["prose"]["past_endings"], key=len, reverse=True)) + r")(?!\w)"),
        past_min_letters=int(cfg["prose"]["past_min_letters"]),
        reflexives=frozenset(fold(w) for w in cfg["prose"]["reflexives"]),
        document_nouns=frozenset(fold(w) for w in cfg["prose"]["document_nouns"]),
        document_prepositions=frozenset(fold(w) for w in cfg["prose"]["document_prepositions"]),
        document_object_endings=tuple(cfg["prose"]["document_object_endings"]) + tuple(cfg["children"]["action_noun_endings"]),
    )

