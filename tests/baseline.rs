//! Baselines end to end: `baseline write`, `check --baseline` after the accepted article
//! is reshuffled, edited elsewhere and renamed, a changed value that must come back as
//! exactly one new finding, `baseline prune`, and the files claimcheck must never write
//! over (a corrupt baseline, an article) or cannot write (a missing folder).
//!
//! Each test works on its own copy of the corpus in a temp folder.

mod common;

use common::{RECAP, Run, TempDir};
use serde_json::Value as Json;

const BASELINE: &str = ".claimcheck/baseline.json";

/// The SARIF results of a run (one per disputed claim not accepted).
fn results(run: &Run) -> Vec<Json> {
    run.json()["runs"][0]["results"].as_array().expect("runs[0].results").clone()
}

/// The recap with its paragraphs in reverse order, a new opening paragraph, and a word
/// changed in a paragraph that makes no claim: every line of the disputed claims moves.
fn reshuffled(text: &str) -> String {
    let body_start = text.match_indices("---\n").nth(1).map(|(i, _)| i + 4).expect("front matter");
    let (front, body) = text.split_at(body_start);
    let mut paragraphs: Vec<&str> = body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
    paragraphs.reverse();
    let body = paragraphs.join("\n\n").replace("constructive", "businesslike");
    format!("{front}An editor's note on sourcing opens this version.\n\n{body}\n")
}

