"""The course's feedback page: nbgrader's own page, with MathJax from the course directory and each test
cell named by its question. The last test grades a one-question assignment through the real nbgrader CLI."""

import json
import os
import pathlib
import re
import subprocess
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "tools"))
import nbgrader_feedback  # noqa: E402

from actlearn.exercises import swish  # noqa: E402


@pytest.fixture
def mathjax(tmp_path):
    """Return a stand-in for build/mathjax/mathjax: the entry script and one font beside it."""
    folder = tmp_path / "mathjax"
    (folder / "output" / "chtml" / "fonts").mkdir(parents=True)
    (folder / "tex-mml-chtml.js").write_text("// MathJax 3 stand-in\n")
    (folder / "output" / "chtml" / "fonts" / "tex.js").write_text("// a font\n")
    return folder


def test_install_copies_mathjax_and_writes_a_template_that_extends_nbgraders(tmp_path, mathjax):
    course = tmp_path / "course"
    config = nbgrader_feedback.install(course, mathjax)
    assert (course / "mathjax" / "output" / "chtml" / "fonts" / "tex.js").is_file()
    folder = course / "nbgrader_templates" / nbgrader_feedback.TEMPLATE
    assert json.loads((folder / "conf.json").read_text())["base_template"] == "feedback"
    assert (folder / "index.html.j2").read_text().startswith("{%- extends 'feedback/index.html.j2' -%}")
    macro = (folder / "mathjax.html.j2").read_text()
    assert 'src="../../../mathjax/tex-mml-chtml.js"' in macro and "http" not in macro
    assert f'c.GenerateFeedback.HTMLExporter.template_name = "{nbgrader_feedback.TEMPLATE}"' in config
    compile(config, "nbgrader_config.py", "exec")  # the lines are Python a config file can hold


def test_the_summary_labels_come_from_the_question_objects(tmp_path, mathjax):
    labels = nbgrader_feedback.question_labels()
    assert labels["swish-function"] == "swish.function (q2)"  # grade ids are question ids with dashes
    assert len(labels) == len(set(labels.values())) >= 3 * 16  # every notebook asks three or more
    nbgrader_feedback.install(tmp_path / "course", mathjax)
    index = (
        tmp_path / "course" / "nbgrader_templates" / nbgrader_feedback.TEMPLATE / "index.html.j2"
    ).read_text()
    assert '"swish-function": "swish.function (q2)"' in index and "Test cell" not in index


def test_install_without_mathjax_says_how_to_get_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="make build/mathjax/mathjax/tex-mml-chtml.js"):
        nbgrader_feedback.install(tmp_path / "course", tmp_path / "nowhere")


def nbgrader(course, *args):
    env = dict(os.environ, PATH=f"{pathlib.Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args], cwd=course, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def cell(kind, cell_id, source, **flags):
    found = {"cell_type": kind, "id": cell_id, "source": source, "metadata": {}}
    if flags:
        plain = {"grade": False, "solution": False, "locked": False, "schema_version": 3, "grade_id": cell_id}
        found["metadata"]["nbgrader"] = plain | flags
    return found | ({"execution_count": None, "outputs": []} if kind == "code" else {})


@pytest.mark.slow
def test_nbgrader_writes_the_feedback_page_with_local_mathjax_and_question_names(tmp_path, mathjax):
    pytest.importorskip("nbgrader", reason="the `teach` extra; `make test` installs it")
    course = tmp_path / "course"
    config = nbgrader_feedback.install(course, mathjax)
    (course / "nbgrader_config.py").write_text(
        f'c = get_config()\nc.CourseDirectory.course_id = "demo"\n'
        f'c.CourseDirectory.db_url = "sqlite:///gradebook.db"\nc.Exchange.root = "{tmp_path / "exchange"}"\n'
        f'c.ClearSolutions.code_stub = {{"python": ""}}\n{config}\n'
    )
    q4 = swish.q4
    answer = f"### BEGIN SOLUTION\n{q4.solution_code}\n### END SOLUTION"
    cells = [
        cell("markdown", "intro", "# Swish\n\nSwish is $x\\,\\sigma(\\beta x)$."),
        cell("code", "swish-slope_at_zero-answer", answer, solution=True),
        cell(
            "code",
            "swish-slope_at_zero-test",
            "assert abs(slope - 0.5) < 1e-3",
            grade=True,
            locked=True,
            points=1,
        ),
    ]
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb = {"nbformat": 4, "nbformat_minor": 5, "cells": cells, "metadata": {"kernelspec": kernel}}
    (course / "source" / "ps1").mkdir(parents=True)
    (course / "source" / "ps1" / "ps1.ipynb").write_text(json.dumps(nb))
    nbgrader(course, "generate_assignment", "ps1")
    release = json.loads((course / "release" / "ps1" / "ps1.ipynb").read_text())
    release["cells"][1]["source"] = "slope = 0.5"
    (course / "submitted" / "alice" / "ps1").mkdir(parents=True)
    (course / "submitted" / "alice" / "ps1" / "ps1.ipynb").write_text(json.dumps(release))
    nbgrader(course, "autograde", "ps1")
    nbgrader(course, "generate_feedback", "ps1")
    page = course / "feedback" / "alice" / "ps1" / "ps1.html"
    html = page.read_text()
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert scripts == ["../../../mathjax/tex-mml-chtml.js"]  # no CDN: MathJax from the course directory
    assert (page.parent / scripts[0]).resolve() == (course / "mathjax" / "tex-mml-chtml.js").resolve()
    assert "cdnjs" not in html and "window.MathJax" in html and "Swish is $x\\,\\sigma(\\beta x)$" in html
    summary = re.findall(r'<li><a href="#([^"]+)">([^<]+)</a> \(Score: ([\d.]+) / ([\d.]+)\)</li>', html)
    assert summary == [("swish-slope_at_zero-test", "swish.slope_at_zero (q4)", "1.0", "1.0")]
    assert "Test cell" not in html
