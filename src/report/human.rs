//! The `human` format, rustc-style: each finding's key, then each claim's place, value
//! and words; for a conflict or an update, the claim's sentence under it with a caret
//! run under the value (`^` for the claims in question, `-` for their counterparts).
//! Agreements stay one line a claim. A conflict ends with its sides in words (`= sides:`),
//! an update with its timeline (`= timeline:`) ([`super::words`]); a date that was
//! inferred reads `(2025-12-03, inferred)`. When the run has more than one story, each
//! finding's header names its story, and `compare` ends with the list of stories. Colour
//! only when the command line says so.
//!
//! The sentence is the claim's `quote` (extraction keeps it, whitespace collapsed), so
//! no article is read again to print it.

use super::sides::{Sides, file_name};
use super::words::{SidesWords, StoryNames, date};
use super::{Context, Cut, PerValue, count, key_text, plural, push_number};
use crate::compare::{Finding, Relation, SourcedClaim};
use std::fmt::Write as _;
use std::io::{self, Write};

/// Characters of a sentence shown around a value.
const WIDTH: usize = 100;

const RED: &str = "1;31";
const YELLOW: &str = "1;33";
const GREEN: &str = "1;32";
const BLUE: &str = "1;34";
const BOLD: &str = "1";

/// ANSI colour, or plain text.
#[derive(Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn paint(self, code: &str, text: &str) -> String {
        let mut out = String::new();
        self.push(&mut out, code, text);
        out
    }

    /// [`Paint::paint`], onto the end of `out`.
    fn push(self, out: &mut String, code: &str, text: &str) {
        if self.0 && !text.is_empty() {
            let _ = write!(out, "\x1b[{code}m{text}\x1b[0m");
        } else {
            out.push_str(text);
        }
    }
}

/// Render findings rustc-style, with a closing count line.
pub fn render(findings: &[Finding], ctx: &Context) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write(findings, ctx, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Write findings rustc-style, a few hundred kilobytes at a time.
pub fn write(findings: &[Finding], ctx: &Context, sink: &mut impl Write) -> io::Result<()> {
    let paint = Paint(ctx.color);
    let stories = StoryNames::new(ctx.stories);
    let mut out = String::with_capacity(super::json::FLUSH_AT + (1 << 16));
    for f in findings {
        let colour = match f.relation {
            Relation::Conflict => RED,
            Relation::Update => YELLOW,
            Relation::Agree => GREEN,
        };
        let head = paint.paint(colour, &format!("{}[{}]", f.relation.name(), f.kind));
        let _ = write!(out, "{head} {}", paint.paint(BOLD, &key_text(f)));
        if stories.many() {
            let _ = write!(out, "  ({})", stories.label(&f.story));
        }
        out.push('\n');
        if f.relation == Relation::Agree {
            let mut values: PerValue<String> = PerValue::default();
            for c in &f.claims {
                values.with(&c.claim.value, |v| v.display(), |value| location(&mut out, paint, c, value));
            }
        } else {
            disputed(&mut out, paint, f, ctx, colour);
        }
        out.push('\n');
        if out.len() >= super::json::FLUSH_AT {
            sink.write_all(out.as_bytes())?;
            out.clear();
        }
    }
    let n = |r| findings.iter().filter(|f| f.relation == r).count();
    let (conflicts, updates, agreements) = (n(Relation::Conflict), n(Relation::Update), n(Relation::Agree));
    let _ = writeln!(
        out,
        "{conflicts} conflict{}, {updates} update{}, {agreements} agreement{} across {}",
        plural(conflicts),
        plural(updates),
        plural(agreements),
        count(ctx.articles, "article")
    );
    if ctx.new.is_none() && stories.many() {
        summary(&mut out, &stories, findings);
    }
    sink.write_all(out.as_bytes())
}

/// The stories of a run of `compare` with more than one: each by number and name, with
/// its articles and findings.
fn summary(out: &mut String, stories: &StoryNames, findings: &[Finding]) {
    let mut counts = vec![[0usize; 3]; stories.stories().len()];
    for f in findings {
        if let Some(n) = stories.number(&f.story) {
            let at = match f.relation {
                Relation::Conflict => 0,
                Relation::Update => 1,
                Relation::Agree => 2,
            };
            counts[n - 1][at] += 1;
        }
    }
    // Only a run of several stories gets here.
    let _ = writeln!(out, "{} stories:", stories.stories().len());
    for (i, (story, [conflicts, updates, agreements])) in stories.stories().iter().zip(counts).enumerate() {
        let _ = write!(out, "  story {}: {} — {}", i + 1, story.name, count(story.articles, "article"));
        let found: Vec<String> = [(conflicts, "conflict"), (updates, "update"), (agreements, "agreement")]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| count(n, what))
            .collect();
        if found.is_empty() {
            out.push_str(", no findings");
        } else {
            out.push_str(", ");
            out.push_str(&found.join(", "));
        }
        out.push('\n');
    }
}

