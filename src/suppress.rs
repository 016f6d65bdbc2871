//! Suppressions: an article's own word that a disagreement is known and why.
//!
//! ```text
//! <!-- claimcheck-ignore meeting_date/kremlin-meeting -- we date the talks by Moscow time -->
//! The envoys met Putin at the Kremlin on December 3 ...
//! ```
//!
//! silences the claims of that kind (and subject, and qualifier, when given:
//! `KIND[/SUBJECT[/QUALIFIER]]`) in the paragraph that follows the comment; in the front
//! matter, `claimcheck-ignore: [KIND -- reason, "KIND/SUBJECT -- reason, with a comma"]`
//! silences them in the whole article. A silenced claim takes no part in the comparison.
//! A subject written without its `@...` part (`kremlin-meeting`) covers every meeting
//! of that name.
//!
//! A suppression must say why: one without a reason, or naming a kind no rule has, is
//! an error naming the file and line. Pure: an article in, its suppressions out.

use crate::article::{Article, InputError, LineIndex};
use crate::extract::Claim;
use std::ops::Range;

/// The word that opens a suppression.
pub const KEYWORD: &str = "claimcheck-ignore";

/// One suppression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    /// The article's path.
    pub path: String,
    /// The 1-based line of the comment or front-matter entry.
    pub line: usize,
    /// The kind it silences.
    pub kind: String,
    /// The subject, when given.
    pub subject: Option<String>,
    /// The qualifier, when given.
    pub qualifier: Option<String>,
    /// Why.
    pub reason: String,
    /// The bytes of the article it covers: the next paragraph, or the whole article.
    pub range: Range<usize>,
    /// Whether it came from the front matter (covers the whole article).
    pub whole_article: bool,
}

impl Suppression {
    fn new(path: &str, line: usize, parts: Parts, range: Range<usize>, whole_article: bool) -> Suppression {
        let (kind, subject, qualifier, reason) = parts;
        Suppression { path: path.to_string(), line, kind, subject, qualifier, reason, range, whole_article }
    }

    /// The key as written: `kind[/subject[/qualifier]]`.
    pub fn key(&self) -> String {
        [Some(&self.kind), self.subject.as_ref(), self.qualifier.as_ref()]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Whether it silences `claim`: the claim stands in its range and has its key.
    pub fn covers(&self, claim: &Claim) -> bool {
        let subject_fits = |s: &str| {
            claim.subject == s
                || claim.subject.strip_prefix(s).is_some_and(|rest| rest.starts_with('@'))
                || claim.facets.as_deref().is_some_and(|f| names_event(s, f))
        };
        self.range.contains(&claim.span.start)
            && claim.kind == self.kind
            && self.subject.as_deref().is_none_or(subject_fits)
            && self.qualifier.as_deref().is_none_or(|q| claim.qualifier.as_deref() == Some(q))
    }
}

/// Whether a suppression's subject names the event a claim's facets tell, as comparison
/// prints it (`kushner-putin-witkof@kremlin`, with or without its week): every word of
/// it is among the people and places the claim's sentences name.
fn names_event(subject: &str, facets: &crate::extract::Facets) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(['-', '@', '/', '#'])
            .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()) && !matches!(*w, "week" | "of"))
            .map(str::to_string)
            .collect()
    };
    let named: Vec<String> =
        facets.who.iter().chain(&facets.places).chain(&facets.within).flat_map(|n| words(n)).collect();
    let wanted = words(subject);
    !wanted.is_empty() && wanted.iter().all(|w| named.contains(w))
}

