#!/usr/bin/env python3
"""Every item and every bin of the guide names a pictogram that exists.

    python3 scripts/check_pictures.py SVG_DIR [PROFILE_DIR]

SVG_DIR is OpenMoji's folder of colour SVGs (node_modules/openmoji/color/svg after
`npm install openmoji`), whose files are named by the emoji's uppercase hex code, code points
joined by "-" (1F50B.svg, 1F9D1-200D-1F373.svg). PROFILE_DIR defaults to data/daugavpils-kimija.
Fails (exit 1) when an item or bin has no "picture", when a picture is not such a code, or when
SVG_DIR has no file for it.
"""
import glob
import json
import os
import re
import sys

CODE = re.compile(r"^[0-9A-F]{4,6}(-[0-9A-F]{4,6})*$")


def pictured(profile):
    """(what, picture) for every item and bin of the profile's JSON files."""
    for path in sorted(glob.glob(os.path.join(profile, "**", "*.json"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        name = os.path.relpath(path, profile)
        for item in doc.get("items", []):
            yield f"{name}: item {item.get('id')}", item.get("picture")
        for place in doc.get("places", []):
            for b in place.get("bins", []):
                yield f"{name}: bin {place.get('id')}/{b.get('id')}", b.get("picture")


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    svg_dir = sys.argv[1]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    profile = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "data", "daugavpils-kimija")
    if not os.path.isdir(svg_dir):
        print(f"error: {svg_dir} is not a folder of SVGs", file=sys.stderr)
        return 2
    errors, count, codes = [], 0, set()
    for what, picture in pictured(profile):
        count += 1
        if not isinstance(picture, str) or not picture:
            errors.append(f"{what}: no picture")
        elif not CODE.match(picture):
            errors.append(f"{what}: \"{picture}\" is not an uppercase hex code like 1F50B or 1F9D1-200D-1F373")
        elif not os.path.isfile(os.path.join(svg_dir, picture + ".svg")):
            errors.append(f"{what}: {picture}.svg is not in {svg_dir}")
        else:
            codes.add(picture)
    for e in errors:
        print("error:", e)
    print(f"{count} items and bins, {len(codes)} different pictures, {len(errors)} errors")
    return 1 if errors or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
