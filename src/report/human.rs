//! The `human` format, rustc-style: each finding's key, then each claim's place, value
//! and words; for a conflict or an update, the claim's sentence under it with a caret
//! run under the value (`^` for the claims in question, `-` for their counterparts).
//! Agreements stay one line a claim. Colour only when the command line says so.
//!
//! The sentence is the claim's `quote` (extraction keeps it, whitespace collapsed), so
//! no article is read again to print it.

use super::sides::{Sides, file_name};
use super::{Context, Snippet, count, key_text, plural};
use crate::compare::{Finding, Relation, SourcedClaim};
use std::fmt::Write as _;

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
        if self.0 && !text.is_empty() { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    }
}

/// Render findings rustc-style, with a closing count line.
pub fn render(findings: &[Finding], ctx: &Context) -> String {
    let paint = Paint(ctx.color);
    let mut out = String::new();
    for f in findings {
        let colour = match f.relation {
            Relation::Conflict => RED,
            Relation::Update => YELLOW,
            Relation::Agree => GREEN,
        };
        let head = paint.paint(colour, &format!("{}[{}]", f.relation.name(), f.kind));
        let _ = writeln!(out, "{head} {}", paint.paint(BOLD, &key_text(f)));
        if f.relation == Relation::Agree {
            for c in &f.claims {
                location(&mut out, paint, c);
            }
        } else {
            disputed(&mut out, paint, f, ctx, colour);
        }
        out.push('\n');
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
    out
}

/// `  path:line:col  value  "words"  (date)`
fn location(out: &mut String, paint: Paint, c: &SourcedClaim) {
    let date = c.published.as_deref().unwrap_or("undated");
    let inferred = if c.claim.qualifier_inferred { "; version inferred from the value" } else { "" };
    let at = format!("{}:{}:{}", c.path, c.claim.span.line, c.claim.span.column);
    let _ = writeln!(
        out,
        "  {}  {}  \"{}\"  ({date}{inferred})",
        paint.paint(BOLD, &at),
        c.claim.value.display(),
        c.claim.text
    );
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
    let width = f.claims.iter().map(|c| c.claim.span.line.to_string().len()).max().unwrap_or(1);
    for i in order {
        let in_question = in_question[i];
        for c in &sides.articles[i].claims {
            location(out, paint, c);
            if !in_question && !opposed[i] {
                continue;
            }
            let snippet = Snippet::of(&c.claim, WIDTH);
            let gutter = paint.paint(BLUE, &format!("{:>width$} |", c.claim.span.line));
            let _ = writeln!(out, "    {gutter} {}{}{}", snippet.before, snippet.value, snippet.after);
            if snippet.value.is_empty() {
                continue;
            }
            let mut label = c.claim.value.display();
            let against = sides.disagreeing(i);
            if in_question && f.relation == Relation::Conflict && against > 0 {
                let _ = write!(label, ", disagrees with {}", count(against, "other article"));
            } else if in_question && f.relation == Relation::Update && ctx.new.is_none() {
                label.push_str(", the latest value");
            }
            let (mark, code) = if in_question { ('^', colour) } else { ('-', BLUE) };
            let marks: String = std::iter::repeat_n(mark, snippet.value.chars().count()).collect();
            let pad = " ".repeat(snippet.before.chars().count());
            let blank = paint.paint(BLUE, &format!("{:>width$} |", ""));
            let _ = writeln!(out, "    {blank} {pad}{} {}", paint.paint(code, &marks), paint.paint(code, &label));
        }
    }
    let _ = writeln!(out, "  = note: {}", note(f, &sides, &primary));
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
