"""Issue-4 acceptance: every written table's Parquet schema equals the declared one."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from pipeline.runner import run
from pipeline.schemas import SCHEMAS, TABLES
from tests.conftest import CORPUS_RAW, need


@pytest.fixture(scope="module")
def dev_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("dev")
    run(need(CORPUS_RAW), out)
    return out


@pytest.mark.parametrize("table", list(SCHEMAS))
def test_written_schema_equals_declared(dev_out, table):
    written = pq.read_schema(dev_out / f"{table}.parquet")
    assert written.equals(SCHEMAS[table], check_metadata=True)
    assert written.metadata[b"contract_version"] == b"1.1"
    assert all(b"description" in f.metadata for f in written)


def test_contract_columns_of_spec_are_all_declared():
    """SPEC.md's key columns, table by table (names fixed by the contract)."""
    spec = {
        "documents": "doc_id source_path source_format status error title meeting_date location working_group "
                     "planning_area recorded_by next_meeting_date project_reg_no n_pages pipeline_version",
        "blocks": "doc_id block_id kind level page text",
        "attendees": "doc_id name titles organisation role",
        "agenda_items": "doc_id item_no title",
        "goals": "doc_id goal_no title",
        "measures": "doc_id measure_no goal_no title",
        "activities": "doc_id activity_no measure_no title",
        "organisations": "doc_id name ico ico_valid legal_form role item_ref",
        "capacity_changes": "doc_id item_ref organisation service unit change value_from value_to delta raw_text",
        "services": "doc_id service_type paragraph organisation raw_text",
    }
    for table, columns in spec.items():
        declared = {c.name for c in TABLES[table].columns if c.contract}
        assert set(columns.split()) <= declared, table
