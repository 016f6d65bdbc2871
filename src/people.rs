//! People and organizations found in the text by the shape of their names, with no
//! table of who is who.
//!
//! A name is a run of capitalized words that are not there only because a sentence or a
//! headline starts with them, nor months, weekdays or titles. A title or role before
//! it ("President", "Prime Minister", "envoy", "Sen.") marks a person; a last word such
//! as "Union", "Ministry" or "Council", or an acronym, marks an organization. A
//! possessive is cut ("Witkoff's" is Witkoff).
//!
//! A person is known by the folded spelling of their surname, so that "Steve Witkoff"
//! and a later "Witkoff" are one person, and the spellings transliteration gives one
//! name in different reports ("Zelensky", "Zelenskiy", "Zelenskyy") fold to one key
//! ([`fold`]). A role named without a name ("the chancellor") is the person the article
//! last named with that title, if any.
//!
//! Where a name is a place, a country or an institution, the world data says so first;
//! this module is handed the tokens those took and leaves them alone.

use crate::text::{Token, TokenKind};
use std::collections::{HashMap, HashSet};

/// What a name names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NameKind {
    /// Someone: a name with a title, or a first name and a surname.
    Person,
    /// A body: a name ending in "Union", "Ministry", "Party", ..., or an acronym.
    Organization,
    /// A capitalized name of unknown kind: a person named by surname alone, a group.
    Other,
}

/// One mention of a name in a sentence's tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameMention {
    /// First token (index into the tokens given).
    pub start: usize,
    /// Token after the mention.
    pub end: usize,
    /// What it names.
    pub kind: NameKind,
    /// Who it is, across articles: the folded surname of a person, the folded words of
    /// an organization.
    pub key: String,
    /// The name as written, without title or possessive.
    pub written: String,
    /// The title or role written before it ("president", "envoy"), if any.
    pub title: Option<&'static str>,
    /// Whether the sentence names them only aside: as someone who speaks of the matter
    /// (a spokesman, an adviser) or whose someone else is ("Trump's envoy").
    pub aside: bool,
}

/// Titles of several words that stand before a person's name, lower case, longest first
/// where one begins another, each with the role a later "the prime minister" refers
/// back to.
#[rustfmt::skip]
const TITLES: &[(&[&str], &str)] = &[
    (&["vice", "president"], "vice president"), (&["prime", "minister"], "prime minister"),
    (&["foreign", "minister"], "foreign minister"), (&["defense", "minister"], "defense minister"),
    (&["defence", "minister"], "defense minister"), (&["finance", "minister"], "finance minister"),
    (&["interior", "minister"], "interior minister"), (&["deputy", "prime", "minister"], "deputy prime minister"),
    (&["secretary", "of", "state"], "secretary of state"), (&["secretary", "general"], "secretary general"),
    (&["attorney", "general"], "attorney general"), (&["special", "envoy"], "envoy"), (&["house", "speaker"], "speaker"),
    (&["senate", "majority", "leader"], "majority leader"), (&["senate", "minority", "leader"], "minority leader"),
    (&["majority", "leader"], "majority leader"), (&["minority", "leader"], "minority leader"),
    (&["chief", "executive"], "chief executive"), (&["national", "security", "adviser"], "national security adviser"),
];

/// Titles of one word: the word is the role.
#[rustfmt::skip]
const ONE_WORD_TITLES: &[&str] = &[
    "president", "chancellor", "minister", "secretary", "envoy", "ambassador", "senator", "sen", "rep",
    "representative", "congressman", "congresswoman", "gov", "governor", "mayor", "speaker", "leader", "chairman",
    "chairwoman", "chair", "ceo", "king", "queen", "prince", "princess", "pope", "general", "gen", "admiral", "adm",
    "colonel", "col", "adviser", "advisor", "aide", "spokesman", "spokeswoman", "spokesperson", "analyst", "expert",
    "mediator", "moderator", "professor", "correspondent", "negotiator", "commissioner", "judge", "justice",
    "director", "premier", "sheikh", "emir", "mr", "mrs", "ms", "dr", "lt", "capt", "sgt",
];

