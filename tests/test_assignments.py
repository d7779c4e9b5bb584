"""`make assignments` writes nbgrader courses whose grades no learner code can change.

Without nbgrader: every question gets an answer cell and a test cell worth its points that hands the
answer to the fresh-process grader; exam sources hold no key outside their solution and hidden-test
regions; a teacher's edits survive a re-run. With the real nbgrader CLI (generate, submit, autograde,
regrade, export), marked slow: a class of honest students and cheats, each cheat scoring 0 on what it
cheated, and an exam whose release and learner-side objects hold no answer.
"""

import csv
import importlib
import json
import os
import pathlib
import re
import subprocess
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "tools"))
import make_assignments  # noqa: E402
import nbgrader_feedback  # noqa: E402

from actlearn.exercises import all_questions  # noqa: E402
from actlearn.exercises.core import ChoiceQuestion, NumberQuestion, Question, exam_questions, exam_sheet  # noqa: E402

ROOT = make_assignments.ROOT
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
SIGMOID, SWISH = "03-sigmoid", "10-swish"


def nbgrader_cells(nb, kind):
    """Return the cells of an nbgrader notebook that are answers ("solution") or tests ("grade")."""
    return [cell for cell in nb["cells"] if cell["metadata"].get("nbgrader", {}).get(kind)]


def text_of(cell):
    return "".join(cell["source"])


def module_of(path):
    """Return the exercise module a course notebook imports."""
    nb = json.loads(pathlib.Path(path).read_text())
    (name,) = make_assignments.EXERCISES.findall("\n".join(map(text_of, nb["cells"])))
    return importlib.import_module(f"actlearn.exercises.{name}")


def questions_in(module):
    return [q for q in vars(module).values() if isinstance(q, Question)]


