#!/usr/bin/env python3
"""Writes a copy of a data profile whose sample activities lie ahead of today, for the tests.

The sample activities in data/<profile>/activities.json have fixed dates. Tests register for them
and look for them on the home page, so once those dates pass the tests would fail through no fault
of the code. The copy moves every sample activity forward by whole 52-week steps (the weekday and
the wall-clock time stay) until the first starts at least --lead-days from now, and prints how many
days it moved them: 0 while the data is still ahead.

usage: scripts/sample-profile.py OUT_DIR [--profile DIR] [--lead-days N]
"""
import argparse
import datetime
import json
import pathlib
import shutil
import sys

STEP = datetime.timedelta(weeks=52)
FORMAT = "%Y-%m-%dT%H:%M"


def main() -> int:
    root = pathlib.Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--profile", type=pathlib.Path, default=root / "data" / "daugavpils-kimija")
    parser.add_argument("--lead-days", type=int, default=7)
    args = parser.parse_args()

    if args.out.exists():
        shutil.rmtree(args.out)
    shutil.copytree(args.profile, args.out)
    path = args.out / "activities.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    samples = [a for a in document.get("activities", []) if a.get("sample", document.get("sample", False))]
    shift = datetime.timedelta(0)
    if samples:
        first = min(datetime.datetime.strptime(a["start"], FORMAT) for a in samples)
        wanted = datetime.datetime.now() + datetime.timedelta(days=args.lead_days)
        while first + shift < wanted:
            shift += STEP
    for activity in samples:
        for key in ("start", "end"):
            moved = datetime.datetime.strptime(activity[key], FORMAT) + shift
            activity[key] = moved.strftime(FORMAT)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(shift.days)
    return 0


if __name__ == "__main__":
    sys.exit(main())