/// Titles of people who speak of what others do rather than take part in it.
const COMMENTATORS: &[&str] = &[
    "adviser",
    "advisor",
    "aide",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "analyst",
    "expert",
    "professor",
    "correspondent",
    "reporter",
    "editor",
    "national security adviser",
    "mediator",
    "moderator",
];

/// Words for the people who act for someone: after a possessive ("Trump's aides"),
/// they say the possessor is not the one acting.
#[rustfmt::skip]
const STAFF: &[&str] = &[
    "aide", "aides", "envoy", "envoys", "adviser", "advisers", "advisor", "advisors", "official", "officials",
    "negotiator", "negotiators", "team", "delegation", "delegates", "representative", "representatives",
    "emissary", "emissaries", "spokesman", "spokeswoman", "spokesperson", "lawyer", "lawyers", "administration",
    "government", "son-in-law", "minister", "ministers", "staff", "allies", "lieutenants", "deputies",
];

/// Titles that say only how someone is addressed: no role to refer back to.
const FORMS_OF_ADDRESS: &[&str] = &["mr", "mrs", "ms", "dr"];

/// Last words that make a name an organization's.
#[rustfmt::skip]
const ORGANIZATION_WORDS: &[&str] = &[
    "union", "unions", "party", "council", "ministry", "committee", "bank", "corporation", "corp", "inc", "ltd",
    "llc", "association", "agency", "department", "office", "commission", "authority", "foundation", "institute",
    "university", "court", "company", "group", "federation", "league", "alliance", "army", "forces", "guard",
    "board", "administration", "government", "parliament", "assembly", "congress", "service", "services",
    "bureau", "fund", "organization", "organisation", "network", "times", "post", "news", "journal", "press",
    "airlines", "airways", "hospital", "school", "college", "church", "society", "club", "team", "cabinet",
    "police", "command", "movement", "front", "coalition", "caucus", "conference", "summit", "act", "bill",
    "program", "programme", "plan", "guild", "syndicate", "confederation", "brotherhood",
    "teamsters", "workers",
];

/// Capitalized words that open headlines, quotes and sentences or stand alone for other
/// reasons, and never name anyone. Compared lower case; the small words of English are
/// the names module's own.
#[rustfmt::skip]
const NEVER_NAMES: &[&str] = &[
    "day", "week", "month", "year", "part", "chapter", "section", "article", "page", "update", "breaking",
    "exclusive", "analysis", "opinion", "live", "watch", "listen", "editor", "note", "photo", "video",
    "image", "caption", "source", "sources", "related", "more", "latest", "top", "world", "politics",
    "business", "news", "sign", "subscribe", "follow", "click", "here", "january", "february",
];

/// Capitalized words that only group people ("Democrats", "Republicans"): names of a
/// kind, never of one person.
const GROUP_WORDS: &[&str] = &[
    "democrats",
    "republicans",
    "democrat",
    "republican",
    "conservatives",
    "liberals",
    "independents",
    "socialists",
    "greens",
    "tories",
    "labour",
    "officials",
];

/// Words for peoples and regions wider than a country: parties, never persons.
#[rustfmt::skip]
const REGIONAL: &[&str] = &[
    "european", "europeans", "europe", "african", "africans", "asian", "asians", "western", "westerners",
    "arab", "arabs", "latin", "nordic", "baltic", "balkan", "eastern", "southern", "northern", "middle",
    "war", "peace", "ceasefire", "deal", "summit", "talks",
];

/// Last words that make a name a place's ("Calder Bay", "Cedar Falls"): places the world
/// data does not hold are no one.
#[rustfmt::skip]
const PLACE_WORDS: &[&str] = &[
    "bay", "river", "lake", "island", "islands", "beach", "valley", "mountain", "mountains", "county", "city",
    "street", "avenue", "square", "park", "harbor", "harbour", "falls", "springs", "heights", "hills", "port",
    "peninsula", "strait", "sea", "ocean", "coast", "district", "province", "region", "oblast",
];

