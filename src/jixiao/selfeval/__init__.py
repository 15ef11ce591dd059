"""Self-evaluation (项目支出绩效自评): scoring rules as data, the per-indicator formulas, the
budget-execution score, grades, and the audit of published self-evaluation tables.

The core does no I/O: rules are loaded once (:func:`load_selfeval_rules`), then documents go in
and audits come out (:func:`audit_document`).
"""

from .audit import DEPARTURES, Departure, DocumentAudit, ProjectAudit, audit_document
from .config import SelfEvalRules, load_selfeval_rules
from .scoring import SCORING_RULES, Score, Unscored, score_execution, score_indicator

__all__ = [
    "DEPARTURES",
    "SCORING_RULES",
    "Departure",
    "DocumentAudit",
    "ProjectAudit",
    "Score",
    "SelfEvalRules",
    "Unscored",
    "audit_document",
    "load_selfeval_rules",
    "score_execution",
    "score_indicator",
]
