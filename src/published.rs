//! Publication dates for articles that give none: read from the article's address
//! (`/2025/12/03/`, `/2025/dec/19/`, `/2025/1206/`, `/2025-12-27/`) or, failing that,
//! from the latest day its text speaks of as past. Such a date is marked as inferred
//! wherever it is shown.
//!
//! Pure: the article in, a date out. The text is read by the value scanner, with its date
//! parsers and its tense cues; nothing here parses a date from prose.
//!
//! "Past" means: a date of day grain (with its year, or a year-less "December 14"
//! placed by a year hint or near the text's own latest past date) that stands alone on
//! its line (a dateline), or whose sentence's nearest tense cue is a past one ("met",
//! "was", "ended", "said", ... as [`scan::tense_of_span`] reads them; not "will",
//! "scheduled", "expected", "next", "until"); and that follows no word making it a
//! limit ("until", "by", "before", "ahead of", "no later than") and shares no sentence
//! with a deadline or an expiry. A sentence with no tense cue says nothing of when, so
//! its dates are passed over. The publication date is on or after every day the text
//! reports as done, so the latest such day is the nearest guess.

use crate::article::Article;
use crate::parse::date::{self, Anchor, DateExpr, Tense};
use crate::scan::{self, Found};
use crate::text;
use crate::value::{DateValue, Grain, Unplaced, Value};
use chrono::{NaiveDate, Weekday};

/// Where an inferred date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The article's address (front matter `url:`).
    Url,
    /// The latest day the text speaks of as past.
    Text,
}

/// A publication date the article implies but does not state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Inferred {
    /// The date.
    pub date: NaiveDate,
    /// Where it came from.
    pub source: Source,
}

/// What an article says of its own date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Inference {
    /// The date it implies, if any.
    pub inferred: Option<Inferred>,
    /// Whether its text speaks of past days without their year ("on December 14") that
    /// no year hint placed: a hint from the articles read with it would place them, and
    /// may give (or move) the date. Such an article is worth reading again once a hint
    /// is known.
    pub awaits_year: bool,
}

/// Years a date in an address may name.
const URL_YEARS: std::ops::RangeInclusive<i32> = 1900..=2099;

/// Years a bare run of eight digits in an address ("20251203") may start with: tighter
/// than [`URL_YEARS`], since such runs are often ids.
const COMPACT_YEARS: std::ops::RangeInclusive<i32> = 1990..=2099;

/// Words right before a date that make it a limit rather than a day something happened
/// on: "until November 27", "by December 1".
const LIMIT_WORDS: &[&str] = &["until", "till", "til", "by", "before", "through", "thru"];

/// Two-word limits before a date: "ahead of December 5", "no later than December 1",
/// "prior to January 3".
const LIMIT_PAIRS: &[(&str, &str)] = &[("ahead", "of"), ("later", "than"), ("prior", "to")];

/// Words that make every date of their sentence a limit: "the November 27 deadline",
/// "the mandate expires on December 31".
const LIMIT_NOUNS: &[&str] = &["deadline", "deadlines", "expire", "expires", "expiring", "expiry", "expiration"];

/// The publication date `article` implies: the date in its address, else the latest day
/// its text speaks of as past. Call it for articles that give no date; the year hint in
/// `article` places year-less days.
pub fn infer(article: &Article) -> Inference {
    if let Some(date) = article.meta.url.as_deref().and_then(from_url) {
        return Inference { inferred: Some(Inferred { date, source: Source::Url }), awaits_year: false };
    }
    let masked = text::mask_markup(&article.text, article.body_start);
    let anchor = Anchor { published: None, year_hint: article.year_hint };
    let values = scan::scan_anchored(&masked, article.body_start, &anchor);
    from_text(&masked, &values)
}

