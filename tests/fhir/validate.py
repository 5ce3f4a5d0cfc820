#!/usr/bin/env python3
"""Validate `wor fhir export` Bundles and `wor fhir outcomes` Tasks with an independent FHIR library.

Usage: python3 tests/fhir/validate.py bundles BUNDLES.jsonl
       python3 tests/fhir/validate.py tasks TASKS.jsonl

fhir.resources (R4B models, `pip install fhir.resources==8.3.0`, done by `make setup`) checks structure,
cardinality, types and unknown elements, nested inside the Bundle. It does not check code values, so
this script checks those itself: statuses and intents, the project's support-area codes, that every
reference inside a Bundle resolves, and that the Task is due within 14 days of the referral.
Exit 0 when everything is valid; otherwise every problem is printed and the exit code is 1.
"""
import datetime
import json
import sys

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.task import Task

BASE = "https://welzijn-op-recept.example.invalid/fhir"
AREAS = {
    "loneliness", "low_mood_anxiety", "sleep_worry", "burnout", "life_event", "lifestyle",
    "chronic_illness", "carer_strain", "low_literacy", "health_literacy", "debt_poverty",
    "transport_housing_household", "leisure_daytime", "parenting", "work_reintegration",
    "home_support",
}
FOUR_DKL = {"distress", "depression", "anxiety", "somatization"}
OUTCOMES = {
    "first_contact", "conversations", "offered", "chosen", "taken_into_care", "first_attendance",
    "arrived", "still_attending_3m", "positive_health_improved",
}


def references(value, out):
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "reference" and isinstance(v, str):
                out.append(v)
            else:
                references(v, out)
    elif isinstance(value, list):
        for v in value:
            references(v, out)
    return out


def check_bundle(raw, where, problems):
    def bad(msg):
        problems.append(f"{where}: {msg}")

    try:
        Bundle.model_validate(raw)
    except Exception as e:  # pydantic's ValidationError lists every problem
        bad(f"fhir.resources: {e}")
        return
    if raw.get("type") != "transaction":
        bad(f"Bundle.type {raw.get('type')!r}")
    urls = [e["fullUrl"] for e in raw["entry"]]
    if len(set(urls)) != len(urls):
        bad("duplicate fullUrl")
    for ref in references(raw, []):
        if ref not in urls:
            bad(f"dangling reference {ref}")
    by_type = {}
    for e in raw["entry"]:
        res = e["resource"]
        by_type.setdefault(res["resourceType"], []).append(res)
        if e["request"] != {"method": "POST", "url": res["resourceType"]}:
            bad(f"request {e['request']}")
    for t in ("ServiceRequest", "Patient", "Consent", "Task"):
        if len(by_type.get(t, [])) != 1:
            bad(f"expected one {t}, found {len(by_type.get(t, []))}")
    if problems:
        return
    sr, task = by_type["ServiceRequest"][0], by_type["Task"][0]
    if (sr["status"], sr["intent"]) != ("active", "order"):
        bad(f"ServiceRequest status/intent {sr['status']}/{sr['intent']}")
    if (task["status"], task["intent"]) != ("requested", "order"):
        bad(f"Task status/intent {task['status']}/{task['intent']}")
    if by_type["Consent"][0]["status"] != "active":
        bad("Consent is not active")
    for rc in sr.get("reasonCode", []):
        for c in rc["coding"]:
            if c["system"] == f"{BASE}/CodeSystem/support-area" and c["code"] not in AREAS:
                bad(f"unknown support area {c['code']}")
            if not c.get("display"):
                bad(f"support area {c['code']} without its Dutch display")
    if not sr.get("reasonCode") and not any(
        n["text"] for n in sr.get("note", [])
    ):
        bad("a referral with neither reasons nor a note")
    for obs in by_type.get("Observation", []):
        for c in obs["code"]["coding"]:
            if c["system"] == f"{BASE}/CodeSystem/4dkl" and c["code"] not in FOUR_DKL:
                bad(f"unknown 4DKL scale {c['code']}")
    authored = datetime.date.fromisoformat(sr["authoredOn"][:10])
    due = datetime.date.fromisoformat(task["restriction"]["period"]["end"])
    if due - authored != datetime.timedelta(days=14):
        bad(f"Task due {due}, referral {authored}: not 14 days")
    if "name" in by_type["Patient"][0] or "telecom" in by_type["Patient"][0]:
        bad("the Patient carries a name or contact details")


def check_task(raw, where, problems):
    try:
        Task.model_validate(raw)
    except Exception as e:
        problems.append(f"{where}: fhir.resources: {e}")
        return
    if raw["status"] not in ("completed", "failed") or raw["intent"] != "order":
        problems.append(f"{where}: status/intent {raw['status']}/{raw['intent']}")
    for o in raw.get("output", []):
        code = o["type"]["coding"][0]["code"]
        if code not in OUTCOMES:
            problems.append(f"{where}: unknown output {code}")


def main():
    kind, path = sys.argv[1], sys.argv[2]
    check = {"bundles": check_bundle, "tasks": check_task}[kind]
    problems, n = [], 0
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            if line.strip():
                n += 1
                check(json.loads(line), f"line {i}", problems)
    for p in problems:
        print(p)
    if n == 0:
        print("nothing to validate")
        return 1
    print(f"validated {n} {kind}, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
