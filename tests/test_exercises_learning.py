"""The checkers of 01-how-a-network-learns: the backward pass passes when right, however it is written, and
each typical mistake, written out by hand as a learner would, is rejected with its name.

The expected gradients come from central finite differences of the loss, not from the package's backward
pass; the other answers from finite differences too (dp_1/dz), from the maths ((1 - 2 lr) = -1 at lr = 1) or
from a training run written here in plain numpy. (tests/test_exercises.py also runs this file's WRONG table
through its generic checks.)
"""

import contextlib
import io

import numpy as np
import pytest

from actlearn import datasets, gradcheck
from actlearn.exercises import learning

# --- backward passes as a learner writes them ---------------------------------------------------------------


def right_backward(X, Y, params, cache, f):
    N = len(X)
    dz2 = cache["p"] - Y
    dW2 = cache["a1"].T @ dz2 / N
    db2 = dz2.mean(axis=0)
    da1 = dz2 @ params["W2"].T
    dz1 = da1 * f.grad(cache["z1"])
    return {"W1": X.T @ dz1 / N, "b1": dz1.mean(axis=0), "W2": dW2, "b2": db2}


def right_backward_divided_early(X, Y, params, cache, f):
    dz2 = (cache["p"] - Y) / len(X)  # the 1/N taken once, up front: then every gradient is a plain sum
    dz1 = (dz2 @ params["W2"].T) * f.grad(cache["z1"])
    return {"W1": X.T @ dz1, "b1": dz1.sum(axis=0), "W2": cache["a1"].T @ dz2, "b2": dz2.sum(axis=0)}


def right_backward_einsum(X, Y, params, cache, f):
    dz2 = cache["p"] - Y
    dz1 = np.einsum("nc,hc->nh", dz2, params["W2"]) * f.grad(cache["z1"])
    return {
        "W2": np.einsum("nh,nc->hc", cache["a1"], dz2) / len(X),
        "b2": np.sum(dz2, axis=0) / len(X),
        "W1": np.einsum("nd,nh->dh", X, dz1) / len(X),
        "b1": np.sum(dz1, axis=0) / len(X),
    }


def gradients(X, a1, dz1, dz2):
    N = len(X)
    return {"W1": X.T @ dz1 / N, "b1": dz1.mean(axis=0), "W2": a1.T @ dz2 / N, "b2": dz2.mean(axis=0)}


def f_prime_of_a(X, Y, params, cache, f):
    dz2 = cache["p"] - Y
    dz1 = (dz2 @ params["W2"].T) * f.grad(cache["a1"])  # sigmoid'(sigmoid(z1))
    return gradients(X, cache["a1"], dz1, dz2)


def no_derivative(X, Y, params, cache, f):
    dz2 = cache["p"] - Y
    dz1 = dz2 @ params["W2"].T
    return gradients(X, cache["a1"], dz1, dz2)


def transposed_weight_gradient(X, Y, params, cache, f):
    N = len(X)
    dz2 = cache["p"] - Y
    dz1 = (dz2 @ params["W2"].T) * f.grad(cache["z1"])
    grads = gradients(X, cache["a1"], dz1, dz2)
    return grads | {"W2": dz2.T @ cache["a1"] / N}  # (C, H): W2 is (H, C)


def untransposed_weights_going_back(X, Y, params, cache, f):
    dz2 = cache["p"] - Y
    dz1 = (dz2 @ params["W2"]) * f.grad(cache["z1"])  # W2 is (H, C): this product cannot be formed
    return gradients(X, cache["a1"], dz1, dz2)


def targets_transposed(X, Y, params, cache, f):
    dz2 = cache["p"] - Y.T  # (N, C) minus (C, N): numpy cannot line them up
    return gradients(X, cache["a1"], dz2 @ params["W2"].T * f.grad(cache["z1"]), dz2)


def no_mean(X, Y, params, cache, f):
    dz2 = cache["p"] - Y
    dz1 = (dz2 @ params["W2"].T) * f.grad(cache["z1"])
    return {"W1": X.T @ dz1, "b1": dz1.sum(axis=0), "W2": cache["a1"].T @ dz2, "b2": dz2.sum(axis=0)}


def no_mean_in_the_biases(X, Y, params, cache, f):
    grads = right_backward(X, Y, params, cache, f)
    return grads | {"b1": grads["b1"] * len(X), "b2": grads["b2"] * len(X)}  # summed, not averaged


