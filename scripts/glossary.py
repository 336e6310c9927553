#!/usr/bin/env python3
"""Fails when a Latvian or Russian text uses a term that locale/glossary.tsv replaces.

One word for one thing (shared/LANGUAGE.md): log in is "pieslēgties", not the "pieteikties" of
signing up for an activity; a problem report is a "заявка", not a "сообщение"; sample data is
"демонстрационные данные", not "примерные". Each rule of the glossary names a stem (so that every
ending of the word is found), what to write instead, and optionally the English concept it applies
to and the English texts where the term is legitimate after all.

  scripts/glossary.py                 checks every msgstr of locale/lv.po and locale/ru.po
  scripts/glossary.py FILE.po …       checks these catalogues (the language from their header)
  scripts/glossary.py --data          also checks the lv and ru texts of data/*/**.json (names,
                                      tips, descriptions; not the synonyms people search with)

Prints file:line: found "term" → replacement, and exits 1 when anything was found."""
import json, pathlib, re, sys

root = pathlib.Path(__file__).resolve().parent.parent
LANGUAGES = ("lv", "ru")


class Rule:
    def __init__(self, where, lang, wrong, right, when, allow, why):
        self.where, self.lang, self.right, self.why = where, lang, right, why
        # A stem matches at the start of a word, whatever follows it.
        start = r"(?<!\w)" if re.match(r"\w", wrong) else ""
        self.wrong = re.compile(start + "(?:" + wrong + ")", re.IGNORECASE)
        self.when = re.compile(when) if when else None
        self.allow = re.compile(allow) if allow else None

    def find(self, english, text):
        if self.when and not self.when.search(english):
            return None
        if self.allow and (self.allow.search(english) or self.allow.search(text)):
            return None
        return self.wrong.search(text)


def load_rules(path):
    rules, problems = [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        where = f"{path.relative_to(root)}:{n}"
        if len(fields) != 6:
            problems.append(f"{where}: {len(fields)} columns, expected 6 (lang, wrong, right, when, allow, why)")
            continue
        if fields[0] not in LANGUAGES:
            problems.append(f"{where}: unknown language {fields[0]!r}")
            continue
        try:
            rules.append(Rule(where, *fields))
        except re.error as e:
            problems.append(f"{where}: not a regular expression: {e}")
    return rules, problems


def unquote(s):
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), s)


def po_entries(path):
    """(msgid, msgstr, line of the msgstr) for every translated form; the header is left out."""
    entries, entry, key = [], {}, None

    def flush():
        if entry.get("msgid"):
            for k, (text, line) in entry.items():
                if k.startswith("msgstr") and text:
                    entries.append((entry["msgid"][0], text, line))

    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"(.*)"\s*$', line)
        if m:
            if m.group(1) in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in entry):
                flush()
                entry = {}
            key = m.group(1)
            entry[key] = (unquote(m.group(2)), n)
        elif line.startswith('"') and key:
            text, first = entry[key]
            entry[key] = (text + unquote(line.strip()[1:-1]), first)
        elif not line.strip():
            key = None
    flush()
    return entries


def po_language(path):
    m = re.search(r'"Language:\s*(\w+)', path.read_text(encoding="utf-8"))
    return m.group(1) if m else path.stem


def data_texts(path):
    """(language, english, text, line) for the lv and ru texts of a data file."""
    raw = path.read_text(encoding="utf-8")
    lines = raw.splitlines()

    after = {}  # the same text met again is looked for below its last line

    def line_of(text):
        needle = json.dumps(text, ensure_ascii=False)
        start = after.get(needle, 0)
        for n in range(start, len(lines)):
            if needle in lines[n]:
                after[needle] = n + 1
                return n + 1
        return start

    def walk(node, key=None):
        if isinstance(node, dict):
            if key != "synonyms" and "en" in node and any(lang in node for lang in LANGUAGES):
                english = node["en"]
                for lang in LANGUAGES:
                    value = node.get(lang)
                    if isinstance(value, str):
                        yield lang, english if isinstance(english, str) else "", value, line_of(value)
                    elif isinstance(value, list):
                        for i, text in enumerate(value):
                            en = english[i] if isinstance(english, list) and i < len(english) else ""
                            if isinstance(text, str):
                                yield lang, en, text, line_of(text)
            for k, v in node.items():
                if k != "synonyms":
                    yield from walk(v, k)
        elif isinstance(node, list):
            for v in node:
                yield from walk(v, key)

    yield from walk(json.loads(raw))


def main(argv):
    rules, problems = load_rules(root / "locale" / "glossary.tsv")
    if problems:
        print("locale/glossary.tsv is not valid:\n  " + "\n  ".join(problems))
        return 1
    files = [pathlib.Path(a) for a in argv if not a.startswith("--")]
    if not files:
        files = [root / "locale" / f"{lang}.po" for lang in LANGUAGES]
    texts = []  # (where, language, english, text)
    for path in files:
        path = path.resolve()
        lang = po_language(path)
        shown = path.relative_to(root) if path.is_relative_to(root) else path
        for msgid, msgstr, line in po_entries(path):
            texts.append((f"{shown}:{line}", lang, msgid, msgstr))
    if "--data" in argv:
        for path in sorted((root / "data").rglob("*.json")):
            for lang, english, text, line in data_texts(path):
                texts.append((f"{path.relative_to(root)}:{line}", lang, english, text))
    found = []
    for where, lang, english, text in texts:
        for rule in rules:
            if rule.lang != lang:
                continue
            m = rule.find(english, text)
            if m:
                found.append(f"{where}: found \"{m.group(0)}\" → {rule.right}  ({rule.why}; {rule.where})")
    if found:
        print(f"{len(found)} texts use a term the glossary replaces (locale/glossary.tsv):\n  " + "\n  ".join(found))
        return 1
    print(f"{len(texts)} texts checked against {len(rules)} glossary rules: none uses a replaced term.")
    return 0


sys.exit(main(sys.argv[1:]))
