"""Write ``SOURCES.md``: every fixture here with its address, province, kind, year and the shape
its text took, from the ``source``, ``province``, ``kind``, ``shape`` and ``notes`` fields of the
expected files. Run ``python tests/data/realworld/make_sources.py`` after adding a fixture (a test
checks the file is current)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

HERE = Path(__file__).parent
KINDS = {
    "target": "目标表",
    "selfeval": "自评表",
    "dept-whole": "部门整体",
    "monitor": "监控表",
}


def render() -> str:
    rows = []
    provinces: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for path in sorted(HERE.glob("*.expected.json")):
        data = json.loads(path.read_text("utf-8"))
        ident = path.name.removesuffix(".expected.json")
        provinces[data["province"]] += 1
        kinds[data["kind"]] += 1
        count = sum(len(p.get("indicators", [])) for p in data.get("projects", []))
        notes = " ".join(data["notes"].split()).replace("|", "\\|")
        source = data["source"].replace("|", "\\|")
        rows.append(
            f"| `{ident}` | {data['province']} | {KINDS.get(data['kind'], data['kind'])} | "
            f"{data.get('year') or '—'} | {data['shape']} | {count} | {source} | {notes} |"
        )
    head = [
        "# Sources of the real tables",
        "",
        "Made by `make_sources.py` from the expected files; do not edit by hand. Each fixture is a",
        "real published table, its text as found (page prose around it replaced); see README.md.",
        "",
        f"{len(rows)} documents from {len(provinces)} provinces: "
        + "、".join(f"{p} {n}" for p, n in sorted(provinces.items(), key=lambda x: -x[1]))
        + ". Kinds: "
        + "、".join(f"{KINDS.get(k, k)} {n}" for k, n in sorted(kinds.items())),
        "",
        "| fixture | province | kind | year | shape | indicators | source | notes |",
        "|---|---|---|---|---|---|---|---|",
    ]
    return "\n".join([*head, *rows]) + "\n"


if __name__ == "__main__":
    (HERE / "SOURCES.md").write_text(render(), "utf-8")
    print((HERE / "SOURCES.md").read_text("utf-8").splitlines()[5])
