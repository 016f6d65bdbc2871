//! Findings in words, as every report format says them: a disputed finding's sides as
//! one short sentence ("5 articles: 2025-12-02 · 1 article: 2025-12-03 (\"Kremlin says
//! …\", 2025-12-04) — the odd one out"), an update's as a timeline ("19 (4 articles, to
//! 2025-12-03) → 20 (5 articles, from 2025-12-15)"), the same seen from the side of one
//! claim for the formats that speak of one claim a line ("5 articles say 2025-12-02; this
//! one says 2025-12-03, the odd one out"), and the stories of a run by number and name.
//!
//! The words come from the finding's own sides ([`Finding::sides`]); this module only
//! says them. Each sentence is made once per finding, never once per claim, though the
//! formats that point at claims repeat it for each; and where a story has many values
//! it names the largest few and counts the rest, so that it stays one short line.

use super::sides::file_name;
use super::{Titles, count};
use crate::compare::{Finding, Relation, SourcedClaim, Story};
use std::collections::HashMap;

/// Characters of an article's title named in a sentence: longer titles are cut at a
/// word, with `…`.
const TITLE: usize = 60;

/// Sides proper a sentence names at most: a story told by thousands of articles can
/// have a hundred values, and a sentence repeated in every SARIF result or ClaimReview
/// of its finding must stay short. Past it, the largest few are named and the rest
/// counted.
const NAMED: usize = 4;

/// Compatible sides a sentence names at most; past it, they are counted.
const NAMED_COMPATIBLE: usize = 2;

/// One side of a finding, as its words need it.
struct Part {
    /// Its value, as displayed.
    value: String,
    /// How many articles are on it.
    articles: usize,
    /// For a side of one article: what names that article (its title in quotes, else its
    /// file name) and its date: `"Title", 2025-12-04`.
    source: Option<String>,
    /// The date of its oldest and of its newest article, each with `(inferred)` where
    /// it was inferred.
    first: String,
    last: String,
    /// For a compatible side: the sides proper it fits.
    fits: Vec<usize>,
}

/// A disputed finding's sides in words, made once per finding.
pub struct SidesWords {
    relation: Relation,
    parts: Vec<Part>,
    /// How many sides proper there are (they come first).
    proper: usize,
    /// The side that is the odd one out of a conflict: the smallest side proper, when
    /// it is smaller than every other.
    odd: Option<usize>,
    /// The sentence ([`SidesWords::sentence`]).
    sentence: String,
}

impl SidesWords {
    /// The words for a conflict or an update with two sides or more; `None` for an
    /// agreement. `titles` names the articles that stand alone on a side.
    pub fn new(f: &Finding, titles: &Titles) -> Option<SidesWords> {
        if f.relation == Relation::Agree || f.sides.len() < 2 {
            return None;
        }
        // The first and last claim of each side: claims come oldest first.
        let mut ends: Vec<Option<(&SourcedClaim, &SourcedClaim)>> = vec![None; f.sides.len()];
        for c in &f.claims {
            if let Some(slot) = ends.get_mut(c.side) {
                match slot {
                    Some((_, last)) => *last = c,
                    None => *slot = Some((c, c)),
                }
            }
        }
        let parts: Vec<Part> = f
            .sides
            .iter()
            .zip(&ends)
            .map(|(side, ends)| {
                let (first, last) = match ends {
                    Some((first, last)) => (dated(first), dated(last)),
                    None => (String::from("undated"), String::from("undated")),
                };
                let source = match (side.articles, ends) {
                    (1, Some((c, _))) => Some(source(c, titles)),
                    _ => None,
                };
                Part {
                    value: side.value.display(),
                    articles: side.articles,
                    source,
                    first,
                    last,
                    fits: side.compatible_with.clone(),
                }
            })
            .collect();
        let proper = parts.iter().take_while(|p| p.fits.is_empty()).count();
        let odd = match f.relation {
            Relation::Conflict if proper >= 2 => {
                let smallest = proper - 1;
                let others = parts[..smallest].iter().map(|p| p.articles).min().unwrap_or(0);
                (parts[smallest].articles < others).then_some(smallest)
            }
            _ => None,
        };
        let mut words = SidesWords { relation: f.relation, parts, proper, odd, sentence: String::new() };
        words.sentence = words.say();
        Some(words)
    }

