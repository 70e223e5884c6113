"""argparse in Dutch, and the other texts Python itself would print to a professional at the
command line.

argparse makes every message a user can meet (``usage:``, ``error: ... invalid choice``, ``the
following arguments are required``, ``show this help message and exit``, the headings) with
gettext: ``_()`` and ``ngettext()`` in its module, looked up at call time. A Dutch catalogue
for those msgids (``assets/locale/nl/LC_MESSAGES/argparse.po``) is bound to them here, for the
command-line process only. Chosen over an ``ArgumentParser`` subclass: the messages are made in
a dozen private methods (``_check_value``, ``_parse_known_args``, ``_match_argument``,
``HelpFormatter._format_usage``, ...) that a subclass would have to copy and keep in step with
every Python; the catalogue keeps argparse's own code and is made with pybabel like ours.
It is not left to the process's locale (``gettext.textdomain``): the command line speaks Dutch
whatever ``LANG`` says, as its own messages do.

The template is taken from the standard library of the Python the project runs on::

    pybabel extract -k ngettext:1,2 --no-location --sort-output --no-wrap \\
        -o assets/locale/argparse.pot "$(python -c 'import argparse; print(argparse.__file__)')"
    pybabel update -i assets/locale/argparse.pot -d assets/locale -D argparse --no-wrap
    pybabel compile -d assets/locale -D argparse

``tests/test_cli_dutch.py`` runs the command line and fails on any English argparse text, so a
Python whose argparse words a message differently is caught.
"""

from __future__ import annotations

import argparse
import gettext

from board.i18n import LOCALE_DIR

ARGPARSE_DOMAIN = "argparse"


def speak_dutch() -> None:
    """Bind the Dutch catalogue to argparse's messages (before a parser is built: the headings
    are made then)."""
    catalogue = gettext.translation(ARGPARSE_DOMAIN, LOCALE_DIR, languages=["nl"], fallback=True)
    argparse._ = catalogue.gettext  # type: ignore[attr-defined]
    argparse.ngettext = catalogue.ngettext  # type: ignore[attr-defined]
