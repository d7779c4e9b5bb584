"""Write nbgrader source notebooks from the course's notebooks (`make assignments`).

Each notebooks/NN-slug.ipynb becomes build/assignments/source/NN-slug/NN-slug.ipynb, beside an
nbgrader_config.py, so build/assignments is a ready nbgrader course directory. In each notebook's
"Check yourself" section:

- the cell `from actlearn.exercises.<module> import *` turns solutions off (q.solution() says so;
  check() and hint() keep working) and is locked, so autograde runs it as written;
- each check cell becomes an autograded answer cell: the starter (with ____), then the reference
  solution between ### BEGIN SOLUTION and ### END SOLUTION, which generate_assignment removes, then
  the learner's own `qN.check(answer)`;
- after it comes a locked test cell worth the question's points: it asserts `qN.grade(answer) is None`,
  the same checker as check(), which names the mistake in the graded notebook; a question with hidden
  cases asserts them too, between ### BEGIN HIDDEN TESTS and ### END HIDDEN TESTS.

A check cell is found by its last code line, `qN.check(answer)` (tests/test_exercise_notebooks.py
keeps every notebook so). Outputs are cleared: the sources hold solutions, not a run.

Usage: python tools/make_assignments.py [--out build/assignments] [--validate] [notebooks ...]
--validate runs every source notebook in nbgrader's Validator (needs the `teach` extra): every test
cell must pass with the solutions in place, since nothing else runs them before a class does.
"""

import argparse
import importlib
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CHECK_LINE = re.compile(r"^(q\d+)\.check\((\w+)\)$")
EXERCISES = re.compile(r"^from actlearn\.exercises\.(\w+) import \*$", re.M)
CONFIG = """\
# nbgrader's settings for the actlearn course, written by tools/make_assignments.py.
c = get_config()  # noqa: F821 (nbgrader defines it)
c.CourseDirectory.course_id = "actlearn"
c.CourseDirectory.db_url = "sqlite:///gradebook.db"
# The starter (with ____) sits above each solution region; the default stub would raise before q.check.
c.ClearSolutions.code_stub = {"python": ""}
"""
SOLUTIONS_OFF = """
from actlearn.exercises.core import solutions_off

solutions_off()  # an assignment: q.solution() says so; q.check() and q.hint() still work"""


def nbgrader(grade_id, *, grade, solution, locked, points=None):
    """Return the cell metadata nbgrader reads (schema 3 needs all four flags)."""
    found = {
        "grade": grade,
        "solution": solution,
        "locked": locked,
        "grade_id": grade_id,
        "schema_version": 3,
    }
    return found if points is None else found | {"points": points}


def code_cell(cell_id, source, metadata):
    """Return a fresh code cell with no outputs."""
    return {"cell_type": "code", "execution_count": None, "id": cell_id, "metadata": metadata,
            "outputs": [], "source": source}  # fmt: skip


def split_check(source):
    """Return (the lines above the check line, the check match, the lines from it on) or None."""
    lines = source.rstrip("\n").splitlines()
    code = [i for i, line in enumerate(lines) if line.strip() and not line.startswith("#")]
    if not code or not (match := CHECK_LINE.match(lines[code[-1]])):
        return None
    above = "\n".join(lines[: code[-1]]).rstrip("\n")
    return above, match, "\n".join(lines[code[-1] :])


def test_source(question, answer):
    """Return the source of the autograded test cell for question, whose answer is in variable answer."""
    lines = [
        f"# {question.label}, {question.points} point{'s' if question.points != 1 else ''}: "
        f"the checker behind {question.name}.check, on every case",
        f"problem = {question.name}.grade({answer})",
        "assert problem is None, problem",
    ]
    if getattr(question, "hidden_cases", ()):
        lines += [
            "### BEGIN HIDDEN TESTS",
            f"problem = {question.name}.grade({answer}, hidden=True)",
            "assert problem is None, problem",
            "### END HIDDEN TESTS",
        ]
    return "\n".join(lines)


def assignment(path):
    """Return the nbgrader source notebook (as JSON data) made from the course notebook at path."""
    nb = json.loads(pathlib.Path(path).read_text())
    cells, module, section = [], None, False
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            section = bool(re.search(r"^## Check yourself", source, re.M)) or (
                section and not re.search(r"^## ", source, re.M)
            )
            cells.append(cell)
            continue
        cell = code_cell(cell["id"], source, {})
        found = EXERCISES.search(source) if section else None
        parts = split_check(source) if section and module else None
        if found:
            module = importlib.import_module(f"actlearn.exercises.{found.group(1)}")
            cell["source"] = source.rstrip("\n") + "\n" + SOLUTIONS_OFF
            cell["metadata"] = {"nbgrader": nbgrader(f"{found.group(1)}-setup", grade=False, solution=False,
                                                     locked=True)}  # fmt: skip
        elif parts:
            above, match, check = parts
            question = getattr(module, match.group(1))
            grade_id = question.id.replace(".", "-")
            cell["source"] = "\n".join(
                [above, "### BEGIN SOLUTION", question.solution_code, "### END SOLUTION", "", "", check]
            )
            cell["metadata"] = {"nbgrader": nbgrader(f"{grade_id}-answer", grade=False, solution=True,
                                                     locked=False)}  # fmt: skip
            cells.append(cell)
            test = nbgrader(
                f"{grade_id}-test", grade=True, solution=False, locked=True, points=question.points
            )
            cell = code_cell(f"{grade_id}-test", test_source(question, match.group(2)), {"nbgrader": test})
        cells.append(cell)
    if module is None:
        raise ValueError(f"{path}: no `from actlearn.exercises.<module> import *` under '## Check yourself'")
    return nb | {"cells": cells}


def write_course(out, notebooks):
    """Write nbgrader_config.py and source/NN-slug/NN-slug.ipynb for each notebook into out; return them."""
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "nbgrader_config.py").write_text(CONFIG)
    written = []
    for path in map(pathlib.Path, notebooks):
        target = out / "source" / path.stem / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(assignment(path), indent=1, ensure_ascii=False) + "\n")
        written.append(target)
    return written


def validate(sources):
    """Return {source: what nbgrader's Validator found} for every source whose tests fail with solutions."""
    from nbgrader.validator import Validator  # the `teach` extra; only --validate needs it

    failed = {}
    for source in sources:
        found = Validator().validate(str(source))
        if found:
            failed[source] = found
    return failed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", type=pathlib.Path,
                        default=sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")))  # fmt: skip
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "build" / "assignments")
    parser.add_argument("--validate", action="store_true", help="run each source's tests with its solutions")
    args = parser.parse_args(argv)
    sources = write_course(args.out, args.notebooks)
    print(f"wrote {len(sources)} nbgrader source notebooks under {args.out / 'source'}")
    if args.validate:
        failed = validate(sources)
        for source, found in failed.items():
            print(f"{source}: a test fails with the reference solutions: {found}", file=sys.stderr)
        if failed:
            return 1
        print("every test cell passes with the reference solutions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
