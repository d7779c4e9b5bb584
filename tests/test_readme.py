"""README.md is the learner's front door: its notebook list is current, its commands and links work."""

import importlib.util
import json
import pathlib
import re
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
spec = importlib.util.spec_from_file_location("readme_toc", ROOT / "tools" / "readme_toc.py")
readme_toc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(readme_toc)


def write_notebook(path, first_markdown):
    """Write a minimal notebook whose first cell is the given Markdown."""
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": first_markdown.splitlines(keepends=True)},
        {"cell_type": "code", "metadata": {}, "source": ["1 + 1"], "outputs": [], "execution_count": None},
    ]
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))


def test_notebook_list_is_up_to_date():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "readme_toc.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_notebook_list_follows_file_names_and_reads_titles_and_minutes(tmp_path):
    write_notebook(tmp_path / "01-why-nonlinearity.ipynb", "# Why bend at all\n\nAbout 10-15 minutes.")
    write_notebook(tmp_path / "00-start-here.ipynb", "Intro\n# Start here\n\nabout 5 min")
    write_notebook(tmp_path / "scratch.ipynb", "# Not part of the course")
    rows = readme_toc.notebook_list(tmp_path).splitlines()[2:]
    assert rows == [
        "| 00 | [Start here](notebooks/00-start-here.ipynb) | 5 |",
        "| 01 | [Why bend at all](notebooks/01-why-nonlinearity.ipynb) | 10-15 |",
    ]


def test_notebook_without_a_title_is_named_in_the_error(tmp_path):
    write_notebook(tmp_path / "02-sigmoid.ipynb", "No heading here.")
    with pytest.raises(SystemExit, match="02-sigmoid.ipynb.*# Title"):
        readme_toc.notebook_list(tmp_path)


def test_generator_replaces_only_the_list(tmp_path):
    readme = f"before\n{readme_toc.START}\nold list\n{readme_toc.END}\nafter\n"
    assert (
        readme_toc.updated(readme, tmp_path)
        == f"before\n{readme_toc.START}\nNo notebooks yet.\n{readme_toc.END}\nafter\n"
    )
    with pytest.raises(SystemExit, match="marker"):
        readme_toc.updated("no markers", tmp_path)


def test_the_two_commands_come_before_everything_else():
    commands = README.index("make lab     #"), README.index("make test    #")
    assert max(commands) < README.index("## "), "make lab and make test belong at the top"


def test_binder_link_opens_the_first_notebook_in_jupyterlab():
    links = re.findall(r"https://mybinder\.org/v2/gh/[^/\s]+/[^/\s]+/[^?\s]+\?urlpath=([^)\s`]+)", README)
    assert links and set(links) == {"lab/tree/notebooks/00-start-here.ipynb"}
    first = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    if first:  # the link must open a notebook that exists, once there are notebooks
        assert first[0].name == "00-start-here.ipynb"


def test_relative_links_point_at_files_that_exist():
    targets = re.findall(r"\]\(((?!https?://|#)[^)\s]+)\)", README)
    assert "docs/cheatsheet.png" in targets and "CONTRIBUTING.md" in targets
    missing = [target for target in targets if not (ROOT / target).exists()]
    assert not missing, f"README.md links to missing files: {missing}"