def without_hidden_parts(text):
    """Return text without what generate_assignment removes: solution regions and hidden tests."""
    text = re.sub(r"### BEGIN SOLUTION.*?### END SOLUTION", "", text, flags=re.S)
    return re.sub(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", "", text, flags=re.S)


def keys(question):
    """Return strings that would give question's answer away: solution lines, verdict texts, values."""
    found = [
        line.split("#")[0].strip()
        for line in question._solution.splitlines()
        if len(line.split("#")[0].strip()) >= 12
        and not line.lstrip().startswith(("def ", "import ", "from "))
    ]
    for mistake in getattr(question, "mistakes", ()):
        found.append(
            mistake.message if hasattr(mistake, "message") else mistake[1]
        )  # Mistake or (value, text)
    if isinstance(question, ChoiceQuestion):  # the right option's bare "right" gives nothing away
        found += [why for _, why in question.options.values() if why != "right"]
    found.append(getattr(question, "rule", ""))  # a RuledFunctionQuestion's verdict on a broken rule
    if isinstance(question, NumberQuestion):
        value = question.value
        found += [repr(float(v)) for v in (value if isinstance(value, tuple) else (value,))]
    return [k for k in found if len(k) >= 4]


# --- the source notebooks, without nbgrader ---------------------------------------------------------------


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_each_question_gets_an_answer_cell_and_a_test_cell_that_asks_the_fresh_grader(path):
    nb = make_assignments.assignment(path)
    questions = questions_in(module_of(path))
    answers, tests = nbgrader_cells(nb, "solution"), nbgrader_cells(nb, "grade")
    assert len(answers) == len(tests) == len(questions)
    for question, answer, test in zip(questions, answers, tests, strict=True):
        starter, solution = text_of(answer).split("### BEGIN SOLUTION\n")
        assert "____" in starter and solution.startswith(question._solution + "\n### END SOLUTION\n")
        last = text_of(test).strip().splitlines()[-1]
        assert last == f'submit("{question.id}", "{question.answer_name}", globals())'  # a number ends it
        assert ".grade(" not in text_of(test) and "q1" not in last
        assert test["metadata"]["nbgrader"] == {
            "grade": True, "solution": False, "locked": True, "points": question.points,
            "grade_id": question.id.replace(".", "-") + "-test", "schema_version": 3,
        }  # fmt: skip
    assert all(not cell.get("outputs") for cell in nb["cells"] if cell["cell_type"] == "code")


def test_writing_code_is_worth_more_than_picking_an_option():
    sigmoid = {q.kind: q.points for q in questions_in(module_of(ROOT / "notebooks" / f"{SIGMOID}.ipynb"))}
    assert sigmoid["code"] > sigmoid["derive"] > sigmoid["predict"] >= 1


def test_partial_credit_and_written_explanations_are_options():
    path = ROOT / "notebooks" / "14-choosing-an-activation.ipynb"
    explain = [q for q in questions_in(module_of(path)) if q.kind == "explain"]
    assert explain, "14 has an explain question to turn into a written answer"
    nb = make_assignments.assignment(path, partial=True, written_explain=True)
    written = [c for c in nb["cells"] if c["cell_type"] == "markdown" and c["metadata"].get("nbgrader")]
    assert len(written) == len(explain)
    for cell, question in zip(written, explain, strict=True):
        meta = cell["metadata"]["nbgrader"]
        assert meta["grade"] and meta["solution"] and meta["points"] == question.points  # graded by hand
        assert question.options[question.right][0] not in without_hidden_parts(text_of(cell))
    assert all("partial=True" in text_of(c) for c in nbgrader_cells(nb, "grade") if c["cell_type"] == "code")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_an_exam_source_holds_no_key_outside_what_nbgrader_strips(path):
    module = module_of(path)
    nb = make_assignments.assignment(path, exam=True, hints=False)
    visible = "\n".join(
        without_hidden_parts(text_of(c)) for c in nb["cells"] if c["metadata"].get("nbgrader")
    )
    assert f"actlearn.exercises.{module.__name__.split('.')[-1]} import" not in visible
    assert "submit(" not in visible  # a learner can't run the grader from the release either
    prompts = [
        c for c in nb["cells"] if c["cell_type"] == "markdown" and make_assignments.PROMPT.match(text_of(c))
    ]
    assert len(prompts) == len(questions_in(module))  # every question still asked; its reveal cells gone
    for question in questions_in(module):
        for key in keys(question):
            assert key not in visible, f"{question.id}: {key!r} is in the exam release"


def test_the_learner_side_exam_objects_hold_no_key():
    module = module_of(ROOT / "notebooks" / f"{SIGMOID}.ipynb")
    nb = make_assignments.assignment(ROOT / "notebooks" / f"{SIGMOID}.ipynb", exam=True, hints=False)
    (setup,) = [c for c in nb["cells"] if "exam_questions(" in text_of(c)]
    namespace = {}
    exec(text_of(setup), namespace)
    recorded = [namespace[f"q{i}"] for i in range(1, 5)]
    held = json.dumps([{k: repr(v) for k, v in vars(q).items()} for q in recorded])
    for question, copy in zip(questions_in(module), recorded, strict=True):
        assert not hasattr(copy, "right") and not hasattr(copy, "value") and not hasattr(copy, "reference")
        assert copy.solution_code is None
        for key in keys(question):
            assert key not in held
    assert (
        repr(recorded[3].verdict("b"))
        == "q4 (sigmoid.loss_far_tail): answer recorded; it is graded after the exam."
    )
    assert recorded[3].verdict("b").status == recorded[3].verdict("a").status  # right and wrong look alike


@pytest.mark.parametrize("qid", all_questions())
def test_every_kind_of_question_leaves_its_key_behind_in_an_exam(qid):
    question = all_questions()[qid]  # RuledFunctionQuestion's rule, BackwardQuestion's networks too
    (recorded,) = exam_questions([exam_sheet(question, hints=False)])
    held = json.dumps({k: repr(v) for k, v in vars(recorded).items()})
    assert set(vars(recorded)) <= set(vars(Question("t.q", "p", (), None, "a"))) | {"signature", "options"}
    for key in keys(question):
        assert key not in held, f"{qid}: {key!r} is held by the exam's question"


def test_exam_questions_are_named_in_order():
    sheets = [{"id": f"t.{i}", "prompt": "p", "answer_name": f"a{i}", "hints": []} for i in range(3)]
    assert [q.name for q in exam_questions(sheets)] == ["q1", "q2", "q3"]


def stand_in_mathjax(folder):
    """Return a folder holding a stand-in for MathJax 3's entry script (build/mathjax/mathjax in a build)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tex-mml-chtml.js").write_text("// MathJax 3 stand-in\n")
    return folder


def test_a_course_gets_the_feedback_page_and_its_config_lines(tmp_path):
    course = tmp_path / "course"
    make_assignments.write_course(course, [], mathjax=stand_in_mathjax(tmp_path / "mathjax"))
    config = (course / "nbgrader_config.py").read_text()
    assert (
        config.startswith(make_assignments.CONFIG)
        and "c.GenerateFeedback.HTMLExporter.template_name" in config
    )
    assert (course / "mathjax" / "tex-mml-chtml.js").is_file()
    assert (course / "nbgrader_templates" / nbgrader_feedback.TEMPLATE / "index.html.j2").is_file()
    with pytest.raises(FileNotFoundError, match="no MathJax"):  # `make assignments` fetches it first
        make_assignments.write_course(tmp_path / "other", [], mathjax=tmp_path / "nowhere")


def test_a_teachers_edits_are_kept_and_the_new_version_written_beside(tmp_path, capsys):
    path = ROOT / "notebooks" / f"{SWISH}.ipynb"
    mathjax = stand_in_mathjax(tmp_path / "mathjax")
    course = tmp_path / "course"
    make_assignments.write_course(course, [path], mathjax=mathjax)
    config, source = course / "nbgrader_config.py", course / "source" / SWISH / f"{SWISH}.ipynb"
    ours = config.read_text()
    config.write_text(ours + "c.Exchange.root = '/srv/exchange'\n")
    unchanged = source.read_text()
    make_assignments.write_course(course, [path], partial=True, mathjax=mathjax)
    assert "/srv/exchange" in config.read_text()
    assert (course / "new" / "nbgrader_config.py").read_text() == ours
    assert "partial=True" in source.read_text() and source.read_text() != unchanged  # ours: updated
    assert "kept your edited nbgrader_config.py" in capsys.readouterr().out
    source.write_text(source.read_text().replace("Swish", "Swish (edited)"))
    make_assignments.write_course(course, [path], mathjax=mathjax)
    assert "Swish (edited)" in source.read_text()
    assert "partial=True" not in (course / "new" / "source" / SWISH / f"{SWISH}.ipynb").read_text()


def test_the_config_puts_deleted_test_cells_back_and_limits_a_cell():
    namespace = {"get_config": lambda: __import__("traitlets.config").config.Config()}
    exec(make_assignments.CONFIG, namespace)
    c = namespace["c"]
    assert c.OverwriteCells.add_missing_cells is True and 10 <= c.Execute.timeout <= 120


def test_a_notebook_without_exercises_is_refused(tmp_path):
    path = tmp_path / "99-empty.ipynb"
    path.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    with pytest.raises(ValueError, match="no `from actlearn.exercises"):
        make_assignments.assignment(path)


# --- the real nbgrader on a throwaway course: a class of honest students and cheats -------------------------


def nbgrader(course, *args, check=True):
    """Run the nbgrader CLI in course and return its output."""
    env = dict(os.environ, PATH=f"{pathlib.Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    env["OPENBLAS_NUM_THREADS"] = "1"
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args], cwd=course, env=env, capture_output=True, text=True
    )  # nbgrader runs alembic from PATH, so the venv's bin goes first
    assert result.returncode == 0 or not check, result.stdout + result.stderr
    return result.stdout + result.stderr


def read(path):
    return json.loads(pathlib.Path(path).read_text())


def answered(release, answers, drop=()):
    """Return release with answer cells replaced ({question number: source}) and the tests in drop gone."""
    nb = json.loads(json.dumps(release))
    cells = nbgrader_cells(nb, "solution")
    for number, source in answers.items():
        cells[number - 1]["source"] = source
    nb["cells"] = [c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") not in drop]
    return nb


def submit(course, assignment, student, nb):
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True)
    (folder / f"{assignment}.ipynb").write_text(json.dumps(nb))


def exported(course):
    """Return {(student, assignment): score} from `nbgrader export`'s CSV."""
    nbgrader(course, "export", "--to", "grades.csv")
    with open(course / "grades.csv") as f:
        return {(row["student_id"], row["assignment"]): float(row["score"]) for row in csv.DictReader(f)}


STABLE = "def stable_sigmoid(x):\n    e = np.exp(-np.abs(x))\n    return np.where(x >= 0, 1, e) / (1 + e)\n"
# right for finite x, in both tails to full relative precision, as the prompt asks (not the hint's form)
LOG = "def log_sigmoid(x):\n    return np.minimum(x, 0) - np.log1p(np.exp(-np.abs(x)))\n"
NAIVE = "def stable_sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n"
SILENCED = (
    "import warnings\nwarnings.simplefilter('ignore')\nnp.seterr(all='ignore')\n\n\n"
    "def stable_sigmoid(x):\n    with np.errstate(all='ignore'):\n        return 1 / (1 + np.exp(-x))\n"
)
RIGHT = {
    1: STABLE + "\n\nq1.check(stable_sigmoid)",
    2: LOG + "\n\nq2.check(log_sigmoid)",
    3: "slope = 3 / 16  # sigma(ln 3) = 3/4, times 1/4\n\nq3.check(slope)",
    4: 'loss = "b"\n\nq4.check(loss)',
}
BLANK = {
    1: "def stable_sigmoid(x):\n    return ____\n\n\nq1.check(stable_sigmoid)",
    2: "def log_sigmoid(x):\n    return ____\n\n\nq2.check(log_sigmoid)",
    3: "slope = ____\n\nq3.check(slope)",
    4: 'loss = ____  # a letter, like "a"\n\nq4.check(loss)',
}
PATCH_GRADE = (
    "from actlearn.exercises.core import Question\n\n"
    "Question.grade = Question.problem = lambda *args, **kwargs: None\n"
    "for q in (q1, q2, q3, q4):\n    q.grade = q.check = lambda *args, **kwargs: None\n"
)
REPLACE_OBJECTS = (
    "class Pass:\n    def check(self, *args, **kwargs):\n        return None\n\n"
    "    grade = problem = check\n\n\nq1 = q2 = q3 = q4 = Pass()\n"
)
ALWAYS_EQUAL = (
    "class Anything(str):\n    def __eq__(self, other):\n        return True\n\n"
    "    __hash__ = str.__hash__\n\n\nloss = Anything('a')\n\nq4.check(loss)"
)
KEY_ATTRIBUTES = ("value", "_value", "reference", "right", "_solution")
PATCH_GRADER = (
    "import actlearn.exercises.grader as grader\n\n"
    "grader.submit = lambda question, *args, **kwargs: 3.0 if 'stable' in question else 1.0\n"
)


@pytest.fixture(scope="module")
def classroom(tmp_path_factory):
    """Return a graded course: 03-sigmoid as an assignment for a class of ten, 10-swish as an exam."""
    pytest.importorskip("nbgrader", reason="the `teach` extra; `make test` installs it")
    course = tmp_path_factory.mktemp("course")
    mathjax = stand_in_mathjax(tmp_path_factory.mktemp("mathjax"))
    make_assignments.write_course(course, [ROOT / "notebooks" / f"{SIGMOID}.ipynb"], mathjax=mathjax)
    make_assignments.write_course(
        course / "exam", [ROOT / "notebooks" / f"{SWISH}.ipynb"], mathjax=mathjax, exam=True, hints=False
    )
    nbgrader(course, "generate_assignment", SIGMOID)
    nbgrader(course / "exam", "generate_assignment", SWISH)
    release = read(course / "release" / SIGMOID / f"{SIGMOID}.ipynb")
    students = {
        "right": answered(release, RIGHT),
        "blank": release,
        "mistake": answered(release, RIGHT | {1: NAIVE + "\n\nq1.check(stable_sigmoid)"}),
        "patches_grade": answered(release, {1: PATCH_GRADE + "\n\n" + BLANK[1]}),
        "replaces_questions": answered(release, {1: REPLACE_OBJECTS + "\n\n" + BLANK[1]}),
        "always_equal": answered(release, RIGHT | {4: ALWAYS_EQUAL}),
        "silences_overflow": answered(release, RIGHT | {1: SILENCED + "\n\nq1.check(stable_sigmoid)"}),
        "dies": answered(release, RIGHT | {3: "import os\n\nos._exit(1)\n" + RIGHT[3]}),
        "deletes_a_test": answered(release, RIGHT, drop={"sigmoid-log_sigmoid-test"}),
        "patches_the_grader": answered(release, {1: PATCH_GRADER + "\n\n" + BLANK[1]}),
    }
    for student, nb in students.items():
        submit(course, SIGMOID, student, nb)
    nbgrader(course, "autograde", SIGMOID, "--create", check=False)  # the dead kernel fails the command
    make_assignments.regrade(course, SIGMOID)  # the submissions nbgrader gave up on
    make_assignments.regrade(course, SIGMOID, students=["patches_the_grader"])

    exam = read(course / "exam" / "release" / SWISH / f"{SWISH}.ipynb")
    module = module_of(ROOT / "notebooks" / f"{SWISH}.ipynb")
    right = {
        i: f"{q._solution}\n\n{q.name}.check({q.answer_name})" for i, q in enumerate(questions_in(module), 1)
    }
    reads_keys = {  # whatever key the question object holds, else its solution code, else the blank
        i: f"{q.answer_name} = next((getattr({q.name}, k) for k in KEY_ATTRIBUTES if hasattr({q.name}, k)), "
        "____)"
        f"\nexec({q.name}.solution_code or '')\n\n{q.name}.check({q.answer_name})"
        for i, q in enumerate(questions_in(module), 1)
    }
    reads_keys = {i: f"KEY_ATTRIBUTES = {KEY_ATTRIBUTES}\n{source}" for i, source in reads_keys.items()}
    submit(course / "exam", SWISH, "right", answered(exam, right))
    submit(course / "exam", SWISH, "reads_keys", answered(exam, reads_keys))
    nbgrader(course / "exam", "autograde", SWISH, "--create")
    return course


@pytest.mark.slow
def test_each_cheat_scores_zero_on_what_it_cheated_and_honest_work_gets_its_due(classroom):
    questions = {q.id: q.points for q in questions_in(module_of(ROOT / "notebooks" / f"{SIGMOID}.ipynb"))}
    total = sum(questions.values())
    stable, log, slope, loss = questions.values()
    scores = {student: score for (student, _), score in exported(classroom).items()}
    assert scores == {
        "right": total,
        "blank": 0,
        "mistake": total - stable,
        "patches_grade": 0,
        "replaces_questions": 0,
        "always_equal": total - loss,
        "silences_overflow": total - stable,
        "dies": stable + log,  # what ran before os._exit counts; what came after is lost
        "deletes_a_test": total,  # the test cell is put back and graded
        "patches_the_grader": 0,  # fooled the kernel's test cell; regrade never runs it
    }
    assert slope == 2 and stable == 3


@pytest.mark.slow
def test_the_graded_notebook_names_the_mistake(classroom):
    graded = read(classroom / "autograded" / "mistake" / SIGMOID / f"{SIGMOID}.ipynb")
    (test,) = [
        c
        for c in graded["cells"]
        if c["metadata"].get("nbgrader", {}).get("grade_id") == "sigmoid-stable-test"
    ]
    printed = "".join("".join(o.get("text", "")) for o in test["outputs"])
    assert printed.startswith("q1 (sigmoid.stable): overflow in exp at x = -1000")
    results = [
        "".join(o["data"]["text/plain"]) for o in test["outputs"] if o["output_type"] == "execute_result"
    ]
    assert results == ["0.0"]  # the score nbgrader reads


@pytest.mark.slow
def test_an_exam_release_holds_no_answer_and_grades_only_at_autograde(classroom):
    module = module_of(ROOT / "notebooks" / f"{SWISH}.ipynb")
    nb = read(classroom / "exam" / "release" / SWISH / f"{SWISH}.ipynb")
    release = json.dumps([c for c in nb["cells"] if c["metadata"].get("nbgrader")])  # the exercise cells
    assert "actlearn.exercises.swish" not in release and "submit(" not in release
    for question in questions_in(module):
        for key in keys(question):
            assert json.dumps(key)[1:-1] not in release, f"{question.id}: {key!r} is in the exam release"
    scores = {student: score for (student, _), score in exported(classroom / "exam").items()}
    assert scores == {"right": sum(q.points for q in questions_in(module)), "reads_keys": 0}


def audited(course, assignment, tmp_path):
    """Return the students `python -m actlearn audit` flags, read from its CSV."""
    table = tmp_path / f"{assignment}-audit.csv"
    result = subprocess.run(
        [sys.executable, "-m", "actlearn", "audit", str(course), assignment, "--csv", str(table)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    with open(table) as f:
        rows = list(csv.reader(f))
    column = next((i for i, name in enumerate(rows[0]) if "student" in name.lower()), 0)
    return {row[column] for row in rows[1:]}


@pytest.mark.slow
def test_the_audit_flags_every_cheat_and_no_honest_student(classroom, tmp_path):
    cheats = {
        "patches_grade",
        "replaces_questions",
        "always_equal",  # always-equal-value
        "silences_overflow",
        "dies",
        "deletes_a_test",  # removed-test-cell: nbgrader puts the cell back, the audit still says so
        "patches_the_grader",
    }
    flagged = audited(classroom, SIGMOID, tmp_path)
    assert cheats <= flagged and not flagged & {"right", "blank", "mistake"}
    assert audited(classroom / "exam", SWISH, tmp_path) == {"reads_keys"}
