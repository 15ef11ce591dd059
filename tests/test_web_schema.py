"""Schemathesis over the app's own OpenAPI spec, in-process (ASGI): for every operation,
generated requests, valid and invalid, never get a server error, and every response conforms to
the spec (status codes, content types, headers and bodies). Bounded to a few examples per
operation and mode so that the run stays short.

Each operation is one test, driven by Hypothesis from the operation's Schemathesis strategy
(``schemathesis.pytest.from_fixture`` relies on a pytest internal that pytest 9 removed).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from jixiao.settings import Settings
from jixiao.store import Store
from jixiao.web import create_app

from .selfeval import selfeval_document
from .web_helpers import fill

EXAMPLES = 30

# The operations, read from the spec (building the app opens no database: that is the lifespan's).
SPEC = create_app(Settings(db=":memory:")).openapi()
OPERATIONS = [
    f"{method.upper()} {path}" for path, methods in SPEC["paths"].items() for method in methods
]
# Negative data needs a parameter to break.
CASES = [
    pytest.param(label, mode, id=f"{label}-{mode.value}")
    for label in OPERATIONS
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if mode is GenerationMode.POSITIVE
    or SPEC["paths"][label.split(" ", 1)[1]][label.split(" ", 1)[0].lower()].get("parameters")
]


@pytest.fixture(scope="module")
def web_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from schemathesis.python.asgi import shutdown_lifespans

    db = str(tmp_path_factory.mktemp("schema") / "schema.db")
    with Store(db) as store:
        fill(store)
        store.save(
            selfeval_document(), status="published"
        )  # responses with every field of a self-evaluation
    app = create_app(Settings(db=db))
    try:
        yield schemathesis.openapi.from_asgi("/openapi.json", app)
    finally:
        shutdown_lifespans()  # Schemathesis started the app's lifespan: this closes its store


def test_every_operation_is_covered() -> None:
    assert len(OPERATIONS) >= 15
    assert all(op.startswith("GET /api/v1/") for op in OPERATIONS)


@pytest.mark.parametrize(("label", "mode"), CASES)
def test_operation_conforms_to_the_spec(web_schema: Any, label: str, mode: GenerationMode) -> None:
    operation = web_schema.find_operation_by_label(label)

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        if (case.query or {}).get("format") == "pdf":
            # WeasyPrint takes seconds per PDF; the API tests export one. The route is the same.
            case.query["format"] = "csv"
        case.call_and_validate()

    check()
