//! The `markdown` format: a fact-checker's report, one part per story (the articles
//! that speak of the same events, [`crate::compare::Story`]), each headed with the
//! story's number and name, and within it one section per claim subject
//! (`united-states-plan`, `putin-witkof@kremlin/week-of-2025-12-01`), subjects with conflicts
//! first, then updates, then agreements. Each section has a table of its claim keys with
//! every source's value, quote and date (sources linked to the `url` of their front
//! matter), then each conflict or update with its sides in words and as a
//! ```` ```diff ```` block, then its sources. A run of several stories lists them first.
//!
//! In a diff block, `-` lines are the claims in question (a new article's in `check`;
//! the odd one out of a conflict, or the superseded values of an update, in `compare`),
//! `+` lines the claims they disagree with, and unmarked lines fit both.

use super::sides::{Quick, Sides};
use super::words::{SidesWords, StoryNames};
use super::{Context, Cut, PerValue, count, one_line, plural};
use crate::compare::{Finding, Relation, SourcedClaim};
use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Characters of a sentence quoted in the table.
const WIDTH: usize = 90;

/// Render the report.
pub fn render(findings: &[Finding], ctx: &Context) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write(findings, ctx, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Write the report, a few hundred kilobytes at a time.
pub fn write(findings: &[Finding], ctx: &Context, sink: &mut impl Write) -> io::Result<()> {
    let mut out = String::with_capacity(super::json::FLUSH_AT + (1 << 16));
    match ctx.new {
        Some(new) => {
            let names: Vec<String> = new.iter().map(|n| format!("`{}`", code(n))).collect();
            let _ = writeln!(out, "# Claim check: {}\n", names.join(", "));
        }
        None => out.push_str("# Claim report\n\n"),
    }
    let n = |r| findings.iter().filter(|f| f.relation == r).count();
    let (conflicts, updates, agreements) = (n(Relation::Conflict), n(Relation::Update), n(Relation::Agree));
    let _ = writeln!(
        out,
        "{} compared: {conflicts} conflict{}, {updates} update{}, {agreements} agreement{}. \
         A conflict is values that never overlap, which publication dates do not explain; \
         an update is a newer value of a fact that changes.\n",
        count(ctx.articles, "article"),
        plural(conflicts),
        plural(updates),
        plural(agreements)
    );
    let names = StoryNames::new(ctx.stories);
    if ctx.new.is_none() && names.many() {
        let _ = writeln!(out, "{} stories:\n", names.stories().len());
        for (i, story) in names.stories().iter().enumerate() {
            let _ = writeln!(out, "- Story {}: {} ({})", i + 1, text(&story.name), count(story.articles, "article"));
        }
        out.push('\n');
    }
    // Findings by story, stories by number (those the run does not list after, as met).
    let mut stories: Vec<(Option<usize>, &str, Vec<&Finding>)> = Vec::new();
    let mut at: std::collections::HashMap<&str, usize, Quick> = Default::default();
    for f in findings {
        let i = *at.entry(&f.story).or_insert_with(|| {
            stories.push((names.number(&f.story), &f.story, Vec::new()));
            stories.len() - 1
        });
        stories[i].2.push(f);
    }
    stories.sort_by_key(|(number, _, _)| number.unwrap_or(usize::MAX));
    if stories.is_empty() {
        out.push_str("No claim is made by two or more articles.\n");
    }
    for (number, name, story) in stories {
        let _ = match number.filter(|_| names.many()) {
            Some(n) => writeln!(out, "## Story {n}: {}\n", text(name)),
            None => writeln!(out, "## Story: {}\n", text(name)),
        };
        if names.many() {
            let n = |r| story.iter().filter(|f| f.relation == r).count();
            let (conflicts, updates, agreements) = (n(Relation::Conflict), n(Relation::Update), n(Relation::Agree));
            let articles = number.and_then(|n| names.stories().get(n - 1)).map_or(0, |s| s.articles);
            let _ = writeln!(
                out,
                "{}: {conflicts} conflict{}, {updates} update{}, {agreements} agreement{}.\n",
                count(articles, "article"),
                plural(conflicts),
                plural(updates),
                plural(agreements)
            );
        }
        // Findings come sorted by relation, so a subject first appears with its most
        // serious finding: subjects in order of first appearance put conflicts first.
        let mut subjects: Vec<(&str, Vec<&Finding>)> = Vec::new();
        for f in story {
            match subjects.iter_mut().find(|(s, _)| *s == f.subject) {
                Some((_, fs)) => fs.push(f),
                None => subjects.push((&f.subject, vec![f])),
            }
        }
        for (subject, findings) in subjects {
            section(&mut out, sink, subject, &findings, ctx)?;
        }
    }
    sink.write_all(out.as_bytes())
}

/// Hand the gathered text to `sink` once there is enough of it: a story of thousands
/// of claims runs to megabytes, which are better not gathered whole.
fn flush_some(out: &mut String, sink: &mut impl Write) -> io::Result<()> {
    if out.len() >= super::json::FLUSH_AT {
        sink.write_all(out.as_bytes())?;
        out.clear();
    }
    Ok(())
}

/// One subject of a story: its table, its diffs, its sources.
fn section(
    out: &mut String,
    sink: &mut impl Write,
    subject: &str,
    findings: &[&Finding],
    ctx: &Context,
) -> io::Result<()> {
    let _ = writeln!(out, "### {}\n", text(subject));
    out.push_str("| claim | finding | value | quote | source | published |\n");
    out.push_str("|---|---|---|---|---|---|\n");
    let mut values: PerValue<String> = PerValue::default();
    for f in findings {
        let claim = claim_label(f);
        let relation = match f.relation {
            Relation::Agree => f.relation.name().to_string(),
            _ => format!("**{}**", f.relation.name()),
        };
        values.clear();
        for c in &f.claims {
            out.push_str("| ");
            out.push_str(&claim);
            out.push_str(" | ");
            out.push_str(&relation);
            out.push_str(" | ");
            values.with(&c.claim.value, |v| text(&v.display()), |shown| out.push_str(shown));
            if c.claim.qualifier_inferred {
                out.push_str(" (version inferred)");
            }
            out.push_str(" | ");
            let cut = Cut::of(&c.claim, WIDTH);
            if cut.value.is_empty() {
                text_into(out, cut.before);
                if cut.cut_end {
                    out.push('…');
                }
            } else {
                if cut.cut_start {
                    out.push('…');
                }
                text_into(out, cut.before);
                out.push_str("**");
                text_into(out, cut.value);
                out.push_str("**");
                text_into(out, cut.after);
                if cut.cut_end {
                    out.push('…');
                }
            }
            out.push_str(" | ");
            source(out, c);
            if ctx.new.is_some() && ctx.in_question(&c.path) {
                out.push_str(" (new)");
            }
            out.push_str(" | ");
            out.push_str(c.published.as_deref().unwrap_or("undated"));
            if c.published_inferred {
                out.push_str(" (inferred)");
            }
            out.push_str(" |\n");
            flush_some(out, sink)?;
        }
    }
    out.push('\n');
    for f in findings.iter().filter(|f| f.relation != Relation::Agree) {
        diff(out, sink, f, ctx)?;
    }
    out.push_str("Sources:\n\n");
    let mut listed: HashSet<&str, Quick> = HashSet::default();
    let mut seen: Vec<(&str, Option<&str>, Option<&str>, bool)> = Vec::new();
    let mut last: Option<&str> = None;
    for c in findings.iter().flat_map(|f| f.claims.iter()) {
        if last != Some(c.path.as_str()) && listed.insert(&c.path) {
            seen.push((&c.path, c.published.as_deref(), c.url.as_deref(), c.published_inferred));
        }
        last = Some(&c.path);
    }
    seen.sort_by(|a, b| (a.1.is_none(), a.1, a.0).cmp(&(b.1.is_none(), b.1, b.0)));
    for (path, published, url, inferred) in seen {
        let date = match published {
            Some(d) if inferred => format!("{d} (inferred)"),
            Some(d) => d.to_string(),
            None => "undated".to_string(),
        };
        match url.filter(|u| linkable(u)) {
            Some(u) => {
                let _ = writeln!(out, "- [{}]({}), {date}", text(path), target(u));
            }
            None => {
                let _ = writeln!(out, "- `{}`, {date}", code(path));
            }
        }
    }
    out.push('\n');
    flush_some(out, sink)
}

/// A conflict or update as a diff: `-` the claims in question, `+` those they disagree
/// with, unmarked the rest; oldest first.
fn diff(out: &mut String, sink: &mut impl Write, f: &Finding, ctx: &Context) -> io::Result<()> {
    let sides = Sides::new(f);
    let primary: Vec<usize> = match ctx.new {
        Some(_) => (0..sides.articles.len()).filter(|&i| ctx.in_question(sides.articles[i].path)).collect(),
        None => match f.relation {
            Relation::Update => {
                // The latest value is the `+`; everything that disagrees with it, `-`.
                let latest = sides.representatives(&sides.primary());
                (0..sides.articles.len()).filter(|&i| latest.iter().any(|&l| sides.disagree(i, l))).collect()
            }
            _ => sides.primary(),
        },
    };
    let mut in_question = vec![false; sides.articles.len()];
    for &i in &primary {
        in_question[i] = true;
    }
    let reps = sides.representatives(&primary);
    // An article's claims stand together in the finding's order (sorted by date, then
    // path), so walking the articles in order walks the claims in order.
    let rows: Vec<(char, &SourcedClaim)> = sides
        .articles
        .iter()
        .enumerate()
        .flat_map(|(i, side)| {
            let mark = if in_question[i] {
                '-'
            } else if reps.iter().any(|&p| sides.disagree(p, i)) {
                '+'
            } else {
                ' '
            };
            side.claims.iter().map(move |c| (mark, c))
        })
        .collect();
    // Each distinct value displayed once, with its width in characters.
    let mut distinct: Vec<(String, usize)> = Vec::new();
    let mut index: PerValue<usize> = PerValue::default();
    let values: Vec<usize> = rows
        .iter()
        .map(|(_, c)| {
            let make = |v: &crate::value::Value| {
                let shown = v.display();
                let width = shown.chars().count();
                distinct.push((shown, width));
                distinct.len() - 1
            };
            index.with(&c.claim.value, make, |&i| i)
        })
        .collect();
    // The value's words, in quotes: their width counts the quotes.
    let words: Vec<(std::borrow::Cow<str>, usize)> = rows
        .iter()
        .map(|(_, c)| {
            let words = one_line(&c.claim.text);
            let width = words.chars().count() + 2;
            (words, width)
        })
        .collect();
    let wv = distinct.iter().map(|v| v.1).max().unwrap_or(0);
    let ww = words.iter().map(|w| w.1).max().unwrap_or(0);
    let title = match f.relation {
        Relation::Update => "Update",
        _ => "Conflict",
    };
    let _ = writeln!(out, "#### {title}: {}\n", claim_label(f));
    if let Some(words) = SidesWords::new(f, ctx.titles) {
        let _ = writeln!(out, "**{}:** {}.\n", words.title(), text(words.sentence()));
    }
    let legend = match (f.relation, ctx.new.is_some()) {
        (_, true) => "`-` the new article's claims, `+` the claims they disagree with, unmarked lines fit both.",
        (Relation::Update, false) => "`-` earlier values, `+` the values that replaced them.",
        _ => {
            "`-` the claims that disagree with the most others, `+` the claims they disagree with, \
              unmarked lines fit both."
        }
    };
    let _ = writeln!(out, "{legend}\n");
    // The fence outgrows the longest run of backticks inside. The parts of a line stand
    // between characters that are no backticks, so no run crosses from one to the next.
    let ticks = |s: &str| if s.contains('`') { longest_run(s, '`') } else { 0 };
    let run = distinct
        .iter()
        .map(|(v, _)| ticks(v))
        .chain(words.iter().map(|(w, _)| ticks(w)))
        .chain(sides.articles.iter().map(|a| ticks(a.path).max(a.published.map_or(0, ticks))))
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(run.max(2) + 1);
    out.push_str(&fence);
    out.push_str("diff\n");
    for (((mark, c), &value), (words, width)) in rows.iter().zip(&values).zip(&words) {
        let start = out.len();
        let (value, value_width) = &distinct[value];
        out.push(*mark);
        out.push(' ');
        out.push_str(value);
        pad(out, wv - value_width);
        out.push_str("  \"");
        out.push_str(words);
        out.push('"');
        pad(out, ww - width);
        out.push_str("  ");
        out.push_str(&c.path);
        out.push(':');
        super::push_number(out, c.claim.span.line);
        out.push_str("  (");
        out.push_str(&super::words::date(c));
        out.push(')');
        let kept = out[start..].trim_end().len();
        out.truncate(start + kept);
        out.push('\n');
        flush_some(out, sink)?;
    }
    out.push_str(&fence);
    out.push_str("\n\n");
    Ok(())
}

/// `n` spaces.
fn pad(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let step = n.min(SPACES.len());
        out.push_str(&SPACES[..step]);
        n -= step;
    }
}