/// The latest day spoken of as past among `values`, the values the scanner found in
/// `text` (an undated scan: full dates placed, year-less ones placed only by a year
/// hint). Year-less days left unplaced are placed near the latest full one.
pub fn from_text(text: &str, values: &[Found]) -> Inference {
    let mut days: Vec<(NaiveDate, &Found)> = Vec::new();
    let mut year_less: Vec<(u32, u32, Option<Weekday>, &Found)> = Vec::new();
    for f in values {
        match &f.value {
            Value::Date(DateValue::Span { end, grain: Grain::Day, .. }) => days.push((*end, f)),
            Value::Date(DateValue::Unplaced(Unplaced::MonthDays { month, first, last, weekday })) => {
                // A run across months ("December 30 to January 2") keeps only its first
                // month: take its first day.
                let day = if last >= first { *last } else { *first };
                year_less.push((*month, day, *weekday, f));
            }
            _ => {}
        }
    }
    let latest = latest_past(text, days);
    let placed: Vec<(NaiveDate, &Found)> = match latest {
        Some(hint) => year_less
            .iter()
            .filter_map(|(month, day, weekday, f)| Some((place_year(*month, *day, *weekday, hint)?, *f)))
            .filter(|(d, _)| *d > hint)
            .collect(),
        None => Vec::new(),
    };
    let later = latest_past(text, placed);
    let awaits_year = year_less.iter().any(|(.., f)| spoken_of_as_past(text, f));
    let inferred = later.or(latest).map(|date| Inferred { date, source: Source::Text });
    Inference { inferred, awaits_year }
}

/// The latest of `days` whose words the text speaks of as past; only as many are
/// looked at as it takes to find it.
fn latest_past(text: &str, mut days: Vec<(NaiveDate, &Found)>) -> Option<NaiveDate> {
    days.sort_by_key(|(day, _)| std::cmp::Reverse(*day));
    days.into_iter().find(|(_, f)| spoken_of_as_past(text, f)).map(|(d, _)| d)
}

/// The year-less day `month`/`day` in the year that puts it nearest `hint`, as the
/// scanner places year-less dates near a year hint ([`date::resolve`]).
fn place_year(month: u32, day: u32, weekday: Option<Weekday>, hint: NaiveDate) -> Option<NaiveDate> {
    let expr = DateExpr::MonthDay { first: (month, day), last: (month, day), weekday };
    let anchor = Anchor { published: None, year_hint: Some(hint) };
    match date::resolve(&expr, &anchor, Tense::Past, "")?.value {
        DateValue::Span { end, .. } => Some(end),
        DateValue::Unplaced(_) => None,
    }
}

