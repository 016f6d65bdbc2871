//! Whose plan a claim speaks of where its words do not say: "the 28-point plan" of a
//! story whose reports mostly name the plan as the United States' is that plan, as a
//! reader takes it. Claims whose rule's subject holds `{owner}` name their owner when
//! the words do ("Russia's own 27-point framework", "the union's list"); the others
//! take the owner that most claims of their rule in their story name, where that
//! owner is named by more claims than any other. Where two owners tie, the claims are
//! kept and never compared. Where no claim names an owner, the plan is the story's
//! own (`main-plan`).

use super::ArticleClaims;
use crate::extract::{PENDING_OWNER, UNKNOWN_SUBJECT};
use std::collections::{BTreeMap, HashMap};

/// The owner of a plan in a story where no report names one: the story's own.
pub const STORY_OWNER: &str = "main";

/// Give a position no party is named with ("the current proposal runs 15 years":
/// `proposed`) the party that holds that stance in most of its story's claims of the
/// same kind and subject (`united-states:proposed`), where one party leads. Positions
/// are written `party:stance` where the words name the party (a rule's `holders`).
pub fn holders(articles: &mut [ArticleClaims], story_of: &[usize]) {
    let story = |i: usize| story_of.get(i).copied().unwrap_or(0);
    // What each unnamed position becomes, worked out over borrowed keys, then applied.
    let mut updates: Vec<(usize, usize, String)> = Vec::new();
    {
        type Key<'a> = (usize, &'a str, &'a str, &'a str);
        let mut held: HashMap<Key, BTreeMap<&str, usize>> = HashMap::new();
        for (i, a) in articles.iter().enumerate() {
            for c in &a.claims {
                if let Some((party, stance)) = c.qualifier.as_deref().and_then(|q| q.split_once(':')) {
                    let key = (story(i), c.kind.as_str(), c.subject.as_str(), stance);
                    *held.entry(key).or_default().entry(party).or_default() += 1;
                }
            }
        }
        if held.is_empty() {
            return;
        }
        for (i, a) in articles.iter().enumerate() {
            for (k, c) in a.claims.iter().enumerate() {
                let Some(stance) = c.qualifier.as_deref().filter(|q| !q.contains(':')) else { continue };
                let Some(parties) = held.get(&(story(i), c.kind.as_str(), c.subject.as_str(), stance)) else {
                    continue;
                };
                let mut ranked: Vec<(&&str, &usize)> = parties.iter().collect();
                ranked.sort_by_key(|(p, n)| (std::cmp::Reverse(**n), **p));
                if ranked.get(1).is_none_or(|second| ranked[0].1 > second.1) {
                    updates.push((i, k, format!("{}:{stance}", ranked[0].0)));
                }
            }
        }
    }
    for (i, k, qualifier) in updates {
        if let Some(c) = articles.get_mut(i).and_then(|a| a.claims.get_mut(k)) {
            c.qualifier = Some(qualifier);
        }
    }
}

/// Give each claim of `articles` whose subject still waits for an owner the owner its
/// story's claims name most (`story_of` gives each article's story).
pub fn resolve(articles: &mut [ArticleClaims], story_of: &[usize]) {
    let pending = |s: &str| s.contains(PENDING_OWNER);
    if !articles.iter().any(|a| a.claims.iter().any(|c| pending(&c.subject))) {
        return;
    }
    // Per story and rule: how many claims name each subject.
    let mut named: HashMap<(usize, &str), BTreeMap<&str, usize>> = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        let story = story_of.get(i).copied().unwrap_or(0);
        for c in a.claims.iter().filter(|c| !pending(&c.subject) && c.subject != UNKNOWN_SUBJECT) {
            *named.entry((story, c.rule.as_str())).or_default().entry(c.subject.as_str()).or_default() += 1;
        }
    }
    let contested: std::collections::HashSet<(usize, String)> =
        named.keys().map(|(story, rule)| (*story, rule.to_string())).collect();
    let leader: HashMap<(usize, String), String> = named
        .into_iter()
        .filter_map(|((story, rule), counts)| {
            let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
            ranked.sort_by_key(|(s, n)| (std::cmp::Reverse(*n), *s));
            let leads = ranked.get(1).is_none_or(|second| ranked[0].1 > second.1);
            leads.then(|| ((story, rule.to_string()), ranked[0].0.to_string()))
        })
        .collect();
    versions_where_told(articles, story_of);
    for (i, a) in articles.iter_mut().enumerate() {
        let story = story_of.get(i).copied().unwrap_or(0);
        for c in a.claims.iter_mut().filter(|c| pending(&c.subject)) {
            let key = (story, c.rule.clone());
            match leader.get(&key) {
                Some(subject) => c.subject = subject.clone(),
                // No claim of the story names an owner: its plan is the story's own.
                None if !contested.contains(&key) => c.subject = c.subject.replace(PENDING_OWNER, STORY_OWNER),
                None => {
                    c.subject = UNKNOWN_SUBJECT.to_string();
                    c.comparable = false;
                }
            }
        }
    }
}

