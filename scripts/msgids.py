#!/usr/bin/env python3
"""Lists every string a person may see that is not translated in locale/lv.po and ru.po.

Sources: {{#_}}…{{/_}} in templates; in C++, the English message of Error::make(…, "…"),
translator .text(…, "…") and .plural(…, "…", "…"), and i18n::msgid("…") in tables. Exits 1 when something is missing, so
the test script fails before a page shows English to a Latvian or Russian reader."""
import pathlib, re, sys

root = pathlib.Path(__file__).resolve().parent.parent

def po_entries(path):
    text = path.read_text(encoding="utf-8")
    entries = {}
    for block in re.split(r"\n\s*\n", text):
        ids = re.findall(r'^msgid\s+"((?:[^"\\]|\\.)*)"', block, re.M)
        strs = re.findall(r'^msgstr(?:\[\d\])?\s+"((?:[^"\\]|\\.)*)"', block, re.M)
        if ids and ids[0]:
            entries[ids[0].replace('\\"', '"')] = all(s for s in strs)
    return entries

def template_ids():
    for path in (root / "templates").rglob("*.mustache"):
        for m in re.finditer(r"\{\{#_\}\}(.*?)\{\{/_\}\}", path.read_text(encoding="utf-8"), re.S):
            yield " ".join(m.group(1).split()), path.relative_to(root)

CPP = [
    re.compile(r'Error::make\(\s*ErrorCode::\w+,\s*"((?:[^"\\]|\\.)+)"'),
    re.compile(r'\.text\(\s*\w+(?:\.\w+)?\s*,\s*"((?:[^"\\]|\\.)+)"'),
    re.compile(r'\bplain\(\s*"((?:[^"\\]|\\.)+)"'),
    re.compile(r'\binvalid\(\s*"((?:[^"\\]|\\.)+)"'),
    re.compile(r'\bmsgid\(\s*"((?:[^"\\]|\\.)+)"'),  # i18n::msgid in tables
    re.compile(r'\bt\(\s*"((?:[^"\\]|\\.)+)"'),
    re.compile(r'\?\s*"((?:[^"\\]|\\.)+)"\s*:\s*g\.role'),
    re.compile(r'\.plural\(\s*\w+(?:\.\w+)?\s*,\s*"((?:[^"\\]|\\.)+)"'),
    re.compile(r'\berror\(\s*(?:\w+|"\w+")\s*,\s*"((?:[^"\\]|\\.)+)"'),
]

def code_ids():
    for path in sorted((root / "src").rglob("*.[ch]pp")):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r'"\s*\n\s*"', "", text)  # join string literals split over lines
        for pattern in CPP:
            for m in pattern.finditer(text):
                msgid = re.sub(r"^(\{\d\}: )+", "", m.group(1).replace('\\"', '"'))
                if msgid:
                    yield msgid, path.relative_to(root)

def main():
    missing = []
    catalogues = {lang: po_entries(root / "locale" / f"{lang}.po") for lang in ("lv", "ru")}
    seen = set()
    for msgid, where in list(template_ids()) + list(code_ids()):
        if msgid in seen:
            continue
        seen.add(msgid)
        for lang, entries in catalogues.items():
            if not entries.get(msgid):
                missing.append(f"{lang}: {msgid!r} ({where})")
    if "--list" in sys.argv:
        print("\n".join(sorted(seen)))
        return 0
    if missing:
        print("Untranslated strings:\n  " + "\n  ".join(missing))
        return 1
    print(f"All {len(seen)} strings are translated in lv and ru.")
    return 0

sys.exit(main())