#[test]
fn a_baseline_survives_moves_edits_and_a_rename_but_not_a_changed_value() {
    let dir = TempDir::with_corpus("baseline-round-trip");
    let check = |article: &str| {
        dir.run(&["check", article, "--against", "corpus", "--baseline", BASELINE, "--format", "sarif"])
    };
    let unaccepted = dir.run(&["check", RECAP, "--against", "corpus", "--format", "sarif"]);
    unaccepted.assert_code(1);
    assert_eq!(results(&unaccepted).len(), 2, "the recap's date and duration are disputed");

    let written = dir.run(&["baseline", "write", "corpus"]);
    written.assert_code(0);
    assert!(written.stdout.starts_with(&format!("wrote {BASELINE}: ")), "{written:?}");
    let baseline: Json = serde_json::from_str(&dir.read(BASELINE)).expect("the baseline is JSON");
    assert_eq!(baseline["schema_version"], 1);
    let entries = baseline["entries"].as_array().expect("entries");
    assert!(entries.iter().any(|e| e["kind"] == "meeting_date" && e["value"] == "2025-12-03"), "{baseline:#}");

    let clean = check(RECAP);
    clean.assert_code(0);
    assert_eq!((results(&clean).len(), clean.stderr.as_str()), (0, ""), "{clean:?}");

    // Reshuffle, edit elsewhere, rename: still accepted, and nothing is stale.
    let moved = "corpus/riverbend-recap-revised.md";
    std::fs::write(dir.path(moved), reshuffled(&dir.read(RECAP))).expect("write the moved article");
    std::fs::remove_file(dir.path(RECAP)).expect("remove the old name");
    let renamed = check(moved);
    renamed.assert_code(0);
    assert_eq!((results(&renamed).len(), renamed.stderr.as_str()), (0, ""), "{renamed:?}");

    // Change the disputed value: exactly that claim is new, and the old entry is stale.
    std::fs::write(dir.path(moved), dir.read(moved).replace("on December 3 and", "on December 4 and")).expect("edit");
    let changed = check(moved);
    changed.assert_code(1);
    let new = results(&changed);
    assert_eq!(new.len(), 1, "{new:#?}");
    assert_eq!(new[0]["properties"]["kind"], "meeting_date");
    assert_eq!(new[0]["properties"]["value"], "2025-12-04");
    assert!(changed.stderr.contains("1 stale entry"), "{}", changed.stderr);
    assert!(changed.stderr.contains("conflict[meeting_date] kushner-putin-witkof@kremlin/week-of-2025-12-01 = 2025-12-03 in corpus/2025-12-04-riverbend-gazette-kremlin-recap.md, which is gone"), "{}", changed.stderr);

    // Prune drops the stale entry and accepts nothing new.
    let pruned = dir.run(&["baseline", "prune", "corpus"]);
    pruned.assert_code(0);
    assert!(
        pruned
            .stdout
            .contains("pruned conflict[meeting_date] kushner-putin-witkof@kremlin/week-of-2025-12-01 = 2025-12-03"),
        "{pruned:?}"
    );
    let after: Json = serde_json::from_str(&dir.read(BASELINE)).expect("still JSON");
    let values: Vec<&Json> = after["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "meeting_date")
        .map(|e| &e["value"])
        .collect();
    assert!(!values.iter().any(|v| *v == "2025-12-03" || *v == "2025-12-04"), "{after:#}");
    let again = check(moved);
    again.assert_code(1);
    assert_eq!(again.stderr, "", "nothing stale after pruning");
    assert_eq!(dir.run(&["baseline", "prune", "corpus"]).stdout, format!("{BASELINE}: nothing to prune\n"));
}

#[test]
fn a_new_article_repeating_an_accepted_claim_is_reported() {
    let dir = TempDir::with_corpus("baseline-repeat");
    dir.run(&["baseline", "write", "corpus"]).assert_code(0);
    let copy = "corpus/2025-12-06-another-recap.md";
    std::fs::write(dir.path(copy), dir.read(RECAP)).expect("copy the recap");
    let run = dir.run(&["check", copy, "--against", "corpus", "--baseline", BASELINE, "--format", "sarif"]);
    run.assert_code(1);
    let new = results(&run);
    assert_eq!(new.len(), 2, "the copy's date and duration: {new:#?}");
    assert!(new.iter().all(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == copy));
}

#[test]
fn compare_with_a_baseline_shows_only_new_disagreements() {
    let dir = TempDir::with_corpus("baseline-compare");
    dir.run(&["baseline", "write", "corpus", "-o", "accepted.json"]).assert_code(0);
    let all = dir.run(&["compare", "corpus", "--format", "concise"]);
    let accepted = dir.run(&["compare", "corpus", "--format", "concise", "--baseline", "accepted.json"]);
    accepted.assert_code(0);
    assert!(all.stdout.contains("conflict[meeting_date]"), "{all:?}");
    assert!(!accepted.stdout.contains("conflict[") && !accepted.stdout.contains("update["), "{accepted:?}");
    assert!(accepted.stdout.contains("agree["), "agreements are still listed: {accepted:?}");
}

#[test]
fn baseline_write_against_a_corpus_records_only_the_new_articles() {
    let dir = TempDir::with_corpus("baseline-against");
    dir.run(&["baseline", "write", RECAP, "--against", "corpus"]).assert_code(0);
    let baseline: Json = serde_json::from_str(&dir.read(BASELINE)).expect("JSON");
    let entries = baseline["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2, "{baseline:#}");
    assert!(entries.iter().all(|e| e["counts"].as_object().unwrap().keys().eq([RECAP])), "{baseline:#}");
}

#[test]
fn a_corrupt_baseline_is_an_error_at_its_line_and_never_overwritten() {
    let dir = TempDir::with_corpus("baseline-corrupt");
    let corrupt = "{\n  \"schema_version\": 1,\n  \"entries\": [\n    {\"fingerprint\": \"0123\", oops}\n  ]\n}\n";
    dir.write(BASELINE, corrupt);
    let check = dir.run(&["check", RECAP, "--against", "corpus", "--baseline", BASELINE]);
    check.assert_code(2);
    assert!(check.stderr.starts_with(&format!("error: {BASELINE}:4: not a claimcheck baseline: ")), "{check:?}");
    assert_eq!(check.stdout, "", "nothing is reported against a baseline that cannot be read");
    for command in [&["baseline", "write", "corpus"][..], &["baseline", "prune", "corpus"]] {
        let run = dir.run(command);
        run.assert_code(2);
        assert!(run.stderr.contains(&format!("{BASELINE}:4: not a claimcheck baseline")), "{command:?}: {run:?}");
        assert_eq!(dir.read(BASELINE), corrupt, "{command:?} wrote over the corrupt baseline");
    }
    let missing = dir.run(&["check", RECAP, "--against", "corpus", "--baseline", "nowhere.json"]);
    missing.assert_code(2);
    assert!(
        missing.stderr.contains("nowhere.json: cannot read the baseline") && missing.stderr.contains("baseline write")
    );
}

#[test]
fn baseline_write_never_replaces_an_article_and_needs_an_existing_folder() {
    let dir = TempDir::with_corpus("baseline-targets");
    let article = dir.read(RECAP);
    let over = dir.run(&["baseline", "write", "corpus", "-o", RECAP]);
    over.assert_code(2);
    assert!(over.stderr.contains("it is one of the input articles"), "{over:?}");
    assert_eq!(dir.read(RECAP), article);
    let missing = dir.run(&["baseline", "write", "corpus", "-o", "no/such/folder/b.json"]);
    missing.assert_code(2);
    assert_eq!(missing.stderr, "error: cannot write no/such/folder/b.json: folder no/such/folder does not exist\n");
    assert!(!dir.path("no").exists());
    let report = dir.run(&["compare", "corpus", "-o", "no/such/report.txt"]);
    report.assert_code(2);
    assert_eq!(report.stderr, "error: cannot write no/such/report.txt: folder no/such does not exist\n");
}

#[test]
fn an_unreadable_article_leaves_the_baseline_as_it_was() {
    let dir = TempDir::with_corpus("baseline-bad-input");
    dir.run(&["baseline", "write", "corpus"]).assert_code(0);
    let before = dir.read(BASELINE);
    dir.write("corpus/broken.md", "---\npublished: 2025-13-45\n---\nText.\n");
    let run = dir.run(&["baseline", "write", "corpus"]);
    run.assert_code(2);
    assert!(run.stderr.contains("corpus/broken.md:2: bad publication date"), "{run:?}");
    assert!(run.stderr.contains("left as it was"), "{run:?}");
    assert_eq!(dir.read(BASELINE), before);
}

/// A report of the Kremlin meeting on `day` of December, published on `published`.
fn kremlin_report(title: &str, published: &str, day: u32) -> String {
    format!(
        "---\ntitle: {title}\npublished: {published}\n---\n\
         Envoy Steve Witkoff met Vladimir Putin at the Kremlin on December {day} for talks on the peace plan.\n"
    )
}

#[test]
fn a_new_report_on_the_larger_side_of_an_accepted_dispute_is_reported_not_failed() {
    let dir = TempDir::new("baseline-larger-side");
    for (i, published) in ["2025-12-03", "2025-12-04", "2025-12-05"].iter().enumerate() {
        dir.write(&format!("corpus/right-{i}.md"), &kremlin_report("Envoys in Moscow", published, 2));
    }
    dir.write("corpus/wrong.md", &kremlin_report("A day late", "2025-12-04", 3));
    dir.write("new/agrees.md", &kremlin_report("Looking back", "2025-12-08", 2));
    dir.write("new/alone.md", &kremlin_report("Another day", "2025-12-08", 4));
    dir.write("new/wrong-too.md", &kremlin_report("Also a day late", "2025-12-08", 3));
    let check = |article: &str, baseline: bool| {
        let mut args = vec!["check", article, "--against", "corpus", "--format", "concise"];
        if baseline {
            args.extend(["--baseline", BASELINE]);
        }
        dir.run(&args)
    };
    // Without a baseline, the new report contradicts the archived wrong one: it fails.
    check("new/agrees.md", false).assert_code(1);
    dir.run(&["baseline", "write", "corpus"]).assert_code(0);
    let known = check("new/agrees.md", true);
    known.assert_code(0);
    assert!(known.stdout.contains("new/agrees.md"), "still reported: {known:?}");
    assert!(known.stderr.contains("larger side") && known.stderr.contains("not failed"), "{known:?}");
    // A value of its own, or the wrong one's side, is a new disagreement.
    check("new/alone.md", true).assert_code(1);
    check("new/wrong-too.md", true).assert_code(1);
}

#[test]
fn a_corpus_that_holds_no_article_is_an_error_not_a_pass() {
    let dir = TempDir::new("baseline-empty-corpus");
    dir.write("new/agrees.md", &kremlin_report("Looking back", "2025-12-08", 2));
    dir.write("empty/notes.csv", "not an article\n");
    for against in ["empty", "new"] {
        let run = dir.run(&["check", "new/agrees.md", "--against", against]);
        run.assert_code(2);
        assert!(run.stderr.contains("holds no article"), "{run:?}");
        assert!(run.stdout.is_empty(), "no report for a run that compared nothing: {run:?}");
    }
    let typo = dir.run(&["check", "new/agrees.md", "--against", "corpsu"]);
    typo.assert_code(2);
    assert!(typo.stderr.contains("corpsu"), "{typo:?}");
}
