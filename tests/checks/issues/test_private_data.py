"""private-data: tokens, keys and passwords are named by kind and line, never echoed."""

from __future__ import annotations

import base64
import json

import pytest
from helpers import issue_two_uses, judge

GITHUB = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
CASES = [
    ("clean", "clip fails", "Nothing secret here.", "pass", []),
    ("github token", "clip fails", f"export GITHUB_TOKEN={GITHUB}", "fail", ["IR601"]),
    ("token in the title", f"fails with {GITHUB}", "body", "fail", ["IR601"]),
    ("openai key", "x", 'client = OpenAI(api_key="sk-proj-' + "a" * 40 + '")', "fail", ["IR601"]),
    ("aws key", "x", "AKIA" + "ABCDEFGHIJKLMNOP", "fail", ["IR601"]),
    ("private key", "x", "-----BEGIN RSA PRIVATE KEY-----\nabc", "fail", ["IR601"]),
    ("hf token", "x", "login(token='hf_" + "a" * 34 + "')", "fail", ["IR601"]),
    ("password assigned", "x", 'db.connect(password="hunter2hunter2")', "fail", ["IR602"]),
    ("short password", "x", "pymysql.connect(user='root', password='123456')", "fail", ["IR602"]),
    ("four-letter pwd", "x", 'login(pwd="abcd")', "fail", ["IR602"]),
    ("three letters", "x", 'login(pwd="abc")', "pass", []),
    ("short token is a name", "x", 'headers(token="abcdef")', "pass", []),
    ("password placeholder", "x", 'db.connect(password="<password>")', "pass", []),
    ("password stars", "x", 'password = "********"', "pass", []),
    ("url with password", "x", "postgres://ana:s3cretpass@db.example.org/x", "fail", ["IR602"]),
    ("email in the title", "ana@example.org: clip fails", "body", "fail", ["IR603"]),
    ("email in the body", "x", "contact ana@example.org", "pass", []),
    ("home directory", "x", 'File "/home/anastasia/x.py", line 3', "pass", ["IR604"]),
    ("runner home", "x", 'File "/home/runner/x.py", line 3', "pass", []),
    ("token too short", "x", "ghp_abc", "pass", []),
    # issue 24, third round: secrets by where they are written, as reports write them
    ("prefixed password key", "x", 'cfg = {"db_password": "hunter22"}', "fail", ["IR602"]),
    (
        "aws credentials file",
        "x",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENGbPxRfi",
        "fail",
        ["IR601"],
    ),
    (".env line", "x", "DB_PASSWORD=hunter22", "fail", ["IR602"]),
    (
        "dsn in a string",
        "x",
        'psycopg2.connect("dbname=t user=ana password=hunter22")',
        "fail",
        ["IR602"],
    ),
    (
        "password by position",
        "x",
        'smtp.login("ana@example.org", "correcthorse")',
        "fail",
        ["IR602"],
    ),
    ("auth tuple", "x", 'requests.get(url, auth=("ana", "s3cret!!"))', "fail", ["IR602"]),
    (
        "connect by position",
        "x",
        'MySQLdb.connect("localhost", "root", "s3cret99", "db")',
        "fail",
        ["IR602"],
    ),
    ("curl user", "x", "curl -u ana:s3cretpass https://api.example.org", "fail", ["IR602"]),
    (
        "bearer header",
        "x",
        'curl -H "Authorization: Bearer abcdef0123456789abcdef"',
        "fail",
        ["IR601"],
    ),
    ("basic header", "x", "Authorization: Basic YW5hOmh1bnRlcjI=", "fail", ["IR601"]),
    (
        "key in a query",
        "x",
        "GET https://api.example.org/v1?api_key=abcd1234efgh5678",
        "fail",
        ["IR601"],
    ),
    ("url without a user", "x", "redis://:s3cretpass@cache:6379/0", "fail", ["IR602"]),
    (
        "jwt",
        "x",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1",
        "fail",
        ["IR601"],
    ),
    ("token split in two", "x", 'tok = "ghp_" + "' + GITHUB[4:] + '"', "fail", ["IR601"]),
    (
        "token in base64",
        "x",
        "tok: " + base64.b64encode(GITHUB.encode()).decode(),
        "fail",
        ["IR601"],
    ),
    # attack 5's F3 leftovers: a token reversed or hex-encoded in a pasted snippet
    ("token reversed", "x", 'login("' + GITHUB[::-1] + '"[::-1])', "fail", ["IR601"]),
    (
        "token in hex",
        "x",
        "login(bytes.fromhex('" + GITHUB.encode().hex() + "'))",
        "fail",
        ["IR601"],
    ),
    ("near miss: a hex digest", "x", "md5 " + "0f1e2d3c4b5a6978" * 2, "pass", []),
    ("password from a variable", "x", "db.connect(password=db_pass)", "pass", []),
    ("password from a call", "x", "db.connect(password=getpass())", "pass", []),
    ("password from config", "x", "password=args.password", "pass", []),
    ("login with names", "x", "client.login(username, password)", "pass", []),
    ("placeholder header", "x", "Authorization: Bearer <your token>", "pass", []),
    ("header from env", "x", 'curl -H "Authorization: Bearer $TOKEN"', "pass", []),
    ("prose password", "x", "The password: incorrect, it says", "pass", []),
    ("sqlite connect", "x", 'sqlite3.connect("data.db")', "pass", []),
    ("a hash is no secret", "x", "sha256: " + "a1" * 32, "pass", []),
]
test_check_function, test_through_the_command = issue_two_uses("private-data", CASES)


