"""Flag submitted answer cells that tamper with grading, for a teacher to read: `python -m actlearn audit`.

It reads nbgrader's submitted/<student>/<assignment>/*.ipynb: the source (never the outputs) of every
answer cell, and of every unlocked cell the release does not hold as it stands (a cell the learner added
or changed). Each cell is parsed with `ast`; a cell that does not parse (an IPython magic) is read line
by line, with the magic's prefix taken off, and by a pattern where even that fails. A flag is a reason
to look, not a verdict: one row a flagged cell and rule, with the first line that broke it.
"""

import ast
import csv
import dataclasses
import importlib
import inspect
import json
import pathlib
import re

import numpy as np

RULES = {
    "patches-checker": "replaces or patches a question or its checker: q1 = ..., q1.grade = ...",
    "patches-module": "replaces something inside a module the checker uses (np.isclose = ...)",
    "imports-exercises": "imports from actlearn.exercises beyond the notebook's own `import *` line",
    "reads-key": "reads what holds the key (.value, .right, .reference, .solution_code, .cases, .__dict__)",
    "runs-text-as-code": "exec, eval, compile or __import__",
    "silences-warnings": "np.errstate, np.seterr or a warnings filter around an answer",
    "stops-kernel": "os._exit, sys.exit, os.kill or the like",
    "uses-package-answer": "uses actlearn's own implementation of the function the question asks for",
    "always-equal-value": "a str (or other value) subclass that redefines ==",
    "removed-test-cell": "a test cell of the release is missing or no longer locked",
}
EXERCISES = re.compile(r"^from actlearn\.exercises\.(\w+) import \*\s*$", re.M)
KEY_ATTRIBUTES = {
    "right", "value", "_value", "reference", "solution_code", "_solution", "cases", "hidden_cases",
    "mistakes", "options", "notes", "__dict__", "__globals__", "__closure__", "__code__", "__defaults__",
    "tail_cases", "_tails", "must_call", "forbidden", "numeric", "_numeric",
}  # fmt: skip
DYNAMIC = {"exec", "eval", "compile", "__import__"}
SILENCERS = {"errstate", "seterr", "seterrcall", "catch_warnings", "filterwarnings", "simplefilter",
             "resetwarnings"}  # fmt: skip
STOPPERS = {"_exit", "kill", "killpg", "abort"}  # os.<these>; sys.exit, exit(), quit() and SystemExit too
VALUE_TYPES = {"str", "int", "float", "complex", "set", "frozenset", "tuple", "list", "dict", "UserString"}
COMPARISONS = {"__eq__", "__ne__", "__hash__", "__lt__", "__le__", "__gt__", "__ge__", "__contains__"}
MODULE_ALIASES = {"np", "numpy", "scipy", "math", "builtins", "actlearn", "sys", "os", "warnings", "signal",
                  "copy", "threading", "html", "IPython"}  # fmt: skip


# --- what each question asks for, learnt from the question objects ---------------------------------------


def checker_names():
    """Return (the exercise classes' names, every attribute a question or its class holds)."""
    from actlearn.exercises import all_questions, core

    classes = {name for name, value in vars(core).items() if isinstance(value, type)}
    attributes = set()
    for cls in {type(q) for q in all_questions().values()}:
        for klass in cls.__mro__[:-1]:
            attributes |= {name for name in vars(klass) if not name.startswith("__")}
    for question in all_questions().values():
        attributes |= set(vars(question))
    return classes, attributes


def _activation_names(act):
    """Return the names that reach an Activation: its own, its aliases, its functions and their relatives."""
    from actlearn import activations

    names = {act.name, act.forward.__name__, act.derivative.__name__}
    names |= {alias for alias, other in activations.ALIASES.items() if other is act}
    stem = act.forward.__name__
    names |= {n for n, v in vars(activations).items() if callable(v) and n.startswith(stem + "_")}
    return names


def _code_names(code):
    """Return every global or attribute name a code object (and the code nested in it) refers to."""
    names = set(code.co_names)
    for const in code.co_consts:
        if hasattr(const, "co_names"):
            names |= _code_names(const)
    return names


def _same(a, b):
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-9, atol=1e-12, equal_nan=True)


