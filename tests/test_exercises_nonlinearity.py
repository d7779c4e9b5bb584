"""Notebook 02's choice question: the right option does not give itself away by its length.

(tests/test_exercises.py also runs this file's WRONG table through its generic checks.)
"""

import numpy as np

from actlearn.exercises import nonlinearity

WRONG = [
    ("nonlinearity.deep_linear", "c", "depth adds nothing")
]  # (question, answer, what the verdict must say)


def test_the_right_option_is_no_longer_than_the_median_wrong_one():
    lengths = {key: len(text) for key, (text, _) in nonlinearity.q4.options.items()}
    wrong = [n for key, n in lengths.items() if key != nonlinearity.q4.right]
    assert lengths[nonlinearity.q4.right] <= np.median(wrong)
