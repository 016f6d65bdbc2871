//! Runs every rule's examples and near misses: the examples are the rule's
//! specification, so `claimcheck rules test` and `cargo test` both run them.

use super::{Rule, RuleSet};
use crate::article::{Article, parse_published};
use crate::extract::{Claim, extract};

/// An example or near miss that did not come out as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The rule's file.
    pub path: String,
    /// 1-based line of the example's text in the file.
    pub line: usize,
    /// The rule id.
    pub rule: String,
    /// What was expected and what came out.
    pub message: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: [{}] {}", self.path, self.line, self.rule, self.message)
    }
}

fn claims_of(rules: &RuleSet, rule: &Rule, text: &str, published: Option<&str>) -> Result<Vec<Claim>, String> {
    let mut article = Article::from_bytes("example", text.as_bytes()).map_err(|e| e.to_string())?;
    if let Some(p) = published {
        article.meta.published = parse_published(p)?;
    }
    Ok(extract(&article, rules).into_iter().filter(|c| c.rule == rule.id).collect())
}

fn describe(c: &Claim) -> String {
    let facets = c.facets.as_ref().map_or(String::new(), |f| format!(" (who {:?}, where {:?})", f.who, f.places));
    format!("{} {} = {}{facets}", c.kind, c.key().split_once(' ').map_or("", |(_, k)| k), c.value.display())
}

/// Place ids by their last part ("switzerland/geneva/geneva" is "geneva"), as examples
/// write them.
fn short(ids: &[String]) -> Vec<String> {
    sorted(&ids.iter().map(|id| id.rsplit('/').next().unwrap_or(id).to_string()).collect::<Vec<_>>())
}

fn sorted(xs: &[String]) -> Vec<String> {
    let mut xs = xs.to_vec();
    xs.sort();
    xs
}

/// Run the examples of every rule in `rules` (or only those whose id starts with
/// `only`); returns the failures and the count of cases run.
pub fn run(rules: &RuleSet, only: Option<&str>) -> (Vec<Failure>, usize) {
    let mut failures = Vec::new();
    let mut cases = 0;
    for rule in rules.rules.iter().filter(|r| only.is_none_or(|o| r.id == o)) {
        let line_of = |span: std::ops::Range<usize>| super::position(&rule.source, span.start).0;
        let fail =
            |line: usize, message: String| Failure { path: rule.path.clone(), line, rule: rule.id.clone(), message };
        for example in &rule.examples {
            cases += 1;
            let line = line_of(example.text.span());
            let got = match claims_of(rules, rule, example.text.get_ref(), example.published.as_deref()) {
                Ok(got) => got,
                Err(e) => {
                    failures.push(fail(line, e));
                    continue;
                }
            };
            let mut unmatched: Vec<&Claim> = got.iter().collect();
            for want in &example.claims {
                let position = unmatched.iter().position(|c| {
                    c.value.display() == want.value
                        && want.subject.as_ref().is_none_or(|s| *s == c.subject)
                        && want.qualifier.as_ref().is_none_or(|q| *q == c.qualifier.clone().unwrap_or_default())
                        && want.who.as_ref().is_none_or(|w| c.facets.as_ref().is_some_and(|f| sorted(w) == f.who))
                        && want
                            .places
                            .as_ref()
                            .is_none_or(|p| c.facets.as_ref().is_some_and(|f| sorted(p) == short(&f.places)))
                });
                match position {
                    Some(i) => {
                        unmatched.remove(i);
                    }
                    None => {
                        let found: Vec<String> = got.iter().map(describe).collect();
                        let mut wanted = format!("value {}", want.value);
                        if let Some(s) = &want.subject {
                            wanted.push_str(&format!(", subject {s}"));
                        }
                        if let Some(q) = &want.qualifier {
                            wanted.push_str(&format!(", qualifier {q:?}"));
                        }
                        if let Some(w) = &want.who {
                            wanted.push_str(&format!(", who {w:?}"));
                        }
                        if let Some(p) = &want.places {
                            wanted.push_str(&format!(", where {p:?}"));
                        }
                        failures
                            .push(fail(line, format!("expected a claim with {wanted}; found [{}]", found.join("; "))));
                    }
                }
            }
            for extra in unmatched {
                failures.push(fail(line, format!("unexpected claim {} from {:?}", describe(extra), extra.text)));
            }
        }
        for reject in &rule.rejects {
            cases += 1;
            let line = line_of(reject.text.span());
            match claims_of(rules, rule, reject.text.get_ref(), reject.published.as_deref()) {
                Ok(got) => {
                    for c in got {
                        failures.push(fail(line, format!("near miss yielded {} from {:?}", describe(&c), c.text)));
                    }
                }
                Err(e) => failures.push(fail(line, e)),
            }
        }
    }
    (failures, cases)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every example and near miss of the bundled pack, as `claimcheck rules test` runs
    /// them.
    #[test]
    fn bundled_rule_examples_pass() {
        let rules = RuleSet::load(&super::super::bundled_sources()).unwrap_or_else(|e| panic!("{}", e[0]));
        let (failures, cases) = run(&rules, None);
        let report: Vec<String> = failures.iter().map(ToString::to_string).collect();
        assert!(failures.is_empty(), "{} of {cases} rule examples failed:\n{}", failures.len(), report.join("\n"));
        assert!(cases > 0);
    }
}
