//! `compare corpus` shows exactly the findings `corpus/README.md` lists: the two
//! deliberate contradictions, the two updates and the fourteen agreements, each with
//! the articles it must hold, and no pair the README says must never be related.

use std::collections::BTreeSet;
use std::process::Command;

/// The corpus articles by the letters `corpus/README.md` uses.
const ARTICLES: &[(&str, &str)] = &[
    ("A", "2025-11-24-harbor-ledger-geneva.md"),
    ("B", "2025-11-25-tidewater-courier-draft-guarantee.md"),
    ("C", "2025-11-26-northgate-dispatch-kremlin-next-week.md"),
    ("D", "2025-12-01-gulf-coast-wire-florida-talks.md"),
    ("E", "2025-12-01-prairie-sentinel-miami-session.md"),
    ("F", "2025-12-03-baltic-crossroads-kremlin.md"),
    ("G", "2025-12-03-evening-meridian-five-hour-talks.md"),
    ("H", "2025-12-04-riverbend-gazette-kremlin-recap.md"),
    ("I", "2025-12-05-summit-post-miami-round.md"),
    ("J", "2025-12-15-alpine-monitor-berlin.md"),
    ("K", "2025-12-21-coral-street-journal-dmitriev.md"),
    ("L", "2025-12-26-danube-observer-27-vs-20.md"),
    ("M", "2025-12-29-lantern-review-mar-a-lago.md"),
    ("N", "2025-12-31-granite-herald-year-end.md"),
    ("O", "unknown-crossfield-plan-explainer.md"),
];

/// (relation, key, articles) for every finding the README lists.
const EXPECTED: &[(&str, &str, &str)] = &[
    ("conflict", "meeting_date kremlin-meeting@week-of-2025-12-01", "CDFGHIJ"),
    ("conflict", "meeting_duration kremlin-meeting@week-of-2025-12-01", "FGHI"),
    ("update", "plan_points us-peace-plan/revised", "ABEFJKLMN"),
    ("update", "guarantee_duration security-guarantee/proposed", "BMN"),
    ("agree", "plan_points us-peace-plan/original", "ABCDFJLNO"),
    ("agree", "plan_points russian-peace-plan", "LO"),
    ("agree", "meeting_date geneva-talks", "AB"),
    ("agree", "meeting_date us-ukraine-florida-talks@week-of-2025-11-24", "DE"),
    ("agree", "meeting_duration us-ukraine-florida-talks@week-of-2025-11-24", "DE"),
    ("agree", "meeting_ordinal putin-witkoff-meetings", "FGO"),
    ("agree", "meeting_date berlin-talks", "JK"),
    ("agree", "meeting_duration berlin-talks", "JK"),
    ("agree", "meeting_date dmitriev-us-talks@week-of-2025-12-15", "KL"),
    ("agree", "meeting_date trump-zelensky-florida-meeting", "LMN"),
    ("agree", "guarantee_duration security-guarantee/requested", "MN"),
    ("agree", "war_duration russia-ukraine-war/full-scale-invasion", "BCMO"),
    ("agree", "war_duration russia-ukraine-war/since-2014", "LM"),
    ("agree", "other_count peace-deal-agreed-percent-zelensky", "MN"),
];

fn letter(path: &str) -> char {
    let name = path.rsplit('/').next().unwrap_or(path);
    let (l, _) = ARTICLES.iter().find(|(_, f)| *f == name).unwrap_or_else(|| panic!("unknown article {path}"));
    l.chars().next().unwrap_or('?')
}

fn compare_corpus(extra: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["compare", "corpus", "--format", "json"])
        .args(extra)
        .output()
        .expect("run claimcheck");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// (relation, key, letters) of every finding.
fn findings(doc: &serde_json::Value) -> BTreeSet<(String, String, String)> {
    let empty = Vec::new();
    doc["findings"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .map(|f| {
            let key = match f["qualifier"].as_str() {
                Some(q) => {
                    format!("{} {}/{}", f["kind"].as_str().unwrap_or(""), f["subject"].as_str().unwrap_or(""), q)
                }
                None => format!("{} {}", f["kind"].as_str().unwrap_or(""), f["subject"].as_str().unwrap_or("")),
            };
            let letters: BTreeSet<char> = f["claims"]
                .as_array()
                .unwrap_or(&empty)
                .iter()
                .map(|c| letter(c["path"].as_str().unwrap_or("")))
                .collect();
            (f["relation"].as_str().unwrap_or("").to_string(), key, letters.into_iter().collect())
        })
        .collect()
}

#[test]
fn compare_corpus_shows_exactly_the_listed_findings() {
    let got = findings(&compare_corpus(&[]));
    let want: BTreeSet<(String, String, String)> =
        EXPECTED.iter().map(|(r, k, a)| (r.to_string(), k.to_string(), a.to_string())).collect();
    let missing: Vec<_> = want.difference(&got).collect();
    let extra: Vec<_> = got.difference(&want).collect();
    assert!(missing.is_empty() && extra.is_empty(), "missing: {missing:#?}\nunexpected: {extra:#?}");
}

#[test]
fn no_pair_the_readme_forbids_is_related() {
    let doc = compare_corpus(&[]);
    let empty = Vec::new();
    for f in doc["findings"].as_array().unwrap_or(&empty) {
        let values: Vec<&serde_json::Value> =
            f["claims"].as_array().unwrap_or(&empty).iter().map(|c| &c["value"]).collect();
        let kind = f["kind"].as_str().unwrap_or("");
        let has_number = |n: f64| values.iter().any(|v| v["value"].as_f64() == Some(n));
        let has_years = |y: f64| values.iter().any(|v| v["seconds"].as_f64() == Some(y * 31_536_000.0));
        if kind == "plan_points" {
            assert!(!(has_number(27.0) && (has_number(28.0) || has_number(20.0))), "27 related to the US plan: {f}");
            assert!(!(has_number(28.0) && (has_number(19.0) || has_number(20.0))), "original related to revised: {f}");
        }
        if kind == "guarantee_duration" {
            assert!(!(has_years(15.0) && values.iter().any(|v| v["mod"] == "up_to")), "offer related to request: {f}");
        }
        if kind == "war_duration" {
            assert!(!(has_years(4.0) && has_years(12.0)), "two war baselines related: {f}");
        }
        if kind == "other_count" {
            assert!(!(has_number(95.0) && has_number(90.0)), "two speakers related: {f}");
        }
    }
}

#[test]
fn without_dates_the_updates_become_conflicts() {
    // Copy the corpus with every publication date removed.
    let dir = std::env::temp_dir().join(format!("claimcheck-undated-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (_, name) in ARTICLES {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/").to_string() + name)
            .expect("corpus article");
        let undated: String = text
            .lines()
            .map(|l| if l.starts_with("published:") { "published: unknown" } else { l })
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(dir.join(name), undated).expect("write");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(["compare", "--format", "json"])
        .arg(&dir)
        .output()
        .expect("run claimcheck");
    let _ = std::fs::remove_dir_all(&dir);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let empty = Vec::new();
    let relation_of = |kind: &str, subject: &str, qualifier: &str| {
        doc["findings"]
            .as_array()
            .unwrap_or(&empty)
            .iter()
            .find(|f| f["kind"] == kind && f["subject"] == subject && f["qualifier"] == qualifier)
            .map(|f| f["relation"].as_str().unwrap_or("").to_string())
    };
    assert_eq!(relation_of("plan_points", "us-peace-plan", "revised").as_deref(), Some("conflict"));
    assert_eq!(relation_of("guarantee_duration", "security-guarantee", "proposed").as_deref(), Some("conflict"));
}
