"""Grade an answer outside the learner's kernel: nothing the learner ran can change the verdict.

An nbgrader test cell calls submit(question_id, answer_name, globals()). It reads the answer from the
namespace and hands it on as data: numbers as floats, a choice as a plain str, a set as a list of str, a
function as its source (with the imports, constants and helper functions it uses). A fresh process,
`python -m actlearn.exercises.grader judge`, imports an untouched actlearn and decides with the
question's own checker. A function answer runs in yet another process (`... serve`), one call at a
time under a time limit, and sends back numbers only; a prompt's rule on how the function is written
("using relu", source_rules.py) is checked on the source it came as. So a patched q.grade, a replaced
q1, a monkeypatched module, a str whose == is always True or np.errstate around the check reach
nothing that decides.

A kernel that dies halfway loses nbgrader the whole notebook; regrade(source, submission) replays a
submitted notebook in a fresh process, collects each answer as its cell finishes, and judges them in
this process, so only the answers after the crash are lost (tools/make_assignments.py regrade).

What stays possible, and what the audit (python -m actlearn audit) is for: code in the kernel can
patch this module or subprocess before the test cell runs. regrade never runs the test cells, so its
scores hold even then: `tools/make_assignments.py regrade COURSE ASSIGNMENT --all` re-grades everyone.
"""

import builtins
import copy
import importlib
import inspect
import json
import os
import pathlib
import re
import select
import subprocess
import sys
import textwrap

import numpy as np

from actlearn.exercises import core

JUDGE_TIME_LIMIT = 50.0  # seconds for the whole verdict on one answer, every case included
PACKAGE_ROOT = str(pathlib.Path(__file__).resolve().parents[2])  # the folder holding `actlearn`
SUBMIT_CALL = re.compile(r'submit\("([\w.]+)", "(\w+)"')  # how a test cell names its question


# --- answers as plain data ---------------------------------------------------------------------------------


def encode(value):
    """Return value as JSON-ready data: numbers, plain str, lists, arrays by dtype; nothing executable."""
    if isinstance(value, core.Placeholder):
        return {"blank": True}
    if value is None or isinstance(value, (bool, np.bool_)):
        return None if value is None else bool(value)
    if isinstance(value, str):
        return str.__str__(value)  # a subclass's own __eq__ or __str__ stays behind
    if isinstance(value, (int, np.integer)):  # an axis, a count: it stays an integer
        return {"int": int(value), "dtype": value.dtype.str if isinstance(value, np.integer) else None}
    if isinstance(value, (float, np.floating)):
        return {
            "number": float(value),
            "dtype": np.asarray(value).dtype.str if hasattr(value, "dtype") else None,
        }
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        return {"array": value.astype(float).ravel().tolist(), "dtype": value.dtype.str, "shape": value.shape}
    if isinstance(value, (list, tuple)):
        return {"list" if isinstance(value, list) else "tuple": [encode(v) for v in value]}
    if isinstance(value, (set, frozenset)):
        return {"set": [encode(v) for v in value]}
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {"dict": {str.__str__(k): encode(v) for k, v in value.items()}}  # keyword arguments
    if (activation := activation_data(value)) is not None:
        return activation  # an argument a checker passes, like backward's f
    return {"type": type(value).__name__}


def activation_data(value):
    """Return an actlearn activation (or a copy) as its family and fixed parameters; else None."""
    from actlearn import activations

    if not isinstance(value, activations.Activation):
        return None
    try:
        family = activations.get(value.family)
    except (LookupError, ValueError, TypeError):
        return None
    if family.forward is not value.forward:  # a hand-made Activation: not one the other side can rebuild
        return None
    return {"activation": value.family, "fixed": encode(dict(value.fixed))}