/// Every suppression of an article, and an error for each malformed one. `kinds` are
/// the kinds the rules know.
pub fn suppressions(article: &Article, kinds: &[&str]) -> (Vec<Suppression>, Vec<InputError>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    let index = LineIndex::new(&article.text);
    let line_of = |offset: usize| index.line_col(&article.text, offset).0;
    let error = |line: usize, message: String| InputError { path: article.path.clone(), line: Some(line), message };
    let whole = 0..article.text.len();
    // Front matter: `claimcheck-ignore: [...]`.
    let front = article.text.get(..article.body_start).unwrap_or("");
    let mut offset = 0;
    for raw in front.split_inclusive('\n') {
        let line_start = offset;
        offset += raw.len();
        let Some((key, value)) = raw.split_once(':') else { continue };
        if !key.trim().eq_ignore_ascii_case(KEYWORD) {
            continue;
        }
        let line = line_of(line_start);
        match front_matter_items(value.trim()) {
            Ok(items) => {
                for item in items {
                    match directive(&item, kinds) {
                        Ok(parts) => found.push(Suppression::new(&article.path, line, parts, whole.clone(), true)),
                        Err(message) => errors.push(error(line, format!("{message} in the front matter"))),
                    }
                }
            }
            Err(message) => errors.push(error(line, message)),
        }
    }
    // Body: `<!-- claimcheck-ignore KIND -- reason -->`.
    let text = &article.text;
    let mut at = article.body_start;
    while let Some(open) = text.get(at..).and_then(|rest| rest.find("<!--")).map(|i| at + i) {
        let inner_start = open + 4;
        let close = text.get(inner_start..).and_then(|rest| rest.find("-->")).map(|i| inner_start + i);
        let inner = text.get(inner_start..close.unwrap_or(text.len())).unwrap_or("");
        let Some(rest) =
            inner.trim_start().strip_prefix(KEYWORD).filter(|r| r.is_empty() || r.starts_with(char::is_whitespace))
        else {
            at = close.map_or(text.len(), |c| c + 3);
            continue;
        };
        let line = line_of(open);
        let Some(close) = close else {
            errors.push(error(line, format!("{KEYWORD} comment is never closed; expected `-->`")));
            break;
        };
        at = close + 3;
        match directive(rest, kinds) {
            Ok(parts) => found.push(Suppression::new(&article.path, line, parts, next_paragraph(text, at), false)),
            Err(message) => errors.push(error(line, message)),
        }
    }
    (found, errors)
}

type Parts = (String, Option<String>, Option<String>, String);

/// `KIND[/SUBJECT[/QUALIFIER]] -- reason`.
fn directive(text: &str, kinds: &[&str]) -> Result<Parts, String> {
    let form = "`claimcheck-ignore KIND[/SUBJECT] -- reason`";
    let (key, reason) = match text.split_once("--") {
        Some((key, reason)) => (key.trim(), reason.trim()),
        None => (text.trim(), ""),
    };
    if key.is_empty() {
        return Err(format!("{KEYWORD} names no claim kind; expected {form}"));
    }
    if key.contains(char::is_whitespace) {
        return Err(format!("{KEYWORD} `{key}`: expected one KIND[/SUBJECT] and then `-- reason` ({form})"));
    }
    if reason.is_empty() {
        return Err(format!("{KEYWORD} {key} gives no reason; expected `{KEYWORD} {key} -- why it is fine`"));
    }
    let mut parts = key.split('/');
    let kind = parts.next().unwrap_or("").to_string();
    let subject = parts.next().filter(|s| !s.is_empty()).map(str::to_string);
    let qualifier = parts.next().filter(|s| !s.is_empty()).map(str::to_string);
    if parts.next().is_some() {
        return Err(format!("{KEYWORD} `{key}`: expected at most KIND/SUBJECT/QUALIFIER"));
    }
    if !kinds.contains(&kind.as_str()) {
        return Err(format!("{KEYWORD} names an unknown kind `{kind}`; expected one of {}", kinds.join(", ")));
    }
    Ok((kind, subject, qualifier, reason.to_string()))
}

/// The items of a front-matter value: `[a -- why, "b -- why, and more"]` or one item
/// without brackets. Items are split at commas outside quotes.
fn front_matter_items(value: &str) -> Result<Vec<String>, String> {
    let Some(inner) = value.strip_prefix('[') else {
        return Ok(vec![unquote(value).to_string()]);
    };
    let Some(inner) = inner.trim_end().strip_suffix(']') else {
        return Err(format!("{KEYWORD}: expected a closing `]` on the same line"));
    };
    let mut items = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    for ch in inner.chars() {
        match (ch, quote) {
            ('"' | '\'', None) => quote = Some(ch),
            (c, Some(q)) if c == q => quote = None,
            (',', None) => items.push(std::mem::take(&mut current)),
            _ => {}
        }
        current.push(ch);
    }
    if quote.is_some() {
        return Err(format!("{KEYWORD}: a quoted item is never closed; expected a closing quote"));
    }
    items.push(current);
    Ok(items
        .iter()
        .map(|i| unquote(i.trim().trim_start_matches(',').trim()).to_string())
        .filter(|i| !i.is_empty())
        .collect())
}

fn unquote(item: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = item.strip_prefix(q).and_then(|i| i.strip_suffix(q)) {
            return inner;
        }
    }
    item
}

