"""An override is decided once: a contribution and a whole-tree audit give the same answer."""

from __future__ import annotations

from helpers import Repo, story

# Trial 2 (issue 25, P2): a new ``TrialMetric(Metric)`` with undocumented overrides passed
# ``check`` ("4 overrides inheriting …") and got 4 MR201 from ``check --all``.
METRIC = '''"""Metrics."""


class Metric:
    """A metric."""

    def update_state(self, *args, **kwargs):
        """Accumulate statistics.

        Args:
            *args: Inputs.
            **kwargs: More inputs.
        """

    def result(self):
        """Compute the metric.

        Returns:
            The value.
        """

    def reset_state(self):
        """Reset the statistics."""

    def get_config(self):
        """Return the configuration.

        Returns:
            A dict.
        """
        return {}
'''
TRIAL = '''"""A trial metric."""

from pkg.metrics.metric import Metric


class TrialMetric(Metric):
    """Counts things."""

    def update_state(self, y_true, y_pred):
        self.n = 1

    def result(self):
        return self.n

    def reset_state(self):
        self.n = 0

    def get_config(self):
        return {}

    def extra(self, x):
        return x
'''
FILES = {"pkg/__init__.py": "", "pkg/metrics/__init__.py": "", "pkg/metrics/metric.py": METRIC}


def _errors(report):
    return sorted(
        (f["code"], f["message"].split("`")[1])
        for c in report["checks"]
        for f in c["findings"]
        if f["severity"] == "error"
    )


def test_an_audit_decides_overrides_as_the_contribution_check_does(git_repo: Repo, run_json):
    story(git_repo, FILES, {"pkg/metrics/trial_metric.py": TRIAL})
    only = ("--only", "docstrings-complete")
    _, contribution = run_json(*only)
    _, audit = run_json("--all", *only, "--", "pkg/metrics/trial_metric.py")
    _, whole = run_json("--all", *only)
    expected = [("MR201", "TrialMetric.extra")]  # the one method no base class documents
    assert _errors(contribution) == _errors(audit) == _errors(whole) == expected
    summary = next(c["summary"] for c in audit["checks"] if c["id"] == "docstrings-complete")
    assert "4 overrides inheriting a base class's documentation" in summary