    /// What the sentence is headed as: `sides`, or for an update `timeline`.
    pub fn label(&self) -> &'static str {
        match self.relation {
            Relation::Update => "timeline",
            _ => "sides",
        }
    }

    /// [`SidesWords::label`] as a heading: `Sides` or `Timeline`.
    pub fn title(&self) -> &'static str {
        match self.relation {
            Relation::Update => "Timeline",
            _ => "Sides",
        }
    }

    /// The sides in one sentence, without a full stop: for a conflict, each side's
    /// article count and value, largest first, the one article of a side of one named
    /// with its date; for an update, the values in date order with when they were
    /// reported. Compatible sides come last, saying which sides they fit.
    pub fn sentence(&self) -> &str {
        &self.sentence
    }

    /// The side that is the odd one out of a conflict, if one is.
    pub fn odd_one_out(&self) -> Option<usize> {
        self.odd
    }

    /// What a sentence names, in order, always naming side `keep` when given: every
    /// side when there are few, else the largest [`NAMED`] - 1 sides proper of a
    /// conflict (the first and the last two of a timeline) and its odd one out, and the
    /// compatible sides when there are no more than [`NAMED_COMPATIBLE`]; each run of
    /// two or more sides left out is said as one item.
    fn items(&self, keep: Option<usize>) -> Vec<Item> {
        let (n, proper) = (self.parts.len(), self.proper);
        let mut named = vec![false; n];
        if proper <= NAMED {
            named[..proper].fill(true);
        } else if self.relation == Relation::Update {
            named[0] = true;
            named[proper - 2..proper].fill(true);
        } else {
            named[..NAMED - 1].fill(true);
        }
        if n - proper <= NAMED_COMPATIBLE {
            named[proper..].fill(true);
        }
        for k in self.odd.into_iter().chain(keep).filter(|&k| k < n) {
            named[k] = true;
        }
        let mut items = Vec::new();
        let mut k = 0;
        while k < n {
            let compatible = k >= proper;
            let end =
                if named[k] { k + 1 } else { (k..n).find(|&j| named[j] || (j >= proper) != compatible).unwrap_or(n) };
            if end - k == 1 {
                items.push(Item::Side(k));
            } else {
                let articles = self.parts[k..end].iter().map(|p| p.articles).sum();
                items.push(Item::More { sides: end - k, articles, compatible });
            }
            k = end;
        }
        items
    }

    /// The sides the sentence names ([`SidesWords::sentence`]), by number.
    pub fn named(&self) -> Vec<usize> {
        self.items(None)
            .into_iter()
            .filter_map(|item| match item {
                Item::Side(k) => Some(k),
                Item::More { .. } => None,
            })
            .collect()
    }

    /// Whether an item stands in the timeline of an update (its values proper).
    fn in_timeline(&self, item: &Item) -> bool {
        self.relation == Relation::Update
            && match item {
                Item::Side(k) => *k < self.proper,
                Item::More { compatible, .. } => !compatible,
            }
    }

    /// A run of sides left out: `7 more values in 120 articles`.
    fn more(&self, item: &Item) -> String {
        let Item::More { sides, articles, compatible } = *item else { return String::new() };
        if self.in_timeline(item) {
            format!("{sides} more values ({})", count(articles, "article"))
        } else if compatible {
            format!("{sides} more values in {} that fit several sides", count(articles, "article"))
        } else {
            format!("{sides} more values in {}", count(articles, "article"))
        }
    }

    fn say(&self) -> String {
        let mut out = String::new();
        for (i, item) in self.items(None).iter().enumerate() {
            let timeline = self.in_timeline(item);
            if i > 0 {
                out.push_str(if timeline { " → " } else { " · " });
            }
            let Item::Side(k) = *item else {
                out.push_str(&self.more(item));
                continue;
            };
            let part = &self.parts[k];
            if timeline {
                out.push_str(&part.value);
                out.push_str(" (");
                match &part.source {
                    Some(source) => out.push_str(source),
                    None => {
                        out.push_str(&count(part.articles, "article"));
                        out.push_str(", ");
                        out.push_str(&self.span(k));
                    }
                }
                out.push(')');
                continue;
            }
            out.push_str(&count(part.articles, "article"));
            out.push_str(": ");
            out.push_str(&part.value);
            if let Some(source) = &part.source {
                out.push_str(" (");
                out.push_str(source);
                out.push(')');
            }
            if self.odd == Some(k) {
                out.push_str(" — the odd one out");
            }
            if !part.fits.is_empty() {
                out.push_str(" — ");
                out.push_str(&self.fits(k));
            }
        }
        out
    }

    /// When a side of an update was reported: up to its newest date for the first
    /// side, from its oldest for the last, both between.
    fn span(&self, k: usize) -> String {
        let part = &self.parts[k];
        if k == 0 {
            format!("to {}", part.last)
        } else if k + 1 == self.proper {
            format!("from {}", part.first)
        } else if part.first == part.last {
            part.first.clone()
        } else {
            format!("{} to {}", part.first, part.last)
        }
    }

    /// `fits both`, `fits 19, 20 and 21`, or `fits 5 sides`: the sides a compatible
    /// side fits.
    fn fits(&self, k: usize) -> String {
        let fits = &self.parts[k].fits;
        if fits.len() == 2 && self.proper == 2 {
            return "fits both".to_string();
        }
        if fits.len() > NAMED - 1 {
            return format!("fits {} sides", fits.len());
        }
        let values: Vec<&str> = fits.iter().filter_map(|&s| self.parts.get(s)).map(|p| p.value.as_str()).collect();
        format!("fits {}", and_list(&values))
    }

    /// The sides seen from side `side` (that of one claim), without a full stop: "5
    /// articles say 2025-12-02; this one says 2025-12-03, the odd one out; 1 article says
    /// 2025-12-01..2025-12-07, which fits both". An update's values in date order: "4
    /// articles say 19 (to 2025-12-03) → this one and 4 others say 20 (from
    /// 2025-12-15)". Sources are not named: this is for one line a claim. Sides are left
    /// out as in [`SidesWords::sentence`], never the claim's own.
    pub fn seen_from(&self, side: usize) -> String {
        let mut out = String::new();
        for (i, item) in self.items(Some(side)).iter().enumerate() {
            let timeline = self.in_timeline(item);
            if i > 0 {
                out.push_str(if timeline { " → " } else { "; " });
            }
            let Item::Side(k) = *item else {
                out.push_str(&self.more(item));
                continue;
            };
            let part = &self.parts[k];
            let one = if k == side {
                match part.articles {
                    0 | 1 => "this one says".to_string(),
                    n => format!("this one and {} say", count(n - 1, "other")),
                }
            } else {
                let verb = if part.articles == 1 { "says" } else { "say" };
                format!("{} {verb}", count(part.articles, "article"))
            };
            out.push_str(&one);
            out.push(' ');
            out.push_str(&part.value);
            if timeline {
                out.push_str(" (");
                if part.articles == 1 {
                    out.push_str(&part.first);
                } else {
                    out.push_str(&self.span(k));
                }
                out.push(')');
            }
            if self.odd == Some(k) {
                out.push_str(", the odd one out");
            }
            if !part.fits.is_empty() {
                out.push_str(", which ");
                out.push_str(&self.fits(k));
            }
        }
        out
    }

    /// How many sides the finding has.
    pub fn len(&self) -> usize {
        self.parts.len()
    }

    /// Whether it has none (never: a disputed finding has two or more).
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }
}

