//! Rendering: the JSON documents of the design's contract, the human-readable listings
//! of claims and claim-sheet diffs, and one printer per report format for the findings
//! of `compare` and `check` ([`Report`]). Pure: findings in, strings out; the command
//! line decides where they go.

pub mod claimreview;
pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod markdown;
pub mod pipe;
pub mod sarif;
pub mod sides;
pub mod words;

use crate::compare::{ArticleClaims, Finding, Relation, SourcedClaim};
use crate::extract::Claim;
use serde::Serialize;
use sides::Sides;
use similar::{Algorithm, DiffTag, capture_diff_slices};
use std::borrow::Cow;
use std::fmt::Write as _;

/// The report formats for findings, one printer each; also the `--format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Report {
    /// rustc-style text: each disputed claim's sentence with a caret run under the value.
    Human,
    /// One line per finding: `path:line:col: conflict[kind] ... (vs path:line)`.
    Concise,
    /// The JSON contract (schema_version 1).
    Json,
    /// One finding a line, as JSON.
    Jsonl,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=...::...`).
    Github,
    /// A fact-checker's report per story, in Markdown.
    Markdown,
    /// schema.org ClaimReview JSON-LD, one per disputed claim.
    Claimreview,
}

impl Report {
    /// The name on the command line.
    pub fn name(self) -> String {
        use clap::ValueEnum;
        self.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default()
    }
}

/// How much a kind of claim matters to a user (`[severity]` in `claimcheck.toml`): the
/// SARIF level and GitHub annotation of its conflicts, and whether they can fail `check`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails `check` (with `fail-on`); SARIF `error`, `::error`.
    #[default]
    Error,
    /// Reported, never fails; SARIF `warning`, `::warning`.
    Warning,
    /// Reported, never fails; SARIF `note`, `::notice`.
    Note,
    /// Not reported at all.
    Off,
}

impl Severity {
    /// The SARIF `level`.
    pub fn sarif_level(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note | Severity::Off => "note",
        }
    }

    /// The GitHub workflow command.
    pub fn github_command(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note | Severity::Off => "notice",
        }
    }
}

/// Severities by kind; kinds not named are errors.
pub type Severities = std::collections::BTreeMap<String, Severity>;

static NO_SEVERITIES: Severities = Severities::new();

/// What names each article read, by path: its outlet, else its title in quotes. What
/// names an article that stands alone on a side of a finding ([`words::SidesWords`]).
pub type Titles = std::collections::BTreeMap<String, String>;

static NO_TITLES: Titles = Titles::new();

/// The names of `articles` that have an outlet or a title, by path.
pub fn titles(articles: &[ArticleClaims]) -> Titles {
    articles.iter().filter_map(|a| Some((a.path.clone(), words::article_name(a)?))).collect()
}

/// What a printer needs to know beyond the findings.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// `check`: the new articles' paths (only their claims are annotated); `None` for
    /// `compare`, where every disputed claim is.
    pub new: Option<&'a [String]>,
    /// ANSI colour (human only).
    pub color: bool,
    /// GitHub annotations to print at most.
    pub max_annotations: usize,
    /// How many articles were read.
    pub articles: usize,
    /// Severities by kind.
    pub severities: &'a Severities,
    /// The stories the articles fell into.
    pub stories: &'a [crate::compare::Story],
    /// The articles' titles, by path.
    pub titles: &'a Titles,
}

impl Default for Context<'_> {
    fn default() -> Self {
        Context {
            new: None,
            color: false,
            max_annotations: 10,
            articles: 0,
            severities: &NO_SEVERITIES,
            stories: &[],
            titles: &NO_TITLES,
        }
    }
}

impl Context<'_> {
    /// The severity of a kind.
    pub fn severity(&self, kind: &str) -> Severity {
        self.severities.get(kind).copied().unwrap_or_default()
    }

    /// Whether `path` is one of the articles under check (every article in `compare`).
    pub fn in_question(&self, path: &str) -> bool {
        self.new.is_none_or(|new| new.iter().any(|n| n == path))
    }
}

impl Report {
    /// Render the findings in this format.
    pub fn render(self, findings: &[Finding], ctx: &Context) -> String {
        match self {
            Report::Human => human::render(findings, ctx),
            Report::Concise => concise::render(findings, ctx),
            Report::Json => findings_json(findings, ctx.stories),
            Report::Jsonl => jsonl::render(findings),
            Report::Sarif => sarif::render(findings, ctx),
            Report::Github => github::render(findings, ctx),
            Report::Markdown => markdown::render(findings, ctx),
            Report::Claimreview => claimreview::render(findings, ctx),
        }
    }

    /// Write the findings in this format to `out`; JSON, JSON Lines, SARIF and
    /// ClaimReview go out a few hundred kilobytes at a time (they can run to hundreds of
    /// megabytes over a large corpus), the others as rendered.
    pub fn write(self, findings: &[Finding], ctx: &Context, out: &mut impl std::io::Write) -> std::io::Result<()> {
        match self {
            Report::Json => json::write_findings(findings, ctx.stories, out),
            Report::Jsonl => json::write_lines(findings, out),
            Report::Sarif => sarif::write(findings, ctx, out),
            Report::Claimreview => claimreview::write(findings, ctx, out),
            Report::Markdown => markdown::write(findings, ctx, out),
            Report::Human => human::write(findings, ctx, out),
            _ => out.write_all(self.render(findings, ctx).as_bytes()),
        }
    }
}

/// Something made from each distinct value of one finding, made once: a story's
/// thousands of claims give a handful of values. Looked up by equality among the few
/// seen; past [`PerValue::MAX`] of them, made each time.
pub struct PerValue<'a, T> {
    seen: Vec<(&'a crate::value::Value, T)>,
}

impl<T> Default for PerValue<'_, T> {
    fn default() -> Self {
        PerValue { seen: Vec::new() }
    }
}

impl<'a, T> PerValue<'a, T> {
    const MAX: usize = 64;

    /// Forget the values of the last finding.
    pub fn clear(&mut self) {
        self.seen.clear();
    }

    /// Hand `use_it` what `make` makes of `value`, made once.
    pub fn with<R>(
        &mut self,
        value: &'a crate::value::Value,
        make: impl FnOnce(&crate::value::Value) -> T,
        use_it: impl FnOnce(&T) -> R,
    ) -> R {
        if let Some((_, made)) = self.seen.iter().find(|(v, _)| *v == value) {
            return use_it(made);
        }
        let made = make(value);
        let result = use_it(&made);
        if self.seen.len() < Self::MAX {
            self.seen.push((value, made));
        }
        result
    }
}

/// Why a claim is singled out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dispute {
    /// Another article's values never overlap its article's, and dates do not explain it.
    Conflict,
    /// A later article reports a newer value of a fact that changes.
    Updated,
}

/// A claim that other articles contradict, or that a later one replaced: what SARIF
/// results, GitHub annotations and ClaimReviews are about.
pub struct Disputed<'s, 'a> {
    /// Its finding's articles.
    pub sides: &'s Sides<'a>,
    /// Its article, an index into `sides.articles`.
    pub article: usize,
    /// The claim.
    pub claim: &'a SourcedClaim,
    /// Conflict or update.
    pub dispute: Dispute,
}

impl Disputed<'_, '_> {
    /// How many articles stand against it: those that disagree, or for an update those
    /// published later that do.
    pub fn against(&self) -> usize {
        match self.after() {
            Some(date) => self.sides.later_disagreeing(self.article, date),
            None => self.sides.disagreeing(self.article),
        }
    }

    /// Up to `max` of those articles, oldest first, by index into `sides.articles`.
    pub fn counterparts(&self, max: usize) -> Vec<usize> {
        self.sides.counterparts(self.article, self.after(), max)
    }

    /// For an update, the claim's publication date, after which its counterparts were
    /// published; `None` for a conflict. What its counterparts depend on besides its
    /// article's group ([`Sides::group`]).
    pub fn after(&self) -> Option<&str> {
        match self.dispute {
            Dispute::Conflict => None,
            Dispute::Updated => Some(self.sides.articles[self.article].published.unwrap_or("")),
        }
    }
}

/// Call `each` for every disputed claim, finding by finding in order and by article
/// within: claims of conflicts whose article disagrees with another (and, with
/// `updates`, claims of updates that a later article replaced), only the new articles'
/// in `check`, never those a baseline accepted.
pub fn for_each_disputed<'a>(
    findings: &'a [Finding],
    ctx: &Context,
    updates: bool,
    mut each: impl FnMut(&Disputed<'_, 'a>),
) {
    for_each_disputed_finding(findings, ctx, updates, |disputed| disputed.iter().for_each(&mut each));
}

/// [`for_each_disputed`] a finding at a time: `each` gets the disputed claims of one
/// finding (never none), for printers that work on them together.
pub fn for_each_disputed_finding<'a>(
    findings: &'a [Finding],
    ctx: &Context,
    updates: bool,
    mut each: impl FnMut(&[Disputed<'_, 'a>]),
) {
    for f in findings {
        let dispute = match f.relation {
            Relation::Conflict => Dispute::Conflict,
            Relation::Update if updates => Dispute::Updated,
            _ => continue,
        };
        if f.claims.iter().all(|c| c.baselined || !ctx.in_question(&c.path)) {
            continue;
        }
        let sides = Sides::new(f);
        // The articles that disagree with the most others first: where annotations are
        // capped, the odd one out is the one to show.
        let mut order: Vec<usize> =
            (0..sides.articles.len()).filter(|&i| ctx.in_question(sides.articles[i].path)).collect();
        order.sort_by_key(|&i| (std::cmp::Reverse(sides.disagreeing(i)), i));
        let mut disputed = Vec::new();
        for i in order {
            let side = &sides.articles[i];
            for claim in side.claims.iter().filter(|c| !c.baselined) {
                let d = Disputed { sides: &sides, article: i, claim, dispute };
                if d.against() > 0 {
                    disputed.push(d);
                }
            }
        }
        if !disputed.is_empty() {
            each(&disputed);
        }
    }
}

/// A claim that stands against another article's in a conflict or an update: what a
/// baseline accepts and what `check` fails on.
#[derive(Clone, Copy, Debug)]
pub struct Occurrence<'a> {
    /// Index of its finding.
    pub finding: usize,
    /// Index of the claim in the finding's claims.
    pub claim_index: usize,
    /// The claim.
    pub claim: &'a SourcedClaim,
    /// Conflict or update.
    pub relation: Relation,
    /// Its content fingerprint ([`fingerprint`]).
    pub fingerprint: u64,
}

/// Every claim of an article in question (`in_question(path)`) that disagrees with
/// another article's in a conflict or an update, finding by finding, in each in the
/// finding's order.
pub fn occurrences<'a>(findings: &'a [Finding], in_question: impl Fn(&str) -> bool) -> Vec<Occurrence<'a>> {
    let mut out = Vec::new();
    for (index, f) in findings.iter().enumerate() {
        if f.relation == Relation::Agree || !f.claims.iter().any(|c| in_question(&c.path)) {
            continue;
        }
        let sides = Sides::new(f);
        let mut article = 0;
        for (claim_index, claim) in f.claims.iter().enumerate() {
            // Claims come grouped by article, in the order of `sides.articles`.
            if sides.articles[article].path != claim.path {
                article = sides.articles.iter().position(|s| s.path == claim.path).unwrap_or(article);
            }
            if in_question(&claim.path) && sides.disagreeing(article) > 0 {
                let fingerprint = fingerprint(&sides, article, &claim.claim.value.display());
                out.push(Occurrence { finding: index, claim_index, claim, relation: f.relation, fingerprint });
            }
        }
    }
    out
}

/// The content fingerprint of a claim of article `i` of a finding: its relation, key
/// (kind, subject, qualifier) and value, and the values of the articles that disagree
/// with it ([`Sides::counterpart_digest`]). Never line numbers, offsets or file names:
/// moving a paragraph, editing another or renaming the file keeps it; changing the
/// value, or a counterpart's, makes a new one. SARIF's `partialFingerprints` and
/// baselines both rest on it.
/// `value` is the claim's value as displayed ([`crate::value::Value::display`]).
pub fn fingerprint(sides: &Sides, i: usize, value: &str) -> u64 {
    let f = sides.finding;
    // The digest in hexadecimal, as it has always been hashed, without an allocation.
    let hex = hex(sides.counterpart_digest(i));
    fnv1a(&[
        f.relation.name(),
        &f.kind,
        &f.subject,
        f.qualifier.as_deref().unwrap_or(""),
        value,
        std::str::from_utf8(&hex).unwrap_or_default(),
    ])
}

/// `n` in sixteen lower-case hexadecimal digits, as `format!("{n:016x}")` gives it.
pub fn hex(n: u64) -> [u8; 16] {
    std::array::from_fn(|k| b"0123456789abcdef"[((n >> (60 - 4 * k)) & 0xf) as usize])
}

/// A claim's sentence cut down to about `width` characters around its value: the words
/// before the value, the value's own words, the words after (with `…` where cut). When
/// the value's words cannot be found in the sentence, all of it is `before`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    /// Up to the value.
    pub before: String,
    /// The value's words as the sentence has them.
    pub value: String,
    /// After the value.
    pub after: String,
}

impl Snippet {
    /// Cut `claim.quote` around `claim.text`.
    pub fn of(claim: &Claim, width: usize) -> Snippet {
        let cut = Cut::of(claim, width);
        let mark = |on: bool| if on { "…" } else { "" };
        if cut.value.is_empty() {
            return Snippet {
                before: format!("{}{}", cut.before, mark(cut.cut_end)),
                value: String::new(),
                after: String::new(),
            };
        }
        Snippet {
            before: format!("{}{}", mark(cut.cut_start), cut.before),
            value: cut.value.to_string(),
            after: format!("{}{}", cut.after, mark(cut.cut_end)),
        }
    }
}

/// [`Snippet`] without copies: the parts of the sentence, and whether `…` goes before
/// or after them. When the value's words cannot be found, all that is shown is `before`
/// (then `…` where cut).
#[derive(Clone, Copy, Debug)]
pub struct Cut<'a> {
    /// Up to the value.
    pub before: &'a str,
    /// The value's words as the sentence has them; empty when not found.
    pub value: &'a str,
    /// After the value.
    pub after: &'a str,
    /// Whether the sentence's start was cut.
    pub cut_start: bool,
    /// Whether the sentence's end was cut.
    pub cut_end: bool,
}

impl<'a> Cut<'a> {
    /// Cut `claim.quote` around `claim.text`.
    pub fn of(claim: &'a Claim, width: usize) -> Cut<'a> {
        let quote = claim.quote.as_str();
        let text = one_line(&claim.text);
        let Some(vstart) = find_words(quote, &text) else {
            let end = if quote.len() > width { quote.char_indices().nth(width).map(|(i, _)| i) } else { None };
            let before = match end {
                // Too long: one character less than the width, and the mark.
                Some(_) => &quote[..quote.char_indices().nth(width.saturating_sub(1)).map_or(quote.len(), |(i, _)| i)],
                None => quote,
            };
            return Cut { before, value: "", after: "", cut_start: false, cut_end: end.is_some() };
        };
        let vend = vstart + text.len();
        // Byte offsets throughout; characters are counted only where the sentence is
        // longer in bytes than the width (a sentence has no more characters than bytes).
        let (mut start, mut end) = (0, quote.len());
        if quote.len() > width && quote.chars().count() > width {
            start = chars_back(quote, vstart, width / 3);
            end = chars_forward(quote, start, width).max(vend);
            let shown = quote[start..end].chars().count();
            if shown < width {
                start = chars_back(quote, start, width - shown).min(vstart);
            }
            // Cut between words, never into the value.
            if start > 0
                && let Some(space) = quote[start..vstart].find(' ')
            {
                start += space + 1;
            }
            if end < quote.len()
                && let Some(space) = quote[vend..end].rfind(' ')
            {
                end = vend + space;
            }
        }
        Cut {
            before: &quote[start..vstart],
            value: &quote[vstart..vend],
            after: &quote[vend..end],
            cut_start: start > 0,
            cut_end: end < quote.len(),
        }
    }
}

/// Whether a byte starts a character (is no UTF-8 continuation byte).
fn starts_char(b: u8) -> bool {
    (b as i8) >= -0x40
}

/// The byte offset `n` characters before `at` (or the start): counted in bytes, the
/// bytes that start characters, rather than by decoding characters.
fn chars_back(s: &str, at: usize, n: usize) -> usize {
    if n == 0 {
        return at;
    }
    let bytes = &s.as_bytes()[..at];
    if at >= n && bytes[at - n..].is_ascii() {
        return at - n;
    }
    let mut seen = 0;
    for i in (0..at).rev() {
        if starts_char(bytes[i]) {
            seen += 1;
            if seen == n {
                return i;
            }
        }
    }
    0
}

/// The byte offset `n` characters after `at` (or the end), counted as [`chars_back`]
/// counts.
fn chars_forward(s: &str, at: usize, n: usize) -> usize {
    let bytes = &s.as_bytes()[at..];
    if bytes.get(..n).is_some_and(<[u8]>::is_ascii) {
        return at + n;
    }
    let mut seen = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if starts_char(b) {
            if seen == n {
                return at + i;
            }
            seen += 1;
        }
    }
    s.len()
}

/// Byte offset of `words` in `sentence`, preferring a match that stands between word
/// boundaries ("19" in "19 points", not in "2019").
fn find_words(sentence: &str, words: &str) -> Option<usize> {
    let bounded = |at: usize| {
        let before = sentence[..at].chars().next_back();
        let after = sentence[at + words.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    };
    let first = find_from(sentence, words, 0)?;
    if bounded(first) {
        return Some(first);
    }
    // Matches do not overlap, as `str::match_indices` gives them.
    let mut at = first;
    while let Some(next) = find_from(sentence, words, at + words.len()) {
        if bounded(next) {
            return Some(next);
        }
        at = next;
    }
    Some(first)
}

/// Byte offset of the first `needle` in `hay` at or after `from` (a non-empty needle
/// that starts a character, so every match starts one): the needle's first byte
/// looked for, then the rest compared. A value's few words need nothing cleverer.
fn find_from(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let (&head, rest) = needle.split_first()?;
    let mut at = from;
    while at + needle.len() <= hay.len() {
        let found = at + find_byte(&hay[at..=hay.len() - needle.len()], head)?;
        if &hay[found + 1..found + needle.len()] == rest {
            return Some(found);
        }
        at = found + 1;
    }
    None
}

/// Offset of the first `byte` in `hay`: eight bytes a step, where the lowest byte
/// flagged by the classic "has a zero byte" test is exact whatever borrows do to the
/// bytes above it.
fn find_byte(hay: &[u8], byte: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while let Some(word) = hay.get(i..i + 8) {
        let w = u64::from_le_bytes([word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7]]);
        let x = w ^ (ONES * u64::from(byte));
        let hits = x.wrapping_sub(ONES) & !x & HIGH;
        if hits != 0 {
            return Some(i + (hits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    hay[i..].iter().position(|&b| b == byte).map(|p| i + p)
}

/// The key as shown after a finding's kind: `subject/qualifier`.
pub fn key_text(f: &Finding) -> String {
    match &f.qualifier {
        Some(q) => format!("{}/{}", f.subject, q),
        None => f.subject.clone(),
    }
}

/// Words on one line, spaces collapsed: a value's words may span a line break.
pub fn one_line(text: &str) -> Cow<'_, str> {
    let spaced = |b: &[u8]| b.windows(2).any(|w| w[0] == b' ' && w[1] == b' ');
    let bytes = text.as_bytes();
    let plain = !bytes.iter().any(|b| b.is_ascii_whitespace() && *b != b' ')
        && !spaced(bytes)
        && !text.starts_with(' ')
        && !text.ends_with(' ')
        && text.is_ascii();
    if plain { Cow::Borrowed(text) } else { Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" ")) }
}

/// A whole number in decimal, onto the end of `out`.
pub fn push_number(out: &mut String, n: usize) {
    out.push_str(json::digits(n, &mut [0; 20]));
}

/// `n` and the noun, plural when `n` is not 1 ("1 article", "3 articles").
pub fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", plural(n))
}

/// 64-bit FNV-1a over the parts, each ended by a unit separator so that ("ab", "c") and
/// ("a", "bc") differ. Written out rather than taken from std: `DefaultHasher` may
/// change between Rust releases, and a fingerprint must not.
pub fn fnv1a(parts: &[&str]) -> u64 {
    parts.iter().fold(FNV_OFFSET_BASIS, |hash, part| fnv1a_bytes(fnv1a_bytes(hash, part.as_bytes()), &[0x1f]))
}

const FNV_OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv1a_bytes(mut hash: u64, bytes: &[u8]) -> u64 {
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The `extract` JSON document.
#[derive(Serialize)]
pub struct ExtractDoc<'a> {
    /// Always 1.
    pub schema_version: u32,
    /// One entry per article.
    pub articles: Vec<ExtractArticle<'a>>,
}

/// One article in the `extract` JSON document.
#[derive(Serialize)]
pub struct ExtractArticle<'a> {
    /// The path.
    pub path: &'a str,
    /// The title.
    pub title: Option<&'a str>,
    /// Publication date (ISO).
    pub published: Option<String>,
    /// Whether the publication date was inferred rather than given; left out when given.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub published_inferred: bool,
    /// Its claims.
    pub claims: &'a [Claim],
}

/// The `compare` and `check` JSON document.
#[derive(Serialize)]
pub struct FindingsDoc<'a> {
    /// Always 1.
    pub schema_version: u32,
    /// The stories the articles fell into.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub stories: &'a [crate::compare::Story],
    /// The findings.
    pub findings: &'a [Finding],
}

/// JSON for `extract`.
pub fn extract_json(articles: &[ArticleClaims]) -> String {
    let doc = ExtractDoc {
        schema_version: 1,
        articles: articles
            .iter()
            .map(|a| ExtractArticle {
                path: &a.path,
                title: a.title.as_deref(),
                published: a.published.map(|d| d.to_string()),
                published_inferred: a.published_inferred && a.published.is_some(),
                claims: &a.claims,
            })
            .collect(),
    };
    to_json(&doc)
}

/// JSON for `compare` and `check`: [`FindingsDoc`], pretty.
pub fn findings_json(findings: &[Finding], stories: &[crate::compare::Story]) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = json::write_findings(findings, stories, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

fn to_json(doc: &impl Serialize) -> String {
    let mut s = serde_json::to_string_pretty(doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

fn key_of(claim: &Claim) -> String {
    match &claim.qualifier {
        Some(q) => format!("{}/{}", claim.subject, q),
        None => claim.subject.clone(),
    }
}

/// Human listing of each article's claims.
pub fn extract_human(articles: &[ArticleClaims]) -> String {
    let mut out = String::new();
    for a in articles {
        let date = match a.published {
            Some(d) if a.published_inferred => format!("{d}, inferred"),
            Some(d) => d.to_string(),
            None => "undated".to_string(),
        };
        let _ = writeln!(out, "{} ({date})", a.path);
        if a.claims.is_empty() {
            let _ = writeln!(out, "  no claims");
        }
        for c in &a.claims {
            let mark = if c.comparable { "" } else { "  (not compared: subject or version unknown)" };
            let _ = writeln!(
                out,
                "  {}:{}  {} {} = {}  \"{}\"{mark}",
                c.span.line,
                c.span.column,
                c.kind,
                key_of(c),
                c.value.display(),
                c.text
            );
        }
        out.push('\n');
    }
    let total: usize = articles.iter().map(|a| a.claims.len()).sum();
    let _ = writeln!(out, "{total} claim{} in {} article{}", plural(total), articles.len(), plural(articles.len()));
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Human listing of findings, rustc-style, without colour: what `compare` prints by
/// default ([`human::render`]).
pub fn findings_human(findings: &[Finding], articles: usize) -> String {
    human::render(findings, &Context { articles, ..Context::default() })
}

/// One line of a claim sheet: its text for the diff (`kind subject/qualifier = value`),
/// how it reads in its article, and the source line.
struct SheetLine {
    key: String,
    text: String,
    shown: String,
    line: usize,
}

/// The comparable claims of an article, one line per key and value, sorted by key.
fn sheet(article: &ArticleClaims) -> Vec<SheetLine> {
    let mut lines: Vec<SheetLine> = article
        .claims
        .iter()
        .filter(|c| c.comparable)
        .map(|c| {
            let key = format!("{} {}", c.kind, key_of(c));
            let text = format!("{key} = {}", c.value.display());
            SheetLine { key, shown: text.clone(), text, line: c.span.line }
        })
        .collect();
    lines.sort_by(|a, b| a.text.cmp(&b.text).then(a.line.cmp(&b.line)));
    lines.dedup_by(|a, b| a.text == b.text);
    lines
}

/// A unified diff of two articles' claim sheets: one line per claim key and value,
/// agreeing values as context (when they are worded differently, both are shown),
/// differing ones as `-`/`+`, each with its source line. Claims that are never
/// compared (subject or version unknown) are left out.
pub fn diff(a: &ArticleClaims, b: &ArticleClaims) -> String {
    let mut old = sheet(a);
    let theirs = sheet(b);
    // A value of A that a value of B overlaps under the same key is a line both share:
    // B gets a line with A's text, so the diff sees them equal, showing B's wording.
    let values = |article: &ArticleClaims, line: &SheetLine| -> Vec<crate::value::Value> {
        article
            .claims
            .iter()
            .filter(|c| c.comparable && format!("{} {} = {}", c.kind, key_of(c), c.value.display()) == line.text)
            .map(|c| c.value.clone())
            .collect()
    };
    let mut used = vec![false; theirs.len()];
    let mut new: Vec<SheetLine> = Vec::new();
    for o in &old {
        let mine = values(a, o);
        let partner = theirs
            .iter()
            .position(|n| n.key == o.key && values(b, n).iter().any(|y| mine.iter().any(|x| x.overlaps(y))));
        if let Some(j) = partner {
            used[j] = true;
            let n = &theirs[j];
            new.push(SheetLine { key: n.key.clone(), text: o.text.clone(), shown: n.shown.clone(), line: n.line });
        }
    }
    new.extend(theirs.into_iter().zip(used).filter(|(_, u)| !u).map(|(n, _)| n));
    old.sort_by(|x, y| x.text.cmp(&y.text));
    new.sort_by(|x, y| x.text.cmp(&y.text));
    let old_text: Vec<&str> = old.iter().map(|l| l.text.as_str()).collect();
    let new_text: Vec<&str> = new.iter().map(|l| l.text.as_str()).collect();
    let mut out = format!("--- {}\n+++ {}\n", a.path, b.path);
    let _ = writeln!(out, "@@ -1,{} +1,{} @@", old.len(), new.len());
    for op in capture_diff_slices(Algorithm::Myers, &old_text, &new_text) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => {
                for (i, j) in old_range.zip(new_range) {
                    let (o, n) = (&old[i], &new[j]);
                    let worded = if n.shown == o.shown {
                        String::new()
                    } else {
                        format!(" ~ {}", n.shown.rsplit(" = ").next().unwrap_or(""))
                    };
                    let _ = writeln!(out, " {}{worded}  (line {} | line {})", o.shown, o.line, n.line);
                }
            }
            DiffTag::Delete | DiffTag::Insert | DiffTag::Replace => {
                for i in old_range {
                    let _ = writeln!(out, "-{}  (line {})", old[i].shown, old[i].line);
                }
                for j in new_range {
                    let _ = writeln!(out, "+{}  (line {})", new[j].shown, new[j].line);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Span;
    use crate::value::{Amount, Value};

    fn claim(text: &str, quote: &str) -> Claim {
        Claim {
            text: text.into(),
            quote: quote.into(),
            span: Span { start: 0, end: text.len(), line: 1, column: 1 },
            ..Claim::example("plan_points", "plan", Value::Number { amount: Amount::exact(19.0), unit: None })
        }
    }

    #[test]
    fn a_short_sentence_is_shown_whole_around_its_value() {
        let s = Snippet::of(&claim("19", "The plan has 19 points."), 100);
        assert_eq!((s.before.as_str(), s.value.as_str(), s.after.as_str()), ("The plan has ", "19", " points."));
    }

    #[test]
    fn the_value_is_found_between_word_boundaries() {
        // "19" inside "2019" is not the value.
        let s = Snippet::of(&claim("19", "In 2019 the plan had 19 points."), 100);
        assert_eq!(s.before, "In 2019 the plan had ");
        assert_eq!(find_words("abc", ""), None);
        assert_eq!(find_words("a 20-point plan", "20"), Some(2));
    }

    #[test]
    fn value_words_broken_over_lines_are_found_in_the_collapsed_sentence() {
        let s = Snippet::of(&claim("nearly\n  five hours", "talks lasted nearly five hours."), 100);
        assert_eq!(s.value, "nearly five hours");
    }

    #[test]
    fn a_long_sentence_is_cut_between_words_never_into_the_value() {
        let quote = format!("{} the plan has twenty-eight points {}", "word ".repeat(40), "more ".repeat(40));
        let s = Snippet::of(&claim("twenty-eight", &quote), 60);
        assert_eq!(s.value, "twenty-eight");
        assert!(s.before.starts_with('…') && s.after.ends_with('…'), "{s:?}");
        assert!(s.before.chars().count() + s.value.chars().count() + s.after.chars().count() <= 62, "{s:?}");
        assert!(s.before.starts_with("…word ") || s.before.starts_with("…the "), "cut at a space: {s:?}");
        let wide = Snippet::of(&claim("x", &"y".repeat(500)), 60);
        assert_eq!(wide.value, "", "words not in the sentence: no value");
    }

    #[test]
    fn bytes_are_found_where_they_first_stand() {
        let hay: Vec<u8> = (0u8..=255).chain(0u8..=255).collect();
        for start in 0..40 {
            for b in [0u8, 1, 7, 8, 0x7f, 0x80, 0xff] {
                let expected = hay[start..].iter().position(|&x| x == b);
                assert_eq!(find_byte(&hay[start..], b), expected, "{start} {b}");
            }
        }
        assert_eq!(find_byte(b"", b'a'), None);
        assert_eq!(find_byte(b"\x01\x00\x00\x00\x00\x00\x00\x00\x00a", b'a'), Some(9));
    }

    #[test]
    fn characters_are_counted_as_decoding_counts_them() {
        let back = |s: &str, at: usize, n: usize| {
            if n == 0 {
                return at;
            }
            s[..at].char_indices().rev().take(n).last().map_or(at, |(i, _)| i)
        };
        let forward = |s: &str, at: usize, n: usize| s[at..].char_indices().nth(n).map_or(s.len(), |(i, _)| at + i);
        for s in ["", "plain ascii words", "é “curly” — 😀 mixed text, é", "😀😀😀😀"] {
            for at in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                for n in 0..25 {
                    assert_eq!(chars_back(s, at, n), back(s, at, n), "{s:?} {at} {n}");
                    assert_eq!(chars_forward(s, at, n), forward(s, at, n), "{s:?} {at} {n}");
                }
            }
        }
    }

    #[test]
    fn fnv1a_is_the_published_function_and_separates_parts() {
        // Test vectors of the FNV-1a 64-bit reference.
        assert_eq!(fnv1a_bytes(FNV_OFFSET_BASIS, b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a_bytes(FNV_OFFSET_BASIS, b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a_bytes(FNV_OFFSET_BASIS, b"foobar"), 0x8594_4171_f739_67e8);
        assert_eq!(fnv1a(&["a"]), fnv1a_bytes(FNV_OFFSET_BASIS, b"a\x1f"));
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
    }

    #[test]
    fn extract_output_marks_inferred_dates_only() {
        let day = chrono::NaiveDate::from_ymd_opt(2025, 12, 3);
        let article = |path: &str, published, published_inferred| ArticleClaims {
            path: path.into(),
            published,
            published_inferred,
            ..Default::default()
        };
        let articles =
            [article("given.md", day, false), article("guessed.md", day, true), article("none.md", None, false)];
        let human = extract_human(&articles);
        assert!(human.contains("given.md (2025-12-03)\n"), "{human}");
        assert!(human.contains("guessed.md (2025-12-03, inferred)\n"), "{human}");
        assert!(human.contains("none.md (undated)\n"), "{human}");
        let doc: serde_json::Value = serde_json::from_str(&extract_json(&articles)).unwrap();
        let flags: Vec<Option<bool>> =
            (0..3).map(|i| doc["articles"][i].get("published_inferred").and_then(|v| v.as_bool())).collect();
        assert_eq!(flags, [None, Some(true), None]);
    }
}
