"""`make assignments` writes nbgrader source notebooks that the real nbgrader grades as a teacher expects:
solutions and hidden tests stripped from the release, full marks for the reference solutions, zero for a
blank release, and one known mistake costing exactly its question's points, named in the graded notebook."""

import importlib
import json
import os
import pathlib
import subprocess
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "tools"))
import make_assignments  # noqa: E402

from actlearn.exercises.core import Question  # noqa: E402

NOTEBOOKS = sorted((make_assignments.ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
SIGMOID = "03-sigmoid"
NAIVE = "def stable_sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n\n\nq1.check(stable_sigmoid)"


def nbgrader_cells(nb, kind):
    """Return the cells of an nbgrader notebook that are answers ("solution") or tests ("grade")."""
    return [cell for cell in nb["cells"] if cell["metadata"].get("nbgrader", {}).get(kind)]


def module_of(nb):
    """Return the exercise module a notebook imports."""
    text = "\n".join("".join(cell["source"]) for cell in nb["cells"] if cell["cell_type"] == "code")
    (name,) = make_assignments.EXERCISES.findall(text)
    return importlib.import_module(f"actlearn.exercises.{name}")


# --- the source notebooks, without nbgrader ---------------------------------------------------------------


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_each_question_gets_an_answer_cell_with_its_solution_and_a_test_cell_with_its_points(path):
    nb = make_assignments.assignment(path)
    questions = [q for q in vars(module_of(nb)).values() if isinstance(q, Question)]
    answers, tests = nbgrader_cells(nb, "solution"), nbgrader_cells(nb, "grade")
    assert len(answers) == len(tests) == len(questions)
    for question, answer, test in zip(questions, answers, tests, strict=True):
        source, test_source = "".join(answer["source"]), "".join(test["source"])
        starter, solution = source.split("### BEGIN SOLUTION\n")
        assert "____" in starter and "____" not in solution
        assert solution.startswith(question.solution_code + "\n### END SOLUTION\n")
        assert make_assignments.CHECK_LINE.match(
            solution.split("### END SOLUTION\n")[1].strip().splitlines()[0]
        )
        assert (
            f"problem = {question.name}.grade(" in test_source
            and "assert problem is None, problem" in test_source
        )
        assert test["metadata"]["nbgrader"] == {
            "grade": True, "solution": False, "locked": True, "points": question.points,
            "grade_id": question.id.replace(".", "-") + "-test", "schema_version": 3,
        }  # fmt: skip
        assert ("### BEGIN HIDDEN TESTS" in test_source) == bool(getattr(question, "hidden_cases", ()))
    assert all(not cell.get("outputs") for cell in nb["cells"] if cell["cell_type"] == "code")


def test_the_exercise_import_turns_solutions_off_in_a_locked_cell():
    nb = make_assignments.assignment(make_assignments.ROOT / "notebooks" / f"{SIGMOID}.ipynb")
    (setup,) = [c for c in nb["cells"] if "from actlearn.exercises.sigmoid import *" in "".join(c["source"])]
    assert "solutions_off()" in "".join(setup["source"]) and setup["metadata"]["nbgrader"]["locked"]


def test_a_notebook_without_exercises_is_refused(tmp_path):
    path = tmp_path / "99-empty.ipynb"
    path.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    with pytest.raises(ValueError, match="no `from actlearn.exercises"):
        make_assignments.assignment(path)


# --- the real nbgrader on a throwaway course directory -----------------------------------------------------


def nbgrader(course, *args):
    """Run the nbgrader CLI in course and return its output; fail with that output if it fails."""
    env = dict(os.environ, PATH=f"{pathlib.Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args], cwd=course, env=env, capture_output=True, text=True
    )  # nbgrader runs alembic from PATH, so the venv's bin goes first
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """Return a course directory with every notebook's source and its generated release."""
    pytest.importorskip("nbgrader", reason="the `teach` extra; `make test` installs it")
    course = tmp_path_factory.mktemp("course")
    make_assignments.write_course(course, NOTEBOOKS)
    nbgrader(course, "generate_assignment", "*")
    return course


def read(path):
    return json.loads(pathlib.Path(path).read_text())


@pytest.mark.slow
def test_the_release_keeps_the_starters_and_loses_solutions_and_hidden_tests(course):
    for path in NOTEBOOKS:
        release = read(course / "release" / path.stem / path.name)
        text = json.dumps(release)
        assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text and "hidden=True" not in text
        assert len(nbgrader_cells(release, "solution")) == len(nbgrader_cells(release, "grade")) >= 2
        for answer in nbgrader_cells(release, "solution"):
            assert "____" in "".join(answer["source"])
            assert ".check(" in "".join(answer["source"])
    q1 = next(
        c
        for c in read(course / "release" / SIGMOID / f"{SIGMOID}.ipynb")["cells"]
        if "stable_sigmoid" in "".join(c["source"])
    )
    assert "np.exp(-np.abs(x))" not in "".join(q1["source"])


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_source_passes_its_own_tests_with_the_reference_solutions(course, path):
    from nbgrader.validator import Validator

    assert Validator().validate(str(course / "source" / path.stem / path.name)) == {}


@pytest.mark.slow
def test_every_test_of_the_blank_release_fails(course):
    from nbgrader.validator import Validator

    assert Validator(invert=True).validate(str(course / "release" / SIGMOID / f"{SIGMOID}.ipynb")) == {}


def submit(course, student, nb):
    """Put nb in course as student's submission of the sigmoid assignment."""
    folder = course / "submitted" / student / SIGMOID
    folder.mkdir(parents=True)
    (folder / f"{SIGMOID}.ipynb").write_text(json.dumps(nb))


def with_answers(release, answers):
    """Return release with the answer cells' sources replaced: {grade id: source}."""
    nb = json.loads(json.dumps(release))
    for cell in nbgrader_cells(nb, "solution"):
        cell["source"] = answers[cell["metadata"]["nbgrader"]["grade_id"]]
    return nb


@pytest.mark.slow
def test_autograde_scores_right_blank_and_one_mistake_as_a_teacher_expects(course):
    from nbgrader.api import Gradebook

    source = read(course / "source" / SIGMOID / f"{SIGMOID}.ipynb")
    release = read(course / "release" / SIGMOID / f"{SIGMOID}.ipynb")
    questions = {
        q.id.replace(".", "-"): q for q in vars(module_of(release)).values() if isinstance(q, Question)
    }
    right = {
        f"{gid}-answer": f"{q.solution_code}\n\n\n{q.name}.check({q.answer_name})"
        for gid, q in questions.items()
    }
    submit(course, "right", with_answers(release, right))
    submit(course, "blank", release)
    submit(course, "naive", with_answers(release, right | {"sigmoid-stable-answer": NAIVE}))
    submit(course, "source", source)  # the teacher's own notebook, solution markers and all
    nbgrader(course, "autograde", SIGMOID, "--create")

    total = sum(q.points for q in questions.values())
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        scores = {
            s: gradebook.find_submission(SIGMOID, s).score for s in ("right", "blank", "naive", "source")
        }
    assert scores == {
        "right": total,
        "blank": 0,
        "naive": total - questions["sigmoid-stable"].points,
        "source": total,
    }

    graded = read(course / "autograded" / "naive" / SIGMOID / f"{SIGMOID}.ipynb")
    (test,) = [
        c
        for c in graded["cells"]
        if c["metadata"].get("nbgrader", {}).get("grade_id") == "sigmoid-stable-test"
    ]
    (error,) = [o for o in test["outputs"] if o["output_type"] == "error"]
    assert error["ename"] == "AssertionError"
    assert error["evalue"].startswith("q1 (sigmoid.stable): overflow in exp at x = -1000: exp(-x) overflowed")
