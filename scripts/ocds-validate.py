#!/usr/bin/env python3
"""Validates OCDS 1.1 release packages and record packages offline, with lib-cove-ocds (PyPI).

    scripts/ocds-validate.py FILE...              # each a release package or a record package
    scripts/ocds-validate.py --self-test FILE...  # and prove the check fails on broken copies of them

lib-cove-ocds is the library behind the Open Contracting Partnership's Data Review Tool. It reads the
standard from a ZIP of the standard's repository; this script builds that ZIP from the schema copied
into the repository (data/ocds-1.1.5), so nothing is fetched from the web.

A file fails on any schema error (required field, type, format such as date-time), any code outside a
closed codelist (releaseTag, method, tenderStatus, awardStatus, contractStatus, milestoneStatus,
currency, procurementCategory, initiationType), any party role outside OCDS 1.1.5's partyRole codes
(open in OCDS, but Shequ uses only these), and any field the schema does not define.

Record packages: the record package schema is not part of the local copy, so a record package is
checked by its structure here (records, each with ocid, releases and compiledRelease of that ocid,
compiledRelease tagged "compiled") and its embedded releases and compiled release are validated as
releases, with lib-cove-ocds, in a release package.

Exit status: 0 when every file passes (and, with --self-test, every broken copy fails), 1 otherwise,
2 on a usage error or when lib-cove-ocds is not installed.
"""

import copy
import json
import os
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA_DIR = os.path.join(ROOT, "data", "ocds-1.1.5")
TAG = "1__1__5"
# OCDS 1.1.5 partyRole.csv (an open codelist; the local copy keeps open codelists empty).
PARTY_ROLES = {"buyer", "procuringEntity", "supplier", "tenderer", "funder", "enquirer", "payer", "payee",
               "reviewBody", "interestedParty"}

try:
    from libcoveocds.api import ocds_json_output
    from libcoveocds.config import LibCoveOCDSConfig
except ImportError:
    print("ocds-validate: lib-cove-ocds is not installed: pip install -r scripts/ocds-requirements.txt", file=sys.stderr)
    sys.exit(2)


def standard_zip(directory):
    """The layout ocdsextensionregistry expects of the standard's repository: <root>/schema/..."""
    path = os.path.join(directory, "standard.zip")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(f"standard-{TAG}/", "")
        for base, _, files in os.walk(SCHEMA_DIR):
            for name in sorted(files):
                if name.endswith((".json", ".csv")):
                    full = os.path.join(base, name)
                    z.write(full, f"standard-{TAG}/schema/" + os.path.relpath(full, SCHEMA_DIR))
    return "file://" + path


