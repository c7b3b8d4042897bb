"""The words this package knows about attendance, read once from configs/.

configs/attendance.toml (labels, verbs, cues, table headers) and the organisation head words
and legal forms of configs/organisations.toml, compiled into one frozen `Lexicon`. The words
around a name (titles, words of address, given names) belong to the person recogniser
(`pipeline.extract.spans.persons.person_words`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from pipeline.config import load
from pipeline.extract.text import fold


# Keys of [names] in configs/organisations.toml whose words start an organisation's name.
_ORG_HEAD_KEYS = ("heads", "public_heads", "named_heads", "complement_heads", "name_starts")
# Keys of [labels] in configs/attendance.toml that name a role (the others are lists of phrases).
_LABEL_ROLES = ("present", "excused", "absent", "guest", "chair", "recorder", "speaker", "member_list",
                "member_body")


@dataclass(frozen=True)
class Lexicon:
    """Everything the attendee modules know about attendance."""

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
    sentence_openers: frozenset[str]
    functions: frozenset[str]
    function_genitives: frozenset[str]
    function_joiners: frozenset[str]
    appointed_recorder: frozenset[str]
    prepositions: frozenset[str]
    clause_breaks: frozenset[str]
    substitutes: frozenset[str]
    relatives: frozenset[str]
    subject_joiners: frozenset[str]
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

    @cached_property
    def verb_forms(self) -> dict[str, tuple[str, str]]:
        """Every form of a [verbs] stem (itself, or with its -a/-i/-y/-o ending: "představila")
        -> (the role it gives, the stem); the first role listed wins."""
        forms: dict[str, tuple[str, str]] = {}
        for kind, stems in self.verbs:
            for stem in stems:
                for ending in ("", *VERB_ENDINGS):
                    forms.setdefault(stem + ending, (kind, stem))
        return forms

    def is_verb(self, word: str) -> bool:
        return word.lower() in self.verb_forms


VERB_ENDINGS = ("a", "i", "y", "o")  # the past-tense endings of a verb stem (gender, number)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Build the lexicon from configs/attendance.toml and organisations.toml."""
    att, orgs = load("attendance"), load("organisations")
    labels = tuple((role, label) for role, words in att["labels"].items() if role in _LABEL_ROLES for label in words)
    legal = sorted({v for variants in orgs["legal_forms"].values() for v in variants if "." in v or " " in v},
                   key=len, reverse=True)
    return Lexicon(
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
        sentence_openers=frozenset(fold(w) for w in att["cues"]["sentence_openers"]),
        functions=frozenset(fold(w) for w in att["cues"]["functions"]),
        function_genitives=frozenset(fold(w) for w in att["cues"]["function_genitives"]),
        function_joiners=frozenset(att["cues"]["function_joiners"]),
        appointed_recorder=frozenset(fold(w) for w in att["cues"]["appointed_recorder"]),
        prepositions=frozenset(att["cues"]["prepositions"]),
        clause_breaks=frozenset(att["cues"]["clause_breaks"]),
        substitutes=frozenset(fold(w) for w in att["cues"]["substitutes"]),
        relatives=frozenset(att["cues"]["relatives"]),
        subject_joiners=frozenset(att["cues"]["subject_joiners"]),
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
