"""Issue 24, sixth round: each new rule through ``mergeready issue`` and through its check.

An address made only of placeholder words (``name.surname@…``, ``john.doe@…``, ``xxx@…``) or at
a placeholder domain (``yourdomain.com``) is nobody's: a pasted configuration's example value
is not personal data (round 5's held-out part: one false alarm). A real-looking address beside
it still fails. Each table row was seen failing before its rule.
"""

from __future__ import annotations

from helpers import issue_two_uses

AT = "@"
PLACEHOLDERS = [
    # name, title, body, status, codes; rows marked * failed before this round's rule
    ("* name.surname in a config", "x", f"smtp:\n  user: name.surname{AT}gmail.com", "pass", []),
    ("* firstname.lastname", "x", f'EMAIL = "firstname.lastname{AT}gmail.com"', "pass", []),
    ("* john.doe", "x", f"login as john.doe{AT}gmail.com then retry", "pass", []),
    ("* jane_doe", "x", f"sender: jane_doe{AT}outlook.com", "pass", []),
    ("your.email (a placeholder before)", "x", f"to: your.email{AT}gmail.com", "pass", []),
    ("* my-email", "x", f"from: my-email{AT}gmail.com", "pass", []),
    ("* repeated letters", "x", f"account: xxxx{AT}gmail.com", "pass", []),
    ("* test user", "x", f"user: test.user{AT}gmail.com", "pass", []),
    ("* placeholder domain", "x", f"admin: ana{AT}yourdomain.com", "pass", []),
    ("* company domain", "x", f"bo{AT}yourcompany.org sends it", "pass", []),
    # near misses: a person's name, a name beside a placeholder word, a real domain
    ("a person's name", "x", f"user: ana.lima{AT}gmail.com", "fail", ["IR605"]),
    ("a name and a placeholder word", "x", f"user: ana.test{AT}gmail.com", "fail", ["IR605"]),
    ("a name with digits", "x", f"user: john.doe1987{AT}gmail.com", "fail", ["IR605"]),
    ("letters not all the same", "x", f"account: xxyx{AT}gmail.com", "fail", ["IR605"]),
    ("a real-looking domain", "x", f"admin: ana{AT}lima-domain.com", "fail", ["IR605"]),
    (
        "a placeholder and a person",
        "x",
        f"cc john.doe{AT}gmail.com, ana.lima{AT}gmail.com",
        "fail",
        ["IR605"],
    ),
]
test_placeholders_function, test_placeholders_command = issue_two_uses("private-data", PLACEHOLDERS)