/// `  path:line:col  value  "words"  (date)`; `value` is the claim's value as
/// displayed.
fn location(out: &mut String, paint: Paint, c: &SourcedClaim, value: &str) {
    out.push_str("  ");
    if paint.0 {
        let at = format!("{}:{}:{}", c.path, c.claim.span.line, c.claim.span.column);
        paint.push(out, BOLD, &at);
    } else {
        out.push_str(&c.path);
        out.push(':');
        push_number(out, c.claim.span.line);
        out.push(':');
        push_number(out, c.claim.span.column);
    }
    out.push_str("  ");
    out.push_str(value);
    out.push_str("  \"");
    out.push_str(&c.claim.text);
    out.push_str("\"  (");
    out.push_str(&date(c));
    if c.claim.qualifier_inferred {
        out.push_str("; version inferred from the value");
    }
    out.push_str(")\n");
}

/// A conflict or update: the claims in question first, each with its sentence.
fn disputed(out: &mut String, paint: Paint, f: &Finding, ctx: &Context, colour: &str) {
    let sides = Sides::new(f);
    let primary: Vec<usize> = match ctx.new {
        Some(_) => (0..sides.articles.len()).filter(|&i| ctx.in_question(sides.articles[i].path)).collect(),
        None => sides.primary(),
    };
    let mut in_question = vec![false; sides.articles.len()];
    for &i in &primary {
        in_question[i] = true;
    }
    // The claims in question first, as rustc puts the error before its notes; an update
    // of `compare` reads better in date order, old value to new.
    // Then the claims they disagree with, then the rest, which fit both sides and get no
    // sentence.
    let reps = sides.representatives(&primary);
    let opposed: Vec<bool> =
        (0..sides.articles.len()).map(|i| !in_question[i] && reps.iter().any(|&p| sides.disagree(p, i))).collect();
    let order: Vec<usize> = if f.relation == Relation::Update && ctx.new.is_none() {
        (0..sides.articles.len()).collect()
    } else {
        let (q, o) = (&in_question, &opposed);
        let others = |want: bool| (0..sides.articles.len()).filter(move |&i| !q[i] && o[i] == want);
        primary.iter().copied().chain(others(true)).chain(others(false)).collect()
    };
    let width = f.claims.iter().map(|c| c.claim.span.line).max().unwrap_or(0).max(1).ilog10() as usize + 1;
    // The gutter: blank, and for each line number.
    let blank = paint.paint(BLUE, &format!("{:>width$} |", ""));
    let mut values: PerValue<String> = PerValue::default();
    let mut label = String::new();
    for i in order {
        let in_question = in_question[i];
        for c in sides.articles[i].claims.iter() {
            values.with(
                &c.claim.value,
                |v| v.display(),
                |value| {
                    location(out, paint, c, value);
                    label.clear();
                    label.push_str(value);
                },
            );
            if !in_question && !opposed[i] {
                continue;
            }
            let cut = Cut::of(&c.claim, WIDTH);
            out.push_str("    ");
            let line = c.claim.span.line;
            if paint.0 {
                paint.push(out, BLUE, &format!("{line:>width$} |"));
            } else {
                let digits = if line == 0 { 1 } else { line.ilog10() as usize + 1 };
                for _ in digits..width {
                    out.push(' ');
                }
                push_number(out, line);
                out.push_str(" |");
            }
            out.push(' ');
            if cut.value.is_empty() {
                out.push_str(cut.before);
                if cut.cut_end {
                    out.push('…');
                }
                out.push('\n');
                continue;
            }
            if cut.cut_start {
                out.push('…');
            }
            out.push_str(cut.before);
            out.push_str(cut.value);
            out.push_str(cut.after);
            if cut.cut_end {
                out.push('…');
            }
            out.push('\n');
            let against = sides.disagreeing(i);
            if in_question && f.relation == Relation::Conflict && against > 0 {
                label.push_str(", disagrees with ");
                push_number(&mut label, against);
                label.push_str(" other article");
                label.push_str(plural(against));
            } else if in_question && f.relation == Relation::Update && ctx.new.is_none() {
                label.push_str(", the latest value");
            }
            let (mark, code) = if in_question { ('^', colour) } else { ('-', BLUE) };
            let marks = cut.value.chars().count();
            let pad = usize::from(cut.cut_start) + cut.before.chars().count();
            out.push_str("    ");
            out.push_str(&blank);
            out.push(' ');
            repeat(out, ' ', pad);
            if paint.0 {
                let mut run = String::with_capacity(marks);
                repeat(&mut run, mark, marks);
                paint.push(out, code, &run);
            } else {
                repeat(out, mark, marks);
            }
            out.push(' ');
            paint.push(out, code, &label);
            out.push('\n');
        }
    }
    if let Some(about) = about(f) {
        let _ = writeln!(out, "  = about: {about}");
    }
    if let Some(words) = SidesWords::new(f, ctx.titles) {
        let _ = writeln!(out, "  = {}: {}", words.label(), words.sentence());
    }
    let _ = writeln!(out, "  = note: {}", note(f, &sides, &primary));
}

