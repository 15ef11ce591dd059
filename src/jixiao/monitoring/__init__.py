"""In-year monitoring (运行监控): rules as data (:mod:`.config`) and warning lights
(:mod:`.lights`). Core: no I/O."""

from .config import MonitoringRules, load_monitoring_rules
from .lights import Light, budget_light, indicator_light, project_light, reasons_required

__all__ = [
    "Light",
    "MonitoringRules",
    "budget_light",
    "indicator_light",
    "load_monitoring_rules",
    "project_light",
    "reasons_required",
]
