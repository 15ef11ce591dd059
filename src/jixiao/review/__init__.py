"""Review (绩效目标审核): rules that find what a finance reviewer would send back, and scores.

``review(document, ruleset) -> list[Finding]``; :func:`load_ruleset` reads a bureau's TOML
over the bundled defaults. See docs/rules.md for every rule and the scoring formula.
"""

from . import rules as _rules  # noqa: F401  (registers every rule)
from .base import DIMENSIONS, RULES, Finding, Hit, ProjectScope, rule
from .engine import review, review_documents
from .ruleset import Ruleset, load_ruleset

__all__ = [
    "DIMENSIONS",
    "RULES",
    "Finding",
    "Hit",
    "ProjectScope",
    "Ruleset",
    "load_ruleset",
    "review",
    "review_documents",
    "rule",
]
