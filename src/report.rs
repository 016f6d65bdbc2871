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

/// One line of a claim sheet: `kind subject/qualifier = value`, and the source line.
fn sheet(article: &ArticleClaims) -> Vec<(String, usize)> {
    let mut lines: Vec<(String, usize)> = article
        .claims
        .iter()
        .map(|c| (format!("{} {} = {}", c.kind, key_of(c), c.value.display()), c.span.line))
        .collect();
    lines.sort();
    lines.dedup_by(|a, b| a.0 == b.0);
    lines
}

/// A unified diff of two articles' claim sheets: one line per claim key and value,
/// agreeing lines as context, differing ones as `-`/`+`, each with its source line.
pub fn diff(a: &ArticleClaims, b: &ArticleClaims) -> String {
    let old = sheet(a);
    let new = sheet(b);
    let old_text: Vec<&str> = old.iter().map(|(s, _)| s.as_str()).collect();
    let new_text: Vec<&str> = new.iter().map(|(s, _)| s.as_str()).collect();
    let mut out = format!("--- {}\n+++ {}\n", a.path, b.path);
    let _ = writeln!(out, "@@ -1,{} +1,{} @@", old.len(), new.len());
    for op in capture_diff_slices(Algorithm::Myers, &old_text, &new_text) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => {
                for (i, j) in old_range.zip(new_range) {
                    let _ = writeln!(out, " {}  (line {} | line {})", old[i].0, old[i].1, new[j].1);
                }
            }
            DiffTag::Delete | DiffTag::Insert | DiffTag::Replace => {
                for i in old_range {
                    let _ = writeln!(out, "-{}  (line {})", old[i].0, old[i].1);
                }
                for j in new_range {
                    let _ = writeln!(out, "+{}  (line {})", new[j].0, new[j].1);
                }
            }
        }
    }
    out
}
