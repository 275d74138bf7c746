#!/usr/bin/env python3
"""Copy the headline table of the committed study from reports/ into README.md, between the markers
<!-- headline:start --> and <!-- headline:end -->, so that the README always shows the table `make figures` built.

Usage: scripts/readme-headline.py [--sweep NAME] [--check]
  --sweep NAME  the sweep whose headline table is shown (default: mbj-cgcnn)
  --check       change nothing; exit 1 when README.md's block differs from reports/tables/NAME.headline.md
"""
import argparse
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
START, END = "<!-- headline:start -->", "<!-- headline:end -->"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sweep", default="mbj-cgcnn")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    table = ROOT / "reports" / "tables" / f"{args.sweep}.headline.md"
    readme = ROOT / "README.md"
    if not table.is_file():
        print(f"readme-headline: {table} does not exist; run make figures first", file=sys.stderr)
        return 2
    text = readme.read_text(encoding="utf-8")
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        print(f"readme-headline: {readme} needs exactly one {START} ... {END} block", file=sys.stderr)
        return 2
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    block = START + "\n" + table.read_text(encoding="utf-8").strip() + "\n" + END
    new = before + block + after
    if args.check:
        if new != text:
            print(f"readme-headline: README.md does not show {table.relative_to(ROOT)}; run make figures", file=sys.stderr)
            return 1
        return 0
    if new != text:
        readme.write_text(new, encoding="utf-8")
        print(f"readme-headline: README.md now shows {table.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
