"""Run-wide check of a pseudonymised OUT: no recognised name and no key in any file.

The names are what the clear run of the same input recognised as persons
(`attendees.name`, `documents.recorded_by`): every full name, and every surname
of four letters or more. Each is searched as a whole word, as written and in
capitals, in every file under the pseudonymised OUT, the kept runs in
`.kpss/runs/` included: Parquet files by their text columns, DuckDB files by
every text column of every table and view, any other file as UTF-8 text (HTML
entities unescaped). The key is searched in the raw bytes of every file too.

Used by tests/test_privacy_check.py and as a script (figures for a report):

    python -m tests.privacy_check CLEAR_OUT PSEUDONYMISED_OUT [--key-env KPSS_PSEUDONYM_KEY]

It prints the names searched and the occurrences found, never the names.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
MIN_SURNAME = 4  # shorter surnames are common words (Žák, Kos, Lev) and are not searched alone


def recognised_names(clear_out: Path) -> set[str]:
    """Every person the clear run recognised: attendee names and recorders."""
    names = set(pq.read_table(clear_out / "attendees.parquet", columns=["name"]).column("name").to_pylist())
    for value in pq.read_table(clear_out / "documents.parquet", columns=["recorded_by"]).column(
            "recorded_by").to_pylist():
        names.update(n.strip() for n in (value or "").split(",") if n.strip())
    return {" ".join(n.split()) for n in names if n and n.strip()}


def _given_names() -> set[str]:
    people = tomllib.loads((ROOT / "configs" / "people.toml").read_text(encoding="utf-8"))
    return set(people["given_names_female"]) | set(people["given_names_male"])


def search_terms(names: set[str]) -> set[str]:
    """Full names, and surnames of four letters or more (the surname is the last word,
    or the first when only the last is a given name: `Nováková Jana`)."""
    given = _given_names()
    terms = set()
    for name in names:
        words = [w for w in name.split() if not re.fullmatch(r"\w\.?", w)]
        if not words:
            continue
        if len(name.split()) > 1:
            terms.add(name)
        surname = words[0] if len(words) > 1 and words[-1] in given and words[0] not in given else words[-1]
        if len(surname) >= MIN_SURNAME:
            terms.add(surname)
    return terms


@dataclass
class Findings:
    """What the search found under OUT (counts only: the names are not repeated)."""

    terms: int = 0
    occurrences: int = 0
    files: int = 0  # files searched
    by_file: Counter = field(default_factory=Counter)  # occurrences of a name per file
    by_term: Counter = field(default_factory=Counter)  # occurrences per name (for a test's message)
    key_in: list[str] = field(default_factory=list)  # files holding the key

    def summary(self) -> str:
        where = ", ".join(f"{f} {n}" for f, n in self.by_file.most_common(8))
        return (f"{self.terms} names searched in {self.files} files: {self.occurrences} occurrences"
                + (f" ({where})" if where else "") + f"; key found in {len(self.key_in)} files"
                + (f" ({', '.join(self.key_in)})" if self.key_in else ""))


def search(out: Path, names: set[str], key: bytes | None = None) -> Findings:
    """Every occurrence of the names' search terms, and of the key, in every file under OUT."""
    terms = search_terms(names)
    forms = terms | {t.upper() for t in terms}
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in sorted(forms, key=len, reverse=True))
                         + r")(?!\w)") if forms else None
    found = Findings(terms=len(terms))
    for path in _files(out):
        found.files += 1
        rel = path.relative_to(out).as_posix()
        if key and key in path.read_bytes():
            found.key_in.append(rel)
        if pattern is None:
            continue
        for text in _texts(path):
            for match in pattern.finditer(text):
                found.occurrences += 1
                found.by_file[rel] += 1
                found.by_term[match.group(0)] += 1
    return found


def _files(out: Path) -> Iterator[Path]:
    """Every regular file under OUT, once (the links through `current` are the run folder's files)."""
    for dirpath, _, filenames in os.walk(out):
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if not path.is_symlink() and path.is_file():
                yield path


def _texts(path: Path) -> Iterator[str]:
    if path.suffix == ".parquet":
        yield from _parquet_texts(path)
    elif path.suffix == ".duckdb":
        yield from _duckdb_texts(path)
    else:
        text = path.read_bytes().decode("utf-8", errors="replace")
        yield html.unescape(text) if path.suffix in (".html", ".htm", ".svg") else text


def _parquet_texts(path: Path) -> Iterator[str]:
    table = pq.read_table(path)
    for column in table.columns:
        if pa.types.is_dictionary(column.type):
            column = column.cast(column.type.value_type)
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            yield "\n".join(v for v in column.to_pylist() if v)


def _duckdb_texts(path: Path) -> Iterator[str]:
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        relations = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database()").fetchall()]
        for relation in relations:
            columns = [r[0] for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND "
                "(data_type = 'VARCHAR' OR data_type LIKE 'ENUM%')", [relation]).fetchall()]
            for column in columns:
                values = con.execute(f'SELECT DISTINCT CAST("{column}" AS VARCHAR) FROM "{relation}"').fetchall()
                yield "\n".join(v[0] for v in values if v[0])
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("clear_out", type=Path, help="OUT of a run without --pseudonymise over the same input")
    parser.add_argument("hidden_out", type=Path, help="OUT of the pseudonymised run (and its CSV, DuckDB, report)")
    parser.add_argument("--key-env", default="KPSS_PSEUDONYM_KEY", help="environment variable holding the key")
    args = parser.parse_args(argv)
    key = os.environ.get(args.key_env)
    found = search(args.hidden_out, recognised_names(args.clear_out), key.encode("utf-8") if key else None)
    print(found.summary())
    return 1 if found.occurrences or found.key_in else 0


if __name__ == "__main__":
    sys.exit(main())