/// The facets behind an event's subject, for people to read: who, where and the week
/// ("Vladimir Putin, Steve Witkoff · Kremlin · week of 2025-12-01"), from the claim that
/// names the most.
fn about(f: &Finding) -> Option<String> {
    let shown = f
        .claims
        .iter()
        .filter_map(|c| c.claim.facets.as_deref())
        .map(|facets| facets.shown.as_str())
        .max_by_key(|shown| (shown.len(), std::cmp::Reverse(*shown)))?;
    let week = f.subject.rsplit_once("/week-of-").map(|(_, day)| format!("week of {day}"));
    let parts: Vec<&str> = [Some(shown), week.as_deref()].into_iter().flatten().filter(|p| !p.is_empty()).collect();
    (!parts.is_empty()).then(|| parts.join(" \u{b7} "))
}

/// `n` times an ASCII character, onto the end of `out`.
fn repeat(out: &mut String, ch: char, n: usize) {
    let Ok(byte) = u8::try_from(ch).map_err(drop).and_then(|b| if b.is_ascii() { Ok(b) } else { Err(()) }) else {
        out.extend(std::iter::repeat_n(ch, n));
        return;
    };
    let room = [byte; 64];
    let mut left = n;
    while left > 0 {
        let step = left.min(room.len());
        out.push_str(std::str::from_utf8(&room[..step]).unwrap_or_default());
        left -= step;
    }
}

/// One line on what the finding means.
fn note(f: &Finding, sides: &Sides, primary: &[usize]) -> String {
    let who = match primary {
        [one] => file_name(sides.articles[*one].path).to_string(),
        many => count(many.len(), "article"),
    };
    match f.relation {
        Relation::Update => "a fact that changes: later articles report a newer value".to_string(),
        _ => {
            let against = primary.iter().map(|&i| sides.disagreeing(i)).max().unwrap_or(0);
            if against == 0 {
                format!("{who} fits every value; the other articles disagree among themselves")
            } else {
                let verb = if primary.len() == 1 { "disagrees" } else { "disagree" };
                format!(
                    "{who} {verb} with {}, and publication dates do not explain it",
                    count(against, "other article")
                )
            }
        }
    }
}
