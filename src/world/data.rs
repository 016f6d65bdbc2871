//! The world data's tables, how they are read from the files under `rules/world/`, and
//! how they are written to bytes and read back (the build bundles them that way). The
//! build script compiles this file on its own, so it uses nothing else of the crate.

use serde::Deserialize;
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::OnceLock;

/// What a name in the world data names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A country or territory ("united-states").
    Country,
    /// A first-level region of a country: a US state, a German Land, a French région.
    Region,
    /// A city or town.
    City,
    /// A building or compound leaders meet in ("kremlin", "mar-a-lago").
    Venue,
    /// A legislature, court, central bank, agency or international body.
    Institution,
    /// A word for a country's people ("Ukrainian", "Americans"): its id is the country's.
    Demonym,
}

/// A place, institution or demonym found in the world data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place<'w> {
    /// Its id: a slug for countries, venues and institutions ("united-states",
    /// "kremlin", "us-senate"), a path for regions and cities
    /// ("united-states/florida/miami"); for a demonym, the country's id.
    pub id: &'w str,
    /// What it is.
    pub kind: Kind,
    /// The country it lies in or belongs to (itself for a country; `None` for an
    /// international body).
    pub country: Option<&'w str>,
}

/// A name found by [`World::lookup`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match<'w> {
    /// How many tokens the name took.
    pub len: usize,
    /// What it names.
    pub place: Place<'w>,
    /// How the name is written in the data: which tokens start with a capital, which
    /// are all capitals.
    form: Form,
}

impl Match<'_> {
    /// Whether the matched tokens, as written in the text (`written`, the same tokens
    /// as were looked up, before lower-casing), are capitalized as the name is: "Fed"
    /// and "Miami" with a capital first letter, acronyms such as "US", "UK", "WHO" in
    /// capitals throughout (so "us" and "Us" are not the United States), single letters
    /// of "U.S." or "N.Y." in capitals, small words such as "of" or "a" (in
    /// "Mar-a-Lago") as they come. A possessive "'s" after the last word is allowed.
    pub fn written_as_name<S: AsRef<str>>(&self, written: impl IntoIterator<Item = S>) -> bool {
        let mut seen = 0;
        let fits = written.into_iter().take(self.len).enumerate().all(|(i, w)| {
            seen += 1;
            let w = strip_possessive(w.as_ref());
            let bit = 1u64 << i.min(63);
            if self.form.upper & bit != 0 {
                w.chars().any(char::is_uppercase) && !w.chars().any(char::is_lowercase)
            } else if self.form.initial & bit != 0 {
                w.chars().next().is_some_and(char::is_uppercase)
            } else {
                true
            }
        });
        fits && seen == self.len
    }
}

/// Which tokens of a name are capitalized: bit `i` for token `i` (tokens past the 64th
/// are not checked).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Form {
    /// Starts with a capital letter.
    initial: u64,
    /// All capitals, two letters or more ("US", "NATO").
    upper: u64,
}

/// One place, institution or country.
#[derive(Debug)]
struct Entry {
    /// Borrowed from the bundled text where it is written whole there.
    id: Cow<'static, str>,
    /// The name alone ("Miami", "the Kremlin").
    name: Cow<'static, str>,
    kind: Kind,
    /// Index of what it lies in.
    within: Option<u32>,
    /// People, for ranking names; the cities' sum for a region.
    population: u64,
    /// A national capital.
    capital: bool,
}

