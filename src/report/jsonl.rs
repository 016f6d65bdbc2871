//! The `jsonl` format: JSON Lines, one finding a line, each the same object as an entry
//! of the JSON document's `findings` (relation, kind, subject, qualifier, claims). A
//! consumer can act on each line as it arrives; the command line writes them one by
//! one.

use crate::compare::Finding;

/// One finding as a line of JSON, newline included.
pub fn line(finding: &Finding) -> String {
    let mut s =
        serde_json::to_string(finding).unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }).to_string());
    s.push('\n');
    s
}

/// Every finding, a line each.
pub fn render(findings: &[Finding]) -> String {
    findings.iter().map(line).collect()
}