def decode(data):
    """Return the value encode() described, built from plain types and numpy arrays only."""
    if data is None or isinstance(data, (bool, str)):
        return data
    if "blank" in data:
        return core.____
    if "int" in data:
        return np.dtype(data["dtype"]).type(data["int"]) if data["dtype"] else int(data["int"])
    if "number" in data:
        number = float(data["number"])
        return np.dtype(data["dtype"]).type(number) if data["dtype"] else number
    if "array" in data:
        dtype = np.dtype(data["dtype"])
        if dtype.kind not in "biuf":
            raise ValueError(f"an answer array of dtype {dtype} is not numbers")
        return np.array(data["array"], dtype=float).astype(dtype).reshape(data["shape"])
    if "list" in data:
        return [decode(v) for v in data["list"]]
    if "tuple" in data:
        return tuple(decode(v) for v in data["tuple"])
    if "set" in data:
        return {decode(v) for v in data["set"]}
    if "dict" in data:
        return {str(k): decode(v) for k, v in data["dict"].items()}
    if "activation" in data:
        from actlearn import activations

        fixed = decode(data["fixed"])
        return activations.get(str(data["activation"])).with_params(**fixed)
    return type(str(data["type"]), (), {})()  # stands in for an object that cannot travel: fmt() names it


# --- a function answer as source ------------------------------------------------------------------------

SAFE_MODULES = ("numpy", "math", "actlearn", "scipy.special")


def function_source(fn, namespace):
    """Return code that defines fn again in a fresh process: its imports, constants, helpers, then fn."""
    imports, constants, definitions, seen = [], {}, [], set()

    def add(function):
        seen.add(function.__name__)
        try:
            source = textwrap.dedent(inspect.getsource(function))
        except (OSError, TypeError):
            source = cell_defining(function.__name__, namespace)
        for name in sorted(names_used(function.__code__) - seen - set(dir(builtins))):
            seen.add(name)
            if name not in function.__globals__:
                continue  # a local name, an attribute, or simply undefined: the fresh process will say
            value = function.__globals__[name]
            if inspect.ismodule(value):
                imports.append(f"import {value.__name__} as {name}")
            elif inspect.isfunction(value) and value.__module__ == function.__module__:
                add(value)
            elif (where := importable(value)) is not None:
                imports.append(f"from {where} import {importable_name(value, where)} as {name}")
            else:
                constants[name] = encode(value)
        definitions.append(source)

    add(fn)
    return "\n".join(imports) + "\n\n" + "\n\n".join(definitions), constants


def names_used(code):
    """Return the global names a code object and the functions nested in it read."""
    found = set(code.co_names)
    for const in code.co_consts:
        if inspect.iscode(const):
            found |= names_used(const)
    return found


def importable(value):
    """Return the module among SAFE_MODULES that holds value under some name, or None."""
    for module_name in SAFE_MODULES:
        module = sys.modules.get(module_name)
        if module is not None and importable_name(value, module_name) is not None:
            return module_name
    return None


def importable_name(value, module_name):
    """Return the name value has in module module_name, or None."""
    module = sys.modules[module_name]
    for name in (getattr(value, "__name__", None), getattr(value, "name", None)):
        if isinstance(name, str) and getattr(module, name, None) is value:
            return name
    return None


def cell_defining(name, namespace):
    """Return the last cell the kernel ran that defines name (IPython keeps them in In), or raise."""
    pattern = re.compile(rf"^(def {name}\b|{name}\s*=)", re.M)
    for cell in reversed(namespace.get("In", [])):
        if pattern.search(cell):
            return re.sub(r"^\s*[%!].*$", "", cell, flags=re.M)  # magics are not Python
    raise LookupError(f"cannot find the code that defines {name}; define it with def in a cell")


def answer_payload(question_id, answer_name, namespace):
    """Return what the judge needs from the learner's namespace: the answer as data, or as source."""
    payload = {"question": question_id, "answer_name": answer_name}
    if answer_name not in namespace:
        return payload | {"missing": True}
    answer = namespace[answer_name]
    if inspect.isfunction(answer):
        try:
            source, constants = function_source(answer, namespace)
        except LookupError as error:
            return payload | {"unreadable": str(error)}
        name = answer.__name__ if answer.__name__.isidentifier() else answer_name  # a lambda: its variable
        return payload | {"source": source, "constants": constants, "name": name}
    return payload | {"value": encode(answer)}


# --- the learner's function in its own process --------------------------------------------------------------