def lib_cove(package, zip_url, directory):
    config = LibCoveOCDSConfig()
    config.config["context"] = "api"
    config.config["standard_zip"] = zip_url
    config.config["additional_checks"] = "none"
    path = os.path.join(directory, "package.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(package, f, ensure_ascii=False)
    return ocds_json_output(file=path, json_data=package, schema_version="1.1", lib_cove_ocds_config=config, record_pkg=False)


def release_problems(package, zip_url, directory):
    problems = []
    result = lib_cove(package, zip_url, directory)
    for error in result.get("validation_errors", []):
        problems.append(f"schema: {error.get('path') or error.get('field')}: {error.get('description', '').strip()}")
    for path, found in result.get("additional_closed_codelist_values", {}).items():
        problems.append(f"closed codelist {found.get('codelist')}: {path} has {found.get('values')}")
    for path, found in result.get("additional_open_codelist_values", {}).items():
        if found.get("codelist") == "partyRole.csv":
            outside = sorted(set(found.get("values", [])) - PARTY_ROLES)
            if outside:
                problems.append(f"partyRole: {path} has {outside}")
    for found in result.get("all_additional_fields") or []:
        where = f"{found.get('path', '')}/{found.get('field_name', '')}" if isinstance(found, dict) else str(found)
        problems.append(f"field not in the schema: {where}")
    for release in package.get("releases", []):
        for party in release.get("parties", []) or []:
            outside = sorted(set(party.get("roles", []) or []) - PARTY_ROLES)
            if outside:
                problems.append(f"partyRole: party {party.get('id')} of {release.get('id')} has {outside}")
    return sorted(set(problems))


def record_problems(package, zip_url, directory):
    problems = []
    for key in ("uri", "version", "publishedDate", "publisher", "records"):
        if key not in package:
            problems.append(f"record package: {key} is missing")
    releases = []
    for i, record in enumerate(package.get("records", []) or []):
        ocid = record.get("ocid")
        if not isinstance(ocid, str) or not ocid:
            problems.append(f"records/{i}: ocid is missing")
        embedded = record.get("releases")
        if not isinstance(embedded, list) or not embedded:
            problems.append(f"records/{i}: releases is missing or empty")
            embedded = []
        for r in embedded:
            if r.get("ocid") != ocid:
                problems.append(f"records/{i}: release {r.get('id')} has ocid {r.get('ocid')}, the record {ocid}")
        compiled = record.get("compiledRelease")
        if not isinstance(compiled, dict):
            problems.append(f"records/{i}: compiledRelease is missing")
        else:
            if compiled.get("ocid") != ocid:
                problems.append(f"records/{i}: compiledRelease has ocid {compiled.get('ocid')}")
            if compiled.get("tag") != ["compiled"]:
                problems.append(f"records/{i}: compiledRelease is tagged {compiled.get('tag')}, not [\"compiled\"]")
            releases.append(compiled)
        releases.extend(embedded)
    as_releases = {k: package[k] for k in ("uri", "version", "publishedDate", "publisher") if k in package}
    as_releases["releases"] = releases
    return problems + release_problems(as_releases, zip_url, directory)


def problems_of(package, zip_url, directory):
    if not isinstance(package, dict):
        return ["not a JSON object"]
    if "records" in package:
        return record_problems(package, zip_url, directory)
    if "releases" not in package:
        return ["neither a release package (releases) nor a record package (records)"]
    return release_problems(package, zip_url, directory)


def releases_of(package):
    if "records" in package:
        return [r for record in package["records"] for r in record["releases"] + [record["compiledRelease"]]]
    return package["releases"]


def broken_copies(package):
    """Deliberately broken copies of a valid package, each with the one fault it must be failed for."""
    def first_with(key):
        return next((r for r in releases_of(package) if key in r), None)

    cases = []

    def case(name, mutate):
        broken = copy.deepcopy(package)
        if mutate(broken) is not False:
            cases.append((name, broken))

    def amount_as_string(p):
        for r in releases_of(p):
            if "tender" in r and "value" in r["tender"]:
                r["tender"]["value"]["amount"] = str(r["tender"]["value"]["amount"])
                return True
        return False

    def set_tender(field, value):
        def mutate(p):
            r = next((r for r in releases_of(p) if "tender" in r), None)
            if r is None:
                return False
            r["tender"][field] = value
        return mutate

    case("schema: amount as a string", amount_as_string)
    case("schema: release without its date", lambda p: releases_of(p)[0].pop("date"))
    case("schema: date not RFC 3339", lambda p: releases_of(p)[0].__setitem__("date", "2026-03-01 09:00"))
    case("closed codelist: procurementMethod", set_tender("procurementMethod", "auction"))
    case("closed codelist: tender status", set_tender("status", "open"))
    case("closed codelist: mainProcurementCategory", set_tender("mainProcurementCategory", "service"))
    case("closed codelist: currency", lambda p: releases_of(p)[0].setdefault("planning", {}).__setitem__(
        "budget", {"amount": {"amount": 1, "currency": "RMB"}}))
    case("closed codelist: release tag", lambda p: releases_of(p)[0].__setitem__("tag", ["tender", "callForTenders"]))
    case("partyRole outside the codelist", lambda p: releases_of(p)[0]["parties"][0]["roles"].append("winner"))
    if first_with("awards"):
        case("closed codelist: award status", lambda p: first_with_in(p, "awards")["awards"][0].__setitem__("status", "won"))
    if first_with("contracts"):
        case("closed codelist: contract status", lambda p: first_with_in(p, "contracts")["contracts"][0].__setitem__("status", "signed"))
    case("field not in the schema", lambda p: releases_of(p)[0].__setitem__("budgetYuan", 1))
    return cases


def first_with_in(package, key):
    return next(r for r in releases_of(package) if key in r)


def main(argv):
    self_test = "--self-test" in argv
    files = [a for a in argv if a != "--self-test"]
    if not files:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    failed = False
    with tempfile.TemporaryDirectory() as directory:
        zip_url = standard_zip(directory)
        for name in files:
            with open(name, encoding="utf-8") as f:
                package = json.load(f)
            problems = problems_of(package, zip_url, directory)
            kind = "record package" if isinstance(package, dict) and "records" in package else "release package"
            count = len(package.get("records" if kind == "record package" else "releases", [])) if isinstance(package, dict) else 0
            if problems:
                failed = True
                print(f"FAIL {name} ({kind}):")
                for p in problems[:50]:
                    print(f"  {p}")
            else:
                print(f"ok   {name} ({kind}, {count} {'records' if kind == 'record package' else 'releases'})")
            if self_test and not problems:
                for fault, broken in broken_copies(package):
                    found = problems_of(broken, zip_url, directory)
                    if found:
                        print(f"ok   {name}, broken ({fault}): failed as it must ({found[0]})")
                    else:
                        failed = True
                        print(f"FAIL {name}, broken ({fault}): passed, but must fail")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