def package_names(question):
    """Return the names of actlearn's own implementations of the function a question asks for.

    Learnt from the question: the Activation its reference is, belongs to or calls, and every Activation
    that gives the same numbers on a grid (silu for swish), less the names the question's own solution uses;
    without a reference, the Activation its module is named after ("swish.function": swish).
    """
    from actlearn import activations

    reference = getattr(question, "reference", None)
    if reference is None:  # a question holding no key (exam mode): the activation its module names
        act = activations.ACTIVATIONS.get(question.id.split(".")[0])
        return _activation_names(act) - _package_uses(question.solution_code) if act else set()
    every = {*activations.ACTIVATIONS.values(), *activations.ALIASES.values()}
    found = {a for a in every if reference is a or getattr(reference, "__self__", None) is a}
    code = getattr(reference, "__code__", None)
    called = _code_names(code) if code else set()  # what a lambda or a helper as reference calls
    found |= {a for a in every if a.name in called}
    # wide enough that relu6 is not relu; a reference of other inputs (a batch, s in (0, 1)) gives None
    grid = np.concatenate([np.linspace(-8, 8, 81), [-1000.0, -50.0, 50.0, 1000.0]])
    with np.errstate(all="ignore"):
        try:
            expected = np.asarray(reference(grid), dtype=float)
        except Exception:
            expected = None
        for act in every if expected is not None else ():
            if act.elementwise and (_same(act(grid), expected) or _same(act.grad(grid), expected)):
                found.add(act)
    names = set().union(
        *map(_activation_names, found), {n for n in called if callable(getattr(activations, n, None))}
    )
    return names - _package_uses(question.solution_code)


def package_aliases(tree):
    """Return the names a syntax tree binds to actlearn or one of its modules (import actlearn as al: al)."""
    import actlearn

    aliases = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            aliases |= {
                a.asname or a.name.split(".")[0] for a in node.names if a.name.split(".")[0] == "actlearn"
            }
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "actlearn":
            modules = [a for a in node.names if inspect.ismodule(getattr(actlearn, a.name, None))]
            aliases |= {a.asname or a.name for a in modules}
    return aliases


def _package_uses(source):
    """Return the names a piece of code takes from actlearn (actlearn.sigmoid, from actlearn import tanh)."""
    tree = ast.parse(source)
    aliases = package_aliases(tree) | {"actlearn"}
    used = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _base(node) in aliases:
            used.add(node.attr)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "actlearn":
            used |= {a.name for a in node.names}
    return used


@dataclasses.dataclass
class Context:
    """What an audit needs to know about one notebook's exercises."""

    module: str = None  # the exercise module the notebook imports, like "swish"
    questions: dict = dataclasses.field(default_factory=dict)  # grade-id stem ("swish-function") -> question
    names: set = dataclasses.field(default_factory=set)  # q1, q2, ...
    classes: set = dataclasses.field(default_factory=set)  # Question, FunctionQuestion, ...
    attributes: set = dataclasses.field(default_factory=set)  # grade, check, problem, reference, ...
    forbidden: dict = dataclasses.field(default_factory=dict)  # grade-id stem -> package names
    aliases: set = dataclasses.field(default_factory=lambda: {"actlearn"})  # names bound to actlearn

    def package_names_for(self, grade_id):
        """Return the package names an answer cell may not use; a cell of no question: those of all."""
        stem = (grade_id or "").rsplit("-", 1)[0]
        if stem in self.forbidden:
            return self.forbidden[stem]
        return set().union(*self.forbidden.values()) if self.forbidden else set()


def context(module_name):
    """Return the Context of a notebook whose exercises are actlearn.exercises.<module_name> (or None)."""
    from actlearn.exercises.core import FunctionQuestion, Question

    classes, attributes = checker_names()
    if module_name is None:
        return Context(classes=classes, attributes=attributes)
    module = importlib.import_module(f"actlearn.exercises.{module_name}")
    questions = {v.id.replace(".", "-"): v for v in vars(module).values() if isinstance(v, Question)}
    forbidden = {stem: package_names(q) for stem, q in questions.items() if isinstance(q, FunctionQuestion)}
    names = {name for name, value in vars(module).items() if isinstance(value, Question)}
    return Context(module_name, questions, names, classes, attributes, forbidden)


# --- reading one cell ---------------------------------------------------------------------------------


def _base(node):
    """Return the name at the root of an attribute chain or subscript (q1 in q1.grade.x), or None."""
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