/// Particles that may stand lower case inside a name ("Ursula von der Leyen").
const PARTICLES: &[&str] = &["von", "van", "der", "de", "da", "di", "du", "la", "le", "bin", "al", "ibn", "del", "dos"];

/// The spelling key of a name: lower case, accents dropped, and the differences that
/// transliteration makes between reports folded away: a final -y, -iy, -yy, -yi or -ii
/// is one sound ("Zelensky", "Zelenskiy", "Zelenskyy"); -iye- and -ye- after a consonant
/// are -ie- and -e- ("Dmitriyev"); a hard c is k ("Witcoff"); doubled letters are one.
pub fn fold(name: &str) -> String {
    transliterated(&plain(name))
}

/// A name in lower case without accents, its words joined by hyphens.
pub fn plain(name: &str) -> String {
    let mut plain = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '0'..='9' => plain.push(c),
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => plain.push('a'),
            'ç' | 'ć' | 'č' => plain.push('c'),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => plain.push('e'),
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => plain.push('i'),
            'ñ' | 'ń' | 'ň' => plain.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => plain.push('o'),
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => plain.push('u'),
            'ý' | 'ÿ' => plain.push('y'),
            'š' | 'ś' | 'ş' => plain.push('s'),
            'ž' | 'ź' | 'ż' => plain.push('z'),
            'ł' | 'ľ' | 'ĺ' => plain.push('l'),
            'ğ' | 'ģ' => plain.push('g'),
            'ř' | 'ŕ' => plain.push('r'),
            'ț' | 'ţ' | 'ť' => plain.push('t'),
            'đ' | 'ď' => plain.push('d'),
            'ß' => plain.push_str("ss"),
            '-' | ' ' => plain.push('-'),
            _ => {}
        }
    }
    plain
}

/// The transliteration differences folded away from a plain name (ASCII, as [`plain`]
/// gives it), in one pass each.
fn transliterated(plain: &str) -> String {
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let b = plain.as_bytes();
    // "ck" is k, "ph" is f.
    let mut word: Vec<u8> = Vec::with_capacity(b.len() + 1);
    let mut i = 0;
    while i < b.len() {
        let (c, len) = match &b[i..] {
            [b'c', b'k', ..] => (b'k', 2),
            [b'p', b'h', ..] => (b'f', 2),
            [c, ..] => (*c, 1),
            [] => break,
        };
        word.push(c);
        i += len;
    }
    // A hard c (before a, o, u or a consonant, and at the end) is k.
    for i in 0..word.len() {
        if word[i] == b'c' && !matches!(word.get(i + 1), Some(b'e' | b'i' | b'y' | b'h')) {
            word[i] = b'k';
        }
    }
    // A y between a consonant and a vowel is an i ("Podolyak", "Podoliak").
    let mut before: Option<u8> = None;
    for i in 0..word.len() {
        let c = word[i];
        let after_consonant = before.is_some_and(|p| p.is_ascii_alphabetic() && !vowel(p));
        if c == b'y' && after_consonant && word.get(i + 1).is_some_and(|n| vowel(*n)) {
            word[i] = b'i';
        }
        before = Some(c);
    }
    // "iye", "iyu" and "iya" are "ie", "iu" and "ia".
    let mut folded: Vec<u8> = Vec::with_capacity(word.len() + 1);
    let mut i = 0;
    while i < word.len() {
        folded.push(word[i]);
        i += if matches!(&word[i..], [b'i', b'y', b'e' | b'u' | b'a', ..]) { 2 } else { 1 };
    }
    for ending in ["iyy", "yy", "iy", "yi", "ii", "ij", "y"] {
        if folded.ends_with(ending.as_bytes()) && folded.len() - ending.len() >= 3 {
            folded.truncate(folded.len() - ending.len());
            folded.push(b'i');
            break;
        }
    }
    // Doubled letters are one.
    folded.dedup_by(|c, kept| c == kept && *c != b'-' && !c.is_ascii_digit());
    String::from_utf8(folded).unwrap_or_default()
}

