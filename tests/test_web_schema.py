"""Schemathesis over the app's own OpenAPI spec, in-process (ASGI): for every operation,
generated requests, valid and invalid, never get a server error, and every response conforms to
the spec (status codes, content types, headers and bodies), signed in with an API token of
a 财政审核 account (every document readable, the draft included). Bounded to a few examples per
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
from schemathesis.specs.openapi.checks import positive_data_acceptance

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
def web_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    """The schema over a database with published documents and a draft, and the API token
    of a 财政审核 account (who reads the draft too): every request is authenticated."""
    from schemathesis.python.asgi import shutdown_lifespans

    from jixiao.services import accounts, credentials
    from jixiao.services.actor import cli_actor
    from jixiao.services.policy import load_policy

    from .auth_helpers import draft_document

    db = str(tmp_path_factory.mktemp("schema") / "schema.db")
    policy = load_policy()
    with Store(db) as store:
        fill(store)
        # responses with every field of a self-evaluation
        store.save(selfeval_document(), status="published")
        store.save(draft_document())
        new = accounts.NewUser("api", "接口", "Schema#Test1", ["finance_reviewer"], "财政",
                               must_change=False)  # fmt: skip
        accounts.create_user(store, policy, cli_actor(), (), new)
        signed = accounts.sign_in(store, policy, "api", "Schema#Test1", "test")
        token = credentials.create_token(store, policy, signed.principal, "schemathesis").secret
    app = create_app(Settings(db=db))
    try:
        yield schemathesis.openapi.from_asgi("/openapi.json", app), token
    finally:
        shutdown_lifespans()  # Schemathesis started the app's lifespan: this closes its store


def test_every_operation_is_covered() -> None:
    assert len(OPERATIONS) >= 15
    assert all(op.startswith(("GET /api/v1/", "POST /api/v1/")) for op in OPERATIONS)


@pytest.mark.parametrize(("label", "mode"), CASES)
def test_operation_conforms_to_the_spec(
    web_schema: tuple[Any, str], label: str, mode: GenerationMode
) -> None:
    schema, token = web_schema
    operation = schema.find_operation_by_label(label)

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
            if label.endswith("/opinion"):
                case.query["format"] = "html"
            else:
                case.query["format"] = "html" if "/reports/" in label else "csv"
        # A write may refuse a request of the right shape for a business reason (no published
        # table of that year, a report already sent on): 400 with the reason, not a schema fault.
        excluded = [positive_data_acceptance] if label.startswith("POST ") else []
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"},
                               excluded_checks=excluded)  # fmt: skip

    check()
