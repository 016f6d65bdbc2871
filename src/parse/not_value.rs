//! Things that look like values but are not: clock times ("4:30 p.m."), article and
//! section numbers ("Article 5"), model names ("F-16"), phone numbers, numeric dates
//! whose order is ambiguous ("04.12.25", "12/05/2025"), and numbers inside names and
//! idioms ("World War Two", "third countries", "no one").
//!
//! [`zone`] is asked at the start of every word that could begin a value; a `Some` end
//! makes the scanner step over the whole zone.

use super::lex::{letters, lower};

/// Words after which a number is an index or a name, not a count.
const INDEX_WORDS: &[&str] = &[
    "article",
    "articles",
    "section",
    "sections",
    "chapter",
    "paragraph",
    "clause",
    "annex",
    "no",
    "no.",
    "nos",
    "number",
    "resolution",
    "room",
    "flight",
    "route",
    "highway",
    "page",
    "pages",
    "item",
    "rule",
    "amendment",
    "gate",
    "platform",
    "terminal",
    "channel",
    "version",
    "grade",
    "level",
    "phase",
    "season",
    "episode",
    "volume",
    "vol",
    "issue",
    "case",
    "bus",
];

/// Words that make an ordinal or number before them part of a name or an idiom.
const IDIOM_AFTER: &[(&str, &[&str])] = &[
    ("first", &["lady", "hand", "responders", "responder", "class", "aid", "amendment"]),
    ("second", &["world", "hand", "thoughts", "class"]),
    ("first-", &[]),
    ("third", &["countries", "country", "parties", "party", "world", "way", "reich"]),
    ("one", &["another"]),
];

fn is_digit(b: u8) -> bool {
    b.is_ascii_digit()
}

/// End of the run of digits and the punctuation that holds digit groups together
/// ("12/05/2025", "555-123-4567", "04.12.25") starting at `start`.
fn digit_run(bytes: &[u8], start: usize) -> (usize, usize, usize) {
    // (end, digits, separators that are not commas)
    let (mut i, mut count, mut seps) = (start, 0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        if is_digit(b) {
            count += 1;
            i += 1;
        } else if matches!(b, b'.' | b':' | b'/' | b'-' | b',' | b' ')
            && bytes.get(i + 1).copied().is_some_and(is_digit)
            && i > start
        {
            if b != b',' {
                seps += 1;
            }
            i += 1;
        } else {
            break;
        }
    }
    (i, count, seps)
}

fn prev_char(text: &str, at: usize) -> Option<char> {
    text.get(..at)?.chars().next_back()
}

/// Whether the text before `start` ends with "World War " (for "World War Two").
fn after_world_war(text: &str, start: usize) -> bool {
    let before = text.get(start.saturating_sub(10)..start).unwrap_or("");
    before.to_ascii_lowercase().ends_with("world war ")
}

/// If a value-like zone that is no value starts at `start`, the byte where it ends.
/// `prev_word` is the word just before, if any.
pub fn zone(text: &str, start: usize, prev_word: Option<&str>) -> Option<usize> {
    let bytes = text.as_bytes();
    let first = *bytes.get(start)?;
    let mut buf = [0; 24];
    let prev = prev_word.and_then(|w| lower(w, &mut buf).map(str::to_owned));
    if is_digit(first) {
        let (end, digit_count, seps) = digit_run(bytes, start);
        let run = text.get(start..end)?;
        // A model name: letters, a hyphen, digits ("F-16", "Su-35").
        if prev_char(text, start) == Some('-') {
            let before = prev_char(text, start - 1);
            if before.is_some_and(char::is_alphabetic) {
                return Some(end);
            }
        }
        // Digits glued to letters before them ("A380", "COVID19") never get here: a
        // word starting with a letter is not a digit start.
        if prev.as_deref().is_some_and(|p| INDEX_WORDS.contains(&p) || INDEX_WORDS.contains(&p.trim_end_matches('.'))) {
            return Some(end);
        }
        // "2 1/2 hours": a whole number and a half or a quarter, no date.
        let fraction = run.rsplit(' ').next().is_some_and(|last| matches!(last, "1/2" | "1/4" | "3/4"))
            && run.split(' ').count() <= 2;
        if run.contains(':') || (run.contains('/') && !fraction) {
            return Some(clock_suffix(text, end));
        }
        if run.matches('.').count() >= 2 {
            return Some(end);
        }
        // Clock times without minutes: "4 p.m.", "10am".
        let after = clock_suffix(text, end);
        if after != end {
            return Some(after);
        }
        // Phone numbers: three or more digit groups, nine digits or more, or a
        // leading "+".
        let iso_date = run.len() == 10 && run.as_bytes().get(4) == Some(&b'-') && run.as_bytes().get(7) == Some(&b'-');
        if !iso_date && (seps >= 2 && digit_count >= 9 || prev_char(text, start) == Some('+') && digit_count >= 7) {
            return Some(end);
        }
        return None;
    }
    // Idioms that start with a number word or ordinal.
    let (rest, w) = letters(text.get(start..)?).ok()?;
    let mut wbuf = [0; 24];
    let w = lower(w, &mut wbuf)?;
    let word_end = text.len() - rest.len();
    if matches!(w, "one" | "two" | "i" | "ii" | "one's") && after_world_war(text, start) {
        return Some(word_end);
    }
    if w == "one"
        && matches!(prev.as_deref(), Some("no" | "any" | "every" | "each" | "the" | "this" | "that" | "which"))
    {
        return Some(word_end);
    }
    let joined = rest.strip_prefix('-').or_else(|| rest.strip_prefix(' '));
    if let Some(after) = joined
        && let Ok((after_rest, next)) = letters(after)
    {
        let mut nbuf = [0; 24];
        if let Some(next) = lower(next, &mut nbuf) {
            let idiom = IDIOM_AFTER.iter().any(|(head, tails)| *head == w && tails.contains(&next));
            if idiom {
                return Some(text.len() - after_rest.len());
            }
        }
    }
    None
}

