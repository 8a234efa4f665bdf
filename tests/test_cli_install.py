"""The tool installed from a wheel, in a fresh virtual environment, used outside this repository:
`briefing init DIR && cd DIR && briefing` builds the starter brief."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import DEADLINE, PROJECT_ROOT
from .pdfread import page_texts


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    completed = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    assert completed.returncode == 0, f"{command}: {completed.stdout}{completed.stderr}"
    return completed.stdout


@pytest.mark.package_index
def test_a_wheel_in_a_fresh_environment_starts_and_builds_a_project(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "BRIEFING_CACHE_DIR"}
    probe = [sys.executable, "-m", "pip", "index", "versions", "setuptools"]
    if subprocess.run(probe, capture_output=True, env=env, timeout=DEADLINE).returncode:
        pytest.skip("the package index is not reachable: the wheel's dependencies cannot install")
    env.pop("PYTHONPATH", None)
    # The wheel is built from a copy: setuptools leaves build/ beside the sources it builds.
    source = tmp_path / "source"
    shutil.copytree(PROJECT_ROOT / "briefing", source / "briefing",
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(PROJECT_ROOT / name, source / name)
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels),
          str(source)], tmp_path, env)  # fmt: skip
    [wheel] = wheels.glob("briefing-*.whl")
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], tmp_path, env)
    _run([str(venv / "bin" / "pip"), "install", "-q", "--disable-pip-version-check",
          "-c", str(PROJECT_ROOT / "requirements.lock"), str(wheel)], tmp_path, env)  # fmt: skip
    briefing = str(venv / "bin" / "briefing")
    elsewhere = tmp_path / "office"
    _run([briefing, "init", str(elsewhere / "briefs")], tmp_path, env)
    project = elsewhere / "briefs"
    assert (project / "briefing.toml").is_file()
    assert not (project / "templates").exists(), "a project copies no theme files"
    out = _run([briefing], project, env)
    [pdf] = (project / "build").glob("*.pdf")
    assert pdf.name in out
    assert "Starter Brief" in "".join(page_texts(pdf))
    assert (project / ".briefing-cache").is_dir()
    new = _run([briefing, "new", "Second Brief"], project / "content", env)
    assert "second-brief.md" in new and (project / "content" / "second-brief.md").is_file()
