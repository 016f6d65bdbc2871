//! Rendering: the JSON documents of the design's contract, and the human-readable
//! listings of claims, findings and claim-sheet diffs. Pure: strings out.

use crate::compare::{ArticleClaims, Finding, Relation};
use crate::extract::Claim;
use serde::Serialize;
use similar::{Algorithm, DiffTag, capture_diff_slices};
use std::fmt::Write as _;

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
    /// Its claims.
    pub claims: &'a [Claim],
}

/// The `compare` and `check` JSON document.
#[derive(Serialize)]
pub struct FindingsDoc<'a> {
    /// Always 1.
    pub schema_version: u32,
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
                claims: &a.claims,
            })
            .collect(),
    };
    to_json(&doc)
}

/// JSON for `compare` and `check`.
pub fn findings_json(findings: &[Finding]) -> String {
    to_json(&FindingsDoc { schema_version: 1, findings })
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

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
}

/// Human listing of each article's claims.
pub fn extract_human(articles: &[ArticleClaims]) -> String {
    let mut out = String::new();
    for a in articles {
        let date = a.published.map_or("undated".to_string(), |d| d.to_string());
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

/// Human listing of findings: conflicts first, each claim with its place, value, words
/// and sentence.
pub fn findings_human(findings: &[Finding], articles: usize) -> String {
    let mut out = String::new();
    for f in findings {
        let _ = writeln!(out, "{}[{}] {}", f.relation.name(), f.kind, key_text(f));
        for c in &f.claims {
            let date = c.published.as_deref().unwrap_or("undated");
            let inferred = if c.claim.qualifier_inferred { "; version inferred from the value" } else { "" };
            let _ = writeln!(
                out,
                "  {}:{}:{}  {}  \"{}\"  ({date}{inferred})",
                c.path,
                c.claim.span.line,
                c.claim.span.column,
                c.claim.value.display(),
                c.claim.text
            );
            if f.relation != Relation::Agree {
                let _ = writeln!(out, "      | {}", shorten(&c.claim.quote, 150));
            }
        }
        out.push('\n');
    }
    let count = |r| findings.iter().filter(|f| f.relation == r).count();
    let (conflicts, updates, agreements) = (count(Relation::Conflict), count(Relation::Update), count(Relation::Agree));
    let _ = writeln!(
        out,
        "{conflicts} conflict{}, {updates} update{}, {agreements} agreement{} across {articles} article{}",
        plural(conflicts),
        plural(updates),
        plural(agreements),
        plural(articles)
    );
    out
}

fn key_text(f: &Finding) -> String {
    match &f.qualifier {
        Some(q) => format!("{}/{}", f.subject, q),
        None => f.subject.clone(),
    }
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
