"""`python -m actlearn audit` flags every cheat of issue 22 in a class's submissions, and no honest student.

The class is a fake nbgrader course directory: a release of a swish assignment built here (answer cells
holding the starters, locked test cells, a course cell that itself uses np.errstate) and one submission a
student, each written the way that student would.
"""

import csv
import shutil
import subprocess
import sys
from types import SimpleNamespace

import nbformat
import pytest

import actlearn
from actlearn import audit
from actlearn.exercises import MODULES, swish
from actlearn.exercises.core import FunctionQuestion, Question

ASSIGNMENT = "10-swish"
QUESTIONS = [q for q in vars(swish).values() if isinstance(q, Question)]  # q1 ... q4
ANSWERS = {q.name: f"{q.id.replace('.', '-')}-answer" for q in QUESTIONS}  # q2 -> swish-function-answer


COURSE_ERRSTATE = 'with np.errstate(over="ignore"):\n    naive = 1 / (1 + np.exp(1000.0))'


def nbgrader(grade_id, **flags):
    return {"nbgrader": {"grade": False, "solution": False, "locked": False, "schema_version": 3,
                         "grade_id": grade_id} | flags}  # fmt: skip


def release():
    """Return the release notebook: course cells, the locked exercise import, answer and test cells."""
    cells = [
        nbformat.v4.new_markdown_cell("# Swish: a smooth ReLU"),
        nbformat.v4.new_code_cell("import numpy as np\n\nimport actlearn"),
        nbformat.v4.new_code_cell(COURSE_ERRSTATE),
        nbformat.v4.new_code_cell(
            "from actlearn.exercises.swish import *\nfrom actlearn.exercises.core import solutions_off\n\n"
            "solutions_off()",
            metadata=nbgrader("swish-setup", locked=True),
        ),
    ]
    for q in QUESTIONS:
        stem = q.id.replace(".", "-")
        cells.append(nbformat.v4.new_code_cell(q.starter, metadata=nbgrader(f"{stem}-answer", solution=True)))
        test = f"problem = {q.name}.grade({q.answer_name})\nassert problem is None, problem"
        flags = nbgrader(f"{stem}-test", grade=True, locked=True, points=q.points)
        cells.append(nbformat.v4.new_code_cell(test, metadata=flags))
    for number, cell in enumerate(cells):
        cell.id = f"course-{number}"  # a submission keeps the release's cell ids
    return nbformat.v4.new_notebook(cells=cells)


