"""Comparison tables from YAML and CSV data files."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import ContentError
from briefing.read.tables import MISSING, load_table

YAML_TABLE = """caption: Side by side
source: The article
columns: [Aspect, A, B]
rows:
  - [Origin, "1949", null]
  - [Focus, defence, ""]
"""


def test_yaml_table_with_missing_cells_shows_dashes() -> None:
    table = load_table(Path("t.yaml"), YAML_TABLE)
    assert table.columns == ("Aspect", "A", "B")
    assert table.rows == (("Origin", "1949", MISSING), ("Focus", "defence", MISSING))
    assert table.caption == "Side by side"


def test_csv_table_reads_caption_and_source_comments() -> None:
    text = "# caption: From CSV\n# source: Somewhere\nAspect,A,B\nx,1,\n"
    table = load_table(Path("t.csv"), text)
    assert (table.caption, table.source) == ("From CSV", "Somewhere")
    assert table.rows == (("x", "1", MISSING),)


def test_row_with_wrong_cell_count_is_an_error() -> None:
    text = YAML_TABLE.replace('[Focus, defence, ""]', "[Focus, defence]")
    with pytest.raises(ContentError, match="row 2 has 2 cells, the header has 3"):
        load_table(Path("t.yaml"), text)


def test_table_without_caption_is_an_error() -> None:
    with pytest.raises(ContentError, match="needs a caption"):
        load_table(Path("t.yaml"), YAML_TABLE.replace("caption: Side by side\n", ""))