/// End of a clock-time suffix after digits at `end`: " p.m.", "am", " GMT"; `end`
/// itself when there is none.
fn clock_suffix(text: &str, end: usize) -> usize {
    let rest = text.get(end..).unwrap_or("");
    let trimmed = rest.trim_start_matches(' ');
    let skipped = rest.len() - trimmed.len();
    if skipped > 1 {
        return end;
    }
    for suffix in
        ["a.m.", "p.m.", "a.m", "p.m", "am", "pm", "AM", "PM", "A.M.", "P.M.", "GMT", "UTC", "ET", "EST", "CET", "h"]
    {
        if let Some(after) = trimmed.strip_prefix(suffix) {
            let boundary = !after.starts_with(|c: char| c.is_alphanumeric());
            if boundary && (suffix != "h" || skipped == 0) {
                return end + skipped + suffix.len();
            }
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text, the offset where a value could start, the word before it, and the text the
    /// zone covers.
    const ZONES: &[(&str, usize, Option<&str>, &str)] = &[
        ("at 4:30 p.m. on", 3, Some("at"), "4:30 p.m."),
        ("at 4 p.m. on", 3, Some("at"), "4 p.m."),
        ("at 10am", 3, Some("at"), "10am"),
        ("at 14:03, December", 3, Some("at"), "14:03"),
        ("Article 5 of", 8, Some("Article"), "5"),
        ("resolution 2231 on", 11, Some("resolution"), "2231"),
        ("F-16 jets", 2, Some("F"), "16"),
        ("Su-35 jets", 3, Some("Su"), "35"),
        ("call 555-123-4567 now", 5, Some("call"), "555-123-4567"),
        ("call +44 20 7946 0958", 6, Some("call"), "44 20 7946 0958"),
        ("Published 04.12.25, 07:06", 10, Some("Published"), "04.12.25"),
        ("on 12/05/2025 we", 3, Some("on"), "12/05/2025"),
        ("World War Two ended", 10, Some("War"), "Two"),
        ("Second World War", 0, None, "Second World"),
        ("third countries", 0, None, "third countries"),
        ("a third-party monitor", 2, Some("a"), "third-party"),
        ("no one came", 3, Some("no"), "one"),
        ("one another", 0, None, "one another"),
        ("First Lady", 0, None, "First Lady"),
    ];

    /// Value starts that are no zone.
    const VALUES: &[(&str, usize, Option<&str>)] = &[
        ("28 points", 0, None),
        ("2025-12-02", 0, None),
        ("30-50 years", 0, None),
        ("1,398 days", 0, None),
        ("2.5 hours", 0, None),
        ("one meeting", 0, None),
        ("third meeting", 0, None),
        ("first direct involvement", 0, None),
        ("5 hours", 0, None),
        ("800,000 troops", 0, None),
        ("2 1/2 hours", 0, None),
    ];

    #[test]
    fn zones() {
        for (text, start, prev, covered) in ZONES {
            let end = zone(text, *start, *prev);
            assert_eq!(end.map(|e| &text[*start..e]), Some(*covered), "{text}");
        }
    }

    #[test]
    fn values_are_no_zone() {
        for (text, start, prev) in VALUES {
            assert_eq!(zone(text, *start, *prev), None, "{text}");
        }
    }
}