class Finder(ast.NodeVisitor):
    """Collect (rule, line number) for every suspicious construct in one cell's syntax tree."""

    def __init__(self, ctx, forbidden, tree):
        self.ctx, self.forbidden, self.found = ctx, forbidden, []
        self.aliases = ctx.aliases | package_aliases(tree)

    def flag(self, rule, node):
        self.found.append((rule, node.lineno))

    def protected(self, name):
        return name in self.ctx.names or name in self.ctx.classes

    def target(self, target, node):
        """Flag an assignment (or deletion) to target."""
        if isinstance(target, (ast.Tuple, ast.List)):
            for item in target.elts:
                self.target(item, node)
        elif isinstance(target, ast.Starred):
            self.target(target.value, node)
        elif isinstance(target, ast.Name) and self.protected(target.id):
            self.flag("patches-checker", node)
        elif isinstance(target, (ast.Attribute, ast.Subscript)):
            base = _base(target)
            checker = isinstance(target, ast.Attribute) and target.attr in self.ctx.attributes
            if checker or self.protected(base) or self._namespace_key(target):
                self.flag("patches-checker", node)
            elif base in MODULE_ALIASES:
                self.flag("patches-module", node)

    def _namespace_key(self, target):
        # globals()["q1"] = ...
        return (
            isinstance(target, ast.Subscript)
            and isinstance(target.slice, ast.Constant)
            and self.protected(target.slice.value)
        )

    def visit_Assign(self, node):
        for target in node.targets:
            self.target(target, node)
        self.generic_visit(node)

    def visit_AugAssign(self, node):
        self.target(node.target, node)
        self.generic_visit(node)

    visit_AnnAssign = visit_AugAssign
    visit_NamedExpr = visit_AugAssign
    visit_For = visit_AugAssign

    def visit_Delete(self, node):
        for target in node.targets:
            self.target(target, node)
        self.generic_visit(node)

    def visit_FunctionDef(self, node):
        if self.protected(node.name):
            self.flag("patches-checker", node)
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node):
        self.visit_FunctionDef(node)
        bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", None) for b in node.bases}
        defined = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
        assigned = [t for n in node.body if isinstance(n, ast.Assign) for t in n.targets]
        defined |= {t.id for t in assigned if isinstance(t, ast.Name)}
        if bases & VALUE_TYPES and defined & COMPARISONS:
            self.flag("always-equal-value", node)

    def visit_Import(self, node):
        for alias in node.names:
            if alias.name.startswith("actlearn.exercises"):
                self.flag("imports-exercises", node)
            if self.protected((alias.asname or alias.name).split(".")[0]):
                self.flag("patches-checker", node)
        self.generic_visit(node)

    def visit_ImportFrom(self, node):
        module, names = node.module or "", [alias.name for alias in node.names]
        own = self.ctx.module and module == f"actlearn.exercises.{self.ctx.module}" and names == ["*"]
        package = module == "actlearn" and "exercises" in names
        if (module.startswith("actlearn.exercises") and not own) or package:
            self.flag("imports-exercises", node)
        if module.split(".")[0] == "actlearn" and self.forbidden & set(names):
            self.flag("uses-package-answer", node)
        elif module in ("actlearn", "actlearn.activations") and "*" in names and self.forbidden:
            self.flag("uses-package-answer", node)
        rebinds = any(self.protected(alias.asname or alias.name) for alias in node.names)
        if rebinds and not module.startswith("actlearn.exercises"):  # that import is flagged already
            self.flag("patches-checker", node)
        self.generic_visit(node)

    def visit_Attribute(self, node):
        if isinstance(node.ctx, ast.Load):
            if node.attr in KEY_ATTRIBUTES:
                self.flag("reads-key", node)
            if node.attr in self.forbidden and _base(node) in self.aliases:
                self.flag("uses-package-answer", node)
        if node.attr == "exercises":
            self.flag("imports-exercises", node)
        if node.attr in SILENCERS:
            self.flag("silences-warnings", node)
        if node.attr in STOPPERS or (node.attr == "exit" and _base(node) == "sys"):
            self.flag("stops-kernel", node)
        if node.attr in DYNAMIC - {"compile"} or (node.attr == "compile" and _base(node) == "builtins"):
            self.flag("runs-text-as-code", node)
        self.generic_visit(node)

    def visit_Name(self, node):
        if node.id in DYNAMIC:
            self.flag("runs-text-as-code", node)
        elif node.id in SILENCERS:
            self.flag("silences-warnings", node)
        elif node.id in ("SystemExit", "exit", "quit"):
            self.flag("stops-kernel", node)
        self.generic_visit(node)

    def visit_Call(self, node):
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        text = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        if name in ("setattr", "delattr", "__setattr__", "__delattr__") and node.args:
            base = _base(node.args[0])
            if self.protected(base) or set(text) & self.ctx.attributes or name.startswith("__"):
                self.flag("patches-checker", node)
            elif base in MODULE_ALIASES:
                self.flag("patches-module", node)
        if name in ("getattr", "vars") and (name == "vars" or set(text) & KEY_ATTRIBUTES):
            self.flag("reads-key", node)
        if name in ("get", "lookup", "getattr") and set(text) & self.forbidden:
            self.flag("uses-package-answer", node)  # actlearn.get("swish")
        if name == "type" and len(node.args) == 3 and isinstance(node.args[2], ast.Dict):
            keys = {k.value for k in node.args[2].keys if isinstance(k, ast.Constant)}
            if keys & COMPARISONS:
                self.flag("always-equal-value", node)
        self.generic_visit(node)

    def visit_Constant(self, node):
        if isinstance(node.value, str):
            if "actlearn.exercises" in node.value:
                self.flag("imports-exercises", node)

    def visit_Subscript(self, node):
        # actlearn.ACTIVATIONS["swish"]; the name elsewhere (plot_activation("swish"), costs["swish"]) is fine
        table = getattr(node.value, "attr", getattr(node.value, "id", None)) in ("ACTIVATIONS", "ALIASES")
        if table and isinstance(node.slice, ast.Constant) and node.slice.value in self.forbidden:
            self.flag("uses-package-answer", node)
        self.generic_visit(node)


