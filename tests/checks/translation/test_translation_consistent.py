"""translation-consistent: gettext entries and translated pages, judged where the diff touches."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from helpers import codes, run_check, statuses, story
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mergeready.checks.translation.translation_consistent import Options

SCHEMA = json.loads((Path(__file__).parents[2] / "report.schema.json").read_text())
DJANGO = "shop/locale/fr/LC_MESSAGES/django.po"
SPHINX = "sphinx/locale/de/LC_MESSAGES/sphinx.po"
BABEL = "app/translations/pt_BR/LC_MESSAGES/messages.po"
LAYOUTS = [DJANGO, SPHINX, BABEL]

HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
)
LEGACY = (
    '#, python-format\nmsgid "Legacy %(name)s"\nmsgstr "Ancien"\n\n'  # broken, untouched
    'msgid "Keep"\nmsgstr "Garder"\n\n'
)


def po(*entries: str, header: str = HEADER) -> str:
    return header + LEGACY + "\n".join(entries)


def e(msgid: str, msgstr: str, flags: str = "") -> str:
    return (f"#, {flags}\n" if flags else "") + f'msgid "{msgid}"\nmsgstr "{msgstr}"\n'


def plural(singular: str, many: str, *forms: str, flags: str = "python-format") -> str:
    text = f'#, {flags}\nmsgid "{singular}"\nmsgid_plural "{many}"\n'
    return text + "".join(f'msgstr[{i}] "{f}"\n' for i, f in enumerate(forms))


BASE_ENTRY = e("Welcome to %(site_domain)s", "Bienvenue sur %(site_domain)s", "python-format")

# (name, base entries, head entries, status, codes)
CASES = [
    (
        "named placeholder dropped",
        [BASE_ENTRY],
        [e("Welcome to %(site_domain)s", "Bienvenue", "python-format")],
        "fail",
        ["MR501"],
    ),
    ("placeholder added", [], [e("Hello", "Bonjour %s")], "fail", ["MR502"]),
    # attack 4's 43: a no-*-format flag the contribution writes hides no named field
    (
        "flag flipped to no-python-format over an added named field",
        [e("Hello", "Bonjour", "python-format")],
        [e("Hello", "Bonjour %(password)s", "no-python-format")],
        "fail",
        ["MR502"],
    ),
    (
        "new entry flagged no-python-brace-format with an attribute walk",
        [],
        [e("Hi {user}", "Salut {user} {user.__init__}", "no-python-brace-format")],
        "fail",
        ["MR502"],
    ),
    (
        "a no-python-format flag the base had is the project's",
        [e("Hello", "Bonjour", "no-python-format")],
        [e("Hello", "Bonjour %(password)s", "no-python-format")],
        "pass",
        [],
    ),
    (
        "a new flag still excuses a percent sign",
        [],
        [e("100% done", "100% fait", "no-python-format")],
        "pass",
        [],
    ),
    ("unflagged entry still checked", [], [e("Hi %(name)s", "Salut")], "fail", ["MR501"]),
    (
        "positional reordered is fine",
        [],
        [e("%1$s of %2$s", "%2$s de %1$s", "c-format")],
        "pass",
        [],
    ),
    (
        "numbering unnumbered ones is fine",
        [],
        [e("%s of %d", "%2$d de %1$s", "c-format")],
        "pass",
        [],
    ),
    ("unnumbered reordered", [], [e("%s of %d", "%d de %s", "c-format")], "fail", ["MR503"]),
    (
        "brace field dropped",
        [],
        [e("Hi {name}", "Salut {nom}", "python-brace-format")],
        "fail",
        ["MR501", "MR502"],
    ),
    ("brace escapes and format specs", [], [e("{{ {0:.2f} {1!r}", "{1} }} {0}")], "pass", []),
    ("auto-numbered brace fields", [], [e("{} of {}", "{} sur {}")], "pass", []),
    (
        "double-brace template placeholder",
        [],
        [e("Hi {{ user.name }}", "Salut {{user}}")],
        "fail",
        ["MR501", "MR502"],
    ),
    ("html tag dropped", [], [e("<b>Bold</b> move", "Gras</b> coup")], "fail", ["MR501"]),
    ("percent literal is no placeholder", [], [e("100%% sure", "sûr à 100 %%")], "pass", []),
    (
        "no-python-format switches printf off",
        [],
        [e("50% off", "moins 50", "no-python-format")],
        "pass",
        [],
    ),
    (
        "plural singular drops the count: warning",
        [],
        [plural("%(count)d file", "%(count)d files", "un fichier", "%(count)d fichiers")],
        "pass",
        ["MR504"],
    ),
    (
        "plural last form drops the count: error",
        [],
        [plural("%(count)d file", "%(count)d files", "%(count)d fichier", "fichiers")],
        "fail",
        ["MR501"],
    ),
    (
        "plural form with the plural's placeholder",
        [],
        [plural("One file", "%(count)d files", "%(count)d fichier", "%(count)d fichiers")],
        "pass",
        [],
    ),
    (
        "plural count against nplurals",
        [],
        [plural("%d file", "%d files", "%d fichier", "%d fichiers", "%d fichiers!")],
        "fail",
        ["MR505"],
    ),
    (
        "fuzzy edited translation",
        [BASE_ENTRY],
        [e("Welcome to %(site_domain)s", "Salut sur %(site_domain)s", "fuzzy, python-format")],
        "fail",
        ["MR506"],
    ),
    (
        "fuzzy carried over by msgmerge",
        [BASE_ENTRY],
        [
            BASE_ENTRY,
            e(
                "Welcome back to %(site_domain)s",
                "Bienvenue sur %(site_domain)s",
                "fuzzy, python-format",
            ),
        ],
        "pass",
        [],
    ),
    ("empty msgstr", [], [e("Save", "")], "pass", ["MR507"]),
    ("msgid ends with newline, msgstr not", [], [e("Done\\n", "Fini")], "fail", ["MR508"]),
    ("stray leading token", [], [e("Save", "0 Enregistrer")], "pass", ["MR509"]),
    ("trailing space lost", [], [e("Name: ", "Nom :")], "pass", ["MR509"]),
    ("leading space lost", [], [e(" Save", "Enregistrer")], "pass", ["MR509"]),
    ("msgid led by a number keeps a number", [], [e("3 files", "4 fichiers")], "pass", []),
    ("blank line lost", [], [e("One\\n\\nTwo", "Un\\nDeux")], "pass", ["MR509"]),
    (
        "msgid changed, msgstr not",
        [e("Log in", "Se connecter")],
        [e("Sign in", "Se connecter")],
        "pass",
        ["MR510"],
    ),
    (
        "msgid and msgstr changed",
        [e("Log in", "Se connecter")],
        [e("Sign in", "S'identifier")],
        "pass",
        [],
    ),
    (
        "references and wrapping only",
        [e("Keep it", "Gardez-le")],
        ['#: views.py:99\nmsgid ""\n"Keep it"\nmsgstr ""\n"Gardez-le"\n'],
        "pass",
        [],
    ),
    ("obsolete entries ignored", [], ['#~ msgid "Gone %s"\n#~ msgstr "Parti"\n'], "pass", []),
    ("duplicate definition", [], [e("Keep", "Conserver")], "fail", ["MR512"]),
    (
        "escaped quotes and multi-line strings",
        [],
        [
            'msgid ""\n"Say \\"%(word)s\\"\\n"\n"twice"\n'
            'msgstr ""\n"Dites \\"%(terme)s\\"\\n"\n"deux"\n'
        ],
        "fail",
        ["MR501", "MR502"],
    ),
]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("name, base, head, status, expected", CASES, ids=[c[0] for c in CASES])
def test_entry_rules_in_each_layout(git_repo, layout, name, base, head, status, expected):
    story(git_repo, {layout: po(*base)}, {layout: po(*head)}, message="Update translation")
    result = run_check(git_repo, "translation-consistent", contribution_types=("translation",))
    assert (result.status, [f.code for f in result.findings]) == (status, expected), result


@pytest.mark.parametrize("name, base, head, status, expected", CASES, ids=[c[0] for c in CASES])
def test_through_the_command(git_repo, run_json, name, base, head, status, expected):
    story(git_repo, {DJANGO: po(*base)}, {DJANGO: po(*head)}, message="Update translation")
    code, report = run_json("--title", "Update French translation")
    jsonschema.validate(report, SCHEMA)
    assert statuses(report)["translation-consistent"] == status
    assert "spelling-clean" not in statuses(report)  # translations are not spell-checked
    assert codes(report) == expected
    assert code == (1 if status == "fail" else 0)


def test_finding_is_at_the_msgstr_line_with_the_hint(git_repo):
    story(
        git_repo,
        {DJANGO: po(BASE_ENTRY)},
        {DJANGO: po(e("Welcome to %(site_domain)s", "Bienvenue", "python-format"))},
    )
    (finding,) = run_check(git_repo, "translation-consistent").findings
    lines = po(BASE_ENTRY).split("\n")
    assert lines[finding.line - 1].startswith("msgstr ")
    assert finding.hint == "put %(site_domain)s back in the msgstr"
    assert finding.message == "the msgstr lacks the placeholder %(site_domain)s"


def test_plural_form_line_and_fuzzy_hint(git_repo):
    head = po(plural("%d file", "%d files", "%d fichier", "fichiers", flags="fuzzy, c-format"))
    story(git_repo, {DJANGO: po()}, {DJANGO: head})
    found = run_check(git_repo, "translation-consistent").findings
    assert [f.code for f in found] == ["MR506", "MR501"]
    lines = head.split("\n")
    assert lines[found[0].line - 1] == "#, fuzzy, c-format"
    assert lines[found[1].line - 1] == 'msgstr[1] "fichiers"'
    assert found[0].hint == 'remove "#, fuzzy" after reviewing the entry'


def test_fuzzy_as_warning_by_option(git_repo):
    story(git_repo, {DJANGO: po()}, {DJANGO: po(e("Bye", "Au revoir", "fuzzy"))})
    result = run_check(git_repo, "translation-consistent", Options(fuzzy="warning"))
    assert result.status == "pass" and [f.severity for f in result.findings] == ["warning"]


def test_syntax_error_is_one_finding_with_its_line(git_repo, run_json):
    broken = po(e("Fine", "Bien")) + 'msgid "Unclosed\nmsgstr "x"\n'
    story(git_repo, {DJANGO: po()}, {DJANGO: broken})
    code, report = run_json()
    (finding,) = report["checks"][0]["findings"]
    assert (code, finding["code"], finding["line"]) == (1, "MR511", broken.count("\n") - 1)


def test_polib_syntax_error_keeps_the_line(git_repo):
    broken = po(e("Fine", "Bien")) + "nonsense here\n"
    story(git_repo, {SPHINX: po()}, {SPHINX: broken})
    (finding,) = run_check(git_repo, "translation-consistent").findings
    assert (finding.code, finding.line) == ("MR511", broken.count("\n"))


def test_untouched_problems_are_never_reported(git_repo):
    base = po(e("Count %d", "Compte"), e("<b>x</b>", "x"), e("Empty", ""))
    head = base.replace('"Content-Type', '"Last-Translator: Ada\\n"\n"Content-Type')
    story(git_repo, {BABEL: base}, {BABEL: head + e("New", "Nouveau")})
    result = run_check(git_repo, "translation-consistent")
    assert (result.status, result.findings) == ("pass", ())
    assert result.summary == "1 changed entry in 1 catalogue consistent"


def test_header_only_change_is_not_a_finding(git_repo):
    base = po(e("A", "B"))
    story(git_repo, {DJANGO: base}, {DJANGO: base.replace("nplurals=2", "nplurals=2 ")})
    result = run_check(git_repo, "translation-consistent")
    assert (result.status, result.findings) == ("pass", ())


def test_bom_and_crlf_keep_git_line_numbers(git_repo):
    head = po(e("Hi %s", "Salut")).replace("\n", "\r\n")
    story(git_repo, {DJANGO: po()}, {DJANGO: b"\xef\xbb\xbf" + head.encode()})
    (finding,) = run_check(git_repo, "translation-consistent").findings
    assert finding.code == "MR501"
    assert head.split("\r\n")[finding.line - 1] == 'msgstr "Salut"'


def test_line_separator_inside_a_string_keeps_line_numbers(git_repo):
    head = po(e("A\u2028B", "A\u2028B"), e("Hi %s", "Salut"))
    story(git_repo, {DJANGO: po()}, {DJANGO: head})
    (finding,) = run_check(git_repo, "translation-consistent").findings
    assert head.split("\n")[finding.line - 1] == 'msgstr "Salut"'


def test_charset_from_the_header(git_repo):
    latin = po(e("Noël %s", "Noël"), header=HEADER.replace("UTF-8", "ISO-8859-1"))
    story(git_repo, {DJANGO: po()}, {DJANGO: latin.encode("latin-1")})
    (finding,) = run_check(git_repo, "translation-consistent").findings
    assert finding.message == "the msgstr lacks the placeholder %s"


def test_template_is_checked_for_syntax_only(git_repo):
    pot = "app/locale/django.pot"
    story(git_repo, {pot: po()}, {pot: po(e("New %s", ""), e("Other", ""))})
    result = run_check(git_repo, "translation-consistent")
    assert (result.status, result.findings) == ("pass", ())


def test_source_language_catalogue_with_no_translation_is_a_template(git_repo):
    en = "shop/locale/en/LC_MESSAGES/django.po"
    story(git_repo, {en: HEADER + e("Old", "")}, {en: HEADER + e("Old", "") + e("New %s", "")})
    result = run_check(git_repo, "translation-consistent")
    assert (result.status, result.findings) == ("pass", ())


def test_many_empty_entries_are_summarised(git_repo):
    story(git_repo, {DJANGO: po()}, {DJANGO: po(*(e(f"Word {i}", "") for i in range(14)))})
    found = run_check(git_repo, "translation-consistent").findings
    assert [f.code for f in found] == ["MR507"] * 4
    assert found[-1].message == "and 11 more untranslated entries"


def test_content_that_names_a_file_is_not_read_from_disk(git_repo):
    git_repo.write("secret.po", po(e("Hi %s", "Salut")))
    story(git_repo, {DJANGO: po()}, {DJANGO: "secret.po"})
    (finding,) = run_check(git_repo, "translation-consistent").findings
    assert finding.code == "MR511"


def test_compiled_catalogue_added_without_precedent(git_repo):
    mo = DJANGO[:-3] + ".mo"
    story(git_repo, {DJANGO: po()}, {mo: "\xde\x12\x04\x95 compiled"})
    (finding,) = run_check(git_repo, "translation-consistent").findings
    assert (finding.code, finding.path, finding.severity) == ("MR513", mo, "warning")


def test_compiled_catalogue_when_the_project_tracks_them(git_repo):
    story(
        git_repo,
        {DJANGO[:-3] + ".mo": "old", DJANGO: po()},
        {"shop/locale/de/LC_MESSAGES/django.mo": "new"},
    )
    result = run_check(git_repo, "translation-consistent")
    assert result.findings == ()


def test_skipped_when_no_translation_changed_and_polib_not_imported(git_repo):
    # nor the catalogue reader, its rules and the page comparison: every run loads this
    # module's Options, only a changed catalogue or page needs them (#26)
    story(git_repo, {"README.md": "# x\n"}, {"README.md": "# y\n"})
    helpers = [
        f"mergeready.checks.translation.{name}"
        for name in ("catalogue", "gettext_rules", "placeholders", "translated_docs")
    ]
    code = (
        "import sys; from mergeready.checks.contribution import Contribution;"
        "from mergeready.checks.translation.translation_consistent import check, Options;"
        "c = Contribution.from_git('.', base='main');"
        "r = check(c, Options()); print(r.status, 'polib' in sys.modules,"
        f" [m for m in {helpers!r} if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=git_repo.path, capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["skip", "False", "[]"]


def test_staged_catalogue_is_compared_with_head(git_repo, run_json):
    story(git_repo, {DJANGO: po(BASE_ENTRY)}, {})
    git_repo.write(DJANGO, po(e("Welcome to %(site_domain)s", "Salut", "python-format")))
    git_repo.git("add", DJANGO)
    code, report = run_json("--staged")
    assert codes(report) == ["MR501"]


MAPPING = Options(translated_docs={"docs/{lang}/**": "docs/en/**"})
SOURCE_PAGE = """---
title: Install
---
# Install

