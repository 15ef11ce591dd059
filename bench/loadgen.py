"""A load generator for the web app, run in its own process: ``python -m bench.loadgen``.

It never imports jixiao: it only speaks HTTP to a running server, with aiohttp (its C parser
keeps the generator's own CPU use low, which matters when it shares the machine). ``--clients``
virtual users each loop over the request mix (a weighted choice among the named URL lists in
``--plan``, a JSON file ``{"name": {"weight": w, "urls": [...]}}``), waiting a random think
time between requests, as people at browsers do. Every response time is recorded by request
name; the result (p50/p95/p99/max in milliseconds, counts, errors by status) is written as JSON.

``--login USER:PASSWORD --signed-in F`` signs that share of the users in through the login
form (each with its own cookie jar: its session cookie and CSRF token), so their requests go
through the session and permission checks a reviewer's do; the rest stay anonymous.

``--think 0 0`` turns the users into a closed loop with no pause: that measures the server's
saturated throughput instead of the latency a given number of users sees.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import aiohttp


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0..100) by the nearest-rank method; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summarize(samples: dict[str, list[float]], errors: dict[str, Counter[str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in sorted(set(samples) | set(errors)):
        ms = [s * 1000 for s in samples.get(name, [])]
        out[name] = {
            "requests": len(ms) + sum(errors.get(name, Counter()).values()),
            "ok": len(ms),
            "errors": dict(errors.get(name, Counter())),
            "p50_ms": round(percentile(ms, 50), 1),
            "p95_ms": round(percentile(ms, 95), 1),
            "p99_ms": round(percentile(ms, 99), 1),
            "max_ms": round(max(ms), 1) if ms else 0.0,
            "mean_ms": round(statistics.fmean(ms), 1) if ms else 0.0,
        }
    return out


async def _user(
    client: aiohttp.ClientSession,
    plan: dict[str, dict[str, Any]],
    stop_at: float,
    think: tuple[float, float],
    rng: random.Random,
    samples: dict[str, list[float]],
    errors: dict[str, Counter[str]],
) -> None:
    names = list(plan)
    weights = [float(plan[n].get("weight", 1)) for n in names]
    # Users arrive spread over the first think interval, not all in the same millisecond.
    await asyncio.sleep(rng.uniform(0, think[1]))
    while time.monotonic() < stop_at:
        name = rng.choices(names, weights)[0]
        url = rng.choice(plan[name]["urls"])
        start = time.perf_counter()
        try:
            async with client.get(url) as response:
                await response.read()
                elapsed = time.perf_counter() - start
                if response.status >= 400:
                    errors[name][str(response.status)] += 1
                else:
                    samples[name].append(elapsed)
        except (aiohttp.ClientError, TimeoutError) as exc:
            errors[name][type(exc).__name__] += 1
        if think[1] > 0:
            await asyncio.sleep(rng.uniform(*think))


async def sign_in(client: aiohttp.ClientSession, login: str) -> None:
    """The login form as a browser fills it: GET it (CSRF cookie and field), POST it."""
    username, _, password = login.partition(":")
    async with client.get("/login") as response:
        page = await response.text()
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    if found is None:
        raise SystemExit("the login page has no csrf field")
    form = {"username": username, "password": password, "csrf": found.group(1), "next": "/"}
    async with client.post("/login", data=form, allow_redirects=False) as response:
        if response.status != 303 or "/account" in response.headers.get("Location", ""):
            raise SystemExit(f"sign-in failed: HTTP {response.status}")


async def run(
    base_url: str,
    plan: dict[str, dict[str, Any]],
    clients: int,
    duration: float,
    think: tuple[float, float],
    seed: int,
    login: str | None = None,
    signed_in: float = 0.0,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    samples: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, Counter[str]] = defaultdict(Counter)
    connector = aiohttp.TCPConnector(limit=clients)
    timeout = aiohttp.ClientTimeout(total=30.0)
    async with aiohttp.ClientSession(
        base_url=base_url, connector=connector, timeout=timeout, headers=headers
    ) as client:
        rngs = [random.Random(seed + k) for k in range(clients)]
        signed = round(clients * signed_in) if login else 0
        # a signed-in user has a cookie jar of its own over the shared connections
        # (unsafe=True: keep cookies of an address such as 127.0.0.1)
        own = [aiohttp.ClientSession(base_url=base_url, connector=connector,
                                     connector_owner=False, timeout=timeout,
                                     cookie_jar=aiohttp.CookieJar(unsafe=True))
               for _ in range(signed)]  # fmt: skip
        try:
            for session in own:
                await sign_in(session, login or "")
            started = time.monotonic()
            stop_at = started + duration
            clients_of = [*own, *[client] * (clients - signed)]
            await asyncio.gather(
                *(_user(c, plan, stop_at, think, rng, samples, errors)
                  for c, rng in zip(clients_of, rngs, strict=True))
            )  # fmt: skip
        finally:
            for session in own:
                await session.close()
        wall = time.monotonic() - started
    result = summarize(samples, errors)
    total = sum(r["requests"] for r in result.values())
    return {
        "clients": clients,
        "signed_in": signed,
        "duration_s": round(wall, 1),
        "think_s": list(think),
        "requests": total,
        "requests_per_s": round(total / wall, 1) if wall else 0.0,
        "errors": sum(sum(r["errors"].values()) for r in result.values()),
        "by_request": result,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the server's base URL")
    parser.add_argument("--plan", required=True, type=Path, help="the request mix (JSON)")
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds")
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--login", help="USER:PASSWORD of the signed-in users")
    parser.add_argument("--signed-in", type=float, default=0.0, help="share signed in (0..1)")
    parser.add_argument("--header", action="append", default=[], metavar="NAME: VALUE",
                        help="a header every request sends (e.g. an API token)")  # fmt: skip
    parser.add_argument("--out", type=Path, help="write the result here (else stdout)")
    args = parser.parse_args(argv)
    plan = json.loads(args.plan.read_text(encoding="utf-8"))
    result = asyncio.run(
        run(
            args.url,
            plan,
            args.clients,
            args.duration,
            tuple(args.think),
            args.seed,
            args.login,
            args.signed_in,
            dict(h.split(": ", 1) for h in args.header),
        )
    )
    text = json.dumps(result, ensure_ascii=False, indent=1)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
