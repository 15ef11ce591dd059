"""Click's own text in Chinese (Usage, Options, its errors …) from our gettext catalogue.

Click ships no translations; it passes every message through ``gettext`` / ``ngettext``, which
each of its modules imports by name. Installing a catalogue through the global gettext domain
would make the language depend on the user's locale (servers run with ``C``) and change the
domain of every library in the process; so the catalogue (``data/click.zh_CN.po``, the format
translators and their tools know) is loaded into a :class:`gettext.NullTranslations` and bound
to those names in Click's modules only: Chinese on every machine, nothing else touched.
``tests/test_cli_i18n.py`` checks the catalogue covers every message of the installed Click.
"""

from __future__ import annotations

import ast
import gettext
import sys
from importlib import resources

CATALOGUE = "data/click.zh_CN.po"


class Catalogue(gettext.NullTranslations):
    """Translations from a ``.po`` file; Chinese has one plural form (``msgstr[0]``)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.messages: dict[str, str] = {}
        self.plurals: dict[tuple[str, str], str] = {}
        for entry in parse_po(text):
            msgid, plural, msgstr = entry
            if not msgid or not msgstr:
                continue  # the header, or an entry not translated yet
            if plural is None:
                self.messages[msgid] = msgstr
            else:
                self.plurals[(msgid, plural)] = msgstr

    def gettext(self, message: str) -> str:
        return self.messages.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        found = self.plurals.get((msgid1, msgid2))
        if found is not None:
            return found
        return msgid1 if n == 1 else msgid2


def parse_po(text: str) -> list[tuple[str, str | None, str]]:
    """``(msgid, msgid_plural or None, msgstr)`` of each entry of a ``.po`` file (comments
    skipped, continued strings joined; ``msgstr[0]`` for plural entries)."""
    entries: list[tuple[str, str | None, str]] = []
    fields: dict[str, str] = {}
    key: str | None = None

    def flush() -> None:
        if "msgid" in fields:
            msgstr = fields.get("msgstr", fields.get("msgstr[0]", ""))
            entries.append((fields["msgid"], fields.get("msgid_plural"), msgstr))
        fields.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith('"'):
            if key is None:
                raise ValueError(f"a string outside an entry: {line}")
            fields[key] += ast.literal_eval(line)
            continue
        name, _, value = line.partition(" ")
        if name == "msgid":
            flush()
        key = name
        fields[name] = ast.literal_eval(value.strip())
    flush()
    return entries


def load() -> Catalogue:
    text = resources.files("jixiao").joinpath(CATALOGUE).read_text("utf-8")
    return Catalogue(text)


def install(catalogue: Catalogue | None = None) -> Catalogue:
    """Bind the catalogue's ``gettext`` / ``ngettext`` in every loaded Click module."""
    # Click imports these two only when it needs them: loaded now, so that they are bound too.
    import click._termui_impl
    import click.shell_completion  # noqa: F401

    catalogue = catalogue or load()
    for name, module in list(sys.modules.items()):
        if name != "click" and not name.startswith("click."):
            continue
        names = vars(module)
        if names.get("_") is gettext.gettext:
            names["_"] = catalogue.gettext
        if names.get("ngettext") is gettext.ngettext:
            names["ngettext"] = catalogue.ngettext
    return catalogue
