#!/usr/bin/env python3
"""Checks the shape of src/ that README's "Architecture" describes; exits 1 when it is broken.

1. Plumbing (core, http, storage, text, i18n, web, platform) includes no capability, and no file
   includes app/ (the composition root) but app/ itself and main.cpp.
2. Each capability's SQL names only its own tables: a table of the map below belongs to its owner;
   a table the map does not name may be used by one folder only (a new capability's own).
3. Only src/platform/clock.cpp reads the system time.

Run by CTest (architecture.shape)."""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
src = root / "src"

PLUMBING = {"core", "http", "storage", "text", "i18n", "web", "platform"}
OWNERS = {
    "platform": {"audit_log", "outbox", "secrets", "town"},
    "storage": {"schema_migrations", "rate_events"},
    "site": {"initiative", "initiative_aims", "institutions"},
    "accounts": {"accounts", "role_grants", "sessions", "one_time_tokens", "login_attempts", "consents"},
    "guide": {"channels", "places", "bins", "items", "overrides", "item_lookups", "search_misses",
              "search_miss_counts", "settings"},
    "points": {"points", "problem_reports", "report_confirmations"},
    "activities": {"activities", "activity_kinds", "audiences", "registrations", "registration_counts",
                   "participation", "activity_results"},
}
TABLE_USE = re.compile(r"\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+([a-z_]+)\b")
SYSTEM_TIME = re.compile(r"std::time\s*\(|\btime\s*\(\s*(?:nullptr|NULL|0)\s*\)|system_clock::now|gettimeofday|"
                         r"clock_gettime\s*\(\s*CLOCK_REALTIME|\blocaltime(?:_r)?\s*\(")


def folders():
    return sorted(p.name for p in src.iterdir() if p.is_dir())


def sources(folder):
    return sorted(list((src / folder).glob("*.cpp")) + list((src / folder).glob("*.hpp")))


def code_only(text):
    # Comments may name anything (a capability, a table, the clock) without breaking a rule.
    text = re.sub(r"//[^\n]*", "", text)
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def main():
    problems = []
    capabilities = [f for f in folders() if f not in PLUMBING and f != "app"]
    owner_of = {table: owner for owner, tables in OWNERS.items() for table in tables}
    users = {}
    for folder in folders():
        for path in sources(folder):
            text = path.read_text(encoding="utf-8")
            where = path.relative_to(root)
            for included in re.findall(r'#include\s+"([a-z_]+)/', text):
                if folder in PLUMBING and included in capabilities:
                    problems.append(f"{where}: plumbing includes the capability {included}/")
                if included == "app" and folder != "app":
                    problems.append(f"{where}: includes the composition root app/")
            code = code_only(text)
            if SYSTEM_TIME.search(code) and str(where) != "src/platform/clock.cpp":
                problems.append(f"{where}: reads the system time (ask the platform's clock)")
            # SQL lives in string literals; joining adjacent ones keeps a statement together.
            literals = " ".join(re.findall(r'"((?:[^"\\]|\\.)*)"', code))
            for table in set(TABLE_USE.findall(literals)):
                owner = owner_of.get(table)
                if owner and owner != folder:
                    problems.append(f"{where}: SQL on {table}, a table of {owner}/")
                users.setdefault(table, set()).add(folder)
    for table, using in users.items():
        if table not in owner_of and len(using) > 1:
            problems.append(f"table {table} is used by {', '.join(sorted(using))}: one capability owns it")
    main_cpp = (src / "main.cpp").read_text(encoding="utf-8")
    if SYSTEM_TIME.search(code_only(main_cpp)):
        problems.append("src/main.cpp: reads the system time")
    if problems:
        print("\n".join(problems))
        return 1
    print(f"Architecture holds: {len(capabilities)} capabilities over plumbing, each with its own tables.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