/// `w` without the punctuation around it.
fn trim(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Whether the text speaks of the date at `f` as past: no limit word right before it, no
/// deadline in its sentence, and either it stands alone (a dateline) or the tense cue
/// nearest to it is a past one. A sentence with no cue at all says nothing of when
/// ("a meeting on January 3 to work through the terms").
fn spoken_of_as_past(text: &str, f: &Found) -> bool {
    let (before, after) = scan::sentence_sides(text, f.start, f.end);
    let is = |w: &str, list: &[&str]| list.iter().any(|l| l.eq_ignore_ascii_case(w));
    let mut last_two = before.split_whitespace().rev().map(trim);
    let (w1, w2) = (last_two.next().unwrap_or(""), last_two.next().unwrap_or(""));
    if is(w1, LIMIT_WORDS) || LIMIT_PAIRS.iter().any(|(a, b)| w2.eq_ignore_ascii_case(a) && w1.eq_ignore_ascii_case(b))
    {
        return false;
    }
    if before.split_whitespace().chain(after.split_whitespace()).any(|w| is(trim(w), LIMIT_NOUNS)) {
        return false;
    }
    // A date alone on its line, or in its sentence, is a dateline: the day of writing.
    let bare = |s: &str| s.chars().all(|c| !c.is_alphanumeric());
    if bare(before) && bare(after) {
        return true;
    }
    scan::tense_of_span(text, f.start, f.end) == Some(Tense::Past)
}

/// The date an address carries in its path or query, if one is clearly there:
/// `/2025/12/03/`, `/2025/dec/19/`, `/2025/1206/` (year, then month and day in four
/// digits), `/2025-12-27/` or `-2025-12-27-` anywhere, or eight digits `20251203`
/// standing alone between separators. The first one from the left wins. Garbage gives
/// `None`, never a panic.
pub fn from_url(url: &str) -> Option<NaiveDate> {
    let url = url.trim();
    // The host says nothing of the date ("2025.example.org"); the fragment neither.
    let path = match url.split_once("://") {
        Some((_, rest)) => rest.find('/').and_then(|i| rest.get(i..)).unwrap_or(""),
        None => url,
    };
    let path = path.split('#').next().unwrap_or("");
    let segments: Vec<&str> = path.split(['/', '?', '&', '=']).collect();
    (0..segments.len()).find_map(|i| {
        let rest = segments.get(i..).unwrap_or_default();
        year_month_day_segments(rest).or_else(|| segments.get(i).and_then(|s| date_in_segment(s)))
    })
}

/// `2025/12/03`, `2025/dec/19`, `2025/1206` at the start of `segments`.
fn year_month_day_segments(segments: &[&str]) -> Option<NaiveDate> {
    let [year, month, rest @ ..] = segments else { return None };
    let year = i32::try_from(all_digits(year, 4)?).ok()?;
    if !URL_YEARS.contains(&year) {
        return None;
    }
    if let Some(month_day) = all_digits(month, 4) {
        // "1206": December 6.
        return NaiveDate::from_ymd_opt(year, month_day / 100, month_day % 100);
    }
    let month = match month.len() {
        1 | 2 => all_digits(month, month.len())?,
        _ => date::month_number(month)?.0,
    };
    // The day's segment may go on after its digits ("03.html", "19-talks").
    let day_segment = rest.first()?;
    let digits = day_segment.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let day = all_digits(day_segment.get(..digits)?, digits)?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// `2025-12-27` or `20251203` inside one segment, standing between separators (not
/// letters or digits: "a20251203" is an id).
fn date_in_segment(segment: &str) -> Option<NaiveDate> {
    let bytes = segment.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'-') {
            i += 1;
        }
        let run = segment.get(start..i)?.trim_end_matches('-');
        let free = |at: Option<&u8>| at.is_none_or(|b| b.is_ascii() && !b.is_ascii_alphanumeric());
        if !free(start.checked_sub(1).and_then(|s| bytes.get(s))) {
            continue;
        }
        let after_run = bytes.get(start + run.len());
        if let Some(date) = iso_prefix(run).filter(|_| free(after_run) || run.len() > 10) {
            return Some(date);
        }
        let first = run.split('-').next().unwrap_or("");
        let after_first = bytes.get(start + first.len());
        if first.len() == 8 && free(after_first) {
            let year = i32::try_from(all_digits(first.get(..4)?, 4)?).ok()?;
            if COMPACT_YEARS.contains(&year) {
                let (month, day) = (all_digits(first.get(4..6)?, 2)?, all_digits(first.get(6..)?, 2)?);
                if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
                    return Some(date);
                }
            }
        }
    }
    None
}

/// A run of digits and hyphens that starts `YYYY-MM-DD` followed by its end or a hyphen.
fn iso_prefix(run: &str) -> Option<NaiveDate> {
    let head = run.get(..10)?;
    if run.get(10..).is_some_and(|tail| !tail.is_empty() && !tail.starts_with('-')) {
        return None;
    }
    let mut parts = head.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let year = i32::try_from(all_digits(y, 4)?).ok()?;
    if !URL_YEARS.contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, all_digits(m, 2)?, all_digits(d, 2)?)
}

