"""Every review rule, one module per group; importing this package registers them all."""

from . import (
    completeness,  # noqa: F401
    consistency,  # noqa: F401
    framework,  # noqa: F401
    hygiene,  # noqa: F401
    measurability,  # noqa: F401
    money,  # noqa: F401
    overlap,  # noqa: F401
)