def mean_twice(X, Y, params, cache, f):
    N = len(X)
    dz2 = (cache["p"] - Y) / N
    dz1 = (dz2 @ params["W2"].T) * f.grad(cache["z1"])
    return gradients(X, cache["a1"], dz1, dz2)


def bias_over_units(X, Y, params, cache, f):
    N = len(X)
    dz2 = cache["p"] - Y
    dz1 = (dz2 @ params["W2"].T) * f.grad(cache["z1"])
    return {"W1": X.T @ dz1 / N, "b1": dz1.sum(axis=1), "W2": cache["a1"].T @ dz2 / N, "b2": dz2.sum(axis=1)}


def sign_flipped_in_the_hidden_layer(X, Y, params, cache, f):
    dz2 = cache["p"] - Y
    dz1 = -(dz2 @ params["W2"].T) * f.grad(cache["z1"])
    return gradients(X, cache["a1"], dz1, dz2)


def tanhs_derivative_from_the_output(X, Y, params, cache, f):
    dz2 = cache["p"] - Y
    dz1 = (dz2 @ params["W2"].T) * (1 - cache["a1"] ** 2)  # right for tanh only
    return gradients(X, cache["a1"], dz1, dz2)


def sign_flipped(X, Y, params, cache, f):
    dz2 = Y - cache["p"]
    dz1 = (dz2 @ params["W2"].T) * f.grad(cache["z1"])
    return gradients(X, cache["a1"], dz1, dz2)


def overwrites_p(X, Y, params, cache, f):
    dz2 = cache["p"]
    dz2 -= Y  # changes the forward pass's p in place
    return right_backward(X, Y, params, cache | {"p": dz2 + Y}, f)


def returns_a_tuple(X, Y, params, cache, f):
    grads = right_backward(X, Y, params, cache, f)
    return grads["W1"], grads["b1"], grads["W2"], grads["b2"]


def forgets_a_bias(X, Y, params, cache, f):
    grads = right_backward(X, Y, params, cache, f)
    del grads["b1"]
    return grads


WRONG = [
    ("learning.backward", f_prime_of_a, "f.grad(a1)"),
    ("learning.backward", no_derivative, "the activation's derivative is left out"),
    ("learning.backward", transposed_weight_gradient, "a transposed product"),
    ("learning.backward", untransposed_weights_going_back, "a transposed product"),
    ("learning.backward", targets_transposed, "could not be broadcast"),
    ("learning.backward", no_mean, "the 1/N is left out"),
    ("learning.backward", no_mean_in_the_biases, "db1, db2 are wrong (dW1, dW2 are right)"),
    ("learning.backward", mean_twice, "the 1/N is applied twice"),
    ("learning.backward", bias_over_units, "the bias gradient is summed over the wrong axis"),
    ("learning.backward", sign_flipped, "a sign error"),
    ("learning.backward", sign_flipped_in_the_hidden_layer, "a sign error after da1"),
    ("learning.backward", tanhs_derivative_from_the_output, "you wrote tanh's derivative"),
    ("learning.backward", overwrites_p, "changed cache['p'] in place"),
    ("learning.backward", returns_a_tuple, "expected a dict of gradients"),
    ("learning.backward", forgets_a_bias, "has no b1"),
    ("learning.softmax_gradient", (0.14, -0.16, 0.02), "the sign is flipped"),
    ("learning.softmax_gradient", (0.06, 0.16, 0.18), "p_1 (1 - p_j) holds only for j = 1"),
    ("learning.softmax_gradient", (0.0, 0.16, 0.0), "the other logits move p_1 too"),
    ("learning.softmax_gradient", (-0.7, 0.8, -0.1), "multiply by p_1 = 0.2"),
    ("learning.softmax_gradient", (0.7, -0.8, 0.1), "that is dL/dz = p - y"),
    ("learning.softmax_gradient", (0.21, -0.14, -0.07), "the true class is 1"),
    ("learning.softmax_gradient", 0.7, "give 3 numbers"),
    ("learning.ten_times_lr", "a", "jumps past 3"),
    ("learning.ten_times_lr", "c", "needs lr above 1"),
    ("learning.ten_times_lr", "d", "never shrink"),
    ("learning.zero_init_tanh", 40, "every weight gets the same gradient"),
    ("learning.zero_init_tanh", 24, "W2 cannot move either"),
    ("learning.zero_init_tanh", 16, "W1 cannot move either"),
]