def serve():
    """Define the learner's function from the first line of stdin, then answer one call a line."""
    channel = os.fdopen(os.dup(1), "w")  # the replies; the learner's prints go to stderr instead
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    request = json.loads(sys.stdin.readline())
    namespace = {"__name__": "__main__", "____": core.____}
    namespace |= {name: decode(value) for name, value in request["constants"].items()}
    try:
        exec(compile(request["source"], "<your answer>", "exec"), namespace)
        function = namespace[request["name"]]
    except BaseException as error:  # the learner's module-level code may raise anything
        reply(channel, {"error": [type(error).__name__, str(error).split("\n")[0]]})
        return
    reply(channel, {"ready": True})
    for line in sys.stdin:
        call = json.loads(line)
        args, kwargs = decode(call["args"]), decode(call["kwargs"])
        outcome = core.run(function, args, kwargs, call["time_limit"])
        found = {"timed_out": outcome.timed_out, "warnings": outcome.warnings, "args": encode(args)}
        if outcome.error is not None:
            found["error"] = [type(outcome.error).__name__, str(outcome.error).split("\n")[0]]
        else:
            found["value"] = encode(outcome.value)
        reply(channel, found)


def reply(channel, message):
    channel.write(json.dumps(message) + "\n")
    channel.flush()


class Remote:
    """The learner's function living in its own process; run() calls it there and returns an Outcome."""

    def __init__(self, source, constants, name, time_limit):
        self.request = {"source": source, "constants": constants, "name": name}
        self.source = source  # what the checker reads to name a mistake (np.fmax or np.where)
        self.time_limit, self.process, self.error = time_limit, None, None

    def start(self):
        self.process = subprocess.Popen(
            fresh_python("serve"), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True, env=fresh_env(),
        )  # fmt: skip
        answer = self.exchange(self.request, self.time_limit + 30)  # numpy and actlearn load first
        self.error = None if answer and "ready" in answer else (answer or {}).get("error", ["Error", ""])

    def exchange(self, message, timeout):
        """Send message, return the reply; None (and the process stopped) if none came in time."""
        try:
            self.process.stdin.write(json.dumps(message) + "\n")
            self.process.stdin.flush()
            ready, _, _ = select.select([self.process.stdout], [], [], timeout)
            line = self.process.stdout.readline() if ready else ""
        except (BrokenPipeError, OSError):
            line = ""
        if not line:
            self.stop()
            return None
        return json.loads(line)

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def run(self, answer, args, kwargs):
        """Return the Outcome of the learner's function on args, as core.run would in the kernel."""
        if self.process is None:
            self.start()
        if self.error is not None:
            return core.Outcome(error=learner_error(*self.error))
        call = {"args": encode(list(args)), "kwargs": encode(kwargs), "time_limit": self.time_limit}
        found = self.exchange(call, self.time_limit + 10)  # a loop in C ignores the alarm: stop waiting
        if found is None or found["timed_out"]:
            self.stop()
            return core.Outcome(timed_out=True)
        copy_back(list(args), decode(found["args"]))  # so the checker sees an input changed in place
        if "error" in found:
            return core.Outcome(error=learner_error(*found["error"]), warnings=found["warnings"])
        return core.Outcome(decode(found["value"]), warnings=found["warnings"])


def copy_back(mine, theirs):
    """Copy into the arrays of mine (in lists and dicts too) what the learner's process left in theirs."""
    pairs = (
        [(mine[k], theirs[k]) for k in mine if k in theirs]
        if isinstance(mine, dict) and isinstance(theirs, dict)
        else zip(mine, theirs, strict=False)
        if isinstance(mine, (list, tuple)) and isinstance(theirs, (list, tuple))
        else []
    )
    for a, b in pairs:
        if isinstance(a, np.ndarray) and np.shape(b) == a.shape:
            np.copyto(a, b)
        else:
            copy_back(a, b)


def learner_error(name, message):
    """Return an exception that reads like the learner's (same type name and message)."""
    kind = getattr(builtins, name, None)
    if not (isinstance(kind, type) and issubclass(kind, Exception)):
        kind = type(name, (Exception,), {})
    try:
        return kind(message)
    except TypeError:
        return type(name, (Exception,), {})(message)


def fresh_python(command):
    """Return the command line of a fresh Python that runs this module's command.

    -E and -s ignore PYTHON* variables and the user's site-packages, and the path starts at the folder
    holding this actlearn rather than the working directory, where a learner could leave a numpy.py.
    """
    start = f"import sys\nsys.path[0] = {PACKAGE_ROOT!r}\nimport actlearn.exercises.grader\n"
    start += f"actlearn.exercises.grader.main({command!r})"
    return [sys.executable, "-E", "-s", "-c", start]