/// A name to look up: its tokens (a range of [`World::spans`]), what it names, how it
/// is written.
#[derive(Debug)]
struct Name {
    /// Hash of the first token.
    hash: u64,
    tokens: Range<u32>,
    target: u32,
    demonym: bool,
    rank: u64,
    form: Form,
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type ByHash<V> = HashMap<u64, V, BuildHasherDefault<Prehashed>>;

/// A hash of `text` taken eight bytes at a time (the Fx hash's step): ids are long and
/// all of them are hashed at load.
fn hash_text(text: &str) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut h = text.len() as u64;
    let mut chunks = text.as_bytes().chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    let mut word = [0; 8];
    word[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    // Mix the high bits down: the table takes its bucket from the low ones.
    h ^ (h >> 29)
}

/// The world data, loaded.
///
/// Tables are keyed by hashes and store text in a few large buffers, so loading makes
/// few allocations: ids and names are borrowed from the bundled files where they can
/// be, and the lower-cased tokens of every name share one string.
#[derive(Debug, Default)]
pub struct World {
    entries: Vec<Entry>,
    /// Hash of an id to its entry; ids whose hash another id took first are in
    /// `collided`.
    by_id: ByHash<u32>,
    collided: Vec<u32>,
    /// Every name, grouped by the hash of its first token, longest first within a group,
    /// then strongest first.
    names: Vec<Name>,
    /// Hash of a first token to its group in `names`.
    by_first: ByHash<Range<u32>>,
    /// The lower-cased tokens of all names, one after another.
    text: String,
    /// Each token's bytes in `text`.
    spans: Vec<Range<u32>>,
    /// Readable names by entry, each made when first asked for (the table itself
    /// too, so that loading does not pay for it).
    displays: OnceLock<Box<[OnceLock<String>]>>,
}

/// A world data file that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorldError {
    /// The file (relative to `rules/world/`).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for WorldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "rules/world/{}:{}: {}", self.file, l, self.message),
            None => write!(f, "rules/world/{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for WorldError {}

/// Rank tiers: which of several places sharing a name the name means.
const HAND: u64 = 6;
const COUNTRY: u64 = 5;
const BIG_CITY: u64 = 4;
const REGION: u64 = 3;
const CITY: u64 = 2;
/// A city this size or larger ranks above a region of the same name.
const MILLION: u64 = 1_000_000;

fn rank(tier: u64, population: u64) -> u64 {
    (tier << 48) | population.min((1 << 48) - 1)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasFile {
    aliases: std::collections::BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemonymFile {
    demonyms: std::collections::BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HandEntry {
    id: String,
    name: String,
    names: Vec<String>,
    #[serde(default, rename = "in")]
    within: Option<String>,
    #[serde(default)]
    country: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VenueFile {
    #[serde(default)]
    place: Vec<HandEntry>,
    #[serde(default)]
    venue: Vec<HandEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InstitutionFile {
    institution: Vec<HandEntry>,
}

/// The rows of a tab-separated file, comment lines (`#`) skipped, each with its line
/// number and exactly `columns` fields.
fn rows<'t, const N: usize>(
    file: &'static str,
    text: &'t str,
) -> impl Iterator<Item = Result<(usize, [&'t str; N]), WorldError>> + use<'t, N> {
    text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.is_empty()).map(move |(n, line)| {
        let mut fields = [""; N];
        let mut parts = line.split('\t');
        let mut count = 0;
        for (slot, part) in fields.iter_mut().zip(&mut parts) {
            *slot = part;
            count += 1;
        }
        count += parts.count();
        if count == N {
            Ok((n + 1, fields))
        } else {
            Err(WorldError {
                file: file.into(),
                line: Some(n + 1),
                message: format!("expected {N} tab-separated fields, found {count}"),
            })
        }
    })
}

/// `e` placed in `file` at `line` (0: no line).
fn at(file: &str, line: usize, e: WorldError) -> WorldError {
    WorldError { file: file.into(), line: (line > 0).then_some(line), message: e.message }
}

fn number(file: &str, line: usize, field: &str) -> Result<u64, WorldError> {
    field.parse().map_err(|_| WorldError {
        file: file.into(),
        line: Some(line),
        message: format!("expected a population, found {field:?}"),
    })
}

/// A name split into the tokens [`crate::text::tokens`] makes of it, lower-cased, each
/// with whether it is written with a capital or in capitals. Punctuation other than
/// whitespace is a token of its own ("U.S." is `u . s .`).
fn name_tokens(name: &str) -> (Vec<String>, Form) {
    let mut text = String::new();
    let mut spans = Vec::new();
    let form = tokenize_into(name, &mut text, &mut spans);
    (spans.iter().map(|r| text[r.start as usize..r.end as usize].to_string()).collect(), form)
}

/// Append the lower-cased tokens of `name` to `text`, their spans to `spans`; return
/// how the name is capitalized.
fn tokenize_into(name: &str, text: &mut String, spans: &mut Vec<Range<u32>>) -> Form {
    let mut form = Form::default();
    // Most names are one plain word.
    let bytes = name.as_bytes();
    if !bytes.is_empty() && bytes.iter().all(u8::is_ascii_alphanumeric) {
        let from = text.len();
        text.push_str(name);
        text[from..].make_ascii_lowercase();
        spans.push(offset(from)..offset(text.len()));
        let letters = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
        if letters >= 2 && !bytes.iter().any(u8::is_ascii_lowercase) {
            form.upper = 1;
        } else if bytes[0].is_ascii_uppercase() {
            form.initial = 1;
        }
        return form;
    }
    let mut n = 0usize;
    let mut chars = name.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = start + c.len_utf8();
        if c.is_alphanumeric() {
            while let Some(&(i, d)) = chars.peek() {
                let apostrophe = matches!(d, '\'' | '\u{2019}')
                    && name[i + d.len_utf8()..].chars().next().is_some_and(char::is_alphanumeric);
                if d.is_alphanumeric() || apostrophe {
                    end = i + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
        }
        let written = &name[start..end];
        let bit = 1u64 << n.min(63);
        n += 1;
        let letters = written.chars().filter(|c| c.is_alphabetic()).count();
        if letters >= 2 && !written.chars().any(char::is_lowercase) {
            form.upper |= bit;
        } else if written.chars().next().is_some_and(char::is_uppercase) {
            form.initial |= bit;
        }
        let from = text.len();
        if written.is_ascii() || !c.is_alphanumeric() {
            text.extend(written.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            for c in written.chars().flat_map(char::to_lowercase) {
                text.push(if c == '\u{2019}' { '\'' } else { c });
            }
        }
        spans.push(offset(from)..offset(text.len()));
    }
    form
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("world names take less than 4 GB")
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s").or_else(|| w.strip_suffix("\u{2019}s")).unwrap_or(w)
}

impl World {
    /// The world as bytes, for the build to bundle (see [`World::decode`]).
    pub fn encode(&self) -> Vec<u8> {
        codec::encode(self)
    }

    /// The world [`World::encode`] wrote, borrowing its texts from `bytes`; `None`
    /// where the bytes are not such a world.
    pub fn decode(bytes: &'static [u8]) -> Option<World> {
        codec::decode(bytes)
    }

    /// Load world data from (path under `rules/world/`, text) pairs: the generated
    /// tables first, then the hand-written lists, whatever their order.
    pub fn load(files: &[(&str, &'static str)]) -> Result<World, WorldError> {
        let get = |name: &'static str| {
            files.iter().find(|(f, _)| *f == name).map(|(_, t)| *t).ok_or_else(|| WorldError {
                file: name.into(),
                line: None,
                message: "missing".into(),
            })
        };
        let mut w = World::default();
        let countries = get("countries.tsv")?;
        let regions = get("regions.tsv")?;
        let cities = get("cities.tsv")?;
        let expected = countries.len() / 40 + regions.len() / 40 + cities.len() / 40 + 256;
        w.entries.reserve(expected);
        w.by_id.reserve(expected);
        w.names.reserve(cities.len() / 40 + regions.len() / 40 + 2048);
        w.text.reserve(cities.len() / 4);
        w.spans.reserve(cities.len() / 30);
        let mut capitals = Vec::new();
        for row in rows::<5>("countries.tsv", countries) {
            let (line, f) = row?;
            let population = number("countries.tsv", line, f[4])?;
            let index = w.push(Cow::Borrowed(f[0]), Cow::Borrowed(f[1]), Kind::Country, population, None);
            let index = index.map_err(|e| at("countries.tsv", line, e))?;
            if !f[3].is_empty() {
                capitals.push((f[3], line));
            }
            w.name(f[1], index, false, rank(COUNTRY, population));
        }
        for row in rows::<5>("regions.tsv", regions) {
            let (line, f) = row?;
            let population = number("regions.tsv", line, f[3])?;
            let within = w.index("regions.tsv", line, f[2])?;
            let index = w.push(Cow::Borrowed(f[0]), Cow::Borrowed(f[1]), Kind::Region, population, Some(within));
            let index = index.map_err(|e| at("regions.tsv", line, e))?;
            if f[4] == "m" {
                w.name(f[1], index, false, rank(REGION, population));
            }
        }
        let mut city_names = Vec::new();
        // Cities come grouped by what they lie in: the last container is kept at hand.
        let mut last: (&str, u32) = ("", 0);
        for row in rows::<6>("cities.tsv", cities) {
            let (line, f) = row?;
            let population = number("cities.tsv", line, f[3])?;
            let within = if f[2] == last.0 { last.1 } else { w.index("cities.tsv", line, f[2])? };
            last = (f[2], within);
            let mut id = String::with_capacity(f[2].len() + 1 + f[0].len());
            id.push_str(f[2]);
            id.push('/');
            id.push_str(f[0]);
            let index = w.push(Cow::Owned(id), Cow::Borrowed(f[1]), Kind::City, population, Some(within));
            let index = index.map_err(|e| at("cities.tsv", line, e))?;
            if f[4] == "m" {
                // A city ranks just above the region named after it (Geneva, Berlin,
                // Tokyo), and so below a larger region of the same name elsewhere.
                let parent = &w.entries[within as usize];
                let named_after = parent.kind == Kind::Region
                    && (*parent.name == *f[1] || f[5].split('|').any(|a| *parent.name == *a));
                city_names.push((index, f[1], f[5], named_after.then_some(parent.population + 1)));
            }
        }
        for (capital, line) in capitals {
            let index = w.index("countries.tsv", line, capital)?;
            w.entries[index as usize].capital = true;
        }
        // City names rank by whether the city is a capital or a large one.
        for (index, name, aliases, region_named) in city_names {
            let entry = &w.entries[index as usize];
            let r = match region_named {
                _ if entry.capital || entry.population >= MILLION => rank(BIG_CITY, entry.population),
                Some(region_population) => rank(REGION, region_population),
                None => rank(CITY, entry.population),
            };
            w.name(name, index, false, r);
            for alias in aliases.split('|').filter(|a| !a.is_empty()) {
                w.name(alias, index, false, r);
            }
        }

        let toml_error =
            |file: &str, e: toml::de::Error| WorldError { file: file.into(), line: None, message: e.to_string() };
        let venues: VenueFile = toml::from_str(get("venues.toml")?).map_err(|e| toml_error("venues.toml", e))?;
        let institutions: InstitutionFile =
            toml::from_str(get("institutions.toml")?).map_err(|e| toml_error("institutions.toml", e))?;
        // Hand-written entries may lie in one another: their containers are resolved
        // once all are in.
        let mut pending: Vec<(u32, String, &'static str)> = Vec::new();
        let lists = [
            (venues.place, Kind::City, "venues.toml"),
            (venues.venue, Kind::Venue, "venues.toml"),
            (institutions.institution, Kind::Institution, "institutions.toml"),
        ];
        for (list, kind, file) in lists {
            for entry in list {
                let index = w.push(Cow::Owned(entry.id), Cow::Owned(entry.name), kind, 0, None);
                let index = index.map_err(|e| at(file, 0, e))?;
                if let Some(within) = entry.within.or(entry.country) {
                    pending.push((index, within, file));
                }
                for name in &entry.names {
                    w.name(name, index, false, rank(HAND, 0));
                }
            }
        }
        for (index, within, file) in pending {
            let parent = w.index(file, 0, &within)?;
            w.entries[index as usize].within = Some(parent);
        }
        let aliases: AliasFile = toml::from_str(get("aliases.toml")?).map_err(|e| toml_error("aliases.toml", e))?;
        for (id, names) in &aliases.aliases {
            let index = w.index("aliases.toml", 0, id)?;
            for name in names {
                w.name(name, index, false, rank(HAND, 0));
            }
        }
        let demonyms: DemonymFile =
            toml::from_str(get("demonyms.toml")?).map_err(|e| toml_error("demonyms.toml", e))?;
        for (id, names) in &demonyms.demonyms {
            let index = w.index("demonyms.toml", 0, id)?;
            let entry = &w.entries[index as usize];
            if entry.kind != Kind::Country {
                return Err(WorldError {
                    file: "demonyms.toml".into(),
                    line: None,
                    message: format!("{id:?} is not a country"),
                });
            }
            let r = rank(COUNTRY, entry.population);
            for name in names {
                w.name(name, index, true, r);
            }
        }
        // Group names by first token; longest first, then strongest, then the first
        // loaded.
        // (Sorted by the hash alone first: most groups hold one name.)
        w.names.sort_unstable_by_key(|n| n.hash);
        let mut start = 0;
        while start < w.names.len() {
            let hash = w.names[start].hash;
            let end = start + w.names[start..].iter().take_while(|n| n.hash == hash).count();
            w.names[start..end].sort_unstable_by_key(|n| {
                (std::cmp::Reverse(n.tokens.len()), std::cmp::Reverse(n.rank), n.tokens.start)
            });
            w.by_first.insert(hash, offset(start)..offset(end));
            start = end;
        }
        Ok(w)
    }

    fn push(
        &mut self,
        id: Cow<'static, str>,
        name: Cow<'static, str>,
        kind: Kind,
        population: u64,
        within: Option<u32>,
    ) -> Result<u32, WorldError> {
        let index = offset(self.entries.len());
        match self.by_id.entry(hash_text(&id)) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(index);
            }
            std::collections::hash_map::Entry::Occupied(taken) => {
                let same = *self.entries[*taken.get() as usize].id == *id
                    || self.collided.iter().any(|&c| *self.entries[c as usize].id == *id);
                if same {
                    let message = format!("id {id:?} given twice");
                    return Err(WorldError { file: String::new(), line: None, message });
                }
                self.collided.push(index);
            }
        }
        self.entries.push(Entry { id, name, kind, within, population, capital: false });
        Ok(index)
    }

    fn name(&mut self, name: &str, target: u32, demonym: bool, rank: u64) {
        let first = self.spans.len();
        let form = tokenize_into(name, &mut self.text, &mut self.spans);
        let Some(span) = self.spans.get(first) else { return };
        let hash = hash_text(&self.text[span.start as usize..span.end as usize]);
        let tokens = offset(first)..offset(self.spans.len());
        self.names.push(Name { hash, tokens, target, demonym, rank, form });
    }

    fn token(&self, index: u32) -> &str {
        let span = &self.spans[index as usize];
        &self.text[span.start as usize..span.end as usize]
    }

    fn find(&self, id: &str) -> Option<u32> {
        let &index = self.by_id.get(&hash_text(id))?;
        if *self.entries[index as usize].id == *id {
            return Some(index);
        }
        self.collided.iter().copied().find(|&c| *self.entries[c as usize].id == *id)
    }

    fn index(&self, file: &str, line: usize, id: &str) -> Result<u32, WorldError> {
        self.find(id).ok_or_else(|| WorldError {
            file: file.into(),
            line: (line > 0).then_some(line),
            message: format!("unknown id {id:?}"),
        })
    }

    fn place(&self, index: u32, demonym: bool) -> Place<'_> {
        let entry = &self.entries[index as usize];
        Place {
            id: &entry.id,
            kind: if demonym { Kind::Demonym } else { entry.kind },
            country: self.country_index(index).map(|c| &*self.entries[c as usize].id),
        }
    }

    fn country_index(&self, mut index: u32) -> Option<u32> {
        for _ in 0..16 {
            let entry = &self.entries[index as usize];
            if entry.kind == Kind::Country {
                return Some(index);
            }
            index = entry.within?;
        }
        None
    }

    /// The longest place, institution, country or demonym name that starts at token
    /// `at` of `words`, with how many tokens it takes.
    ///
    /// `words` are the tokens of a sentence as [`crate::text::tokens`] makes them,
    /// lower-cased: words as they are, punctuation as one-character strings ("U.S." is
    /// `["u", ".", "s", "."]`, "Mar-a-Lago" `["mar", "-", "a", "-", "lago"]`). A
    /// possessive "'s" on the name's last word is allowed ("Russia's").
    ///
    /// Matching ignores case, so callers must check the capitals in the text
    /// themselves: "us", "may" or "house" in lower case are words, not the United
    /// States or the House. [`Match::written_as_name`] does that check on the tokens as
    /// written.
    pub fn lookup<S: AsRef<str>>(&self, words: &[S], at: usize) -> Option<Match<'_>> {
        let first = words.get(at)?.as_ref();
        let rest = words.get(at..).unwrap_or(&[]);
        let group = |word: &str| {
            let range = self.by_first.get(&hash_text(word)).cloned().unwrap_or(0..0);
            self.names.get(range.start as usize..range.end as usize).unwrap_or(&[])
        };
        let found = group(first).iter().find(|name| {
            let len = (name.tokens.end - name.tokens.start) as usize;
            len <= rest.len()
                && name.tokens.clone().zip(rest).enumerate().all(|(i, (token, got))| {
                    let (want, got) = (self.token(token), got.as_ref());
                    got == want || (i + 1 == len && strip_possessive(got) == want)
                })
        });
        let found = found.or_else(|| {
            let stripped = strip_possessive(first);
            if stripped.len() == first.len() {
                return None;
            }
            group(stripped).iter().find(|name| name.tokens.len() == 1 && self.token(name.tokens.start) == stripped)
        })?;
        let len = found.tokens.len();
        Some(Match { len, place: self.place(found.target, found.demonym), form: found.form })
    }

    /// The place or institution with this id.
    pub fn get(&self, id: &str) -> Option<Place<'_>> {
        self.find(id).map(|i| self.place(i, false))
    }

    /// The ids from `id` outwards: the place, what it lies in, and so on to its country
    /// ("kremlin", "russia/moscow/moscow", "russia/moscow", "russia"). An institution's
    /// chain ends at its country. Empty for an unknown id.
    pub fn chain(&self, id: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut current = self.find(id);
        while let Some(index) = current {
            if out.len() >= 16 {
                break;
            }
            let entry = &self.entries[index as usize];
            out.push(&*entry.id);
            current = entry.within;
        }
        out
    }

    /// Whether `inner` is `outer` or lies inside it, following the chain (venue, city,
    /// region, country): the Kremlin is in Moscow and in Russia.
    pub fn contains(&self, outer: &str, inner: &str) -> bool {
        self.chain(inner).contains(&outer)
    }

    /// The country `id` lies in or belongs to (itself for a country); `None` for an
    /// international body or an unknown id.
    pub fn country_of(&self, id: &str) -> Option<&str> {
        let index = self.country_index(self.find(id)?)?;
        Some(&self.entries[index as usize].id)
    }

    /// The name alone ("Miami", "the Kremlin"); `None` for an unknown id.
    pub fn name_of(&self, id: &str) -> Option<&str> {
        self.find(id).map(|i| &*self.entries[i as usize].name)
    }

    /// A readable name: a country's name; "Florida, United States" for a region;
    /// "Berlin, Germany" for a city, with its region where another place has the
    /// city's bare name ("Paris, Texas, United States"); a venue with where it lies
    /// ("the Kremlin, Moscow, Russia"); an institution's name. An unknown id is given
    /// back as it is.
    pub fn display<'a>(&'a self, id: &'a str) -> &'a str {
        let Some(index) = self.find(id) else { return id };
        let displays = self.displays.get_or_init(|| self.entries.iter().map(|_| OnceLock::new()).collect());
        displays[index as usize].get_or_init(|| self.make_display(index))
    }

    fn make_display(&self, index: u32) -> String {
        let entry = &self.entries[index as usize];
        let parent = entry.within.map(|p| &self.entries[p as usize]);
        let country = self.country_index(index).filter(|&c| c != index).map(|c| &*self.entries[c as usize].name);
        match entry.kind {
            Kind::Country | Kind::Institution | Kind::Demonym => entry.name.to_string(),
            Kind::Region => match country {
                Some(c) => format!("{}, {c}", entry.name),
                None => entry.name.to_string(),
            },
            Kind::Venue => match entry.within {
                Some(p) => format!("{}, {}", entry.name, self.display(&self.entries[p as usize].id)),
                None => entry.name.to_string(),
            },
            Kind::City => {
                let (tokens, _) = name_tokens(&entry.name);
                let owns_name =
                    self.lookup(&tokens, 0).is_some_and(|m| m.len == tokens.len() && m.place.id == &*entry.id);
                let region = parent.filter(|p| p.kind == Kind::Region && p.name != entry.name && !owns_name);
                match (region, country) {
                    (Some(r), Some(c)) => format!("{}, {}, {c}", entry.name, r.name),
                    (None, Some(c)) => format!("{}, {c}", entry.name),
                    _ => entry.name.to_string(),
                }
            }
        }
    }

    /// How many places and institutions are loaded.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is loaded.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The world data as bytes, and back: the bundled data is loaded once, when the binary
/// is built, and read from these bytes at start-up. Numbers are little-endian, texts
/// are a `u32` length and UTF-8, hashed tables are written in the order of their keys.
mod codec {
    use super::{Entry, Form, Kind, Name, World};
    use std::borrow::Cow;
    use std::ops::Range;

    const KINDS: [Kind; 6] = [Kind::Country, Kind::Region, Kind::City, Kind::Venue, Kind::Institution, Kind::Demonym];

    pub(super) fn encode(world: &World) -> Vec<u8> {
        let mut out = Vec::new();
        let u32_ = |out: &mut Vec<u8>, n: u32| out.extend_from_slice(&n.to_le_bytes());
        let u64_ = |out: &mut Vec<u8>, n: u64| out.extend_from_slice(&n.to_le_bytes());
        let len = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let text = |out: &mut Vec<u8>, s: &str| {
            u32_(out, len(s.len()));
            out.extend_from_slice(s.as_bytes());
        };
        u32_(&mut out, len(world.entries.len()));
        for e in &world.entries {
            text(&mut out, &e.id);
            text(&mut out, &e.name);
            out.push(KINDS.iter().position(|k| *k == e.kind).map_or(0, |k| k as u8));
            u32_(&mut out, e.within.unwrap_or(u32::MAX));
            u64_(&mut out, e.population);
            out.push(u8::from(e.capital));
        }
        let mut by_id: Vec<(u64, u32)> = world.by_id.iter().map(|(h, i)| (*h, *i)).collect();
        by_id.sort_unstable();
        u32_(&mut out, len(by_id.len()));
        for (h, i) in by_id {
            u64_(&mut out, h);
            u32_(&mut out, i);
        }
        u32_(&mut out, len(world.collided.len()));
        for c in &world.collided {
            u32_(&mut out, *c);
        }
        u32_(&mut out, len(world.names.len()));
        for n in &world.names {
            u64_(&mut out, n.hash);
            u32_(&mut out, n.tokens.start);
            u32_(&mut out, n.tokens.end);
            u32_(&mut out, n.target);
            out.push(u8::from(n.demonym));
            u64_(&mut out, n.rank);
            u64_(&mut out, n.form.initial);
            u64_(&mut out, n.form.upper);
        }
        let mut by_first: Vec<(u64, Range<u32>)> = world.by_first.iter().map(|(h, r)| (*h, r.clone())).collect();
        by_first.sort_unstable_by_key(|(h, r)| (*h, r.start));
        u32_(&mut out, len(by_first.len()));
        for (h, r) in by_first {
            u64_(&mut out, h);
            u32_(&mut out, r.start);
            u32_(&mut out, r.end);
        }
        text(&mut out, &world.text);
        u32_(&mut out, len(world.spans.len()));
        for s in &world.spans {
            u32_(&mut out, s.start);
            u32_(&mut out, s.end);
        }
        out
    }

    /// Reads what [`encode`] wrote; `None` where the bytes are not such a world.
    pub(super) fn decode(bytes: &'static [u8]) -> Option<World> {
        let mut r = Reader { bytes, at: 0 };
        let mut world = World::default();
        let entries = r.u32()?;
        world.entries.reserve(entries as usize);
        for _ in 0..entries {
            let id = Cow::Borrowed(r.text()?);
            let name = Cow::Borrowed(r.text()?);
            let kind = *KINDS.get(usize::from(r.u8()?))?;
            let within = Some(r.u32()?).filter(|w| *w != u32::MAX);
            let population = r.u64()?;
            let capital = r.u8()? != 0;
            world.entries.push(Entry { id, name, kind, within, population, capital });
        }
        let ids = r.u32()?;
        world.by_id.reserve(ids as usize);
        for _ in 0..ids {
            let (h, i) = (r.u64()?, r.u32()?);
            world.by_id.insert(h, i);
        }
        for _ in 0..r.u32()? {
            world.collided.push(r.u32()?);
        }
        let names = r.u32()?;
        world.names.reserve(names as usize);
        for _ in 0..names {
            let hash = r.u64()?;
            let tokens = r.u32()?..r.u32()?;
            let target = r.u32()?;
            let demonym = r.u8()? != 0;
            let rank = r.u64()?;
            let form = Form { initial: r.u64()?, upper: r.u64()? };
            world.names.push(Name { hash, tokens, target, demonym, rank, form });
        }
        let groups = r.u32()?;
        world.by_first.reserve(groups as usize);
        for _ in 0..groups {
            let h = r.u64()?;
            world.by_first.insert(h, r.u32()?..r.u32()?);
        }
        world.text = r.text()?.to_string();
        let spans = r.u32()?;
        world.spans.reserve(spans as usize);
        for _ in 0..spans {
            world.spans.push(r.u32()?..r.u32()?);
        }
        (r.at == bytes.len()).then_some(world)
    }

    struct Reader {
        bytes: &'static [u8],
        at: usize,
    }

    impl Reader {
        fn take(&mut self, n: usize) -> Option<&'static [u8]> {
            let part = self.bytes.get(self.at..self.at.checked_add(n)?)?;
            self.at += n;
            Some(part)
        }

        fn u8(&mut self) -> Option<u8> {
            Some(self.take(1)?[0])
        }

        fn u32(&mut self) -> Option<u32> {
            Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
        }

        fn u64(&mut self) -> Option<u64> {
            Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
        }

        fn text(&mut self) -> Option<&'static str> {
            let n = self.u32()? as usize;
            std::str::from_utf8(self.take(n)?).ok()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{TokenKind, tokens};
    use crate::world::bundled_files;

    /// Tokens of `text` as written and lower-cased, as a caller would pass them.
    fn split(text: &str) -> (Vec<String>, Vec<String>) {
        let toks = tokens(text, 0..text.len());
        let written = toks.iter().map(|t| text[t.span.clone()].to_string()).collect();
        let lower = toks
            .iter()
            .map(|t| match &t.kind {
                TokenKind::Word(w) => w.to_string(),
                TokenKind::Punct(c) => c.to_string(),
            })
            .collect();
        (lower, written)
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Examples {
        name: Vec<NameExample>,
        not_name: Vec<NotName>,
        contains: Vec<Containment>,
        display: Vec<DisplayExample>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct NameExample {
        text: String,
        id: String,
        kind: Kind,
        #[serde(default)]
        country: Option<String>,
        /// Tokens the name takes; all of `text` when not given.
        #[serde(default)]
        len: Option<usize>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct NotName {
        text: String,
        why: String,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Containment {
        outer: String,
        inner: String,
        holds: bool,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct DisplayExample {
        id: String,
        display: String,
    }

    fn examples() -> Examples {
        toml::from_str(include_str!("world_examples.toml")).unwrap_or_else(|e| panic!("world_examples.toml: {e}"))
    }

    #[test]
    fn names_in_the_examples_table_are_found() {
        let world = World::bundled();
        for ex in examples().name {
            let (lower, written) = split(&ex.text);
            let found = world.lookup(&lower, 0).unwrap_or_else(|| panic!("{:?}: nothing found", ex.text));
            assert_eq!(found.place.id, ex.id, "{:?}", ex.text);
            assert_eq!(found.place.kind, ex.kind, "{:?}", ex.text);
            assert_eq!(found.len, ex.len.unwrap_or(lower.len()), "{:?}: tokens taken", ex.text);
            assert!(found.written_as_name(&written), "{:?}: written as the name", ex.text);
            if let Some(country) = &ex.country {
                assert_eq!(found.place.country, Some(country.as_str()), "{:?}: country", ex.text);
            }
        }
    }

    #[test]
    fn near_misses_in_the_examples_table_are_not_names() {
        let world = World::bundled();
        for ex in examples().not_name {
            let (lower, written) = split(&ex.text);
            if let Some(found) = world.lookup(&lower, 0) {
                assert!(!found.written_as_name(&written), "{:?} ({}) found as {:?}", ex.text, ex.why, found.place);
            }
        }
    }

    #[test]
    fn containment_in_the_examples_table_holds() {
        let world = World::bundled();
        for ex in examples().contains {
            assert!(world.get(&ex.outer).is_some(), "{} is known", ex.outer);
            assert!(world.get(&ex.inner).is_some(), "{} is known", ex.inner);
            assert_eq!(world.contains(&ex.outer, &ex.inner), ex.holds, "{} in {}", ex.inner, ex.outer);
        }
    }

    #[test]
    fn display_names_in_the_examples_table() {
        let world = World::bundled();
        for ex in examples().display {
            assert_eq!(world.display(&ex.id), ex.display, "{}", ex.id);
        }
    }

    #[test]
    fn chains_and_countries() {
        let world = World::bundled();
        assert_eq!(world.chain("kremlin"), ["kremlin", "russia/moscow/moscow", "russia/moscow", "russia"]);
        assert_eq!(world.country_of("mar-a-lago"), Some("united-states"));
        assert_eq!(world.country_of("us-senate"), Some("united-states"));
        assert_eq!(world.country_of("nato"), None);
        assert_eq!(world.country_of("germany"), Some("germany"));
        assert!(world.chain("nowhere").is_empty());
        assert_eq!(world.display("nowhere"), "nowhere");
    }

    /// The generated tables are sorted with no id twice, so that regenerating them
    /// gives the same bytes; every `in`, capital and hand-written id resolves (loading
    /// fails otherwise).
    #[test]
    fn generated_tables_are_sorted_and_resolve() {
        let world = World::load(bundled_files()).unwrap_or_else(|e| panic!("{e}"));
        assert!(world.len() > 30_000, "{} places", world.len());
        for file in ["countries.tsv", "regions.tsv", "cities.tsv"] {
            let text = bundled_files().iter().find(|(f, _)| *f == file).map(|(_, t)| *t).expect(file);
            let keys: Vec<(&str, &str)> = text
                .lines()
                .filter(|l| !l.starts_with('#'))
                .map(|l| {
                    let f: Vec<&str> = l.split('\t').collect();
                    if file == "cities.tsv" { (f[2], f[0]) } else { (f[0], "") }
                })
                .collect();
            assert!(keys.windows(2).all(|w| w[0] < w[1]), "{file} is sorted, each id once");
        }
        for entry in &world.entries {
            let chain = world.chain(&entry.id);
            if entry.kind != Kind::Institution {
                assert!(chain.len() < 16, "{}: the chain ends", entry.id);
                let last = world.get(chain.last().expect("the chain holds the id")).expect("known");
                assert_eq!(last.kind, Kind::Country, "{}: the chain ends at a country", entry.id);
            }
        }
    }

    /// Names are split into the tokens the article tokenizer makes of them, so a name
    /// in the data matches the same name in a story.
    #[test]
    fn names_split_as_stories_do() {
        let world = World::bundled();
        let mut checked = 0;
        for range in world.by_first.values() {
            for name in &world.names[range.start as usize..range.end as usize] {
                let entry = &world.entries[name.target as usize];
                let (ours, _) = name_tokens(&entry.name);
                let (theirs, _) = split(&entry.name);
                assert_eq!(ours, theirs, "{:?}", entry.name);
                checked += 1;
            }
        }
        for (_, text) in bundled_files().iter().filter(|(f, _)| f.ends_with(".toml")) {
            for line in text.lines().filter(|l| l.starts_with("names = ")) {
                for name in line.split('"').skip(1).step_by(2) {
                    assert_eq!(name_tokens(name).0, split(name).0, "{name:?}");
                }
            }
        }
        assert!(checked > 1000);
    }

    /// The bytes the build bundles read back as the world the files load into.
    #[test]
    fn the_bundled_bytes_are_the_loaded_world() {
        let loaded = World::load(bundled_files()).unwrap_or_else(|e| panic!("{e}"));
        let bytes = loaded.encode();
        assert_eq!(World::bundled().encode(), bytes);
        let leaked: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let again = World::decode(leaked).expect("reads back");
        assert_eq!(again.entries.len(), loaded.entries.len());
        assert_eq!(again.lookup(&["kremlin"], 0).map(|m| m.place.id), Some("kremlin"));
        // Cut short or with bytes left over, the bytes are no world.
        assert!(World::decode(&leaked[..leaked.len() - 1]).is_none());
        let longer: &'static [u8] = Box::leak([leaked, &[0]].concat().into_boxed_slice());
        assert!(World::decode(longer).is_none());
    }
}