MISTAKE_NAMES = {
    f_prime_of_a: learning.F_OF_A,
    no_derivative: learning.NO_DERIVATIVE,
    transposed_weight_gradient: learning.TRANSPOSED,
    untransposed_weights_going_back: learning.TRANSPOSED,
    targets_transposed: learning.TRANSPOSED,
    no_mean: learning.NO_MEAN,
    no_mean_in_the_biases: learning.NO_MEAN,
    mean_twice: learning.MEAN_TWICE,
    bias_over_units: learning.BIAS_AXIS,
    sign_flipped: learning.SIGN,
    sign_flipped_in_the_hidden_layer: learning.HIDDEN_SIGN,
    tanhs_derivative_from_the_output: learning.TANH_FORM,
}

QUESTIONS = {q.id: q for q in (learning.q1, learning.q2, learning.q3, learning.q4)}


def verdict(qid, answer, hidden=False):
    """Return (right?, the verdict line check() printed; with hidden=True, grade()'s text on hidden cases)."""
    if hidden:
        problem = QUESTIONS[qid].grade(answer, hidden=True)
        return problem is None, problem or ""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert QUESTIONS[qid].check(answer) is None
    return QUESTIONS[qid].verdict(answer).status == "right", out.getvalue()


@pytest.mark.parametrize("answer", [right_backward, right_backward_divided_early, right_backward_einsum])
@pytest.mark.parametrize("hidden", [False, True])
def test_a_right_backward_pass_passes_however_it_is_written(answer, hidden):
    right, text = verdict("learning.backward", answer, hidden)
    assert right, text


@pytest.mark.parametrize("answer", list(MISTAKE_NAMES), ids=[f.__name__ for f in MISTAKE_NAMES])
@pytest.mark.parametrize("hidden", [False, True])
def test_each_typical_mistake_is_rejected_with_its_name_and_no_other(answer, hidden):
    right, text = verdict("learning.backward", answer, hidden)
    assert not right
    named = {m.message for m in learning.q2.mistakes if m.message in text}
    assert named == {MISTAKE_NAMES[answer]}, text


def test_f_prime_of_a_is_named_on_the_first_case_it_changes_and_relu_alone_cannot_tell():
    # relu'(relu(z)) = relu'(z) wherever z != 0, so on a relu network f'(a) is no mistake at all
    relu_case = learning.network_case("relu", 8, 2, 6, 3, seed=3)
    assert learning.q2._case_problem(f_prime_of_a, relu_case) is None
    text = verdict("learning.backward", f_prime_of_a)[1]
    assert "sigmoid hidden units" in text and "(dW2, db2 are right)" in text


def test_mistakes_in_two_places_are_each_named():
    def sign_in_w1_and_no_mean_in_b2(X, Y, params, cache, f):
        grads = right_backward(X, Y, params, cache, f)
        return grads | {"W1": -grads["W1"], "b2": grads["b2"] * len(X)}

    text = verdict("learning.backward", sign_in_w1_and_no_mean_in_b2)[1]
    assert f"dW1: {learning.HIDDEN_SIGN}" in text and f"db2: {learning.NO_MEAN}" in text


def test_a_sign_error_in_the_hidden_layer_does_not_blame_dz2_and_y_minus_p_does():
    text = verdict("learning.backward", sign_flipped_in_the_hidden_layer)[1]
    assert "dW1, db1 are wrong (dW2, db2 are right)" in text and learning.SIGN not in text
    text = verdict("learning.backward", sign_flipped)[1]
    assert "dW1, db1, dW2, db2 are wrong" in text and learning.HIDDEN_SIGN not in text


def test_tanhs_derivative_is_no_mistake_on_the_tanh_case_and_named_on_the_first_other():
    tanh_case = learning.network_case("tanh", 7, 4, 3, 2, seed=2)
    assert learning.q2._case_problem(tanhs_derivative_from_the_output, tanh_case) is None
    assert "sigmoid hidden units" in verdict("learning.backward", tanhs_derivative_from_the_output)[1]


# --- a backward pass that reads the notebook's cells (a batch of 8: Xb, Yb, N), not its arguments ---------

