#!/usr/bin/env python3
"""One closing line for `make test`: Surefire's test cases plus the executed notebooks."""
import json
import pathlib
import sys
import xml.etree.ElementTree as ET

ROOT = pathlib.Path(__file__).resolve().parent.parent
passed = failed = skipped = 0
for report in sorted((ROOT / "target" / "surefire-reports").glob("TEST-*.xml")):
    suite = ET.parse(report).getroot()
    tests = int(suite.get("tests", 0))
    bad = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    skip = int(suite.get("skipped", 0))
    passed += tests - bad - skip
    failed += bad
    skipped += skip
nb_file = ROOT / "build" / "notebooks" / "ci" / "results.json"
notebooks = json.loads(nb_file.read_text()) if nb_file.exists() else []
passed += sum(r["passed"] for r in notebooks)
failed += sum(not r["passed"] for r in notebooks)
print(f"java tests and {len(notebooks)} notebooks")
print(f"total: {passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