/// Whether a line is written in title case: four words or more, every one capitalized
/// but the small words of English.
fn title_case(line: &str) -> bool {
    let small =
        |w: &str| matches!(w, "a" | "an" | "the" | "of" | "in" | "on" | "and" | "for" | "to" | "at" | "by" | "with");
    let mut words = 0;
    for w in line.split_whitespace() {
        let Some(first) = w.chars().next().filter(|c| c.is_alphabetic()) else { continue };
        if first.is_lowercase() && !small(w) {
            return false;
        }
        words += 1;
    }
    words >= 4
}
fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s").or_else(|| w.strip_suffix('\'')).unwrap_or(w)
}

fn word(tokens: &[Token], i: usize) -> Option<&str> {
    match &tokens.get(i)?.kind {
        TokenKind::Word(w) => Some(w.as_str()),
        TokenKind::Punct(_) => None,
    }
}

fn capitalized(text: &str, token: &Token) -> bool {
    text.get(token.span.clone()).and_then(|s| s.chars().next()).is_some_and(char::is_uppercase)
}

fn all_capitals(text: &str, token: &Token) -> bool {
    let written = text.get(token.span.clone()).unwrap_or("");
    written.chars().count() >= 2 && written.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// The title that stands at token `i`, and the token after it (a full stop after an
/// abbreviated title is part of it).
fn title_at(tokens: &[Token], i: usize) -> Option<(&'static str, usize)> {
    // Most words start no title: one look in a set of first words settles them.
    type Set = HashSet<&'static str, std::hash::BuildHasherDefault<crate::rule::vocab::Fnv>>;
    static FIRST: std::sync::OnceLock<Set> = std::sync::OnceLock::new();
    let first = FIRST.get_or_init(|| {
        TITLES.iter().filter_map(|(words, _)| words.first().copied()).chain(ONE_WORD_TITLES.iter().copied()).collect()
    });
    let w = word(tokens, i)?;
    if !first.contains(w) {
        return None;
    }
    let (role, len) = TITLES
        .iter()
        .find(|(words, _)| words.iter().enumerate().all(|(k, want)| word(tokens, i + k) == Some(want)))
        .map(|(words, role)| (*role, words.len()))
        .or_else(|| ONE_WORD_TITLES.iter().find(|t| **t == w).map(|t| (*t, 1)))?;
    let mut end = i + len;
    // An abbreviated title's full stop is part of it ("Sen.").
    if matches!(tokens.get(end).map(|t| &t.kind), Some(TokenKind::Punct('.'))) {
        end += 1;
    }
    Some((role, end))
}

/// What an article has taught about names so far: which words it writes capitalized
/// inside sentences (so a sentence-initial "Talks" is no name but "Brannock" is), and
/// which person each role last named.
#[derive(Debug, Default)]
pub struct Names {
    /// Lower-case words the article capitalizes somewhere other than at a sentence's
    /// start.
    inner: crate::names::LowerWords,
    /// Role to the key of the person the article last named with it.
    roles: HashMap<&'static str, String>,
    /// Key to the fullest spelling seen ("Steve Witkoff" for `witkoff`).
    full: HashMap<String, String>,
    /// The last word of each organization's name to its key: a later "the Guild" is
    /// the "Calder Bay Longshore Guild" the article named before.
    organizations: HashMap<String, String>,
    /// Person key to the country the article ties them to ("US envoy Steve Witkoff",
    /// "Russian President Vladimir Putin").
    countries: HashMap<String, String>,
    /// Keys of people the article introduces as commentators.
    commentators: HashSet<String>,
    /// Whether the text being read is a headline, where every word may be capitalized:
    /// only words the body capitalizes inside its sentences count as names there.
    title_case: bool,
    /// Byte ranges (in the text `find` is given) of the body's lines in title case: a
    /// headline repeated in the body, a subhead.
    title_lines: Vec<std::ops::Range<usize>>,
}

impl Names {
    /// Learn the article's capitalized words from its body text.
    pub fn new(body: &str) -> Names {
        Names::at(body, 0)
    }

    /// As [`Names::new`], for a body that starts at byte `offset` of the text the
    /// sentences will be found in.
    pub fn at(body: &str, offset: usize) -> Names {
        Names::read_body(body, offset, false).0
    }

    /// As [`Names::at`]; where `list`, with the body's names as [`crate::names::names`]
    /// lists them, read in the same pass where the body has no line in title case.
    pub fn read_body(body: &str, offset: usize, list: bool) -> (Names, Vec<String>) {
        // Lines in title case (a headline or a subhead in the body) capitalize every
        // word: they teach nothing about names, and only known names count in them.
        let mut title_lines = Vec::new();
        let mut start = 0;
        for line in body.split_inclusive('\n') {
            if title_case(line) {
                title_lines.push(offset + start..offset + start + line.len());
            }
            start += line.len();
        }
        let (names, inner) = match (title_lines.is_empty(), list) {
            (true, true) => crate::names::names_and_inner_capitals(body),
            (true, false) => (Vec::new(), crate::names::inner_capitals(body)),
            (false, _) => {
                let prose: String = body.split_inclusive('\n').filter(|line| !title_case(line)).collect();
                let names = if list { crate::names::names(body) } else { Vec::new() };
                (names, crate::names::inner_capitals(&prose))
            }
        };
        (Names { inner, title_lines, ..Names::default() }, names)
    }

    /// Whether byte `at` lies in a line in title case.
    fn in_title_line(&self, at: usize) -> bool {
        let i = self.title_lines.partition_point(|r| r.end <= at);
        self.title_lines.get(i).is_some_and(|r| r.start <= at)
    }

    /// Tie a person to a country: the article wrote the country (or its people's
    /// adjective) before their title.
    pub fn affiliate(&mut self, key: &str, country: &str) {
        self.countries.entry(key.to_string()).or_insert_with(|| country.to_string());
    }

    /// The country the article tied a person to, if it did.
    pub fn country_of(&self, key: &str) -> Option<&str> {
        self.countries.get(key).map(String::as_str)
    }

    /// The people and organizations a headline names: as [`Names::find`], but only
    /// words the body itself capitalizes inside sentences count, since a headline in
    /// title case capitalizes every word.
    pub fn find_in_headline(&mut self, text: &str, tokens: &[Token], taken: &[bool]) -> Vec<NameMention> {
        self.title_case = true;
        let found = self.find_names(text, tokens, taken);
        self.title_case = false;
        found
    }

    /// The people and organizations named among a sentence's `tokens` (the sentence's
    /// first token first), skipping the tokens `taken` by places and institutions.
    /// Roles without a name ("the chancellor") come back as the person the article
    /// last named with that role, when it has.
    pub fn find(&mut self, text: &str, tokens: &[Token], taken: &[bool]) -> Vec<NameMention> {
        let whole = match (tokens.first(), tokens.last()) {
            (Some(a), Some(b)) => text.get(a.span.start..b.span.end).unwrap_or(""),
            _ => "",
        };
        let was = self.title_case;
        self.title_case |= title_case(whole);
        let found = self.find_names(text, tokens, taken);
        self.title_case = was;
        found
    }

    fn find_names(&mut self, text: &str, tokens: &[Token], taken: &[bool]) -> Vec<NameMention> {
        let mut out = Vec::new();
        let mut i = 0;
        // Where the sentence's words begin: past opening quotes, brackets and bullets.
        let opening = tokens.iter().position(|t| matches!(t.kind, TokenKind::Word(_))).unwrap_or(0);
        while i < tokens.len() {
            if taken.get(i).copied().unwrap_or(false) || word(tokens, i).is_none() {
                i += 1;
                continue;
            }
            let title = title_at(tokens, i);
            let titled_capital = title.is_some() && capitalized(text, &tokens[i]);
            let name_from = title.map_or(i, |(_, end)| end);
            let run = self.run(text, tokens, name_from, taken);
            match (title, run) {
                (Some((role, _)), Some((start, end))) if start == name_from => {
                    let mention = self.mention(text, tokens, start, end, Some(role), i == opening && !titled_capital);
                    if let Some(m) = mention {
                        if !FORMS_OF_ADDRESS.contains(&role) && m.kind == NameKind::Person {
                            self.roles.insert(role, m.key.clone());
                        }
                        out.push(NameMention { start: i, ..m });
                    }
                    i = end;
                }
                (Some((role, end)), _) => {
                    // A role without a name refers back to whoever the article last
                    // named with it.
                    if let Some(key) = self.roles.get(role) {
                        let written = self.full.get(key).cloned().unwrap_or_else(|| key.clone());
                        out.push(NameMention {
                            start: i,
                            end,
                            kind: NameKind::Person,
                            key: key.clone(),
                            written,
                            title: Some(role),
                            aside: COMMENTATORS.contains(&role) || self.commentators.contains(key),
                        });
                    }
                    i = end;
                }
                (None, Some((start, end))) if start == i => {
                    // "the mediator, Ines Valcourt": a role set off before the name.
                    let set_off = (start >= 2 && matches!(tokens[start - 1].kind, TokenKind::Punct(',')))
                        .then(|| title_at(tokens, start - 2).filter(|(_, e)| *e == start - 1).map(|(role, _)| role))
                        .flatten();
                    if let Some(m) = self.mention(text, tokens, start, end, set_off, start == opening) {
                        out.push(m);
                    }
                    i = end;
                }
                _ => i += 1,
            }
        }
        out
    }

    /// The run of capitalized words starting at token `i`, if one does: name words,
    /// inner particles and hyphens, and initials with their full stops.
    fn run(&self, text: &str, tokens: &[Token], i: usize, taken: &[bool]) -> Option<(usize, usize)> {
        let starts = |k: usize| {
            !taken.get(k).copied().unwrap_or(false)
                && tokens.get(k).is_some_and(|t| capitalized(text, t))
                && word(tokens, k).is_some_and(|w| {
                    let w = strip_possessive(w);
                    let headline = self.title_case || self.in_title_line(tokens[k].span.start);
                    !crate::names::not_a_name(w) && !REGIONAL.contains(&w) && (!headline || self.inner.contains(w))
                })
        };
        if !starts(i) {
            return None;
        }
        let mut end = i + 1;
        loop {
            // A possessive ends the name.
            if word(tokens, end - 1).is_some_and(|w| w.ends_with("'s")) {
                break;
            }
            match tokens.get(end).map(|t| &t.kind) {
                // An initial's full stop: "Donald J. Trump".
                Some(TokenKind::Punct('.'))
                    if word(tokens, end - 1).is_some_and(|w| w.chars().count() == 1) && starts(end + 1) =>
                {
                    end += 2;
                }
                Some(TokenKind::Punct('-' | '\u{2010}' | '\u{2011}')) if starts(end + 1) => end += 2,
                Some(TokenKind::Word(w)) if PARTICLES.contains(&w.as_str()) => {
                    // "von der Leyen": particles, then a capitalized word.
                    let mut k = end;
                    while word(tokens, k).is_some_and(|w| PARTICLES.contains(&w)) {
                        k += 1;
                    }
                    if !starts(k) {
                        break;
                    }
                    end = k + 1;
                }
                Some(TokenKind::Word(_)) if starts(end) && title_at(tokens, end).is_none() => end += 1,
                _ => break,
            }
        }
        Some((i, end))
    }

    /// The mention the run `start..end` makes, or `None` where it names nothing: a
    /// sentence's opening word the article never capitalizes elsewhere, a group word.
    fn mention(
        &mut self,
        text: &str,
        tokens: &[Token],
        mut start: usize,
        end: usize,
        title: Option<&'static str>,
        opens_sentence: bool,
    ) -> Option<NameMention> {
        let words_of = |from: usize| -> Vec<&str> {
            (from..end).filter_map(|k| word(tokens, k)).map(strip_possessive).collect::<Vec<_>>()
        };
        if opens_sentence && title.is_none() {
            let first = strip_possessive(word(tokens, start)?);
            // "Zelenskiy, who met ...": a word set off by a relative clause is someone.
            let relative = matches!(tokens.get(end).map(|t| &t.kind), Some(TokenKind::Punct(',')))
                && word(tokens, end + 1) == Some("who");
            if !relative && !self.inner.contains(first) && !self.full.contains_key(&fold(first)) {
                // "Talks Witkoff held": the first word is the sentence's, the rest a name.
                start += 1;
                while start < end && word(tokens, start).is_none() {
                    start += 1;
                }
                if start >= end {
                    return None;
                }
            }
        }
        let words = words_of(start);
        let last = *words.last()?;
        if words.iter().all(|w| NEVER_NAMES.contains(w)) {
            return None;
        }
        let written: String = {
            let from = tokens[start].span.start;
            let to = tokens[end - 1].span.end;
            let raw = text.get(from..to).unwrap_or("");
            strip_possessive(&crate::text::straight_apostrophes(raw)).to_string()
        };
        let acronym = end - start == 1 && all_capitals(text, &tokens[start]);
        // "U.S.", "U.N.": initials alone are an abbreviation, not a person.
        if words.iter().all(|w| w.chars().count() == 1) {
            return None;
        }
        // "(AFP)", "(MENAFN)": a credit in brackets names the source, not anyone in
        // the story.
        let bracketed = start > 0
            && matches!(tokens[start - 1].kind, TokenKind::Punct('('))
            && matches!(tokens.get(end).map(|t| &t.kind), Some(TokenKind::Punct(')')));
        if acronym && bracketed {
            return None;
        }
        if (GROUP_WORDS.contains(&last) || (PLACE_WORDS.contains(&last) && words.len() > 1)) && title.is_none() {
            return None;
        }
        let kind = if ORGANIZATION_WORDS.contains(&last) || acronym {
            NameKind::Organization
        } else if title.is_some() || words.len() >= 2 {
            NameKind::Person
        } else {
            NameKind::Other
        };
        let key = match kind {
            NameKind::Organization if words.len() == 1 => {
                self.organizations.get(last).cloned().unwrap_or_else(|| plain(last))
            }
            NameKind::Organization => {
                let key = plain(&words.join("-"));
                self.organizations.insert(last.to_string(), key.clone());
                key
            }
            _ => fold(last),
        };
        if key.is_empty() {
            return None;
        }
        let fuller = self.full.get(&key).is_none_or(|known| known.len() < written.len());
        if fuller {
            self.full.insert(key.clone(), written.clone());
        }
        // A surname alone, once the article has given the full name, is that person.
        let kind = if kind == NameKind::Other && self.full.get(&key).is_some_and(|f| f.contains(' ')) {
            NameKind::Person
        } else {
            kind
        };
        if title.is_some_and(|t| COMMENTATORS.contains(&t)) {
            self.commentators.insert(key.clone());
        }
        // "Trump's envoy", "Putin's aide Yuri Ushakov", "two of Trump's closest aides":
        // the possessor is not who acts.
        let possessor = word(tokens, end - 1).is_some_and(|w| w.ends_with("'s"))
            && (title_at(tokens, end).is_some()
                || tokens.get(end).is_some_and(|t| capitalized(text, t))
                || (end..end + 3).any(|k| word(tokens, k).is_some_and(|w| STAFF.contains(&w))));
        let aside = possessor || self.commentators.contains(&key);
        Some(NameMention { start, end, kind, key, written, title, aside })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    /// The examples table beside this module: sentences and the names they give.
    #[derive(Deserialize)]
    struct Table {
        fold: Vec<FoldRow>,
        names: Vec<NamesRow>,
    }

    #[derive(Deserialize)]
    struct FoldRow {
        same: Vec<String>,
        #[serde(default)]
        not: Vec<String>,
    }

    #[derive(Deserialize)]
    struct NamesRow {
        /// Earlier text of the same article, read first (not checked).
        #[serde(default)]
        before: String,
        text: String,
        /// Whether `text` is the article's headline.
        #[serde(default)]
        headline: bool,
        /// `key` or `key:kind` for each name, in order.
        names: Vec<String>,
    }

    fn table() -> Table {
        toml::from_str(include_str!("people_examples.toml")).expect("people_examples.toml parses")
    }

    fn found(body: &str, before: &str, text: &str, headline: bool) -> Vec<String> {
        let mut names = Names::new(body);
        let mut all = Vec::new();
        for part in [before, text] {
            for sentence in crate::text::sentences(part, 0..part.len()) {
                let tokens = crate::text::tokens(part, sentence.span.clone());
                let mentions = if headline && std::ptr::eq(part, text) {
                    names.find_in_headline(part, &tokens, &vec![false; tokens.len()])
                } else {
                    names.find(part, &tokens, &vec![false; tokens.len()])
                };
                if std::ptr::eq(part, text) {
                    all.extend(mentions);
                }
            }
        }
        all.into_iter()
            .map(|m| match m.kind {
                NameKind::Person => m.key,
                NameKind::Organization => format!("{}:org", m.key),
                NameKind::Other => format!("{}:other", m.key),
            })
            .collect()
    }

    #[test]
    fn spellings_of_one_name_fold_together() {
        for row in table().fold {
            let key = fold(&row.same[0]);
            for other in &row.same {
                assert_eq!(fold(other), key, "{other} should fold like {}", row.same[0]);
            }
            for other in &row.not {
                assert_ne!(fold(other), key, "{other} should not fold like {}", row.same[0]);
            }
        }
    }

    #[test]
    fn names_by_their_shape() {
        for row in table().names {
            let body = if row.headline { row.before.clone() } else { format!("{} {}", row.before, row.text) };
            assert_eq!(found(&body, &row.before, &row.text, row.headline), row.names, "{}", row.text);
        }
    }

    #[test]
    fn spokesmen_and_possessors_are_named_aside() {
        let text = "Kremlin aide Yuri Ushakov said Lindqvist's envoy Tomas Brandt met Aro Vale. Ushakov left. \
                    Two of Aro Vale's closest aides met Brandt.";
        let mut names = Names::new(text);
        let mut asides = Vec::new();
        for sentence in crate::text::sentences(text, 0..text.len()) {
            let tokens = crate::text::tokens(text, sentence.span.clone());
            for m in names.find(text, &tokens, &vec![false; tokens.len()]) {
                asides.push((m.key, m.aside));
            }
        }
        let expected = [
            ("ushakov", true),
            ("lindqvist", true),
            ("brandt", false),
            ("vale", false),
            ("ushakov", true),
            ("vale", true),
            ("brandt", false),
        ];
        let expected: Vec<(String, bool)> = expected.iter().map(|(k, a)| (k.to_string(), *a)).collect();
        assert_eq!(asides, expected);
    }

    #[test]
    fn any_text_is_read_without_panicking() {
        for text in ["", ".", "A", "’s", "Ünal’s ’", "Mr.", "President", "J. . K", "von", "- A -", "Sen. ."] {
            let _ = found(text, "", text, false);
            let _ = found(text, "", text, true);
        }
    }
}