/// The paragraph after byte `from`: blank space and other comments skipped, then up to
/// the next blank line.
fn next_paragraph(text: &str, mut from: usize) -> Range<usize> {
    loop {
        let rest = text.get(from..).unwrap_or("");
        let trimmed = rest.trim_start();
        from += rest.len() - trimmed.len();
        match trimmed.strip_prefix("<!--").and_then(|r| r.find("-->")) {
            Some(end) => from += 4 + end + 3,
            None => break,
        }
    }
    let rest = text.get(from..).unwrap_or("");
    let mut end = from + rest.len();
    let mut offset = from;
    for line in rest.split_inclusive('\n') {
        if line.trim().is_empty() {
            end = offset;
            break;
        }
        offset += line.len();
    }
    from..end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Span;
    use crate::value::Value;

    const KINDS: &[&str] = &["meeting_date", "plan_points"];

    fn article(text: &str) -> Article {
        Article::from_bytes("a.md", text.as_bytes()).unwrap()
    }

    fn claim(kind: &str, subject: &str, start: usize) -> Claim {
        Claim {
            rule: "r".into(),
            text: String::new(),
            span: Span { start, end: start + 1, line: 1, column: 1 },
            ..Claim::example(kind, subject, Value::Ordinal(1))
        }
    }

    #[test]
    fn a_comment_covers_the_next_paragraph_only() {
        let text = "Intro.\n\n<!-- claimcheck-ignore meeting_date/kremlin-meeting -- our own dating -->\nMet on December 3.\nSame paragraph.\n\nNext paragraph.\n";
        let a = article(text);
        let (found, errors) = suppressions(&a, KINDS);
        assert!(errors.is_empty(), "{errors:?}");
        let s = &found[0];
        assert_eq!((s.line, s.key(), s.reason.as_str()), (3, "meeting_date/kremlin-meeting".into(), "our own dating"));
        let covered = &text[s.range.clone()];
        assert_eq!(covered, "Met on December 3.\nSame paragraph.\n");
        let at = |needle: &str| text.find(needle).unwrap();
        assert!(s.covers(&claim("meeting_date", "kremlin-meeting@week-of-2025-12-01", at("December"))));
        assert!(!s.covers(&claim("meeting_date", "kremlin-meeting", at("Next"))), "next paragraph");
        assert!(!s.covers(&claim("meeting_date", "miami-talks", at("December"))), "other subject");
        assert!(!s.covers(&claim("plan_points", "kremlin-meeting", at("December"))), "other kind");
    }

    #[test]
    fn the_front_matter_covers_the_whole_article() {
        let text = "---\ntitle: x\nclaimcheck-ignore: [plan_points -- counts differ by design, \"meeting_date -- dated, by Moscow time\"]\n---\nBody 19 points.\n";
        let (found, errors) = suppressions(&article(text), KINDS);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|s| s.whole_article && s.line == 3));
        assert_eq!(found[1].reason, "dated, by Moscow time");
        assert!(found[0].covers(&claim("plan_points", "us-peace-plan", text.find("19").unwrap())));
    }

    #[test]
    fn a_suppression_without_a_reason_is_an_error_at_its_line() {
        let text =
            "One.\n\n<!-- claimcheck-ignore meeting_date -->\nTwo.\n<!-- claimcheck-ignore meeting_date -- -->\n";
        let (found, errors) = suppressions(&article(text), KINDS);
        assert!(found.is_empty());
        assert_eq!(errors.iter().map(|e| e.line).collect::<Vec<_>>(), vec![Some(3), Some(5)]);
        assert!(errors[0].to_string().starts_with("a.md:3: claimcheck-ignore meeting_date gives no reason; expected"));
        let (_, errors) = suppressions(&article("---\nclaimcheck-ignore: [plan_points]\n---\nx\n"), KINDS);
        assert_eq!(errors[0].line, Some(2));
        assert!(errors[0].message.contains("gives no reason"), "{}", errors[0]);
    }

    #[test]
    fn malformed_suppressions_say_what_was_expected() {
        let cases = [
            ("<!-- claimcheck-ignore -- why -->\n", "names no claim kind"),
            ("<!-- claimcheck-ignore meeting date -- why -->\n", "expected one KIND[/SUBJECT]"),
            ("<!-- claimcheck-ignore meeting_dates -- why -->\n", "unknown kind `meeting_dates`"),
            ("<!-- claimcheck-ignore meeting_date -- why\n", "never closed"),
        ];
        for (text, want) in cases {
            let (_, errors) = suppressions(&article(text), KINDS);
            assert!(errors.len() == 1 && errors[0].message.contains(want), "{text}: {errors:?}");
        }
        let (found, errors) =
            suppressions(&article("<!-- an ordinary comment -->\n<!-- claimcheck-ignored -->\n"), KINDS);
        assert!(found.is_empty() && errors.is_empty(), "other comments are not suppressions");
    }

    #[test]
    fn stacked_comments_share_the_paragraph_below() {
        let text = "<!-- claimcheck-ignore meeting_date -- a -->\n<!-- claimcheck-ignore plan_points -- b -->\nThe paragraph.\n";
        let (found, _) = suppressions(&article(text), KINDS);
        let paragraph = text.find("The").unwrap();
        assert!(found.iter().all(|s| s.range.start == paragraph), "{found:?}");
    }
}
