"""The words this package knows about persons and attendance, read once from configs/.

configs/people.toml (titles, words of address, ranks, given names, words that are no
names), configs/attendance.toml (labels, verbs, cues, table headers) and the organisation
head words of configs/organisations.toml, compiled into one frozen `Lexicon`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipeline.config import load
from pipeline.extract.text import fold


# Keys of [names] in configs/organisations.toml whose words start an organisation's name.
_ORG_HEAD_KEYS = ("heads", "public_heads", "named_heads", "complement_heads", "name_starts")
# Keys of [labels] in configs/attendance.toml that name a role (the others are lists of phrases).
_LABEL_ROLES = ("present", "excused", "absent", "guest", "chair", "recorder", "speaker", "member_list")


@dataclass(frozen=True)
class Lexicon:
    """Everything the attendee modules know about names and attendance."""

    titles: frozenset[str]
    titles_lower: frozenset[str]
    after_titles: frozenset[str]
    address: frozenset[str]
    ranks: frozenset[str]
    not_names: frozenset[str]
    given: frozenset[str]
    labels: tuple[tuple[str, str], ...]
    verb_like: frozenset[str]
    nobody: tuple[str, ...]
    verbs: tuple[tuple[str, tuple[str, ...]], ...]
    not_organisations: frozenset[str]
    intro: tuple[str, ...]
    presentation: tuple[str, ...]
    closing: tuple[str, ...]
    org_prefixes: frozenset[str]
    org_branches: tuple[str, ...]
    departments: frozenset[str]
    clause_openers: frozenset[str]
    functions: frozenset[str]
    prepositions: frozenset[str]
    responsibility: tuple[str, ...]
    name_headers: frozenset[str]
    org_headers: frozenset[str]
    legal_forms: tuple[str, ...]
    org_heads: tuple[str, ...]
    role_notes: tuple[tuple[str, tuple[str, ...]], ...]
    role_note_tails: frozenset[str]
    member_nouns: frozenset[str]
    joining: frozenset[str]
    membership_fillers: frozenset[str]
    other_bodies: frozenset[str]
    chair_needs_object: frozenset[str]
    meeting_nouns: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Build the lexicon from configs/people.toml, attendance.toml and organisations.toml."""
    people, att, orgs = load("people"), load("attendance"), load("organisations")
    titles = {*people["titles_before"]}
    labels = tuple((role, label) for role, words in att["labels"].items() if role in _LABEL_ROLES for label in words)
    legal = sorted({v for variants in orgs["legal_forms"].values() for v in variants if "." in v or " " in v},
                   key=len, reverse=True)
    return Lexicon(
        titles=frozenset(titles),
        titles_lower=frozenset({t.lower() for t in titles} | set(people.get("titles_dotless", []))),
        after_titles=frozenset({t.lower() for t in people["titles_after"]}
                               | {t.lower().rstrip(".") for t in people["titles_after"]}),
        address=frozenset(a.lower() for a in people["address"]),
        ranks=frozenset(r.lower() for r in people.get("ranks", [])),
        not_names=frozenset(fold(w).rstrip(":") for w in people["not_names"]),
        given=frozenset(fold(w) for w in [*people.get("given_names_female", []),
                                          *people.get("given_names_male", [])]),
        labels=labels,
        verb_like=frozenset(att["labels"].get("verb_like", [])),
        nobody=tuple(fold(p) for p in att["labels"]["nobody"]),
        verbs=tuple((role, tuple(stems)) for role, stems in att["verbs"].items()),
        not_organisations=frozenset(fold(w) for w in att["cues"].get("not_organisations", [])),
        intro=tuple(att["cues"]["intro"]),
        presentation=tuple(fold(p) for p in att["cues"]["presentation"]),
        closing=tuple(fold(p) for p in att["cues"]["closing"]),
        org_prefixes=frozenset(fold(w) for w in att["cues"]["org_prefixes"]),
        org_branches=tuple(sorted((fold(w) for w in att["cues"]["org_branches"]), key=len, reverse=True)),
        departments=frozenset(fold(w) for w in att["cues"]["departments"]),
        clause_openers=frozenset(fold(w) for w in att["cues"]["clause_openers"]),
        functions=frozenset(fold(w) for w in att["cues"]["functions"]),
        prepositions=frozenset(att["cues"]["prepositions"]),
        responsibility=tuple(fold(w) for w in att["cues"]["responsibility"]),
        name_headers=frozenset(fold(w) for w in att["tables"]["name_headers"]),
        org_headers=frozenset(fold(w) for w in att["tables"]["org_headers"]),
        legal_forms=tuple(legal),
        org_heads=tuple(sorted({fold(h) for key in _ORG_HEAD_KEYS for h in orgs.get("names", {}).get(key, [])})),
        role_notes=tuple((role, tuple(fold(w) for w in words)) for role, words in att["cues"]["role_notes"].items()),
        role_note_tails=frozenset(fold(w) for w in att["cues"]["role_note_tails"]),
        member_nouns=frozenset(fold(w) for w in att["cues"]["membership"]["members"]),
        joining=frozenset(fold(w) for w in att["cues"]["membership"]["joining"]),
        membership_fillers=frozenset(fold(w) for w in att["cues"]["membership"]["fillers"]),
        other_bodies=frozenset(fold(w) for w in att["cues"]["membership"]["other_bodies"]),
        chair_needs_object=frozenset(att["cues"]["chair_needs_object"]),
        meeting_nouns=frozenset(w.lower() for w in att["cues"]["meeting_nouns"]),
    )