/// One item of a sentence: a side, or a run of sides it leaves out.
#[derive(Clone, Copy)]
enum Item {
    /// The side of this number.
    Side(usize),
    /// A run of sides left out: how many, their articles, whether they are compatible
    /// sides.
    More { sides: usize, articles: usize, compatible: bool },
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A claim's publication date as shown beside it: `2025-12-03`, `2025-12-03, inferred`
/// when it was inferred, or `undated`. What the human listing puts in parentheses.
pub fn date(c: &SourcedClaim) -> std::borrow::Cow<'_, str> {
    match c.published.as_deref() {
        None => "undated".into(),
        Some(d) if c.published_inferred => format!("{d}, inferred").into(),
        Some(d) => d.into(),
    }
}

/// A date inside a run of words: `2025-12-03`, or `2025-12-03 (inferred)`.
fn dated(c: &SourcedClaim) -> String {
    match c.published.as_deref() {
        None => "undated".to_string(),
        Some(d) if c.published_inferred => format!("{d} (inferred)"),
        Some(d) => d.to_string(),
    }
}

/// What names the one article of a side and when it was published: its title in
/// quotes (cut to [`TITLE`] characters), else its file name; then its date.
fn source(c: &SourcedClaim, titles: &Titles) -> String {
    let name = titles.get(&c.path).map_or_else(|| file_name(&c.path).to_string(), String::clone);
    format!("{name}, {}", date(c))
}