MAGIC = re.compile(r"^(\s*)(?:%%.*|%\w+\s?(.*)|!.*|(.*?)\?{1,2})$")


def _without_magics(source):
    """Return source with each IPython magic line replaced by its Python part (or pass), line numbers kept."""

    def python_part(match):
        indent, payload, inspected = match.group(1), match.group(2), match.group(3)
        return indent + (payload if payload is not None else inspected if inspected is not None else "pass")

    return "\n".join(MAGIC.sub(python_part, line) for line in source.splitlines())


def _patterns(ctx, forbidden):
    """Return rule -> regular expression, for lines that even a magic-free reading cannot parse."""
    protected = "|".join(map(re.escape, sorted(ctx.names | ctx.classes))) or r"q\d+"
    attributes = "|".join(map(re.escape, sorted(ctx.attributes))) or "grade|check"
    words = lambda names: "|".join(map(re.escape, sorted(names)))
    patterns = {
        "patches-checker": rf"(^|[\s;,(])({protected})\s*(=(?!=)|\.)|\.({attributes})\s*=(?!=)|setattr\(",
        "imports-exercises": r"actlearn\.exercises|import exercises",
        "reads-key": rf"\.({words(KEY_ATTRIBUTES)})\b|\bvars\(",
        "runs-text-as-code": r"\b(exec|eval|__import__)\s*\(",
        "silences-warnings": rf"\b({words(SILENCERS)})\b",
        "stops-kernel": r"\bos\.(_exit|kill|killpg|abort)\b|\bsys\.exit\b|\bSystemExit\b",
        "always-equal-value": rf"class \w+\(\s*({words(VALUE_TYPES)})\s*\)",
    }
    if forbidden:
        names = words(forbidden)
        patterns["uses-package-answer"] = rf"(actlearn[\w.]*\.|from actlearn[\w.]* import .*)\b({names})\b"
    return {rule: re.compile(pattern) for rule, pattern in patterns.items()}


def find(source, ctx, forbidden=()):
    """Return [(rule, line number, line)] for a cell's source, in order of line; forbidden: package names."""
    forbidden, lines = set(forbidden), source.splitlines()
    found = None
    for text in (source, _without_magics(source)):
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        finder = Finder(ctx, forbidden, tree)
        finder.visit(tree)
        found = finder.found
        break
    if found is None:  # line by line: each line on its own, else the patterns
        found, patterns = [], _patterns(ctx, forbidden)
        for number, line in enumerate(_without_magics(source).splitlines(), start=1):
            hits = find(line.strip(), ctx, forbidden) if _parses(line.strip()) else None
            if hits is None:
                hits = [(rule, 1, "") for rule, pattern in patterns.items() if pattern.search(line)]
            found += [(rule, number) for rule, _, _ in hits]
    return sorted({(rule, number, lines[number - 1].strip()) for rule, number in found}, key=lambda f: f[1])


def _parses(line):
    try:
        ast.parse(line)
    except SyntaxError:
        return False
    return True