RIGHT = {
    "q1": "swish_min = (-1.2785 / 2, -0.2785 / 2)  # the curve shrinks by 1 / beta\n\nq1.check(swish_min)",
    "q2": """def my_swish(x, beta=1.0):
    e = np.exp(-np.abs(beta * x))  # never overflows
    gate = np.where(beta * x >= 0, 1 / (1 + e), e / (1 + e))
    return x * gate


q2.check(my_swish)""",
    "q3": """def swish_grad(x, beta=1.0):
    s = actlearn.sigmoid(beta * x)
    return s + beta * x * s * (1 - s)


q3.check(swish_grad)""",
    "q4": "slope = 0.5\n\nq4.check(slope)",
}
NAIVE = "def my_swish(x, beta=1.0):\n    return x / (1 + np.exp(-beta * x))\n\n\nq2.check(my_swish)"
HONEST = {
    "right": RIGHT,
    "blank": {},
    "one_mistake": RIGHT | {"q4": "slope = 2.5\n\nq4.check(slope)"},
    "numpy_freely": RIGHT
    | {
        "q2": "from scipy.special import expit\n\n\ndef my_swish(x, beta=1.0):\n"
        "    return x * expit(beta * x)\n\n\nq2.check(my_swish)",
        "q3": "def swish_grad(x, beta=1.0):\n    s = actlearn.sigmoid(beta * x)\n    value = x * s\n"
        "    return s + beta * (value - value * s)\n\n\nq3.check(swish_grad)",
    },
    "naive_overflow": RIGHT | {"q2": NAIVE},  # wrong, not a cheat
    # the course's own np.errstate cell, with a line of the learner's added: only that line is read
    "edits_a_course_cell": RIGHT | {"cell 3": f"{COURSE_ERRSTATE}\nprint(naive)"},
}
# student -> (answers, cells the student adds at the end, cells removed: grade ids), and what is flagged
CHEATS = {
    "patches_grade": (
        {"q2": "for q in (q1, q2, q3, q4):\n    q.grade = lambda *a, **k: None\n\nq2.check(____)"},
        [],
        [],
        {("swish-function-answer", "patches-checker")},
    ),
    "patches_class": (
        {},
        ["from actlearn.exercises.core import Question\n\nQuestion.grade = lambda *a, **k: None"],
        [],
        {("added", "imports-exercises"), ("added", "patches-checker")},
    ),
    "replaces_questions": (
        {
            "q4": "class Pass:\n    def grade(self, *args, **kwargs):\n        return None\n\n\n"
            "q1 = q2 = q3 = q4 = Pass()"
        },  # fmt: skip
        [],
        [],
        {("swish-slope_at_zero-answer", "patches-checker")},
    ),
    "reads_the_key": (
        {
            "q1": "swish_min = q1.value\n\nq1.check(swish_min)",
            "q3": "exec(q3.solution_code)\n\nq3.check(swish_grad)",
            "q2": "my_swish = q2.reference\n\nq2.check(my_swish)",
            "q4": "slope = q4._value",
        },  # fmt: skip
        [],
        [],
        {
            ("swish-minimum_at_beta-answer", "reads-key"),
            ("swish-grad-answer", "reads-key"),
            ("swish-grad-answer", "runs-text-as-code"),
            ("swish-function-answer", "reads-key"),
            ("swish-slope_at_zero-answer", "reads-key"),
        },  # fmt: skip
    ),
    "always_equal_str": (
        {
            "q4": "class Anything(str):\n    def __eq__(self, other):\n        return True\n\n\n"
            'slope = Anything("0.5")\n\nq4.check(slope)'
        },  # fmt: skip
        [],
        [],
        {("swish-slope_at_zero-answer", "always-equal-value")},
    ),
    "silences_overflow": (
        {
            "q2": "def my_swish(x, beta=1.0):\n    with np.errstate(over='ignore'):\n"
            "        return x / (1 + np.exp(-beta * x))\n\n\nq2.check(my_swish)"
        },  # fmt: skip
        [],
        [],
        {("swish-function-answer", "silences-warnings")},
    ),
    "kernel_dies": (
        RIGHT | {"q3": "import os\n\nos._exit(1)"},
        [],
        [],
        {("swish-grad-answer", "stops-kernel")},
    ),
    "calls_own_swish": (
        RIGHT
        | {
            "q2": "my_swish = actlearn.swish\n\nq2.check(my_swish)",
            "q3": "from actlearn.activations import swish_grad\n\nq3.check(swish_grad)",
        },  # fmt: skip
        ["def helper(x):\n    return actlearn.silu(x)"],
        [],
        {
            ("swish-function-answer", "uses-package-answer"),
            ("swish-grad-answer", "uses-package-answer"),
            ("added", "uses-package-answer"),
        },  # fmt: skip
    ),
    "patches_numpy": (
        RIGHT | {"cell 2": "import numpy as np\n\nimport actlearn\n\nnp.isclose = lambda *a, **k: True"},
        [],
        [],
        {("cell 2 (changed)", "patches-module")},
    ),
    "deletes_a_test_cell": (
        RIGHT,
        [],
        ["swish-function-test"],
        {("swish-function-test", "removed-test-cell")},
    ),
}