/// What names an article in a sentence: its outlet ("Riverbend Gazette"), else its title
/// in quotes, cut to [`TITLE`] characters; `None` when it has neither.
pub fn article_name(a: &crate::compare::ArticleClaims) -> Option<String> {
    let plain = |t: &Option<String>| t.as_deref().map(|t| super::one_line(t).into_owned()).filter(|t| !t.is_empty());
    match (plain(&a.outlet), plain(&a.title)) {
        (Some(outlet), _) => Some(cut(&outlet, TITLE)),
        (None, Some(title)) => Some(format!("\"{}\"", cut(&title, TITLE))),
        (None, None) => None,
    }
}

/// `text` cut to at most `width` characters at a space, with `…`.
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let end = text.char_indices().nth(width).map_or(text.len(), |(i, _)| i);
    let head = &text[..end];
    let head = head.rfind(' ').filter(|&at| at > 0).map_or(head, |at| &head[..at]);
    format!("{}…", head.trim_end_matches([',', ';', ':', ' ']))
}

/// The stories of a run by number (1 for the largest, as `compare` orders them) and
/// name, for the formats that name a finding's story.
pub struct StoryNames<'a> {
    stories: &'a [Story],
    by_name: HashMap<&'a str, usize>,
}

impl<'a> StoryNames<'a> {
    /// Index the run's stories.
    pub fn new(stories: &'a [Story]) -> StoryNames<'a> {
        StoryNames { stories, by_name: stories.iter().enumerate().map(|(i, s)| (s.name.as_str(), i)).collect() }
    }

    /// Whether the run has more than one story: only then is a finding's story worth
    /// naming.
    pub fn many(&self) -> bool {
        self.stories.len() > 1
    }

    /// The stories, largest first.
    pub fn stories(&self) -> &'a [Story] {
        self.stories
    }

