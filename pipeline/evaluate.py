"""Score extracted tables against gold annotations (SPEC.md "How a row is matched").

For users with their own gold: `kpss eval --gold DIR --out DIR`. A gold file
`<stem>.json` covers every document whose source file name is `<stem>.*`
or `<stem>_*` (a DOCX and its PDF rendering share one gold). Rows are matched
one-to-one per document and table (maximum bipartite matching); precision,
recall and F1 are micro-averaged over documents.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.config import load

ROW_TABLES = ["attendees", "agenda_items", "goals", "measures", "activities", "organisations",
              "capacity_changes", "services"]
_NUMBER = {"goal_no", "measure_no", "activity_no", "item_no", "item_ref"}
_FLOAT = {"value_from", "value_to", "delta"}
_TITLE = {"title", "service"}
_PLACE = {"location", "working_group", "planning_area"}
_PERSON = {"name", "recorded_by"}
ABBREVIATION_LETTERS = 4  # a legal form's word this short is an abbreviation ("spol", "o", "ops")
def fold(text: Any) -> str:
    """Lower-case, no diacritics, punctuation to spaces, spaces collapsed."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    """Tokens of academic titles and words of address (configs/people.toml), dropped before
    comparing person names: each title's folded tokens ("Ph.D." -> ph, d) and its words without
    dots ("phd")."""
    people = load("people")
    out: set[str] = set()
    for title in [*people["titles_before"], *people["titles_after"], *people["titles_dotless"], *people["address"]]:
        out.update(fold(title).split())
        out.update(fold(word.replace(".", "")) for word in title.split())
    return frozenset(out)


@lru_cache(maxsize=1)
def _legal_forms() -> tuple[tuple[str, ...], ...]:
    """Abbreviated legal forms (configs/organisations.toml) as folded token runs dropped from the
    end of an organisation's name before comparing: "s. r. o." -> (s, r, o), and written without
    dots and spaces (sro). Forms written out ("zapsaný spolek") are compared as words."""
    runs: dict[tuple[str, ...], None] = {}
    for variants in load("organisations")["legal_forms"].values():
        for variant in variants:
            tokens = tuple(fold(variant).split())
            if tokens and max(len(t) for t in tokens) <= ABBREVIATION_LETTERS:
                runs[tokens] = None
                runs[("".join(tokens),)] = None
    return tuple(runs)


def _is_null(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _number(value: Any) -> str:
    if _is_null(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip().rstrip(".").strip()


def _without_legal_form(tokens: list[str]) -> list[str]:
    changed = True
    while changed and tokens:
        changed = False
        for form in _legal_forms():
            if len(tokens) > len(form) and tuple(tokens[-len(form):]) == form:
                tokens, changed = tokens[:-len(form)], True
    return tokens


def titles_match(gold: str, pred: str) -> bool:
    """Equal after folding, or one a prefix of the other covering >= 80 % of the longer."""
    g, p = fold(gold), fold(pred)
    if not g or not p:
        return False
    short, long_ = sorted((g, p), key=len)
    return g == p or (long_.startswith(short) and len(short) >= 0.8 * len(long_))


def places_match(gold: str, pred: str) -> bool:
    """Titles match, or every word (cut to 4 letters) of one is among the other's."""
    if titles_match(gold, pred):
        return True
    g = {w[:4] for w in fold(gold).split()}
    p = {w[:4] for w in fold(pred).split()}
    return bool(g) and bool(p) and (g <= p or p <= g)


def field_matches(name: str, gold: Any, pred: Any, table: str = "") -> bool:
    """One gold field against one predicted value, by the field's matching rule."""
    if isinstance(gold, str) and gold == "none":
        return _is_null(pred) or str(pred).strip() == ""
    if _is_null(pred):
        return False
    if name in _NUMBER:
        return _number(gold) == _number(pred)
    if name in _FLOAT:
        try:
            return abs(float(gold) - float(pred)) < 1e-6
        except (TypeError, ValueError):
            return False
    if name in _PERSON and not (table == "organisations" and name == "name"):
        titles = _titles()
        g = sorted(t for t in fold(gold).split() if t not in titles)
        return bool(g) and g == sorted(t for t in fold(pred).split() if t not in titles)
    if name == "organisation" or (table == "organisations" and name == "name"):
        g, p = (" ".join(_without_legal_form(fold(v).split())) for v in (gold, pred))
        return bool(g) and (g == p or titles_match(g, p))
    if name in _TITLE:
        return titles_match(str(gold), str(pred))
    if name in _PLACE:
        return places_match(str(gold), str(pred))
    if name == "titles":
        return sorted(fold(gold).split()) == sorted(fold(pred).split())
    if "date" in name:
        return str(gold)[:10] == str(pred)[:10]
    if isinstance(gold, bool):
        return bool(pred) == gold
    return fold(gold) == fold(pred)


