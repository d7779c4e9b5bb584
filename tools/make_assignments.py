"""Write nbgrader source notebooks from the course's notebooks (`make assignments`), and re-grade them.

Each notebooks/NN-slug.ipynb becomes source/NN-slug/NN-slug.ipynb under --out, beside an
nbgrader_config.py, so the folder is a ready nbgrader course directory. In each notebook's
"Check yourself" section:

- the cell `from actlearn.exercises.<module> import *` turns solutions off (q.solution() says so;
  check() and hint() keep working) and is locked, so autograde runs it as written;
- each check cell becomes an autograded answer cell: the starter (with ____), then the reference
  solution between ### BEGIN SOLUTION and ### END SOLUTION, which generate_assignment removes, then
  the learner's own `qN.check(answer)`;
- after it comes a locked test cell worth the question's points (actlearn.exercises.core.POINTS: code
  3, derive 2, a choice or prediction 1). It does not ask the question object in the learner's kernel,
  which the learner's code can patch: `submit(id, answer name, globals())` hands the answer to a fresh
  process that judges it (actlearn/exercises/grader.py), prints the verdict and ends the cell with the
  score, which nbgrader reads. With --partial-credit a function earns its share of cases passed.

Options: --written-explain turns each explain question into a Markdown answer the teacher grades by
hand. --exam writes an exam: the setup cell builds questions that only record answers (no right
option, value, solution or mistake text anywhere in the release or the learner's objects), the cells
that reveal a prediction's answer are left out, and every test is hidden until autograde; --no-hints
drops the hints too. The key is the teacher's: the
exercise modules in the grading environment (a learner's exam image needs actlearn without them).

The course directory also gets the feedback page (tools/nbgrader_feedback.py): a template that names
each test cell by its question and MathJax 3 copied from --mathjax, so `nbgrader generate_feedback`
pages typeset offline; its config lines end nbgrader_config.py.

Never overwrites a teacher's edits: a file changed since this tool wrote it is kept, the new version goes
to new/ beside it, and the tool says so (it remembers what it wrote in .make_assignments.json).

A check cell is found by its last code line, `qN.check(answer)` (tests/test_exercise_notebooks.py
keeps every notebook so). Outputs are cleared: the sources hold solutions, not a run.

Usage: python tools/make_assignments.py [--out DIR] [--exam] [--no-hints] [--partial-credit]
                                        [--written-explain] [--validate] [--mathjax DIR] [notebooks ...]
       python tools/make_assignments.py regrade COURSE ASSIGNMENT [--student S ...] [--all]
--validate runs every source notebook in nbgrader's Validator (needs the `teach` extra): every test
cell must pass with the solutions in place, since nothing else runs them before a class does.
regrade re-grades, question by question in fresh processes, each submission nbgrader could not grade
(its kernel died: no autograded notebook) or the students named, or --all, and writes the scores into
the gradebook, where `nbgrader export` reads them.
"""

import argparse
import hashlib
import importlib
import json
import pathlib
import pprint
import re
import shutil
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
import nbgrader_feedback  # noqa: E402

from actlearn.exercises import core, grader  # noqa: E402

CHECK_LINE = re.compile(r"^(q\d+)\.check\((\w+)\)$")
EXERCISES = re.compile(r"^from actlearn\.exercises\.(\w+) import \*$", re.M)
PROMPT = re.compile(r"\s*\*\*\d+\.")  # a question's Markdown cell: "**2.** Write ..."
CONFIG = """\
# nbgrader's settings for the actlearn course, written by tools/make_assignments.py.
c = get_config()  # noqa: F821 (nbgrader defines it)
c.CourseDirectory.course_id = "actlearn"
c.CourseDirectory.db_url = "sqlite:///gradebook.db"
# The starter (with ____) sits above each solution region; the default stub would raise before q.check.
c.ClearSolutions.code_stub = {"python": ""}
# A deleted or unlocked test cell is put back from the gradebook and graded, not left "needs manual grade".
c.OverwriteCells.add_missing_cells = True
# Seconds a cell may run at autograde: a test cell's fresh grader needs a few; a runaway loop stops here.
c.Execute.timeout = 60
# Where release_assignment and collect meet: a directory every student and the teacher can reach.
# c.Exchange.root = "/srv/nbgrader/exchange"
"""
SOLUTIONS_OFF = """
from actlearn.exercises.core import solutions_off

solutions_off()  # an assignment: q.solution() says so; q.check() and q.hint() still work"""
EXAM_SETUP = """\
from actlearn.exercises.core import ____, exam_questions

# An exam: q.check(answer) records your answer without judging it; your teacher grades it afterwards.
{names} = exam_questions(
{sheets}
)"""


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