def test_the_secret_is_never_echoed_in_any_format(git_repo, run_cli):
    git_repo.write("README.md", "# proj\n")
    git_repo.commit("initial")
    for fmt in ("json", "markdown", "github", "text"):
        code, out, err = run_cli(
            "issue", "--title", "clip fails", "--body", f"token {GITHUB}", "--format", fmt
        )
        assert code == 1, err
        assert GITHUB not in out and GITHUB[4:20] not in out and GITHUB not in err
        assert "GitHub token" in out


def test_no_leaked_token_passes_whatever_the_type():
    """private-data is required by every report type the shipped profiles define."""
    from mergeready.rules.loader import load

    for profile in ("default", "keras", "strict"):
        policy = load(profile=profile)
        for name, rule in policy.issue_types.items():
            assert "private-data" in rule.require, (profile, name)
    result = judge("private-data", "q", json.dumps({"key": GITHUB}))
    assert result.status == "fail"


def test_a_secret_written_in_any_new_form_is_never_echoed(git_repo, run_cli):
    git_repo.write("README.md", "# proj\n")
    git_repo.commit("initial")
    secret = "correcthorse42"
    for body in (
        f'smtp.login("ana", "{secret}")',
        f"DB_PASSWORD={secret}",
        f"Authorization: Bearer {secret}",
    ):
        for fmt in ("json", "markdown", "github", "text"):
            code, out, err = run_cli(
                "issue", "--title", f"login {body}", "--body", body, "--format", fmt
            )
            assert code == 1, err
            assert secret not in out and secret not in err, (body, fmt)


@pytest.mark.parametrize(
    "body",
    [
        # attack 4's 24: the type's evidence quoted the first heading, token and all
        f"### Bug {GITHUB}\n\nclip fails on negative numbers.",
        # a template section left empty is named by its heading in IR101
        f"### Describe the bug\n\n### Token {GITHUB}\n\nx",
    ],
)
def test_a_secret_in_a_heading_is_never_quoted_back(git_repo, run_cli, body):
    git_repo.write("README.md", "# proj\n")
    git_repo.commit("initial")
    for fmt in ("json", "markdown", "github", "text"):
        code, out, err = run_cli("issue", "--title", "clip fails", "--body", body, "--format", fmt)
        assert code == 1, err
        assert GITHUB[4:20] not in out and GITHUB[4:20] not in err, (fmt, out)


@pytest.mark.parametrize(
    "body",
    [
        # attack 4's 01: spellings private-data did not read
        '{"log": "' + "x" * 3000 + '", "auth": "' + GITHUB + '"}',  # past the reader's cut
        f"GET /repos Authorization:%20token%20{GITHUB} HTTP/1.1",  # URL-encoded
        f"GET https://api.example.com/hook?access_token%3D{GITHUB}",
        "database:\n  password: Tr0ub4dor3xyz",  # YAML, unquoted
        "I run: PGPASSWORD=Tr0ub4dor3xyz psql -h db -U app",  # an environment prefix
        "config: token: 9f8e7d6c5b4a39281706aa55bb",
    ],
)
def test_secrets_in_ordinary_spellings_fail_the_report(git_repo, run_cli, body):
    git_repo.write("README.md", "# proj\n")
    git_repo.commit("initial")
    code, out, err = run_cli("issue", "--title", "x", "--body", body, "--format", "json")
    assert code == 1, out
    checks = {c["id"]: c for c in json.loads(out)["checks"]}
    assert checks["private-data"]["status"] == "fail", checks["private-data"]
    assert "Tr0ub4dor3xyz" not in out and GITHUB[4:20] not in out


@pytest.mark.parametrize(
    "body", ["The password: incorrect, it says", "max_tokens: 4096", "see %20 in the URL"]
)
def test_near_misses_of_ordinary_spellings_pass(git_repo, run_cli, body):
    git_repo.write("README.md", "# proj\n")
    git_repo.commit("initial")
    _, out, _ = run_cli("issue", "--title", "x", "--body", body, "--format", "json")
    checks = {c["id"]: c for c in json.loads(out)["checks"]}
    assert checks["private-data"]["status"] == "pass", checks["private-data"]
