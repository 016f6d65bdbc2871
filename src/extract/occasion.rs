//! The day a recurring occasion (a chamber's vote, a council's sitting, a union's
//! ballot) took place, for rules marked `recurring`.
//!
//! The day is the first date of one day in the claim's sentence, or in the nearest
//! sentence before it in its paragraph, that is not a deadline: a date after "through",
//! "until" or "by" ("a stopgap through November 21 failed 55-45") is the end of a term,
//! not the day of the vote. A paragraph that dates nothing takes the day the article's
//! opening dates its news to (the first date of one day in its first two paragraphs,
//! a line that holds nothing but a date, as a dateline does, left aside).

use super::Prepared;
use crate::rule::pattern::{Tok, ValueKind};
use crate::scan::Found;
use crate::text::Sentence;
use crate::value::{DateValue, Value};
use chrono::NaiveDate;

/// Words that make the date after them a deadline or the end of a term.
const DEADLINE: &[&str] = &["through", "thru", "until", "till", "til", "by", "before", "past", "ahead", "deadline"];

/// The day of the occasion sentence `si` speaks of, if its words tie it to one.
pub(super) fn occasion_day(
    sentences: &[Sentence],
    prepared: &[Prepared],
    values: &[Found],
    si: usize,
) -> Option<NaiveDate> {
    let paragraph = sentences.get(si)?.paragraph;
    (0..=si)
        .rev()
        .take_while(|&j| sentences[j].paragraph == paragraph)
        .find_map(|j| day_of_occasion(&prepared[j], values))
        .or_else(|| opening_day(sentences, prepared, values))
}

/// The first date of one day in a sentence that is not a deadline.
fn day_of_occasion(p: &Prepared, values: &[Found]) -> Option<NaiveDate> {
    p.toks.iter().enumerate().find_map(|(i, t)| match t {
        Tok::Value { index, kind: ValueKind::Date } => {
            if i > 0 && p.words_at(i - 1).any(|w| DEADLINE.contains(&w)) {
                return None;
            }
            match values.get(*index)?.value {
                Value::Date(DateValue::Span { start, end, .. }) if start == end => Some(start),
                _ => None,
            }
        }
        _ => None,
    })
}

/// The day the article's first two paragraphs date its news to; a sentence that is a
/// date and nothing else (a dateline, a byline's date) does not count.
fn opening_day(sentences: &[Sentence], prepared: &[Prepared], values: &[Found]) -> Option<NaiveDate> {
    let first = sentences.first()?.paragraph;
    sentences
        .iter()
        .zip(prepared)
        .take_while(|(s, _)| s.paragraph <= first + 1)
        .filter(|(_, p)| p.toks.iter().any(|t| matches!(t, Tok::Word(..))))
        .find_map(|(_, p)| day_of_occasion(p, values))
}

/// Whether a date lies within the rule's `within_days` of the report's publication
/// date. Anything else, an undated report, or a rule without the limit, passes.
pub(super) fn near_publication(rule: &crate::rule::Rule, value: &Value, published: Option<NaiveDate>) -> bool {
    match (rule.within_days, value, published) {
        (Some(limit), Value::Date(DateValue::Span { start, end, .. }), Some(day)) => {
            (*start - day).num_days() <= limit && (day - *end).num_days() <= limit
        }
        _ => true,
    }
}

/// Whether a claim of a recurring subject waits on the day of its occasion: its subject
/// is known, but no date its words give tied it to one day (an undated report's "on
/// Sunday"). Such a report is read again once its story dates it, and the claim then
/// joins an agreement or is left out, never making a conflict on its own.
pub fn awaits_occasion(claim: &super::Claim) -> bool {
    !claim.comparable && !claim.qualifier_missing && claim.subject != super::UNKNOWN_SUBJECT
}

/// Whether one of the rule's `unless` words stands in the value's clause before it
/// ("if Putin agrees to a 60-day truce"): the value is then a hypothetical.
pub(super) fn hypothetical(rule: &crate::rule::Rule, p: &Prepared, value_at: usize) -> bool {
    if rule.unless.is_empty() {
        return false;
    }
    let from = p.toks[..value_at].iter().rposition(super::is_clause_break).map_or(0, |i| i + 1);
    (from..value_at).any(|i| p.words_at(i).any(|w| rule.unless.iter().any(|u| super::cue_matches(u, w))))
}