/// What a finding is about within its story: `kind (qualifier)`.
fn claim_label(f: &Finding) -> String {
    match &f.qualifier {
        Some(q) => format!("{} ({})", text(&f.kind), text(q)),
        None => text(&f.kind),
    }
}

/// A table cell's link to the article: `[path:line](url)`, or the path as code.
fn source(out: &mut String, c: &SourcedClaim) {
    let line = c.claim.span.line;
    match c.url.as_deref().filter(|u| linkable(u)) {
        Some(u) => {
            out.push('[');
            text_into(out, &c.path);
            out.push(':');
            super::push_number(out, line);
            out.push_str("](");
            target_into(out, u);
            out.push(')');
        }
        None => {
            out.push('`');
            if c.path.contains(['`', '|']) {
                out.push_str(&code(&c.path));
            } else {
                out.push_str(&c.path);
            }
            out.push(':');
            super::push_number(out, line);
            out.push('`');
        }
    }
}

/// Only web addresses become links: a front matter's `url` is the article's own text.
fn linkable(url: &str) -> bool {
    let spaced = if url.is_ascii() {
        // The ASCII characters that are white space: `\t`, `\n`, `\x0b`, `\x0c`, `\r`, ` `.
        url.bytes().any(|b| b.is_ascii_whitespace() || b == 0x0b)
    } else {
        url.contains(char::is_whitespace)
    };
    (url.starts_with("https://") || url.starts_with("http://")) && !spaced
}