# --- reading a class's submissions --------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Row:
    """One flagged cell and rule."""

    student: str
    notebook: str
    cell: str
    rule: str
    line: str


def _code(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def _source(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _flags(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def audit_notebook(submitted, release=None, student="?"):
    """Return the Rows of one submitted notebook (a dict read from the .ipynb), compared with its release."""
    given = {_source(cell).strip() for cell in _code(release)} if release else set()
    course_lines = {
        cell.get("id"): set(map(str.strip, _source(cell).splitlines()))
        for cell in _code(release or {"cells": []})
    }
    text = "\n".join(_source(cell) for cell in _code(submitted) + (_code(release) if release else []))
    found = EXERCISES.search(text)
    ctx = context(found.group(1) if found else None)
    for cell in _code(submitted):
        if _parses(_without_magics(_source(cell))):
            ctx.aliases |= package_aliases(ast.parse(_without_magics(_source(cell))))
    name, rows = submitted.get("_name", "?"), []
    for number, cell in enumerate(submitted["cells"], start=1):
        if cell["cell_type"] != "code":
            continue
        flags, source = _flags(cell), _source(cell)
        if flags.get("locked") or flags.get("grade") and not flags.get("solution"):
            continue  # autograde puts a locked or test cell back as the release has it
        if not flags.get("solution") and source.strip() in given:
            continue  # the course's own cell, unchanged
        ours = set() if flags.get("solution") else course_lines.get(cell.get("id"), set())
        where = f"cell {number} ({'changed' if cell.get('id') in course_lines else 'added'})"
        cell_id = flags.get("grade_id") if flags.get("solution") else where
        forbidden = ctx.package_names_for(flags.get("grade_id"))
        seen = set()
        for rule, _, line in find(source, ctx, forbidden):
            if rule not in seen and line not in ours:  # a changed course cell: only the learner's lines
                seen.add(rule)
                rows.append(Row(student, name, cell_id, rule, line))
    if release:
        kept = {_flags(c).get("grade_id"): _flags(c) for c in submitted["cells"] if _flags(c).get("grade")}
        for cell in release["cells"]:
            flags = _flags(cell)
            if flags.get("grade") and not flags.get("solution"):
                now = kept.get(flags["grade_id"])
                if now is None or not now.get("locked"):
                    line = "(the cell is gone)" if now is None else "(the cell is unlocked)"
                    rows.append(Row(student, name, flags["grade_id"], "removed-test-cell", line))
    return rows


def _read(path):
    nb = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    nb["_name"] = pathlib.Path(path).stem
    return nb


def audit(course_dir, assignment):
    """Return (the Rows of every submitted notebook of an assignment, how many notebooks were read)."""
    course = pathlib.Path(course_dir)
    submitted = course / "submitted"
    if not submitted.is_dir():
        raise ValueError(f"{course} has no submitted/ folder: give the nbgrader course directory")
    students = sorted(p for p in submitted.iterdir() if (p / assignment).is_dir())
    if not students:
        known = sorted({p.name for s in submitted.iterdir() if s.is_dir() for p in s.iterdir() if p.is_dir()})
        raise ValueError(
            f"no submissions of {assignment!r} under {submitted}; assignments submitted: "
            + (", ".join(known) or "none")
        )
    rows, count = [], 0
    for student in students:
        for path in sorted((student / assignment).glob("*.ipynb")):
            release = next(
                (course / kind / assignment / path.name for kind in ("release", "source")
                 if (course / kind / assignment / path.name).is_file()),
                None,
            )  # fmt: skip
            rows += audit_notebook(_read(path), _read(release) if release else None, student.name)
            count += 1
    return rows, count


FIELDS = ("student", "notebook", "cell", "rule", "line")


def table(rows, width=70):
    """Return the rows as a fixed-width text table, the offending line cut to width characters."""
    cut = lambda text: text if len(text) <= width else text[: width - 3] + "..."
    cells = [FIELDS] + [tuple(cut(str(getattr(row, f))) for f in FIELDS) for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(FIELDS) - 1)]
    line = lambda r: "  ".join(v.ljust(w) for v, w in zip(r, widths, strict=False)) + "  " + r[-1]
    rule = "  ".join("-" * w for w in widths) + "  " + "-" * len(FIELDS[-1])
    return "\n".join([line(cells[0]), rule, *map(line, cells[1:])])


def write_csv(rows, path):
    """Write the rows to a CSV file with a header line."""
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(FIELDS)
        writer.writerows(dataclasses.astuple(row) for row in rows)