    /// The number of the story named `name` (1 for the first), if it is one of the run's.
    pub fn number(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).map(|i| i + 1)
    }

    /// `story 2: Harbor, Union, Quist`, or the name alone for a story not of the run.
    pub fn label(&self, name: &str) -> String {
        match self.number(name) {
            Some(n) => format!("story {n}: {name}"),
            None => name.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{ArticleClaims, compare};
    use crate::extract::Claim;
    use crate::value::{Amount, Value};
    use chrono::NaiveDate;

    fn claim(amount: Amount) -> Claim {
        Claim {
            text: String::new(),
            ..Claim::example("meeting_duration", "talks", Value::Number { amount, unit: None })
        }
    }

    /// An article giving `amounts`, published on `date` (`None`: undated).
    fn article(path: &str, date: Option<&str>, amounts: &[Amount]) -> ArticleClaims {
        ArticleClaims {
            path: path.into(),
            published: date.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
            claims: amounts.iter().copied().map(claim).collect(),
            ..Default::default()
        }
    }

    fn exact(v: f64) -> Amount {
        Amount::exact(v)
    }

    fn words(articles: &[ArticleClaims], changes: bool, titles: &Titles) -> SidesWords {
        let findings = compare(articles, |_| changes);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        SidesWords::new(&findings[0], titles).expect("a disputed finding")
    }

    fn titles(pairs: &[(&str, &str)]) -> Titles {
        let articles: Vec<ArticleClaims> = pairs
            .iter()
            .map(|(p, t)| ArticleClaims { path: p.to_string(), title: Some(t.to_string()), ..Default::default() })
            .collect();
        super::super::titles(&articles)
    }

    #[test]
    fn an_article_is_named_by_its_outlet_else_its_title() {
        let mut a =
            ArticleClaims { path: "x/a.md".into(), title: Some("Envoys land in Moscow".into()), ..Default::default() };
        assert_eq!(article_name(&a).as_deref(), Some("\"Envoys land in Moscow\""));
        a.outlet = Some("Riverbend Gazette".into());
        assert_eq!(article_name(&a).as_deref(), Some("Riverbend Gazette"));
        assert_eq!(article_name(&ArticleClaims::default()), None);
    }

    #[test]
    fn the_odd_one_out_is_named_with_its_title_and_date() {
        let mut articles: Vec<ArticleClaims> =
            (1..=4).map(|i| article(&format!("news/{i}.md"), Some("2025-12-03"), &[exact(5.0)])).collect();
        articles.push(article("news/late.md", Some("2025-12-04"), &[exact(3.0)]));
        let titles = titles(&[("news/late.md", "Talks were short, officials say")]);
        let w = words(&articles, false, &titles);
        assert_eq!(w.label(), "sides");
        assert_eq!(
            w.sentence(),
            "4 articles: 5 · 1 article: 3 (\"Talks were short, officials say\", 2025-12-04) — the odd one out"
        );
        assert_eq!(w.odd_one_out(), Some(1));
        assert_eq!(w.seen_from(1), "4 articles say 5; this one says 3, the odd one out");
        assert_eq!(w.seen_from(0), "this one and 3 others say 5; 1 article says 3, the odd one out");
    }

    #[test]
    fn sides_of_one_article_each_have_no_odd_one_out_and_fall_back_to_the_file_name() {
        let articles =
            [article("a/one.md", Some("2025-12-01"), &[exact(19.0)]), article("b/two.md", None, &[exact(20.0)])];
        let w = words(&articles, false, &Titles::new());
        assert_eq!(w.sentence(), "1 article: 19 (one.md, 2025-12-01) · 1 article: 20 (two.md, undated)");
        assert_eq!(w.odd_one_out(), None, "one against one: neither is the odd one out");
    }

    #[test]
    fn a_value_between_two_sides_fits_both() {
        let about = Amount::range(19.0, 20.0);
        let articles = [
            article("a.md", Some("2025-12-01"), &[exact(19.0)]),
            article("b.md", Some("2025-12-01"), &[exact(19.0)]),
            article("c.md", Some("2025-12-02"), &[exact(20.0)]),
            article("d.md", Some("2025-12-02"), &[about]),
        ];
        let w = words(&articles, false, &Titles::new());
        let middle = Value::Number { amount: about, unit: None }.display();
        assert_eq!(
            w.sentence(),
            format!(
                "2 articles: 19 · 1 article: 20 (c.md, 2025-12-02) — the odd one out · \
                 1 article: {middle} (d.md, 2025-12-02) — fits both"
            )
        );
        assert_eq!(
            w.seen_from(2),
            format!("2 articles say 19; 1 article says 20, the odd one out; this one says {middle}, which fits both")
        );
    }

    #[test]
    fn a_value_that_fits_some_of_three_sides_names_them() {
        let wide = Amount::range(19.0, 21.0);
        let articles = [
            article("a.md", None, &[exact(19.0)]),
            article("b.md", None, &[exact(21.0)]),
            article("c.md", None, &[exact(25.0)]),
            article("d.md", None, &[wide]),
        ];
        let w = words(&articles, false, &Titles::new());
        assert!(w.sentence().ends_with("— fits 19 and 21"), "{}", w.sentence());
    }

    #[test]
    fn a_story_of_many_values_names_the_largest_and_counts_the_rest() {
        // Values 10, 20, ... 80 given by 8, 7, ... 1 articles; three values between two.
        let mut articles = Vec::new();
        for (v, n) in (1..=8).map(|i| (f64::from(i) * 10.0, 9 - i)) {
            articles.extend((0..n).map(|j| article(&format!("{v}-{j}.md"), None, &[exact(v)])));
        }
        for low in [10.0, 30.0, 50.0] {
            articles.push(article(&format!("between-{low}.md"), None, &[Amount::range(low, low + 10.0)]));
        }
        let w = words(&articles, false, &Titles::new());
        assert_eq!(w.len(), 11);
        assert_eq!(
            w.sentence(),
            "8 articles: 10 · 7 articles: 20 · 6 articles: 30 · 4 more values in 14 articles · \
             1 article: 80 (80-0.md, undated) — the odd one out · 3 more values in 3 articles that fit several sides"
        );
        assert_eq!(w.named(), vec![0, 1, 2, 7]);
        assert_eq!(
            w.seen_from(4),
            "8 articles say 10; 7 articles say 20; 6 articles say 30; 5 articles say 40; \
             this one and 3 others say 50; 2 more values in 5 articles; 1 article says 80, the odd one out; \
             3 more values in 3 articles that fit several sides",
            "the claim's own side is always named, and a run of one left out is named too"
        );
    }

    #[test]
    fn an_update_reads_as_a_timeline() {
        let articles = [
            article("a.md", Some("2025-11-24"), &[exact(19.0)]),
            article("b.md", Some("2025-12-03"), &[exact(19.0)]),
            article("c.md", Some("2025-12-15"), &[exact(20.0)]),
            article("d.md", Some("2025-12-31"), &[exact(20.0)]),
            article("e.md", Some("2026-01-05"), &[exact(22.0)]),
        ];
        let w = words(
            &articles,
            true,
            &titles(&[("e.md", "A longer plan than any before it, and more besides, as the mediators admit")]),
        );
        assert_eq!(w.label(), "timeline");
        assert_eq!(
            w.sentence(),
            "19 (2 articles, to 2025-12-03) → 20 (2 articles, 2025-12-15 to 2025-12-31) → \
             22 (\"A longer plan than any before it, and more besides, as the…\", 2026-01-05)"
        );
        assert_eq!(w.odd_one_out(), None, "an update has no odd one out");
        assert_eq!(
            w.seen_from(1),
            "2 articles say 19 (to 2025-12-03) → this one and 1 other say 20 (2025-12-15 to 2025-12-31) → \
             1 article says 22 (2026-01-05)"
        );
    }

    #[test]
    fn an_inferred_date_is_marked() {
        let mut articles: Vec<ArticleClaims> =
            (1..=3).map(|i| article(&format!("{i}.md"), Some("2025-12-03"), &[exact(5.0)])).collect();
        let mut guessed = article("guess.md", Some("2025-12-02"), &[exact(3.0)]);
        guessed.published_inferred = true;
        articles.push(guessed);
        let w = words(&articles, false, &Titles::new());
        assert!(
            w.sentence().ends_with("1 article: 3 (guess.md, 2025-12-02, inferred) — the odd one out"),
            "{}",
            w.sentence()
        );
        let findings = compare(&articles, |_| false);
        let c = findings[0].claims.iter().find(|c| c.path == "guess.md").unwrap();
        assert_eq!(date(c), "2025-12-02, inferred");
    }

    #[test]
    fn agreements_have_no_sides_to_tell() {
        let articles = [article("a.md", None, &[exact(5.0)]), article("b.md", None, &[exact(5.0)])];
        let findings = compare(&articles, |_| false);
        assert!(SidesWords::new(&findings[0], &Titles::new()).is_none());
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("one two three four", 10), "one two…");
        assert_eq!(cut("one, two three", 6), "one…");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
    }

    #[test]
    fn stories_are_named_by_number_only_where_there_are_several() {
        let story = |name: &str| Story { name: name.into(), given: false, articles: 2, names: vec![], paths: vec![] };
        let stories = [story("Harbor, Union, Quist"), story("Geneva, Miami")];
        let names = StoryNames::new(&stories);
        assert!(names.many());
        assert_eq!(names.label("Geneva, Miami"), "story 2: Geneva, Miami");
        assert_eq!(names.label("elsewhere"), "elsewhere");
        assert!(!StoryNames::new(&stories[..1]).many());
    }
}