NOTEBOOK_CELLS = """
import numpy as np
N = 8
Xb = np.zeros((8, 2))
Yb = np.eye(3)[[0, 1, 2, 0, 1, 2, 0, 1]]
"""

BORROWING = {
    "Xb": """def backward(X, Y, params, cache, f):
    dz2 = cache["p"] - Y
    dz1 = dz2 @ params["W2"].T * f.grad(cache["z1"])
    return {"W1": Xb.T @ dz1 / len(X), "b1": dz1.mean(axis=0), "W2": cache["a1"].T @ dz2 / len(X),
            "b2": dz2.mean(axis=0)}""",
    "Yb": """def backward(X, Y, params, cache, f):
    dz2 = cache["p"] - Yb
    dz1 = dz2 @ params["W2"].T * f.grad(cache["z1"])
    return {"W1": X.T @ dz1 / len(X), "b1": dz1.mean(axis=0), "W2": cache["a1"].T @ dz2 / len(X),
            "b2": dz2.mean(axis=0)}""",
    "N": """def backward(X, Y, params, cache, f):
    dz2 = cache["p"] - Y
    dz1 = dz2 @ params["W2"].T * f.grad(cache["z1"])
    return {"W1": X.T @ dz1 / N, "b1": dz1.sum(axis=0) / N, "W2": cache["a1"].T @ dz2 / N,
            "b2": dz2.sum(axis=0) / N}""",
}


@pytest.mark.parametrize("name", list(BORROWING))
@pytest.mark.parametrize("cells_ran", [True, False], ids=["in the notebook", "in a fresh process"])
def test_a_function_that_reads_the_cells_batch_is_told_to_use_its_arguments(name, cells_ran):
    namespace = {"np": np}
    if cells_ran:
        exec(NOTEBOOK_CELLS, namespace)  # the notebook's globals exist: the function errs or is wrong
    exec(BORROWING[name], namespace)  # without them (a grader's fresh process), it raises NameError
    right, text = verdict("learning.backward", namespace["backward"])
    assert not right
    assert f"your function reads {name} from the cells above (a batch of 8)" in text, text
    assert "use only its arguments X, Y, params, cache, f, and N = len(X)" in text
    assert "transposed" not in text and "relative error" not in text


def test_a_callable_object_is_checked_like_a_function():
    class Backward:
        def __call__(self, X, Y, params, cache, f):
            return right_backward(X, Y, params, cache, f) | {"W2": 0 * params["W2"]}

    assert "dW2 is wrong" in verdict("learning.backward", Backward())[1]


def test_a_local_n_is_not_taken_for_the_notebooks():
    namespace = {"np": np}
    exec(NOTEBOOK_CELLS, namespace)
    exec(BORROWING["N"].replace("dz2 = ", "N = len(X)\n    dz2 = ", 1), namespace)
    assert verdict("learning.backward", namespace["backward"])[0]


def test_on_many_random_networks_the_right_pass_is_within_the_threshold_and_every_mistake_far_from_it():
    # 160 networks of random sizes; before the floor of 1e-4, 16 of them failed the right pass by rounding
    activations = ["sigmoid", "tanh", "relu", "gelu", "elu", "swish", "leaky_relu", "softplus"]
    for seed in range(100, 260):
        sizes = [int(n) for n in np.random.default_rng(seed).integers(2, 12, 4)]
        case = learning.network_case(activations[seed % 8], *sizes, seed=seed)
        X, Y, params, cache, f = case.args
        numeric = learning.q2.numeric(case)
        assert verdict_of_numbers(right_backward(X, Y, params, cache, f), numeric) < gradcheck.THRESHOLD / 2
        for mistake in learning.q2.mistakes:
            theirs = mistake.wrong(X, Y, params, cache, f)
            if any(np.shape(theirs[k]) != numeric[k].shape for k in numeric):
                continue  # a wrong shape shows whatever the numbers
            same = verdict_of_numbers(theirs, right_backward(X, Y, params, cache, f)) < 1e-12
            assert same or verdict_of_numbers(theirs, numeric) > 0.1, (mistake.message, seed)


def verdict_of_numbers(grads, numeric):
    """Return the largest relative error over the four gradients."""
    return max(gradcheck.rel_error(grads[k], numeric[k]) for k in numeric)