/// A link target, in angle brackets when it holds brackets that would end it early.
fn target(url: &str) -> String {
    let mut out = String::with_capacity(url.len() + 2);
    target_into(&mut out, url);
    out
}

/// [`target`], onto the end of `out`.
fn target_into(out: &mut String, url: &str) {
    if url.bytes().any(|b| matches!(b, b'(' | b')' | b'<' | b'>')) {
        out.push('<');
        out.push_str(&url.replace(['<', '>'], ""));
        out.push('>');
    } else {
        out.push_str(url);
    }
}

/// Text that reads as itself in Markdown (and in a table cell).
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    text_into(&mut out, s);
    out
}

/// The characters [`text`] escapes or replaces, all ASCII.
const SPECIAL: [bool; 256] = crate::text::byte_set(b"\\`*_[]<>|\n\r");

/// [`text`], onto the end of `out`: the runs between special characters copied whole.
fn text_into(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let special = |b: &u8| SPECIAL[usize::from(*b)];
    let Some(first) = bytes.iter().position(special) else {
        out.push_str(s);
        return;
    };
    let mut start = 0;
    let mut at = first;
    loop {
        // Special characters are ASCII, so `at` and `at + 1` are character boundaries.
        out.push_str(&s[start..at]);
        let b = bytes[at];
        match b {
            b'\n' | b'\r' => out.push(' '),
            // An underscore inside a word (meeting_date) is no emphasis in CommonMark.
            b'_' if s[..at].chars().next_back().is_some_and(char::is_alphanumeric)
                && s[at + 1..].chars().next().is_some_and(char::is_alphanumeric) =>
            {
                out.push('_');
            }
            _ => {
                out.push('\\');
                out.push(char::from(b));
            }
        }
        start = at + 1;
        match bytes[start..].iter().position(special) {
            Some(p) => at = start + p,
            None => break,
        }
    }
    out.push_str(&s[start..]);
}

/// Text for inside a code span: no backticks, no pipes (table cells).
fn code(s: &str) -> String {
    s.replace('`', "'").replace('|', "/")
}

fn longest_run(s: &str, ch: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for c in s.chars() {
        run = if c == ch { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_reads_as_itself() {
        assert_eq!(text("meeting_date"), "meeting_date", "no escape inside a word");
        assert_eq!(text("_a_ *b* | [c](d)"), "\\_a\\_ \\*b\\* \\| \\[c\\](d)");
        assert_eq!(text("two\nlines"), "two lines");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert!(linkable("https://example.org/a"));
        assert!(!linkable("javascript:alert(1)"));
        assert!(!linkable("https://example.org/a b"));
        assert_eq!(target("https://example.org/a_(b)"), "<https://example.org/a_(b)>");
    }

    #[test]
    fn fences_outgrow_backticks_inside() {
        assert_eq!(longest_run("a ``` b ` c", '`'), 3);
    }
}
