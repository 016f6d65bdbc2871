//! The `jsonl` format: JSON Lines, one finding a line, each the same object as an entry
//! of the JSON document's `findings` (relation, kind, subject, qualifier, claims). A
//! consumer can act on each line as it arrives; the command line writes them one by
//! one.

use crate::compare::Finding;

/// Every finding, a line each ([`super::json::write_lines`]).
pub fn render(findings: &[Finding]) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = super::json::write_lines(findings, &mut out);
    String::from_utf8(out).unwrap_or_default()
}