def rows_match(table: str, gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    return all(field_matches(k, v, pred.get(k), table) for k, v in gold.items() if v is not None)


def max_matching(table: str, gold_rows: list[dict], pred_rows: list[dict]) -> tuple[int, list[int], list[int]]:
    """Size of a maximum one-to-one matching, and the unmatched gold and predicted indexes."""
    edges = [[j for j, p in enumerate(pred_rows) if rows_match(table, g, p)] for g in gold_rows]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(gold_rows)):
        augment(i, set())
    matched = set(owner.values())
    return (len(owner), [i for i in range(len(gold_rows)) if i not in matched],
            [j for j in range(len(pred_rows)) if j not in owner])


@dataclass
class Score:
    tp: int = 0
    gold: int = 0
    pred: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=lambda: {t: Score() for t in ["documents", *ROW_TABLES]})
    misses: list[dict[str, Any]] = field(default_factory=list)
    missing_documents: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"tables": {t: {"tp": s.tp, "gold": s.gold, "pred": s.pred, "precision": round(s.precision, 4),
                               "recall": round(s.recall, 4), "f1": round(s.f1, 4)} for t, s in self.scores.items()},
                "missing_documents": self.missing_documents, "misses": self.misses}


def _stem(source_path: str) -> str:
    return Path(str(source_path)).name.split(".")[0]


def evaluate(gold_dir: Path, out_dir: Path, source_format: str | None = None) -> Report:
    """Score the tables in `out_dir` against every gold file in `gold_dir`
    (only the documents of one `source_format` when given)."""
    frames = {t: (pd.read_parquet(out_dir / f"{t}.parquet") if (out_dir / f"{t}.parquet").exists() else pd.DataFrame())
              for t in ["documents", *ROW_TABLES]}
    docs = frames["documents"]
    if docs.empty:
        raise FileNotFoundError(f"no documents table in {out_dir}")
    if source_format is not None:
        docs = frames["documents"] = docs[docs["source_format"] == source_format]
    report = Report()
    for gold_file in sorted(gold_dir.glob("*.json")):
        stem = gold_file.stem
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        hits = docs[docs["source_path"].map(lambda s: _stem(s) == stem or _stem(s).startswith(stem + "_"))]
        if hits.empty:
            if source_format is not None:
                continue  # this gold's document is in another format
            report.missing_documents.append(stem)
        for _, doc in (hits.iterrows() if not hits.empty else iter([(None, None)])):
            _score_document(report, stem, gold, doc, frames)
    return report


def _score_document(report: Report, stem: str, gold: dict, doc: pd.Series | None, frames: dict) -> None:
    doc_id = None if doc is None else doc["doc_id"]
    where = stem if doc is None else doc["source_path"]
    meta = report.scores["documents"]
    for name, value in (gold.get("documents") or {}).items():
        if value is None:
            continue
        got = None if doc is None else doc.get(name)
        meta.gold += 1
        meta.pred += 1 if (value == "none" or not _is_null(got)) else 0
        if doc is not None and field_matches(name, value, got):
            meta.tp += 1
        else:
            report.misses.append({"document": where, "table": "documents", "field": name, "gold": value,
                                  "got": None if _is_null(got) else str(got)})
    for table in ROW_TABLES:
        gold_rows = gold.get(table) or []
        frame = frames[table]
        pred_rows = [] if frame.empty or doc_id is None else frame[frame["doc_id"] == doc_id].to_dict("records")
        tp, missed, extra = max_matching(table, gold_rows, pred_rows)
        score = report.scores[table]
        score.tp, score.gold, score.pred = score.tp + tp, score.gold + len(gold_rows), score.pred + len(pred_rows)
        for i in missed:
            report.misses.append({"document": where, "table": table, "missed": gold_rows[i]})
        for j in extra:
            row = {k: v for k, v in pred_rows[j].items() if k not in ("doc_id", "char_start", "char_end")
                   and not _is_null(v)}
            report.misses.append({"document": where, "table": table, "extra": row})


def format_report(report: Report) -> str:
    lines = [f"{'table':18} {'gold':>5} {'pred':>5} {'tp':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    for table, s in report.scores.items():
        lines.append(f"{table:18} {s.gold:5} {s.pred:5} {s.tp:5} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}")
    if report.missing_documents:
        lines.append("gold documents with no output row: " + ", ".join(report.missing_documents))
    return "\n".join(lines)
