"""Charts drawn in a child process while the build loads: the same drawings as in place, the
placeholders filled in, a stopped child costing nothing but time.

Each check runs in a fresh interpreter: this test process may have loaded matplotlib already,
and a process that has does not fork (it draws as fast in place)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.processes import usable_cores
from tests.conftest import MINIMAL_BRIEF, PROJECT_ROOT
from tests.pdfread import page_texts
from tests.test_product_charts import BODY, CHARTS

BUILD = PROJECT_ROOT / "build.py"
needs_two_cores = pytest.mark.skipif(usable_cores() < 2, reason="a child needs 2 cores")

PROBE = """
import base64, json, os, sys
from pathlib import Path
from briefing.config import Config
from briefing.pipeline.reading import read_stage
from briefing.render.charts.background import PLACEHOLDER, start_background_charts

source = Path(sys.argv[1])
reading = read_stage(source, source.with_suffix(".pdf"), Config())
styles = reading.chart_styles()
charts = start_background_charts(reading.briefing.figures, styles)
report = {"forked": charts.forked, "loaded_before": "matplotlib" in sys.modules}
figures = [f for f in reading.briefing.figures.values() if f.chart]
if sys.argv[2] == "stop":
    charts.close()
    try:
        os.waitpid(-1, os.WNOHANG)
        report["children_left"] = True
    except ChildProcessError:
        report["children_left"] = False
pairs = [(f"{look}:{f.name}", f, look, style) for f in figures for look, style in styles.items()]
sources = {key: charts.source(f, look, style) for key, f, look, style in pairs}
report["placeholders"] = sum(src.startswith(PLACEHOLDER) for src in sources.values())
report["filled"] = {key: (charts.drawing(src) or b"").decode() for key, src in sources.items()}
report["inline"] = charts.inline(" ".join(sources.values()))
prefix = "data:image/svg+xml;base64,"
report["decoded"] = {
    key: base64.b64decode(src.removeprefix(prefix)).decode()
    for key, src in sources.items() if src.startswith(prefix)
}
report["forged"] = charts.drawing(PLACEHOLDER + "colour:no-such-chart,")
from briefing.render.charts.drawing import draw_figure
report["in_place"] = {key: draw_figure(f, style) for key, f, look, style in pairs}
print(json.dumps(report))
"""


def _probe(tmp_path: Path, mode: str) -> dict[str, object]:
    (tmp_path / "data").mkdir()
    for name, text in CHARTS.items():
        (tmp_path / "data" / f"{name}.yaml").write_text(text, encoding="utf-8")
    brief = MINIMAL_BRIEF.replace("language: en\n", "language: en\nprofiles: [brief, handout]\n")
    source = tmp_path / "charts.md"
    source.write_text(brief + BODY, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", PROBE, source, mode], capture_output=True, text=True, check=True
    )
    report: dict[str, object] = json.loads(run.stdout.splitlines()[-1])
    return report


@needs_two_cores
def test_the_child_draws_what_this_process_would(tmp_path: Path) -> None:
    report = _probe(tmp_path, "draw")
    assert report["forked"] is True and report["loaded_before"] is False
    in_place = report["in_place"]
    assert isinstance(in_place, dict) and len(in_place) == 2 * len(CHARTS)  # colour and grey
    assert report["placeholders"] == len(in_place)  # the body asked before the child was done
    assert report["filled"] == in_place  # byte for byte, every chart in every look
    inline = str(report["inline"])
    assert "briefing-chart=" not in inline and inline.count("data:image/svg+xml;base64,") == 8
    assert report["forged"] is None  # a placeholder naming no chart is left to WeasyPrint


@needs_two_cores
def test_a_stopped_child_leaves_nothing_running_and_every_chart_drawn(tmp_path: Path) -> None:
    report = _probe(tmp_path, "stop")
    assert report["forked"] is True and report["children_left"] is False
    assert report["placeholders"] == 0  # nothing to wait for: each drawn in place
    assert report["decoded"] == report["in_place"]
    assert "briefing-chart=" not in str(report["inline"])


def test_the_html_written_beside_the_pdf_holds_the_drawings(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "spend.yaml").write_text(CHARTS["spend"], encoding="utf-8")
    (tmp_path / "chart.md").write_text(MINIMAL_BRIEF + "\n::: figure spend\n", encoding="utf-8")
    output = tmp_path / "chart.pdf"
    command = [sys.executable, BUILD, tmp_path / "chart.md", "-o", output, "--html"]
    subprocess.run(command, capture_output=True, check=True)
    html = output.with_suffix(".html").read_text(encoding="utf-8")
    assert "briefing-chart=" not in html and "data:image/svg+xml;base64," in html
    assert "Poland" in "\n".join(page_texts(output))
