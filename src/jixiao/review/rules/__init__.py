"""Every review rule, one module per group; importing this package registers them all."""

from . import (
    money,  # noqa: F401
    overlap,  # noqa: F401
)