Run this, then read [the guide](../guide/index.md) or [Python](https://docs.python.org/3/).

```sh
pip install shop
```

![logo](/en/img/logo.png)

## Configure

    SHOP_NAME = "x"

- a list item

    continued text in the list, not code
"""
FRENCH_PAGE = """---
title: Installer
---
# Installer

Lancez ceci, puis lisez [Python](https://docs.python.org/fr/3/) ou [le guide](../guide/index.md).

```sh
pip install shop
```

![logo](/fr/img/logo.png)

## Configurer

    SHOP_NAME = "x"

- un élément

    texte continué dans la liste, pas du code
"""


def _pages(git_repo, french, source=SOURCE_PAGE, mapping=MAPPING, source_path="docs/en/install.md"):
    story(
        git_repo,
        {source_path: source, "docs/fr/install.md": FRENCH_PAGE},
        {"docs/fr/install.md": french},
    )
    return run_check(git_repo, "translation-consistent", mapping)


def test_translated_page_that_keeps_its_source_passes(git_repo):
    result = _pages(git_repo, FRENCH_PAGE + "\nUne phrase de plus.\n")
    assert (result.status, result.findings) == ("pass", ()), result
    assert result.summary == "1 translated page consistent"


def test_translated_page_with_a_changed_code_block_fails(git_repo):
    result = _pages(git_repo, FRENCH_PAGE.replace("pip install shop", "pip installer shop"))
    (finding,) = result.findings
    assert (result.status, finding.code, finding.line) == ("fail", "MR520", 9)
    assert "'pip install shop' became 'pip installer shop'" in finding.message


def test_translated_page_with_a_changed_indented_block_fails(git_repo):
    result = _pages(git_repo, FRENCH_PAGE.replace('SHOP_NAME = "x"', 'NOM = "x"'))
    assert [(f.code, f.line) for f in result.findings] == [("MR520", 16)]


def test_translated_page_with_a_missing_code_block_fails(git_repo):
    result = _pages(git_repo, FRENCH_PAGE.replace("```sh\npip install shop\n```\n", ""))
    assert [f.code for f in result.findings] == ["MR521"]


def test_translated_page_with_a_changed_link_fails(git_repo):
    result = _pages(git_repo, FRENCH_PAGE.replace("../guide/index.md", "../guide/intro.md"))
    assert result.status == "fail"
    assert [(f.code, f.line) for f in result.findings] == [("MR522", 6), ("MR522", 6)]


def test_a_link_added_once_more_is_one_finding_at_its_first_use(git_repo):
    result = _pages(git_repo, FRENCH_PAGE + "\nVoir aussi [le guide](../guide/index.md).\n")
    assert [(f.code, f.line) for f in result.findings] == [("MR522", 6)]


def test_headings_per_level(git_repo):
    result = _pages(git_repo, FRENCH_PAGE.replace("## Configurer", "### Configurer"))
    assert [f.code for f in result.findings] == ["MR523", "MR523"]


def test_translated_page_without_source_is_a_warning(git_repo):
    story(git_repo, {"docs/en/a.md": "# A\n"}, {"docs/fr/b.md": "# B\n"})
    (finding,) = run_check(git_repo, "translation-consistent", MAPPING).findings
    assert (finding.code, finding.severity, finding.path) == ("MR524", "warning", "docs/fr/b.md")


def test_source_page_itself_is_not_a_translation(git_repo):
    story(git_repo, {"docs/en/a.md": "# A\n"}, {"docs/en/a.md": "# A\n\n```\nx\n```\n"})
    result = run_check(git_repo, "translation-consistent", MAPPING)
    assert result.status == "skip"


def test_translated_rst_page(git_repo):
    source = (
        "Install\n=======\n\nSee :doc:`the guide <guide>` and `Python <https://python.org>`_.\n\n"
        ".. code-block:: python\n   :linenos:\n\n   import shop\n\nRun::\n\n    shop run\n\n"
        "Usage\n-----\n\n.. image:: logo.png\n"
    )
    french = (
        "Installer\n=========\n\n"
        "Voir `Python <https://python.org>`_ et :doc:`le guide <guide>`.\n\n"
        ".. code-block:: python\n   :linenos:\n\n   import shop\n\nLancez ::\n\n    shop run\n\n"
        "Utilisation\n-----------\n\n.. image:: logo.png\n"
    )
    mapping = Options(translated_docs={"doc/{lang}/**": "doc/en/**"})
    story(git_repo, {"doc/en/i.rst": source}, {"doc/fr/i.rst": french})
    result = run_check(git_repo, "translation-consistent", mapping)
    assert (result.status, result.findings) == ("pass", ()), result
    story_french = french.replace("shop run", "shop lancer").replace("logo.png", "logo-fr.png")
    git_repo.write("doc/fr/i.rst", story_french)
    git_repo.commit("change")
    found = run_check(git_repo, "translation-consistent", mapping).findings
    assert [f.code for f in found] == ["MR520", "MR522", "MR522"]


def test_translated_pages_through_the_command(git_repo, run_json):
    config = (
        "checks:\n  translation-consistent:\n"
        '    translated-docs: {"docs/{lang}/**": "docs/en/**"}\n'
    )
    story(
        git_repo,
        {".mergeready.yaml": config, "docs/en/install.md": SOURCE_PAGE},
        {
            "docs/fr/install.md": FRENCH_PAGE.replace("../guide/index.md", "../guide/x.md")
            + "\nUne faute : recieve.\n"
        },
    )
    code, report = run_json("--title", "Traduction française")
    assert report["types"][0]["type"] == "translation"
    assert statuses(report)["translation-consistent"] == "fail"
    assert "spelling-clean" not in statuses(report)  # not spell-checked
    assert code == 1


def test_mapping_without_lang_is_a_clear_error(git_repo, run_cli):
    config = 'checks:\n  translation-consistent:\n    translated-docs: {"docs/fr/**": "docs/**"}\n'
    story(git_repo, {".mergeready.yaml": config, "docs/a.md": "x\n"}, {"docs/fr/a.md": "y\n"})
    code, out, err = run_cli("check", "--only", "translation-consistent", "--title", "i18n: fr")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "{lang}" in err


def test_mapping_must_be_strings(git_repo, run_cli):
    config = "checks:\n  translation-consistent:\n    translated-docs: {docs/x: [a]}\n"
    story(git_repo, {".mergeready.yaml": config}, {"a.po": po()})
    code, out, err = run_cli("check")
    assert code == 2 and "a mapping of strings to strings" in err


def test_spelling_skips_mapped_pages_when_docs_also_change(git_repo, run_json):
    config = (
        "checks:\n  translation-consistent:\n"
        '    translated-docs: {"docs/{lang}/**": "docs/en/**"}\n'
    )
    story(
        git_repo,
        {".mergeready.yaml": config, "docs/en/install.md": SOURCE_PAGE},
        {
            "docs/en/install.md": SOURCE_PAGE + "\nOne more line.\n",
            "docs/fr/install.md": FRENCH_PAGE + "\nUne ligne : recieve.\n",
        },
    )
    code, report = run_json("--title", "Docs: install page in French")
    found = statuses(report)
    assert (found["spelling-clean"], found["translation-consistent"]) == ("pass", "pass")


def test_renamed_catalogue_is_compared_with_its_old_path(git_repo):
    old, new = "app/locale/pt/LC_MESSAGES/django.po", "app/locale/pt_PT/LC_MESSAGES/django.po"
    story(git_repo, {old: po(e("A", "B"))}, {old: None, new: po(e("A", "B"), e("C %s", "D"))})
    result = run_check(git_repo, "translation-consistent")
    assert [(f.code, f.path) for f in result.findings] == [("MR501", new)]


def test_catalogue_too_large_to_read_is_a_warning(git_repo):
    story(git_repo, {DJANGO: po()}, {DJANGO: po(e("Hi %s", "Salut"))})
    result = run_check(git_repo, "translation-consistent", max_file_size=100)
    (finding,) = result.findings
    assert (result.status, finding.code, finding.severity) == ("pass", "MR514", "warning")


def test_unreadable_base_counts_every_entry_as_new(git_repo):
    story(git_repo, {DJANGO: "not a catalogue\n"}, {DJANGO: po(e("Hi %s", "Salut"))})
    result = run_check(git_repo, "translation-consistent")
    assert [f.code for f in result.findings] == ["MR501", "MR501"]  # Legacy too: it is new


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet='msgidtr_[]0123 "\\\n#~,|:fuzzy%(){}<>/ab\u2028\r', max_size=300))
def test_any_text_parses_or_fails_with_a_line(text):
    from mergeready.checks.translation import catalogue

    try:
        parsed = catalogue.parse(text)
    except catalogue.ParseError as exc:
        assert exc.line is None or 1 <= exc.line <= text.count("\n") + 1
    else:
        for t in catalogue.touched(parsed, None):
            assert 1 <= t.entry.msgstr_lines[0] <= text.count("\n") + 1


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="`~ #=-:.<>[]()!*_/\\\n\tabc12\u2028", max_size=300), st.booleans())
def test_any_page_is_read_without_error(text, rst):
    from mergeready.checks.translation.page_structure import read_page

    page = read_page(text, rst)
    assert all(1 <= line <= page.last_line + 1 for line, _ in (*page.code, *page.links))


def test_source_pages_stay_docs_and_are_spell_checked(git_repo, run_json):
    config = (
        "checks:\n  translation-consistent:\n"
        '    translated-docs: {"docs/{lang}/**": "docs/en/**"}\n'
    )
    story(
        git_repo,
        {".mergeready.yaml": config, "docs/en/install.md": SOURCE_PAGE},
        {"docs/en/install.md": SOURCE_PAGE + "\nWe recieve it.\n", "docs/fr/logo.svg": "<svg/>"},
    )
    code, report = run_json("--title", "Docs: install page")
    assert "translation" not in [t["type"] for t in report["types"]]
    assert statuses(report)["spelling-clean"] == "fail"
    assert "translation-consistent" not in statuses(report)
    spelling = next(c for c in report["checks"] if c["id"] == "spelling-clean")
    assert [f["code"] for f in spelling["findings"]] == ["MR401"]


def test_english_urls_and_url_link_text_are_not_link_changes(git_repo):
    # Found on fastapi's translated docs: an external ".../en/latest/" URL kept as it is, and a
    # link whose text is a URL while its target is re-rooted to the page's language.
    source = (
        "# A\n\nSee [the spec](https://asgi.readthedocs.io/en/latest/specs.html) and\n"
        "[https://example.org](https://example.org).\n"
    )
    russian = (
        "# А\n\nСм. [спецификацию](https://asgi.readthedocs.io/en/latest/specs.html) и\n"
        "[https://example.org](https://example.org/ru).\n"
    )
    mapping = Options(translated_docs={"docs/{lang}/docs/**": "docs/en/docs/**"})
    story(git_repo, {"docs/en/docs/a.md": source}, {"docs/ru/docs/a.md": russian})
    result = run_check(git_repo, "translation-consistent", mapping)
    assert (result.status, result.findings) == ("pass", ()), result


def test_translated_code_comments_by_option(git_repo):
    source = "# A\n\n```python\nx = 1  # the answer\n# next\ny = 'a#b'\n```\n"
    french = "# A\n\n```python\nx = 1  # la réponse\n# suite\ny = 'a#b'\n```\n"
    story(git_repo, {"docs/en/a.md": source}, {"docs/fr/a.md": french})
    strict = run_check(git_repo, "translation-consistent", MAPPING)
    assert [f.code for f in strict.findings] == ["MR520"]
    lenient = Options(translated_docs=MAPPING.translated_docs, translated_comments=True)
    assert run_check(git_repo, "translation-consistent", lenient).findings == ()
    git_repo.write("docs/fr/a.md", french.replace("x = 1", "x = 2"))
    git_repo.commit("code changed")
    (finding,) = run_check(git_repo, "translation-consistent", lenient).findings
    assert finding.code == "MR520"


def test_unknown_fuzzy_severity_is_a_clear_error(git_repo, run_cli):
    config = "checks:\n  translation-consistent:\n    fuzzy: warn\n"
    story(git_repo, {".mergeready.yaml": config}, {"a.po": po()})
    code, out, err = run_cli("check")
    assert code == 2 and "'warn'" in err and "warning" in err


def test_reordering_hint_fits_the_format(git_repo):
    # Found on sphinx's zh_CN catalogue: Python's % formatting has no %1$s to reorder with.
    story(
        git_repo,
        {DJANGO: po()},
        {DJANGO: po(e("%s is %r", "%r est %s", "python-format"), e("{} of {}", "{} sur {}"))},
    )
    head = po(e("%s is %r", "%r est %s", "python-format"), e("%s of %d", "%d sur %s", "c-format"))
    git_repo.write(DJANGO, head)
    git_repo.commit("c-format too")
    hints = [f.hint for f in run_check(git_repo, "translation-consistent").findings]
    assert hints == [
        "keep the msgid's order: Python's % formatting cannot number placeholders",
        "number them to reorder (%1$s, %2$d), or keep the msgid's order",
    ]


@pytest.mark.parametrize(
    "nplurals, forms, expected",
    [
        (1, ["%(count)d 個"], []),
        (1, ["ファイル"], ["MR501"]),  # one form for every number: the count must stay
        (3, ["%d файл", "%d файла", "%d файлов"], []),
        (3, ["один файл", "%d файла", "%d файлов"], ["MR504"]),
        (3, ["%d файл", "%d файла", "файлов"], ["MR501"]),
    ],
)
def test_plural_forms_by_language(git_repo, nplurals, forms, expected):
    header = HEADER.replace("nplurals=2; plural=(n > 1)", f"nplurals={nplurals}; plural=0")
    count = "%(count)d" if forms[0].startswith("%(") or nplurals == 1 else "%d"
    entry = plural(f"{count} file", f"{count} files", *forms)
    story(git_repo, {DJANGO: po(header=header)}, {DJANGO: po(entry, header=header)})
    result = run_check(git_repo, "translation-consistent")
    assert [f.code for f in result.findings] == expected


def test_msgstr_that_starts_with_a_newline_the_msgid_lacks(git_repo):
    story(git_repo, {SPHINX: po()}, {SPHINX: po(e("Done", "\\nFertig"))})
    (finding,) = run_check(git_repo, "translation-consistent").findings
    assert (finding.code, finding.severity) == ("MR508", "error")
    assert "begin with a newline" in finding.message