def submission(answers, added=(), removed=()):
    """Return the release with answers in its answer cells (by question name; "cell 2": the second cell's
    new source), cells added at the end and test cells removed (by grade id)."""
    nb = release()
    for key, source in answers.items():
        if key.startswith("cell "):
            nb.cells[int(key.split()[1]) - 1].source = source
    by_id = {grade_id: answers[name] for name, grade_id in ANSWERS.items() if name in answers}
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        cell.source = by_id.get(grade_id, cell.source)
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") not in removed]
    nb.cells += [nbformat.v4.new_code_cell(source, id=f"added{i}") for i, source in enumerate(added)]
    return nb


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """Return a course directory with the release and every student's submission."""
    course = tmp_path_factory.mktemp("course")
    (course / "release" / ASSIGNMENT).mkdir(parents=True)
    nbformat.write(release(), course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    students = {name: submission(answers) for name, answers in HONEST.items()}
    students |= {name: submission(*spec[:3]) for name, spec in CHEATS.items()}
    for name, nb in students.items():
        folder = course / "submitted" / name / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{ASSIGNMENT}.ipynb")
    return course


@pytest.fixture(scope="module")
def rows(course):
    found, count = audit.audit(course, ASSIGNMENT)
    assert count == len(HONEST) + len(CHEATS)
    return found


@pytest.mark.parametrize("student", HONEST)
def test_an_honest_student_is_not_flagged(rows, student):
    assert [row for row in rows if row.student == student] == []


@pytest.mark.parametrize("student", CHEATS)
def test_each_cheat_is_flagged_in_its_cell_with_its_rule(rows, student):
    found = {
        ("added" if r.cell.endswith("(added)") else r.cell, r.rule) for r in rows if r.student == student
    }
    assert found == CHEATS[student][3]
    assert all(r.notebook == ASSIGNMENT and r.line for r in rows if r.student == student)


def test_the_row_shows_the_line_that_broke_the_rule(rows):
    (row,) = [r for r in rows if r.student == "silences_overflow"]
    assert row.line == "with np.errstate(over='ignore'):"
    (row,) = [r for r in rows if r.student == "kernel_dies"]
    assert row.line == "os._exit(1)"


# --- one cell at a time ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def swish_context():
    return audit.context("swish")


def rules(source, ctx, grade_id="swish-function-answer"):
    return {rule for rule, _, _ in audit.find(source, ctx, ctx.package_names_for(grade_id))}


@pytest.mark.parametrize(
    "source, rule",
    [
        ("q1.grade = None", "patches-checker"),
        ("setattr(q2, 'grade', print)", "patches-checker"),
        ("setattr(anything, 'check', print)", "patches-checker"),
        ("del q2.problem", "patches-checker"),
        ("globals()['q3'] = None", "patches-checker"),
        ("np.isclose = lambda *a, **k: True", "patches-module"),
        ("import actlearn.exercises.core as core", "imports-exercises"),
        ("from actlearn.exercises.real_data import _per_class_accuracy", "imports-exercises"),
        ("from actlearn import exercises", "imports-exercises"),
        ("m = importlib.import_module('actlearn.exercises.core')", "imports-exercises"),
        *[
            (f"x = q1.{name}", "reads-key")
            for name in ("right", "value", "reference", "solution_code", "cases")
        ],
        ("x = q1.__dict__", "reads-key"),
        ("x = getattr(q1, 'reference')", "reads-key"),
        ("x = vars(q1)", "reads-key"),
        ("eval('1')", "runs-text-as-code"),
        ("code = compile('1', 'f', 'eval')", "runs-text-as-code"),
        ("m = __import__('os')", "runs-text-as-code"),
        ("np.seterr(all='ignore')", "silences-warnings"),
        ("import warnings\nwarnings.filterwarnings('ignore')", "silences-warnings"),
        ("import warnings\nwarnings.simplefilter('ignore')", "silences-warnings"),
        ("import warnings\nwith warnings.catch_warnings():\n    pass", "silences-warnings"),
        ("import sys\nsys.exit()", "stops-kernel"),
        ("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)", "stops-kernel"),
        ("raise SystemExit", "stops-kernel"),
        ("f = actlearn.get('swish')", "uses-package-answer"),
        ("f = actlearn.ACTIVATIONS['silu']", "uses-package-answer"),
        ("from actlearn import *", "uses-package-answer"),
        ("S = type('S', (str,), {'__eq__': lambda a, b: True})", "always-equal-value"),
    ],
)
def test_a_cell_breaking_one_rule_is_flagged_with_that_rule(swish_context, source, rule):
    assert rule in rules(source, swish_context)


def test_a_cell_that_does_not_parse_is_read_line_by_line(swish_context):
    # IPython magics and ? are not Python: the magic's Python part is read, then any line by a pattern
    found = audit.find("%time q1.grade = None\nq2.reference??\nx = !ls\nmy_swish = actlearn.swish",
                       swish_context, {"swish"})  # fmt: skip
    assert [(rule, line) for rule, line, _ in found] == [
        ("patches-checker", 1), ("reads-key", 2), ("uses-package-answer", 4)
    ]  # fmt: skip
    broken = "with np.errstate(over='ignore')\n    y = q1.value"  # a missing colon: no line of it parses
    assert {rule for rule, _, _ in audit.find(broken, swish_context)} == {"silences-warnings", "reads-key"}


def test_honest_code_using_numpy_and_the_package_freely_is_not_flagged(swish_context):
    honest = (
        "import numpy as np\nfrom scipy.special import expit\nimport actlearn\n\n"
        "def my_swish(x, beta=1.0):\n    value = x * actlearn.sigmoid(beta * x)\n"
        "    return np.asarray(value)\n\n"
        "values = {'swish': 1}\nvalues['swish'] = 2\nplotting.plot_activation('swish')\n"
        "result = np.where(x > 0, x, 0)\nq2.check(my_swish)\nq2.hint(2)"
    )
    assert rules(honest, swish_context) == set()


# --- which function a question asks for, learnt from the question objects ------------------------------


def test_the_package_names_come_from_the_reference_and_from_functions_giving_the_same_numbers():
    names = audit.package_names(swish.q2)
    assert {"swish", "swish_grad", "silu"} <= names  # silu(x) = swish(x) at beta = 1: the same numbers
    assert "sigmoid" not in names  # the reference solution builds swish from it
    capped = audit.package_names(actlearn.exercises.relu.q1)  # capped_relu(x, cap=6.0)
    assert "relu6" in capped and "relu" not in capped  # relu6 is it at the default cap; relu never stops
    assert "gelu" in audit.package_names(actlearn.exercises.gelu.q1)  # a lambda calling gelu(approximate=)
    assert "softplus" in audit.package_names(actlearn.exercises.sigmoid.q1)  # softplus' = sigmoid


def test_a_new_function_question_gets_its_package_names_without_any_table():
    question = FunctionQuestion(
        "tanh.plain", "Write my_tanh(x).", hint="", solution="def my_tanh(x):\n    return np.tanh(x)",
        signature="my_tanh(x)", reference=actlearn.tanh, cases=[],
    )  # fmt: skip
    assert {"tanh", "tanh_grad"} <= audit.package_names(question)


def test_a_question_without_its_key_falls_back_on_the_activation_its_module_is_named_after():
    keyless = SimpleNamespace(id="swish.grad", reference=None, solution_code="")  # as exam mode may leave it
    assert {"swish", "swish_grad"} <= audit.package_names(keyless)
    assert audit.package_names(SimpleNamespace(id="normalisation.batch_norm", solution_code="")) == set()


@pytest.mark.parametrize("module", MODULES)
def test_no_reference_solution_of_the_course_is_flagged(module):
    ctx = audit.context(module)
    for stem, question in ctx.questions.items():
        answer = f"{question.solution_code}\n\n\n{question.name}.check({question.answer_name})"
        assert audit.find(answer, ctx, ctx.package_names_for(f"{stem}-answer")) == [], question.id


# --- the command line --------------------------------------------------------------------------------------


def test_the_command_prints_a_table_and_writes_the_csv(course, tmp_path):
    out = tmp_path / "flags.csv"
    result = subprocess.run(
        [sys.executable, "-m", "actlearn", "audit", str(course), ASSIGNMENT, "--csv", str(out)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["student", "notebook", "cell", "rule", "line"]
    with open(out, newline="") as file:
        table = list(csv.DictReader(file))
    expected = {(name, cell, rule) for name, spec in CHEATS.items() for cell, rule in spec[3]}
    assert {(r["student"], "added" if r["cell"].endswith("(added)") else r["cell"], r["rule"])
            for r in table} == expected  # fmt: skip
    assert len(lines) >= 2 + len(table) and "kernel_dies" in result.stdout
    assert (
        f"{len(table)} flags on {len(CHEATS)} students in {len(HONEST) + len(CHEATS)} notebooks" in lines[-1]
    )


def test_the_command_says_when_it_cannot_tell_the_course_cells_from_the_learners(course, tmp_path):
    bare = tmp_path / "bare"  # submissions only: no release/ or source/ to compare with
    shutil.copytree(course / "submitted" / "right", bare / "submitted" / "right")
    result = subprocess.run([sys.executable, "-m", "actlearn", "audit", str(bare), ASSIGNMENT],
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0 and f"note: no release/{ASSIGNMENT}" in result.stderr
    assert "silences-warnings" in result.stdout  # the course's own np.errstate cell, read as the learner's


def test_the_command_names_the_assignments_it_can_audit(course):
    result = subprocess.run([sys.executable, "-m", "actlearn", "audit", str(course), "09-softmax"],
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "no submissions of '09-softmax'" in result.stderr and ASSIGNMENT in result.stderr
