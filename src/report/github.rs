//! The `github` format: GitHub Actions workflow commands, so that a conflict shows as an
//! annotation on the offending line of the pull request:
//!
//! ```text
//! ::error file=new/h.md,line=7,col=203,endColumn=213,title=conflict[meeting_date] ...::2025-12-03 ("December 3") disagrees ...
//! ```
//!
//! One annotation per disputed claim of a conflict (a new article's only, in `check`),
//! at most `max_annotations` of them (GitHub itself shows ten errors a step), then a
//! closing line that says how many more there were. The message gives the finding's
//! sides as seen from the claim (`[5 articles say 2025-12-02; this one says 2025-12-03,
//! the odd one out]`) and quotes the counterparts' sentences.

use super::words::{SidesWords, date};
use super::{Context, Disputed, Snippet, count, for_each_disputed_finding, key_text, one_line};
use crate::compare::Finding;
use std::fmt::Write as _;

/// Counterparts quoted in one annotation.
const QUOTED: usize = 3;

/// Characters of a counterpart's sentence quoted.
const WIDTH: usize = 120;

/// Render the annotations and the closing line.
pub fn render(findings: &[Finding], ctx: &Context) -> String {
    let mut out = String::new();
    let mut total = 0;
    for_each_disputed_finding(findings, ctx, false, |disputed| {
        let f = disputed[0].sides.finding;
        // The sides as seen from each side of an annotated claim, made once a finding,
        // and only while there is room for an annotation.
        let words = if total < ctx.max_annotations { SidesWords::new(f, ctx.titles) } else { None };
        let mut seen: Vec<Option<String>> = vec![None; words.as_ref().map_or(0, SidesWords::len)];
        for d in disputed {
            total += 1;
            if total <= ctx.max_annotations {
                let side = d.claim.side;
                let sides = match (&words, seen.get_mut(side)) {
                    (Some(words), Some(slot)) => Some(slot.get_or_insert_with(|| words.seen_from(side)).as_str()),
                    _ => None,
                };
                annotation(&mut out, d, ctx.severity(&f.kind).github_command(), sides);
            }
        }
    });
    let shown = total.min(ctx.max_annotations);
    if total > shown {
        let _ = writeln!(
            out,
            "::notice title=claimcheck::{} not annotated ({shown} of {total} shown; raise --max-annotations to see more)",
            count(total - shown, "more disputed claim")
        );
    } else if total == 0 {
        out.push_str("claimcheck: no disputed claims\n");
    } else {
        let _ = writeln!(out, "claimcheck: {}, all annotated", count(total, "disputed claim"));
    }
    out
}

/// `::error file=...,line=...,col=...,endColumn=...,title=...::message` (`::warning` or
/// `::notice` for kinds of a lower severity). `sides`: the finding's sides as seen from
/// the claim's ([`SidesWords::seen_from`]).
fn annotation(out: &mut String, d: &Disputed, command: &str, sides: Option<&str>) {
    let f = d.sides.finding;
    let c = d.claim;
    let span = &c.claim.span;
    let mut props = format!("file={},line={},col={}", property(&c.path), span.line, span.column);
    if !c.claim.text.contains('\n') {
        let _ = write!(props, ",endColumn={}", span.column + c.claim.text.chars().count());
    }
    let title = format!("{}[{}] {}", f.relation.name(), f.kind, key_text(f));
    let _ = write!(props, ",title={}", property(&title));
    let against = d.against();
    let mut message = format!(
        "{} (\"{}\") disagrees with {}, and publication dates do not explain it",
        c.claim.value.display(),
        one_line(&c.claim.text),
        count(against, "other article")
    );
    if let Some(sides) = sides {
        let _ = write!(message, " [{sides}]");
    }
    message.push(':');
    let shown = d.counterparts(QUOTED);
    for &j in &shown {
        let side = &d.sides.articles[j];
        let Some(o) = side.claims.first() else { continue };
        let s = Snippet::of(&o.claim, WIDTH);
        let _ = write!(
            message,
            "\n{}:{} ({}) says {}: \"{}{}{}\"",
            side.path,
            o.claim.span.line,
            date(o),
            o.claim.value.display(),
            s.before,
            s.value,
            s.after
        );
    }
    if against > shown.len() {
        let _ = write!(message, "\n… and {} more", against - shown.len());
    }
    let _ = writeln!(out, "::{command} {props}::{}", data(&message));
}

/// Escape a command's message (GitHub's `escapeData`).
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a command property (GitHub's `escapeProperty`).
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_escape_as_the_actions_toolkit_does() {
        assert_eq!(data("50% of it\nnext line\r"), "50%25 of it%0Anext line%0D");
        assert_eq!(property("a,b: c"), "a%2Cb%3A c");
    }
}
