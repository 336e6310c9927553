#!/usr/bin/env python3
"""Checks the guide's data profile for what the C++ reader does not check (yet).

    python3 scripts/check_catalogue.py [PROFILE_DIR]

PROFILE_DIR defaults to data/daugavpils-kimija. Fails (exit 1) when
- two items share a name in the same language (compared without case),
- an item id appears twice, or the test queries, popular list or an override name an unknown item,
- an item, override or bin lacks "source" (a non-empty string) or "verified" (true or false),
- an item's channel is not its question's yes or no answer, or a channel is not in guide.json.
Prints warnings (without failing) for a synonym that is another item's name.
"""
import glob
import json
import os
import sys

LANGUAGES = ("lv", "ru", "en")


def load_profile(profile):
    documents = {}
    for path in sorted(glob.glob(os.path.join(profile, "**", "*.json"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            documents[path] = json.load(f)
    return documents


def check(profile, tests_dir):
    errors, warnings = [], []
    documents = load_profile(profile)
    items, overrides, bins, channels, popular = [], [], [], set(), []
    for path, doc in documents.items():
        for item in doc.get("items", []):
            items.append((path, item))
        for override in doc.get("overrides", []):
            overrides.append((path, override))
        for channel in doc.get("channels", []):
            channels.add(channel["code"])
        for place in doc.get("places", []):
            for b in place.get("bins", []):
                bins.append((path, place["id"], b))
        popular += doc.get("popular", [])

    def sourced(what, obj):
        source = obj.get("source")
        if not isinstance(source, str) or not source.strip():
            errors.append(f"{what}: no \"source\"")
        if not isinstance(obj.get("verified"), bool):
            errors.append(f"{what}: \"verified\" must be true or false")

    ids = {}
    for path, item in items:
        if item["id"] in ids:
            errors.append(f"item id {item['id']} appears twice ({ids[item['id']]}, {path})")
        ids[item["id"]] = path
        sourced(f"item {item['id']}", item)
        answers = [item["channel"]]
        question = item.get("question")
        if question:
            answers += [question["yes"], question["no"]]
            if item["channel"] not in (question["yes"], question["no"]):
                errors.append(f"item {item['id']}: channel {item['channel']} is neither the question's yes nor no")
        for code in answers:
            if channels and code not in channels:
                errors.append(f"item {item['id']}: channel {code} is not in guide.json's channels")

    for language in LANGUAGES:
        names = {}
        for path, item in items:
            key = item["name"][language].strip().lower()
            if key in names:
                errors.append(f"{language} name \"{item['name'][language]}\" is shared by {names[key]} and {item['id']}")
            else:
                names[key] = item["id"]
        for path, item in items:
            for synonym in item.get("synonyms", {}).get(language, []):
                other = names.get(synonym.strip().lower())
                if other and other != item["id"]:
                    warnings.append(f"{language} synonym \"{synonym}\" of {item['id']} is the name of {other}")

    for path, override in overrides:
        what = f"override {override['place']}/{override['item']}"
        sourced(what, override)
        if override["item"] not in ids:
            errors.append(f"{what}: unknown item")
    for path, place, b in bins:
        sourced(f"bin {place}/{b['id']}", b)
        for code in b.get("channels", []):
            if channels and code not in channels:
                errors.append(f"bin {place}/{b['id']}: channel {code} is not in guide.json's channels")
    for id in popular:
        if id not in ids:
            errors.append(f"popular: unknown item {id}")

    if tests_dir and os.path.isdir(tests_dir):
        for path in sorted(glob.glob(os.path.join(tests_dir, "queries-*.tsv"))):
            with open(path, encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    line = line.rstrip("\n")
                    if not line or line.startswith("#"):
                        continue
                    fields = line.split("\t")
                    if len(fields) != 3 or fields[0] not in LANGUAGES or not fields[1].strip():
                        errors.append(f"{os.path.basename(path)}:{number}: not language<TAB>query<TAB>item id")
                    elif fields[2] not in ids:
                        errors.append(f"{os.path.basename(path)}:{number}: unknown item {fields[2]}")
    return errors, warnings, len(items)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    profile = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "data", "daugavpils-kimija")
    errors, warnings, count = check(profile, os.path.join(root, "tests", "data"))
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    print(f"{count} items, {len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
