"""Write a synthetic vendor registry as JSON Lines, for batch benchmarks.

Run: python bench/synth.py --vendors N --seed S > registry.jsonl

Each record starts from a bundled vendor of the drawn supplier type and varies what a
registry would vary: nodes and regions, chips, supply model, sub-criterion statuses, shares,
S, R and D1–D5 ratings. The mix follows the report's supplier types (§03): mostly independent
and internet-cloud providers, fewer AI companies, and a tail of vendors the report names
without assessing (no figures: `check` leaves them undetermined). Every record is validated
against the vendor model before it is written. The same N and seed give the same file.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.model.vendor import Vendor  # noqa: E402
from engine.model.vocabulary import values_of, Chip, Region, NodeKind, SupplyModel  # noqa: E402

# supplier type → share of the registry; None: named but not assessed (figures unknown)
MIX = {"independent": 0.40, "internet_cloud": 0.30, "ai_company": 0.15, None: 0.15}
STATUSES = ("met", "not_met", "unknown")
FLIP = 0.2  # chance that a sub-criterion's status differs from its template's


def templates() -> dict:
    """Bundled vendor documents by declared type (None: not assessed)."""
    by_type: dict = {}
    for path in sorted((ROOT / "profiles" / "vendors").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        key = data.get("declared_type") if data.get("assessed_in_report") else None
        by_type.setdefault(key, []).append(data)
    return by_type


def _vary(data: dict, number: int, rng: random.Random) -> dict:
    out = copy.deepcopy(data)
    out["id"] = f"synth-{number:07d}"
    out["name"] = {"zh": f"合成厂商 {number}", "en": f"Synthetic vendor {number}"}
    out["business"]["supply_model"] = rng.choice(values_of(SupplyModel))
    if out["nodes"]:  # a vendor with no known node stays so (not assessed: nothing to vary)
        template_node = out["nodes"][0]
        out["nodes"] = [
            {"region": rng.choice(values_of(Region)), "kind": rng.choice(values_of(NodeKind)),
             "source": template_node["source"], **({"reason": template_node["reason"]} if "reason" in template_node else {})}
            for _ in range(rng.randint(1, 4))
        ]
    out["chips"]["values"] = sorted(rng.sample(values_of(Chip), rng.randint(1, 3)))
    for sub in out["sub"].values():
        if rng.random() < FLIP:
            sub["status"] = rng.choice(STATUSES)
    if not data["assessed_in_report"]:
        return out
    for share in out["shares"].values():
        share["value"] = round(rng.uniform(0, 1), 2)
    out["S"]["value"] = round(rng.uniform(1, 100), 2)
    out["R"]["value"] = round(rng.uniform(0.01, 0.5), 4)
    for rating in out["ratings"].values():
        rating["value"] = rng.randint(1, 5)
    return out


def registry(n: int, seed: int):
    """`n` validated synthetic vendor documents."""
    rng = random.Random(seed)
    by_type = templates()
    kinds = [k for k in MIX if k in by_type]
    weights = [MIX[k] for k in kinds]
    for number in range(1, n + 1):
        data = _vary(rng.choice(by_type[rng.choices(kinds, weights)[0]]), number, rng)
        Vendor.model_validate(data)  # a synthetic record the tool would refuse measures nothing
        yield data


def main() -> None:
    """Write the registry to stdout (or --out)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vendors", type=int, required=True, metavar="N")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    out = args.out.open("w", encoding="utf-8") if args.out else sys.stdout
    for data in registry(args.vendors, args.seed):
        out.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