/// A plan whose owner the words name ("Russia's own 27-point framework") and of which
/// no report of the story tells versions apart has one version as far as the story
/// knows: its counts are compared without one. Where some report does tell them apart,
/// a count that does not say which version it is stays uncompared.
fn versions_where_told(articles: &mut [ArticleClaims], story_of: &[usize]) {
    let story = |i: usize| story_of.get(i).copied().unwrap_or(0);
    let freed: Vec<(usize, usize)> = {
        let told: std::collections::HashSet<(usize, &str, &str)> = articles
            .iter()
            .enumerate()
            .flat_map(|(i, a)| {
                a.claims
                    .iter()
                    .filter(|c| c.qualifier.is_some())
                    .map(move |c| (story(i), c.kind.as_str(), c.subject.as_str()))
            })
            .collect();
        articles
            .iter()
            .enumerate()
            .flat_map(|(i, a)| {
                let told = &told;
                a.claims
                    .iter()
                    .enumerate()
                    .filter(move |(_, c)| {
                        c.qualifier_missing
                            && c.owner_named
                            && !told.contains(&(story(i), c.kind.as_str(), c.subject.as_str()))
                    })
                    .map(move |(k, _)| (i, k))
            })
            .collect()
    };
    for (i, k) in freed {
        if let Some(c) = articles.get_mut(i).and_then(|a| a.claims.get_mut(k)) {
            c.qualifier_missing = false;
            c.comparable = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Claim;
    use crate::value::{Amount, Value};

    fn article(subjects: &[&str]) -> ArticleClaims {
        let claims = subjects
            .iter()
            .map(|s| {
                let mut c = Claim::example("plan_points", s, Value::Number { amount: Amount::exact(20.0), unit: None });
                c.rule = "plan.points".into();
                c
            })
            .collect();
        ArticleClaims { claims, ..ArticleClaims::default() }
    }

    fn subjects(articles: &[ArticleClaims]) -> Vec<Vec<String>> {
        articles.iter().map(|a| a.claims.iter().map(|c| c.subject.clone()).collect()).collect()
    }

    #[test]
    fn an_unnamed_position_is_the_party_s_that_holds_it_most() {
        let claim = |q: &str| {
            let mut c = Claim::example(
                "guarantee_duration",
                "security-guarantee",
                Value::Number { amount: Amount::exact(15.0), unit: None },
            );
            c.qualifier = Some(q.to_string());
            c
        };
        let mut articles = vec![
            ArticleClaims {
                claims: vec![claim("united-states:proposed"), claim("ukraine:requested")],
                ..ArticleClaims::default()
            },
            ArticleClaims { claims: vec![claim("proposed"), claim("requested")], ..ArticleClaims::default() },
            ArticleClaims {
                claims: vec![claim("ukraine:proposed"), claim("united-states:proposed")],
                ..ArticleClaims::default()
            },
        ];
        holders(&mut articles, &[0, 0, 0]);
        let q = |a: usize, c: usize| articles[a].claims[c].qualifier.clone().unwrap();
        assert_eq!(q(1, 0), "united-states:proposed", "the US holds the offer in two claims, Ukraine in one");
        assert_eq!(q(1, 1), "ukraine:requested");
        assert_eq!(q(2, 0), "ukraine:proposed", "a named party keeps its own position");
    }

    #[test]
    fn an_unnamed_plan_is_the_plan_most_reports_name() {
        let mut articles = vec![
            article(&["united-states-plan", "{owner}-plan"]),
            article(&["united-states-plan", "russia-plan"]),
            article(&["{owner}-plan"]),
        ];
        resolve(&mut articles, &[0, 0, 0]);
        assert_eq!(
            subjects(&articles),
            [
                vec!["united-states-plan", "united-states-plan"],
                vec!["united-states-plan", "russia-plan"],
                vec!["united-states-plan"]
            ]
        );
    }

    #[test]
    fn without_a_leading_owner_an_unnamed_plan_is_not_compared() {
        // Two owners named once each: neither leads.
        let mut articles = vec![article(&["union-plan", "{owner}-plan"]), article(&["port-plan"])];
        resolve(&mut articles, &[0, 0]);
        assert_eq!(articles[0].claims[1].subject, UNKNOWN_SUBJECT);
        assert!(!articles[0].claims[1].comparable);
        // Another story's owners say nothing about this one's.
        let mut articles = vec![article(&["{owner}-plan"]), article(&["union-plan"]), article(&["{owner}-plan"])];
        resolve(&mut articles, &[0, 1, 0]);
        assert_eq!(articles[0].claims[0].subject, "main-plan", "no report of its story names an owner");
        assert_eq!(articles[2].claims[0].subject, "main-plan");
    }
}