/// `s` as a number when it is exactly `len` ASCII digits.
fn all_digits(s: &str, len: usize) -> Option<u32> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Addresses and the day each carries.
    const URL_EXAMPLES: &[(&str, &str)] = &[
        ("https://news.example/2025/12/03/envoys-meet-in-moscow/", "2025-12-03"),
        ("https://news.example/world/2025/12/3/envoys-meet", "2025-12-03"),
        ("https://news.example/2025/12/03.html", "2025-12-03"),
        ("https://news.example/stories/2025/dec/19/talks-resume/", "2025-12-19"),
        ("https://news.example/2025/Sept/9/a", "2025-09-09"),
        ("http://news.example/n3/2025/1206/c90000-11111111.html", "2025-12-06"),
        ("https://news.example/news/2025-12-27/talks-near-ready/amp.html", "2025-12-27"),
        ("https://news.example/2025-12-27-talks-near-ready", "2025-12-27"),
        ("https://news.example/world/talks_20251203_final.html", "2025-12-03"),
        ("https://news.example/world/talks-20251203", "2025-12-03"),
        ("https://news.example/article?date=2025-11-30&id=7", "2025-11-30"),
        ("news.example/2024/02/29/leap-day", "2024-02-29"),
        // The first date from the left wins.
        ("https://news.example/2025/12/03/recap-of-2025-11-30", "2025-12-03"),
    ];

    /// Addresses that carry no clear day.
    const URL_NEAR_MISSES: &[&str] = &[
        "https://news.example/?p=29622",
        "https://news.example/world-news/plan-101763962872454.html",
        "https://news.example/2025/12/",
        "https://news.example/2025/12/talks-resume",
        "https://news.example/2025/13/03/bad-month",
        "https://news.example/2025/02/30/no-such-day",
        "https://news.example/2025/1306/bad-month-day",
        "https://news.example/2025/dex/19/not-a-month",
        "https://news.example/2025/12/123-long-id",
        "https://news.example/c90000-20399222.html",
        "https://news.example/a20251203",
        "https://news.example/id-202512031",
        "https://news.example/2025-12-277",
        "https://news.example/talks-2025-13-01",
        "https://2025.news.example/12/03/",
        "https://news.example/page#2025/12/03",
        "https://news.example/1812/06/12/archive",
        "",
        "/",
        "://",
        "20251",
        "2025/12/\u{1F600}",
        "https://news.example/\u{1F600}2025-12-03",
    ];

    #[test]
    fn dates_in_addresses() {
        for (url, want) in URL_EXAMPLES {
            assert_eq!(from_url(url), Some(d(want)), "{url}");
        }
        for url in URL_NEAR_MISSES {
            assert_eq!(from_url(url), None, "{url}");
        }
    }

    /// Article bodies (our own sentences), the year hint they are read with, and the
    /// date their text implies.
    const TEXT_EXAMPLES: &[(&str, Option<&str>, &str)] = &[
        ("The envoys met Putin at the Kremlin on December 2, 2025.", None, "2025-12-02"),
        ("On Tuesday, December 2, 2025, the envoys sat down with Putin.", None, "2025-12-02"),
        ("Thursday, 04 December 2025\nThe talks ran late into the night.", None, "2025-12-04"),
        ("December 4, 2025\n\nThe talks ran late into the night.", None, "2025-12-04"),
        ("Updated Dec. 3, 2025. Envoys are due in Moscow on December 9, 2025.", None, "2025-12-03"),
        ("Negotiators gathered in Geneva on 23 November 2025 and again on 2025-11-30.", None, "2025-11-30"),
        // The latest past day, wherever it stands.
        (
            "The talks in Miami ended on December 6, 2025. The first round had opened in Geneva on November 23, 2025.",
            None,
            "2025-12-06",
        ),
        // Days far in the past do not matter when a later one is there.
        ("The war began on February 24, 2022. Envoys met in Berlin on December 14-15, 2025.", None, "2025-12-15"),
        // A future day is passed over for a past one.
        (
            "Officials met in Florida on December 28, 2025. A further meeting is scheduled for January 3, 2026.",
            None,
            "2025-12-28",
        ),
        ("The envoys will return on December 9, 2025, after they met Putin on December 2, 2025.", None, "2025-12-02"),
        ("The deal must be signed by November 27, 2025, but talks resumed on November 30, 2025.", None, "2025-11-30"),
        // A year-less day placed by the year hint of the articles read with it.
        ("Witkoff sat down with Putin on December 2 for five hours.", Some("2025-12-10"), "2025-12-02"),
        ("The round ended on Dec. 14, officials said.", Some("2025-12-20"), "2025-12-14"),
        // ... or near the text's own latest full day.
        (
            "Talks opened in Geneva on November 23, 2025. On December 2 the envoys reached the Kremlin.",
            None,
            "2025-12-02",
        ),
        // Year-less days later than every full day, but future ones, are passed over.
        ("Talks opened on November 23, 2025, and will resume on December 2.", None, "2025-11-23"),
    ];

    /// Bodies that imply no date, with the year hint they are read with.
    const TEXT_NEAR_MISSES: &[(&str, Option<&str>)] = &[
        // Only future days.
        ("The leaders will meet on January 3, 2026.", None),
        ("A summit is scheduled for January 3, 2026, in Paris.", None),
        ("The envoys are expected in Moscow on December 9, 2025.", None),
        ("The next round is set for 12 January 2026.", None),
        ("On January 3, 2026, the envoys will meet again.", None),
        ("The leaders will meet on January 3.", Some("2025-12-20")),
        // No tense cue: nothing says the day is done.
        ("Umerov is organising a meeting with the United States on January 3, 2026 to work through the terms.", None),
        ("A summit in Paris on January 3, 2026 is the next step.", None),
        // Only deadlines and limits.
        ("Kyiv has until November 27, 2025 to answer.", None),
        ("The plan must be agreed by December 1, 2025.", None),
        ("Washington set a November 27, 2025 deadline for a reply.", None),
        ("The truce holds through December 31, 2025.", None),
        ("Talks are to wrap up ahead of December 25, 2025.", None),
        ("The stopgap expires on January 30, 2026.", None),
        ("An answer is wanted no later than December 1, 2025.", None),
        // No day at all, or none of day grain.
        ("The envoys met Putin on Tuesday.", None),
        ("The war has gone on since 2022, and talks resumed in December 2025.", None),
        ("Talks resumed last week.", None),
        // A year-less day with nothing to place it.
        ("Witkoff sat down with Putin on December 2.", None),
        // A bare number is no date.
        ("Officials counted 20251203 ballots.", None),
    ];

    fn article(body: &str, url: Option<&str>, hint: Option<&str>) -> Article {
        let front = url.map_or(String::new(), |u| format!("---\nurl: {u}\n---\n"));
        let mut a = Article::from_bytes("a.md", format!("{front}{body}").as_bytes()).unwrap();
        a.year_hint = hint.map(d);
        a
    }

    #[test]
    fn dates_the_text_speaks_of_as_past() {
        for (body, hint, want) in TEXT_EXAMPLES {
            let got = infer(&article(body, None, *hint)).inferred;
            assert_eq!(got, Some(Inferred { date: d(want), source: Source::Text }), "{body}");
        }
        for (body, hint) in TEXT_NEAR_MISSES {
            assert_eq!(infer(&article(body, None, *hint)).inferred, None, "{body}");
        }
    }

    #[test]
    fn the_address_wins_over_the_text() {
        let a = article("The envoys met on December 2, 2025.", Some("https://news.example/2025/12/04/envoys"), None);
        assert_eq!(infer(&a).inferred, Some(Inferred { date: d("2025-12-04"), source: Source::Url }));
        let a = article("The envoys met on December 2, 2025.", Some("https://news.example/envoys"), None);
        assert_eq!(infer(&a).inferred, Some(Inferred { date: d("2025-12-02"), source: Source::Text }));
    }

    #[test]
    fn year_less_past_days_await_a_year_hint() {
        let body = "Witkoff sat down with Putin on December 2.";
        assert_eq!(infer(&article(body, None, None)), Inference { inferred: None, awaits_year: true });
        let hinted = infer(&article(body, None, Some("2025-12-10")));
        assert_eq!(hinted.inferred.map(|i| i.date), Some(d("2025-12-02")));
        assert!(!hinted.awaits_year);
        // A future year-less day awaits nothing.
        let future = "The leaders will meet on January 3.";
        assert_eq!(infer(&article(future, None, None)), Inference::default());
    }

    #[test]
    fn markup_is_no_text() {
        let a = article("## Update <!-- December 9, 2025 -->\n\nThe envoys met on *December 2, 2025*.", None, None);
        assert_eq!(infer(&a).inferred.map(|i| i.date), Some(d("2025-12-02")));
    }
}
