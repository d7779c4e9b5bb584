"""What the checker tests share: run check() as a learner would, and read what it printed."""

import contextlib
import io

from actlearn.exercises import all_questions

QUESTIONS = all_questions()


def verdict(qid, answer):
    """Return (right?, what check() printed), after checking that check() returned nothing."""
    question = QUESTIONS[qid]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        returned = question.check(answer)
    assert returned is None, "check() must return nothing, or Jupyter echoes it under the verdict"
    return question.verdict(answer).status == "right", out.getvalue()
