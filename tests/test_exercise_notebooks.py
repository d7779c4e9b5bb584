"""Every notebook's "Check yourself" cells ask exactly the questions its exercise module exports, in order."""

import importlib
import json
import pathlib
import re

import pytest

from actlearn.exercises.core import Question

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
CHECK_LINE = re.compile(r"^(q\d+)\.check\((\w+)\)$")  # what tools/make_assignments.py turns into a test cell


def check_yourself(path):
    """Return (the exercise module's name, the source of each code cell in the Check yourself section)."""
    cells = json.loads(path.read_text())["cells"]
    sources = ["".join(cell["source"]) for cell in cells]
    start = next(i for i, s in enumerate(sources) if re.search(r"^## Check yourself", s, re.M))
    end = next((i for i in range(start + 1, len(cells)) if re.search(r"^## ", sources[i], re.M)), len(cells))
    code = [
        s for cell, s in zip(cells[start:end], sources[start:end], strict=True) if cell["cell_type"] == "code"
    ]
    (module_name,) = re.findall(r"^from actlearn\.exercises\.(\w+) import \*$", "\n".join(code), re.M)
    return module_name, code


def last_code_line(source):
    """Return the last line of source that is not blank or a comment."""
    return [line for line in source.splitlines() if line.strip() and not line.startswith("#")][-1]


def exported_questions(module_name):
    """Return {name: question} that `from actlearn.exercises.<module_name> import *` brings."""
    module = importlib.import_module(f"actlearn.exercises.{module_name}")
    return {
        name: getattr(module, name) for name in module.__all__ if isinstance(getattr(module, name), Question)
    }


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_check_cells_ask_exactly_the_modules_questions_in_order(path):
    module_name, code = check_yourself(path)
    questions = exported_questions(module_name)
    checks = [CHECK_LINE.match(last_code_line(s)) for s in code if ".check(" in s]
    assert all(checks), (
        f"{path.name}: a check cell ends with one line `qN.check(answer)` (comments may follow)"
    )
    asked = [match.group(1) for match in checks]
    assert asked == list(questions), f"{path.name} checks {asked}; {module_name}.py exports {list(questions)}"
    for match in checks:
        question = questions[match.group(1)]
        assert match.group(2) == question.answer_name, (
            f"{path.name}: {question.label} checks {match.group(2)}"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_starter_cells_mention_no_question_the_module_lacks(path):
    module_name, code = check_yourself(path)
    mentioned = set(re.findall(r"\b(q\d+)\.", "\n".join(code)))
    assert mentioned <= set(exported_questions(module_name)), f"{path.name} mentions {sorted(mentioned)}"
