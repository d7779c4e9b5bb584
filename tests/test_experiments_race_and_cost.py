"""Tests of the course's one cost method and of the race's spread: how every comparison is measured."""

import ast
import json
import statistics
from pathlib import Path

import numpy as np
import pytest

from actlearn.experiments import COST_REPEATS, COST_SIZE, cost_per_element, race

pytestmark = pytest.mark.usefixtures("strict_floats")

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def _code_cells(path):
    for cell in json.loads(path.read_text())["cells"]:
        if cell["cell_type"] == "code":
            source = "".join(cell["source"])
            # IPython lines (%magic, !shell) are not Python; the calls checked here never sit on one
            yield "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))


def _calls(path, name):
    for source in _code_cells(path):
        for node in ast.walk(ast.parse(source)):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", getattr(node.func, "id", None)) == name
            ):
                yield node


def test_cost_reports_the_median_inside_its_middle_half():
    (relu,) = cost_per_element(["relu"])
    for median, (low, high) in [(relu.forward_ns, relu.forward_iqr), (relu.copy_ns, (0, np.inf))]:
        assert low <= median <= high
    assert relu.forward_backward_iqr[0] <= relu.forward_backward_ns <= relu.forward_backward_iqr[1]
    assert relu.forward_ns < relu.forward_backward_ns  # backward adds a grad and a product


def test_cost_is_measured_one_way_so_callers_cannot_pick_a_size():
    assert (
        COST_SIZE >= 10**4 and COST_REPEATS >= 15 and COST_REPEATS % 2 == 1
    )  # an odd count has a true median
    with pytest.raises(TypeError):
        cost_per_element(["relu"], size=10**6)
    with pytest.raises(TypeError):
        cost_per_element(["relu"], repeats=3)


def test_every_notebook_measures_cost_with_the_one_method():
    for path in NOTEBOOKS:
        for call in _calls(path, "cost_per_element"):
            assert not call.keywords, (
                f"{path.name}: cost_per_element takes only names, got {ast.unparse(call)}"
            )


def test_race_spread_is_the_sample_std():
    (result,) = race(["tanh"], dataset="xor", seeds=(0, 1, 2, 3, 4), depth=1, width=4, epochs=20)
    accuracies = [float(a) for a in result.final_test_acc_per_seed]
    assert result.sample_std == pytest.approx(statistics.stdev(accuracies))  # stdev divides by n - 1


def test_race_of_one_seed_has_no_spread_and_no_warning():
    (result,) = race(["tanh"], dataset="xor", seeds=(3,), depth=1, width=4, epochs=5)
    assert np.isnan(result.sample_std)


def test_race_ranks_on_five_seeds_by_default():
    defaults = race.__kwdefaults__
    assert len(defaults["seeds"]) >= 5


def test_every_notebook_race_runs_five_seeds_or_more():
    for path in NOTEBOOKS:
        for source in _code_cells(path):
            tree = ast.parse(source)
            for node in ast.walk(tree):
                # seeds=... in a call, or "seeds": ... in a dict of settings passed on with **
                values = []
                if isinstance(node, ast.keyword) and node.arg == "seeds":
                    values.append(node.value)
                if isinstance(node, ast.Dict):
                    values += [
                        v
                        for k, v in zip(node.keys, node.values, strict=True)
                        if getattr(k, "value", None) == "seeds"
                    ]
                for value in filter(_is_literal, values):
                    seeds = eval(compile(ast.Expression(value), path.name, "eval"), {"range": range})
                    assert len(seeds) >= 5, (
                        f"{path.name}: seeds={ast.unparse(value)} ranks on fewer than 5 seeds"
                    )


def _is_literal(node):
    if isinstance(node, ast.Tuple | ast.List):
        return all(isinstance(e, ast.Constant) for e in node.elts)
    return isinstance(node, ast.Call) and getattr(node.func, "id", None) == "range"