def test_source(question, answer, partial=False, exam=False):
    """Return the source of the autograded test cell for question, whose answer is in variable answer."""
    points = f"{question.points} point{'s' if question.points != 1 else ''}"
    judged = "graded after the exam" if exam else "judged in a fresh process, not in this kernel"
    call = f'submit("{question.id}", "{answer}", globals(){", partial=True" if partial else ""})'
    body = ["from actlearn.exercises.grader import submit", "", call]
    if exam:
        body = ["### BEGIN HIDDEN TESTS", *body, "### END HIDDEN TESTS"]
    return "\n".join([f"# {question.label}, {points}: {judged}", *body])


def written_cell(question, grade_id):
    """Return the Markdown cell a learner answers an explain question in, graded by hand."""
    text, why = question.options[question.right]
    source = "\n".join([
        f"**Your answer to {question.name}**, in a few sentences: which option, and why "
        f"({question.points} point{'s' if question.points != 1 else ''}, graded by your teacher).",
        "", "### BEGIN SOLUTION", f"({question.right}) {text}: {why}", "### END SOLUTION",
    ])  # fmt: skip
    metadata = {
        "nbgrader": nbgrader(grade_id, grade=True, solution=True, locked=False, points=question.points)
    }
    return {"cell_type": "markdown", "id": grade_id, "metadata": metadata, "source": source}


def assignment(path, exam=False, hints=True, partial=False, written_explain=False):
    """Return the nbgrader source notebook (as JSON data) made from the course notebook at path."""
    nb = json.loads(pathlib.Path(path).read_text())
    cells, module, section = [], None, False
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            section = bool(re.search(r"^## Check yourself", source, re.M)) or (
                section and not re.search(r"^## ", source, re.M)
            )
            if not (exam and section and module and not PROMPT.match(source)):
                cells.append(cell)  # an exam keeps the questions' prompts, not what reveals the answers
            continue
        cell = code_cell(cell["id"], source, {})
        found = EXERCISES.search(source) if section else None
        parts = split_check(source) if section and module else None
        if found:
            module = importlib.import_module(f"actlearn.exercises.{found.group(1)}")
            cell["source"] = exam_setup(module, hints) if exam else source.rstrip("\n") + "\n" + SOLUTIONS_OFF
            cell["metadata"] = {"nbgrader": nbgrader(f"{found.group(1)}-setup", grade=False, solution=False,
                                                     locked=True)}  # fmt: skip
        elif exam and section and module and not parts:
            continue  # a cell that reveals a prediction's answer
        elif parts:
            above, match, check = parts
            question = getattr(module, match.group(1))
            grade_id = question.id.replace(".", "-")
            if written_explain and question.kind == "explain":
                cells.append(written_cell(question, f"{grade_id}-written"))
                continue
            cell["source"] = "\n".join(
                [above, "### BEGIN SOLUTION", question.solution_code, "### END SOLUTION", "", "", check]
            )
            cell["metadata"] = {"nbgrader": nbgrader(f"{grade_id}-answer", grade=False, solution=True,
                                                     locked=False)}  # fmt: skip
            cells.append(cell)
            test = nbgrader(
                f"{grade_id}-test", grade=True, solution=False, locked=True, points=question.points
            )
            source = test_source(question, match.group(2), partial, exam)
            cell = code_cell(f"{grade_id}-test", source, {"nbgrader": test})
        cells.append(cell)
    if module is None:
        raise ValueError(f"{path}: no `from actlearn.exercises.<module> import *` under '## Check yourself'")
    return nb | {"cells": cells}


def exam_setup(module, hints):
    """Return the setup cell of an exam: questions built from their sheets, which hold no key."""
    questions = [getattr(module, name) for name in module.__all__ if name != "____"]
    sheets = pprint.pformat([core.exam_sheet(q, hints) for q in questions], width=106, sort_dicts=False)
    names = ", ".join(q.name for q in questions) + ("," if len(questions) == 1 else "")
    return EXAM_SETUP.format(names=names, sheets="    " + sheets.replace("\n", "\n    "))


