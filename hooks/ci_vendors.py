"""Which CI service this runs in: a table of vendors and the variables each one sets.

Many services set no ``CI`` (Jenkins, Azure Pipelines, TeamCity, CodeBuild, TaskCluster,
Codefresh, Buddy, Screwdriver, …), so a check of ``CI`` alone takes a CI job for a
developer's machine. The table lists, per vendor, the variables its documentation says every
job has (the same facts the ``ci-info`` and ``is-ci`` tables record); ``GENERIC`` holds the
names several services share (Codeship and Sourcehut set only ``CI_NAME``, Woodpecker
``CI=woodpecker``). Compared with ci-info's ``vendors.json`` and its list of generic names on
2026-12-07: every service there has a row here. A variable set to an empty or false value does
not count.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

GENERIC: Final = ("CI", "CONTINUOUS_INTEGRATION", "BUILD_NUMBER", "BUILD_ID", "RUN_ID", "CI_NAME")
"""Names set by several services (and by no developer shell we know of)."""

VENDORS: Final[Mapping[str, tuple[str, ...]]] = {
    "Agola CI": ("AGOLA_GIT_REF",),
    "AppVeyor": ("APPVEYOR",),
    "Argo Workflows": ("ARGO_TEMPLATE", "ARGO_NODE_ID"),
    "Appcircle": ("AC_APPCIRCLE",),
    "Appflow": ("CI_APP_ID", "CI_BUILD_ID", "CI_BUILD_NUMBER"),
    "AWS CodeBuild": ("CODEBUILD_BUILD_ID", "CODEBUILD_BUILD_ARN"),
    "AWS CodeCatalyst": ("CATALYST_WORKFLOW_NAME", "CATALYST_WORKFLOW_RUN_ID"),
    "Azure Pipelines": ("TF_BUILD", "SYSTEM_TEAMFOUNDATIONCOLLECTIONURI", "BUILD_BUILDID"),
    "Bamboo": ("bamboo_buildKey", "bamboo_planKey"),
    "Bitbucket Pipelines": ("BITBUCKET_BUILD_NUMBER", "BITBUCKET_COMMIT"),
    "Bitrise": ("BITRISE_IO",),
    "Buddy": ("BUDDY_WORKSPACE_ID", "BUDDY"),
    "Buildkite": ("BUILDKITE",),
    "CircleCI": ("CIRCLECI",),
    "Cirrus CI": ("CIRRUS_CI",),
    "Cloudflare Pages": ("CF_PAGES",),
    "Cloudflare Workers": ("WORKERS_CI",),
    "Codefresh": ("CF_BUILD_ID",),
    "Codemagic": ("CM_BUILD_ID",),
    "Drone": ("DRONE",),
    "dsari": ("DSARI",),
    "Earthly": ("EARTHLY_CI",),
    "Expo Application Services": ("EAS_BUILD",),
    "Forgejo Actions": ("FORGEJO_ACTIONS",),
    "Gerrit": ("GERRIT_PROJECT",),
    "Gitea Actions": ("GITEA_ACTIONS",),
    "GitHub Actions": ("GITHUB_ACTIONS",),
    "GitLab CI": ("GITLAB_CI", "CI_PIPELINE_ID"),
    "GoCD": ("GO_SERVER_URL", "GO_PIPELINE_LABEL", "GO_PIPELINE_NAME"),
    "Google Cloud Build": ("BUILDER_OUTPUT",),
    "Harness": ("HARNESS_BUILD_ID",),
    "Heroku CI": ("HEROKU_TEST_RUN_ID",),
    "Hudson": ("HUDSON_URL",),
    "Jenkins": ("JENKINS_URL", "JENKINS_HOME"),
    "LayerCI": ("LAYERCI",),
    "Magnum CI": ("MAGNUM",),
    "Netlify": ("NETLIFY",),
    "Nevercode": ("NEVERCODE",),
    "Prow": ("PROW_JOB_ID",),
    "ReleaseHub": ("RELEASE_BUILD_ID",),
    "Render": ("RENDER",),
    "Sail CI": ("SAILCI",),
    "Screwdriver": ("SCREWDRIVER", "SD_BUILD", "SD_BUILD_ID"),
    "Semaphore": ("SEMAPHORE",),
    "Shippable": ("SHIPPABLE",),
    "Solano CI": ("TDDIUM",),
    "Strider": ("STRIDER",),
    "TaskCluster": ("TASK_ID",),
    "TeamCity": ("TEAMCITY_VERSION",),
    "Travis CI": ("TRAVIS",),
    "Vela": ("VELA",),
    "Vercel": ("NOW_BUILDER", "VERCEL"),
    "Visual Studio App Center": ("APPCENTER_BUILD_ID",),
    "Wercker": ("WERCKER", "WERCKER_MAIN_PIPELINE_STARTED", "WERCKER_ROOT"),
    "Woodpecker": ("WOODPECKER", "CI_PIPELINE_NUMBER"),
    "Xcode Cloud": ("CI_XCODE_PROJECT",),
    "Xcode Server": ("XCS",),
}
"""Per vendor, the variables any of which marks one of its jobs."""

CI_VARIABLES: Final = GENERIC + tuple(name for names in VENDORS.values() for name in names)
"""Every variable that marks a CI job, generic names first."""

_FALSE: Final = frozenset({"0", "false", "no", "off"})


def ci_variable(environ: Mapping[str, str]) -> str | None:
    """Return ``NAME=value`` of the first CI variable set to a true value, else None.

    Args:
        environ: The environment.

    Returns:
        The variable that says this is a CI job, or None.
    """
    for name in CI_VARIABLES:
        value = environ.get(name, "").strip()
        if value and value.lower() not in _FALSE:
            return f"{name}={value}"
    return None
