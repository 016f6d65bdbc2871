//! The `concise` format: one line per finding, at the claim in question, in the
//! `path:line:col: message` shape editors and `grep` understand:
//!
//! ```text
//! corpus/h.md:7:203: conflict[meeting_date] putin-witkof@kremlin/week-of-2025-12-01 = 2025-12-03 "December 3" (vs corpus/f.md:7, corpus/e.md:7 and 3 more)
//! ```
//!
//! The claim in question is a new article's in `check`; in `compare` it is the odd one
//! out of a conflict (the article that disagrees with the most others), the first report
//! of the latest value of an update, the oldest claim of an agreement. `vs` lists the
//! articles it disagrees with; where it disagrees with none, `with` lists the others.
//! A conflict or update then gives its sides as seen from that claim, in brackets:
//! `[5 articles say 2025-12-02; this one says 2025-12-03, the odd one out]`.

use super::sides::Sides;
use super::words::SidesWords;
use super::{Context, key_text, one_line};
use crate::compare::Finding;
use std::fmt::Write as _;

/// Counterparts named on a line before "and N more".
const SHOWN: usize = 3;

/// One line per finding.
pub fn render(findings: &[Finding], ctx: &Context) -> String {
    let mut out = String::new();
    for f in findings {
        let sides = Sides::new(f);
        let at = match ctx.new {
            Some(_) => (0..sides.articles.len()).find(|&i| ctx.in_question(sides.articles[i].path)),
            None => sides.primary().first().copied(),
        };
        let Some(i) = at else { continue };
        let side = &sides.articles[i];
        let Some(c) = side.claims.first() else { continue };
        let against = sides.disagreeing(i);
        let (word, others, total): (&str, Vec<usize>, usize) = if against > 0 {
            ("vs", sides.counterparts(i, None, SHOWN), against)
        } else {
            let all: Vec<usize> = (0..sides.articles.len()).filter(|&j| j != i).collect();
            ("with", all.iter().copied().take(SHOWN).collect(), all.len())
        };
        let named: Vec<String> = others
            .iter()
            .map(|&j| {
                let o = &sides.articles[j];
                format!("{}:{}", o.path, o.claims.first().map_or(0, |c| c.claim.span.line))
            })
            .collect();
        let list = match (named.as_slice(), total.saturating_sub(named.len())) {
            ([], _) => String::new(),
            (names, 0) if names.len() == 1 => names[0].clone(),
            (names, 0) => format!("{} and {}", names[..names.len() - 1].join(", "), names[names.len() - 1]),
            (names, more) => format!("{} and {more} more", names.join(", ")),
        };
        let _ = write!(
            out,
            "{}:{}:{}: {}[{}] {} = {} \"{}\" ({word} {list})",
            c.path,
            c.claim.span.line,
            c.claim.span.column,
            f.relation.name(),
            f.kind,
            key_text(f),
            c.claim.value.display(),
            one_line(&c.claim.text)
        );
        if let Some(words) = SidesWords::new(f, ctx.titles) {
            let _ = write!(out, " [{}]", words.seen_from(c.side));
        }
        out.push('\n');
    }
    out
}