def write_course(out, notebooks, mathjax=nbgrader_feedback.MATHJAX, **options):
    """Write nbgrader_config.py and source/NN-slug/NN-slug.ipynb for each notebook into out; return them.

    Also the feedback page's template and a copy of MathJax from the folder mathjax (tools/
    nbgrader_feedback.py), whose config lines end nbgrader_config.py. A file the teacher has edited since
    we wrote it is kept; the new version goes to out/new/.
    """
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    manifest_path = out / ".make_assignments.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    files = {"nbgrader_config.py": CONFIG + nbgrader_feedback.install(out, mathjax) + "\n"}
    for path in map(pathlib.Path, notebooks):
        nb = assignment(path, **options)
        files[f"source/{path.stem}/{path.name}"] = json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
    written = []
    for name, text in files.items():
        target = out / name
        if target.exists() and digest(target.read_text()) not in (manifest.get(name), digest(text)):
            target = out / "new" / name
            print(f"kept your edited {name}; the new version is in {target.relative_to(out)}")
        else:
            manifest[name] = digest(text)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        if name.endswith(".ipynb"):
            written.append(out / name)
    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n")
    return written


def digest(text):
    return hashlib.sha256(text.encode()).hexdigest()


def regrade(course, assignment_id, students=None, everyone=False):
    """Re-grade submissions in fresh processes and write the scores into the gradebook; return them.

    By default only the submissions nbgrader could not grade (no autograded notebook: the kernel died).
    Returns {student: {test grade_id: score}}.
    """
    from nbgrader.api import Gradebook, MissingEntry  # the `teach` extra

    course = pathlib.Path(course)
    found = {}
    for folder in sorted((course / "submitted").glob(f"*/{assignment_id}")):
        student = folder.parent.name
        graded = (course / "autograded" / student / assignment_id).exists()
        if not (everyone or (students and student in students) or (not students and not graded)):
            continue
        for submitted in sorted(folder.glob("*.ipynb")):
            source = json.loads((course / "source" / assignment_id / submitted.name).read_text())
            with tempfile.TemporaryDirectory() as scratch:  # the learner's code runs in a copy of the folder
                shutil.copytree(folder, scratch, dirs_exist_ok=True)
                verdicts = grader.regrade(source, json.loads(submitted.read_text()), cwd=scratch)
            partial = grader.partial_credit(source)
            scores = {
                test_id: grader.score(v, partial.get(test_id, False)) for test_id, v in verdicts.items()
            }
            with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
                try:
                    gradebook.find_submission(assignment_id, student)
                except MissingEntry:
                    gradebook.add_submission(assignment_id, student)
                for test_id, points in scores.items():
                    grade = gradebook.find_grade(test_id, submitted.stem, assignment_id, student)
                    grade.auto_score = points
                gradebook.db.commit()
            for test_id, verdict in verdicts.items():
                print(f"{student:<16} {test_id:<32} {scores[test_id]:>5g}  {verdict['message'] or 'right'}")
            found[student] = found.get(student, {}) | scores
    return found


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
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["regrade"]:
        parser = argparse.ArgumentParser(description=regrade.__doc__.split("\n")[0])
        parser.add_argument("course", type=pathlib.Path)
        parser.add_argument("assignment")
        parser.add_argument("--student", action="append", help="re-grade this student (repeat for more)")
        parser.add_argument("--all", action="store_true", help="re-grade every submission")
        args = parser.parse_args(argv[1:])
        regrade(args.course, args.assignment, args.student, args.all)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", type=pathlib.Path,
                        default=sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")))  # fmt: skip
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "build" / "assignments")
    parser.add_argument("--exam", action="store_true", help="record answers only; no key in the release")
    parser.add_argument("--no-hints", action="store_true", help="with --exam: no hints either")
    parser.add_argument("--partial-credit", action="store_true", help="a function earns its share of cases")
    parser.add_argument("--written-explain", action="store_true", help="explain questions graded by hand")
    parser.add_argument("--validate", action="store_true", help="run each source's tests with its solutions")
    parser.add_argument("--mathjax", type=pathlib.Path, default=nbgrader_feedback.MATHJAX,
                        help="MathJax 3 for the feedback page (the Makefile fetches it)")  # fmt: skip
    args = parser.parse_args(argv)
    options = dict(exam=args.exam, hints=not args.no_hints, partial=args.partial_credit,
                   written_explain=args.written_explain, mathjax=args.mathjax)  # fmt: skip
    sources = write_course(args.out, args.notebooks, **options)
    print(f"wrote {len(sources)} nbgrader source notebooks under {args.out / 'source'}")
    if args.exam:
        print("an exam: the key is actlearn/exercises/<notebook>.py; the environment that runs autograde")
        print("needs it, the learners' environment must not have it")
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
