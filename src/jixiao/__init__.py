"""Jixiao (绩效): project-expenditure performance-target tables as typed, queryable data."""

from .errors import JixiaoError
from .model import Document, Funds, Indicator, Level, Note, Project, Source, Target, Unit

__version__ = "0.1.0"

__all__ = [
    "Document",
    "Funds",
    "Indicator",
    "JixiaoError",
    "Level",
    "Note",
    "Project",
    "Source",
    "Target",
    "Unit",
    "__version__",
]