def fresh_env():
    """Return the environment for a fresh process: no ACTLEARN_ setting the learner's kernel changed."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith("ACTLEARN_")}
    return keep | {"OPENBLAS_NUM_THREADS": "1"}  # a grader's few small arrays gain nothing from threads


# --- the judge --------------------------------------------------------------------------------------------


def find_question(question_id):
    """Return the question with this id, from a fresh import of its module."""
    module_name = question_id.split(".")[0]
    if module_name not in __import__("actlearn.exercises", fromlist=["MODULES"]).MODULES:
        raise ValueError(f"no exercise module {module_name!r} for question {question_id!r}")
    module = importlib.import_module(f"actlearn.exercises.{module_name}")
    for value in vars(module).values():
        if isinstance(value, core.Question) and value.id == question_id:
            return value
    raise ValueError(f"no question {question_id!r} in actlearn.exercises.{module_name}")


def judge(payload):
    """Return the verdict on one answer payload: {"share": 0..1, "points": ..., "message": text or None}."""
    question = find_question(payload["question"])
    found = {"points": question.points, "label": question.label}
    if payload.get("missing"):
        name = payload["answer_name"]
        message = f"no variable named {name}: run the answer cell, and keep the name {name} for your answer"
        return found | {"share": 0.0, "message": f"{question.label}: {message}"}
    if "unreadable" in payload:
        return found | {"share": 0.0, "message": f"{question.label}: {payload['unreadable']}"}
    if "source" in payload:
        remote = Remote(payload["source"], payload["constants"], payload["name"], question.time_limit)
        try:
            share, message = function_share(question, remote)
        finally:
            remote.stop()
    else:
        answer = decode(payload["value"])
        message = question.grade(answer)
        share = 1.0 if message is None else 0.0
    return found | {"share": share, "message": message}


def function_share(question, remote):
    """Return (share of cases passed, the first failure's message or None) for a function in a Remote."""
    if not question.cases:
        return 0.0, f"{question.label}: the checker has no cases"
    every = [*question.cases, *question.hidden_cases, *question.tail_cases()]
    question = copy.copy(question)
    question._run = remote.run  # every call goes to the learner's process
    problems = []
    for case in every:
        try:
            problems.append(question._case_problem(remote, case))
        except core.NotAttempted:
            return 0.0, f"{question.label}: not attempted (the answer still holds ____)"
        if problems[-1] and "took longer than" in problems[-1]:
            problems += ["not run"] * (len(every) - len(problems))  # one runaway is enough to wait for
            break
    failed = [p for p in problems if p]
    if failed:
        return 1 - len(failed) / len(problems), f"{question.label}: {failed[0]}"
    broken = question.rule_problem(remote.source) if hasattr(question, "rule_problem") else None
    return (0.0, f"{question.label}: {broken}") if broken else (1.0, None)  # not the answer asked for


def judge_safely(payload):
    """Return judge(payload), or a zero verdict that says why the payload could not be judged."""
    try:
        return judge(payload)
    except Exception as error:  # a malformed payload or a checker bug: say so, score nothing
        question = find_question(payload["question"])
        message = (
            f"{question.label}: the grader could not judge this answer ({type(error).__name__}: {error})"
        )
        return {"share": 0.0, "points": question.points, "label": question.label, "message": message}


def judge_main():
    """Read one payload on stdin, write the verdict on stdout: the `judge` command."""
    print(json.dumps(judge_safely(json.loads(sys.stdin.read()))))


def judge_elsewhere(payload):
    """Return judge(payload) computed in a fresh process."""
    try:
        result = subprocess.run(
            fresh_python("judge"), input=json.dumps(payload), capture_output=True, text=True,
            timeout=JUDGE_TIME_LIMIT, env=fresh_env(),
        )  # fmt: skip
        return json.loads(result.stdout.strip().splitlines()[-1])
    except (subprocess.TimeoutExpired, IndexError, ValueError) as error:
        return {"share": 0.0, "points": 0, "label": payload["question"], "message": f"grader failed: {error}"}


# --- in the kernel: what a test cell calls ------------------------------------------------------------------


def score(verdict, partial):
    """Return the points a verdict earns: all or nothing, or with partial its share of cases passed."""
    share = verdict["share"] if partial else float(verdict["share"] == 1.0)
    return round(share * verdict["points"], 3)


def submit(question_id, answer_name, namespace, partial=False):
    """Judge the answer named answer_name in a fresh process; print the verdict and return the score.

    The last line of an nbgrader test cell: nbgrader reads the number as the cell's score.
    """
    verdict = judge_elsewhere(answer_payload(question_id, answer_name, namespace))
    earned = score(verdict, partial)
    text = verdict["message"] or f"{verdict['label']}: {core.RIGHT} Correct."
    print(f"{text}\nscore: {earned:g} of {verdict['points']:g}")
    return earned


# --- replaying a submission outside any kernel -------------------------------------------------------------


def test_cells(source_notebook):
    """Return {test cell grade_id: its source} for the source notebook's test cells that call submit."""
    found = {}
    for cell in source_notebook["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade") and SUBMIT_CALL.search(text := "".join(cell["source"])):
            found[meta["grade_id"]] = text
    return found


def questions_of(source_notebook):
    """Return {answer cell grade_id: (question id, answer name)} from the source's test cells."""
    return {
        test_id.removesuffix("-test") + "-answer": SUBMIT_CALL.search(text).groups()
        for test_id, text in test_cells(source_notebook).items()
    }


def partial_credit(source_notebook):
    """Return {test cell grade_id: True if it gives partial credit}."""
    return {test_id: "partial=True" in text for test_id, text in test_cells(source_notebook).items()}


def replay_main():
    """Run a submission's cells (not its tests) and print each answer's payload as its cell finishes."""
    request = json.loads(sys.stdin.readline())
    channel = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    from IPython.core.interactiveshell import InteractiveShell  # runs cells as a kernel would, magics too

    shell = InteractiveShell.instance()
    for cell in request["cells"]:
        shell.run_cell(cell["source"], store_history=True)
        if cell["answers"]:
            question_id, answer_name = cell["answers"]
            reply(channel, answer_payload(question_id, answer_name, shell.user_ns))


def regrade(source_notebook, submitted_notebook, cwd=None, time_limit=300.0):
    """Return {test cell grade_id: verdict} for a submission, its cells replayed in a fresh process.

    An answer whose cell never finished (the process died or ran out of time before it) scores 0.
    """
    answers = questions_of(source_notebook)
    cells = []
    for cell in submitted_notebook["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell["cell_type"] != "code" or meta.get("grade"):
            continue  # test cells are where a kernel could be fooled; the judge replaces them
        cells.append({"source": "".join(cell["source"]), "answers": answers.get(meta.get("grade_id"))})
    process = subprocess.Popen(
        fresh_python("replay"), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        text=True, env=fresh_env(), cwd=cwd,
    )  # fmt: skip
    try:
        out, _ = process.communicate(json.dumps({"cells": cells}) + "\n", timeout=time_limit)
    except subprocess.TimeoutExpired:
        process.kill()
        out, _ = process.communicate()
    payloads = {}
    for line in out.splitlines():
        try:
            payload = json.loads(line)
            payloads[payload["question"]] = payload
        except (ValueError, KeyError, TypeError):
            continue  # anything else the learner's code wrote
    verdicts = {}
    for answer_id, (question_id, _) in answers.items():
        test_id = answer_id.removesuffix("-answer") + "-test"
        if question_id in payloads:
            verdicts[test_id] = judge_safely(payloads[question_id])
        else:
            question = find_question(question_id)
            present = any(cell["answers"] and cell["answers"][0] == question_id for cell in cells)
            stopped = (
                "the notebook stopped before this answer ran (did the kernel die?)"
                if present
                else "the submission has no answer cell for this question"
            )
            verdicts[test_id] = {"share": 0.0, "points": question.points, "label": question.label,
                                 "message": f"{question.label}: {stopped}"}  # fmt: skip
    return verdicts


def main(command):
    """Run one of the commands a fresh process is started for: serve, judge or replay."""
    {"serve": serve, "judge": judge_main, "replay": replay_main}[command]()


if __name__ == "__main__":
    main(sys.argv[1])