def test_an_unknown_mistake_gets_the_relative_error_against_the_threshold():
    def doubles_w2(X, Y, params, cache, f):
        grads = right_backward(X, Y, params, cache, f)
        return grads | {"W2": 3 * grads["W2"]}

    text = verdict("learning.backward", doubles_w2)[1]
    assert "dW2 is wrong (dW1, db1, db2 are right)" in text
    assert "relative error 0.5 > 0.0001" in text  # |3g - g| / (|3g| + |g|) = 1/2 for every entry


def test_every_mistake_shows_on_the_first_case_and_is_far_from_the_threshold_wherever_it_shows():
    for number, case in enumerate(learning.q2.cases):
        numeric = learning.q2.numeric(case)
        for mistake in learning.q2.mistakes:
            theirs = mistake.wrong(*case.args)
            if any(np.shape(theirs[k]) != numeric[k].shape for k in numeric):
                continue  # a wrong shape shows whatever the numbers
            worst = max(gradcheck.rel_error(theirs[k], numeric[k]) for k in numeric)
            assert worst > 100 * gradcheck.THRESHOLD or (number > 0 and worst < gradcheck.THRESHOLD), (
                f"{mistake.message} on {case.label}: relative error {worst:.2g}"
            )


def test_the_cases_are_finite_differences_of_networks_with_every_size_different():
    for case in learning.q2.cases + learning.q2.hidden_cases:
        X, Y, params, cache, f = case.args
        sizes = (len(X), X.shape[1], params["W1"].shape[1], Y.shape[1])
        assert len(set(sizes)) == 4, f"equal sizes would hide a transposed product: {sizes}"
        assert np.allclose(Y.sum(axis=1), 1) and np.allclose(cache["p"].sum(axis=1), 1)


def test_the_softmax_derivative_is_by_finite_differences_and_times_minus_1_over_p1_gives_p_minus_y():
    z = np.log(np.array([0.7, 0.2, 0.1]))  # logits whose softmax is p

    def p1(v):
        return np.exp(v[1]) / np.sum(np.exp(v))

    numeric = gradcheck.numerical_gradient(p1, z.copy())
    assert verdict("learning.softmax_gradient", tuple(numeric))[0]
    assert np.allclose(-1 / 0.2 * numeric, [0.7, -0.8, 0.1])  # the chain rule's next step: dL/dz = p - y


def test_lr_one_bounces_between_0_and_6():
    w, path = 0.0, []
    for _ in range(20):
        w = w - 1.0 * 2 * (w - 3)
        path.append(w)
    assert set(path) == {0.0, 6.0} and path[-1] == 0.0
    assert verdict("learning.ten_times_lr", "b")[0]


def test_a_tanh_network_trained_from_zeros_keeps_every_weight_at_zero_and_a_sigmoid_one_keeps_one_unit():
    # plain numpy, independent of actlearn.network: 100 SGD steps on the spiral, batches of 32
    X, y = datasets.spiral(n_samples=300, arms=3, seed=0)
    Y = np.eye(3)[y]
    for f, expected_nonzero, expected_units in ((np.tanh, 0, 1), (lambda z: 1 / (1 + np.exp(-z)), 40, 1)):
        W1, b1, W2, b2 = np.zeros((2, 8)), np.zeros(8), np.zeros((8, 3)), np.zeros(3)
        order = np.random.default_rng(0).permutation(300)
        for step in range(100):
            batch = order[(32 * step) % 288 :][:32]
            z1 = X[batch] @ W1 + b1
            a1 = f(z1)
            z2 = a1 @ W2 + b2
            p = np.exp(z2 - z2.max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
            dz2 = (p - Y[batch]) / len(batch)
            slope = 1 - a1**2 if f is np.tanh else a1 * (1 - a1)
            dz1 = dz2 @ W2.T * slope
            W2, b2 = W2 - 0.5 * a1.T @ dz2, b2 - 0.5 * dz2.sum(axis=0)
            W1, b1 = W1 - 0.5 * X[batch].T @ dz1, b1 - 0.5 * dz1.sum(axis=0)
        assert np.count_nonzero(W1) + np.count_nonzero(W2) == expected_nonzero
        units = np.column_stack([W1.T, b1, W2]).round(8)
        assert len(np.unique(units, axis=0)) == expected_units
    assert verdict("learning.zero_init_tanh", 0)[0]
