//! `claimcheck.toml` end to end: found by walking up from the working folder, chosen
//! with `--config`, ignored with `--isolated`; each setting (rule folders, corpus and
//! ignore globs, fail-on, tolerance, severity) over the defaults and under the flags;
//! and a bad file as an error with file and line, never rewritten.
//!
//! Each test works on its own copy of the corpus in a temp folder (whose parents hold
//! no claimcheck.toml).

mod common;

use common::{RECAP, Run, TempDir};

/// `check RECAP --against corpus` from `dir`, with extra arguments (in `concise` unless
/// they give a format).
fn check(dir: &TempDir, extra: &[&str]) -> Run {
    let mut args = vec!["check", RECAP, "--against", "corpus"];
    if !extra.contains(&"--format") {
        args.extend(["--format", "concise"]);
    }
    args.extend_from_slice(extra);
    dir.run(&args)
}

#[test]
fn the_nearest_file_up_from_the_working_folder_is_read() {
    let dir = TempDir::with_corpus("config-discovery");
    dir.write("claimcheck.toml", "fail-on = \"never\"\ncorpus = [\"corpus/*.md\"]\n");
    dir.write("desk/notes/.keep", "");
    // From a folder two levels down: the corpus glob is read relative to the file.
    let run = common::run_with(
        Some(&dir.path("desk/notes")),
        &["check", &format!("../../{RECAP}"), "--format", "concise"],
        None,
    );
    run.assert_code(0);
    assert!(run.stdout.contains("conflict[meeting_date]"), "still reported, no longer failing: {run:?}");
    assert!(run.stdout.contains("vs ../../corpus/2025-12-01-gulf-coast-wire-florida-talks.md:15"), "{run:?}");
    let compare = common::run_with(Some(&dir.path("desk")), &["compare", "--format", "human"], None);
    compare.assert_code(0);
    assert!(compare.stdout.contains("across 15 articles"), "compare reads the configured corpus: {compare:?}");

    // A nearer file wins; --isolated reads none; --config names one.
    dir.write("desk/claimcheck.toml", "fail-on = \"conflict\"\n");
    let nearer = common::run_with(
        Some(&dir.path("desk/notes")),
        &["check", &format!("../../{RECAP}"), "--against", "../../corpus"],
        None,
    );
    nearer.assert_code(1);
    check(&dir, &[]).assert_code(0);
    check(&dir, &["--isolated"]).assert_code(1);
    check(&dir, &["--config", "desk/claimcheck.toml"]).assert_code(1);
    let both = check(&dir, &["--isolated", "--config", "claimcheck.toml"]);
    both.assert_code(2);
}

#[test]
fn flags_win_over_the_file_and_the_file_over_the_defaults() {
    let dir = TempDir::with_corpus("config-precedence");
    check(&dir, &[]).assert_code(1);
    dir.write("claimcheck.toml", "fail-on = \"never\"\n");
    check(&dir, &[]).assert_code(0);
    check(&dir, &["--fail-on", "conflict"]).assert_code(1);
    dir.write("claimcheck.toml", "fail-on = \"conflict\"\n");
    check(&dir, &["--fail-on", "never"]).assert_code(0);

    // fail-on = update: an article whose newer plan count is an update fails too.
    let later = "corpus/2025-12-21-coral-street-journal-dmitriev.md";
    let args = ["check", later, "--against", "corpus", "--format", "concise"];
    dir.run(&args).assert_code(0);
    dir.write("claimcheck.toml", "fail-on = \"update\"\n");
    let run = dir.run(&args);
    run.assert_code(1);
    assert!(run.stdout.contains("update[plan_points]"), "{run:?}");
}

#[test]
fn severity_sets_the_annotation_and_whether_a_kind_fails() {
    let dir = TempDir::with_corpus("config-severity");
    dir.write("claimcheck.toml", "[severity]\nmeeting_date = \"warning\"\nmeeting_duration = \"note\"\n");
    let run = check(&dir, &["--format", "github"]);
    run.assert_code(0);
    assert!(
        run.stdout.starts_with("::warning file=corpus/2025-12-04-riverbend-gazette-kremlin-recap.md,line=7"),
        "{run:?}"
    );
    assert!(run.stdout.contains("\n::notice file="), "{run:?}");
    let sarif = check(&dir, &["--format", "sarif"]).json();
    let levels: Vec<&str> =
        sarif["runs"][0]["results"].as_array().unwrap().iter().map(|r| r["level"].as_str().unwrap()).collect();
    assert_eq!(levels, vec!["warning", "note"]);

    dir.write("claimcheck.toml", "[severity]\nmeeting_date = \"off\"\n");
    let run = check(&dir, &[]);
    run.assert_code(1);
    assert!(!run.stdout.contains("meeting_date"), "an `off` kind is not reported: {run:?}");
    assert!(run.stdout.contains("conflict[meeting_duration]"), "{run:?}");
}

#[test]
fn a_wider_approx_tolerance_lets_about_three_hours_meet_five() {
    let dir = TempDir::with_corpus("config-tolerance");
    let summit = "corpus/2025-12-05-summit-post-miami-round.md";
    let args = vec!["check", summit, "--against", "corpus", "--format", "concise"];
    let strict = dir.run(&args);
    assert!(strict.stdout.contains("conflict[meeting_duration]"), "{strict:?}");
    // About three hours, 70% either side, reaches five.
    dir.write("claimcheck.toml", "[tolerance]\nmeeting_duration = 0.7\n");
    let wide = dir.run(&args);
    assert!(wide.stdout.contains("agree[meeting_duration]"), "{wide:?}");
    assert!(!wide.stdout.contains("conflict[meeting_duration]"), "{wide:?}");
    assert!(dir.run(&[&args[..], &["--isolated"]].concat()).stdout.contains("conflict[meeting_duration]"));
    let json = dir.run(&["check", summit, "--against", "corpus", "--format", "json"]).json();
    let about = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["claims"].as_array().unwrap())
        .find(|c| c["path"] == summit && c["kind"] == "meeting_duration")
        .expect("the summit's duration claim")
        .clone();
    assert_eq!(
        (about["value"]["min_seconds"].as_f64(), about["value"]["max_seconds"].as_f64()),
        (Some(3240.0), Some(18360.0))
    );
}

#[test]
fn ignore_globs_leave_files_out_of_folders_but_not_out_of_named_files() {
    let dir = TempDir::with_corpus("config-ignore");
    dir.write("claimcheck.toml", "ignore = [\"*summit-post*\"]\n");
    let run = dir.run(&["compare", "corpus", "--format", "human"]);
    run.assert_code(0);
    assert!(run.stdout.contains("across 14 articles"), "{run:?}");
    assert!(!run.stdout.contains("summit-post"), "{run:?}");
    let named = dir.run(&["compare", "corpus/2025-12-05-summit-post-miami-round.md", RECAP, "--format", "human"]);
    assert!(named.stdout.contains("across 2 articles"), "files named outright are read: {named:?}");
}

#[test]
fn rule_folders_in_the_file_are_relative_to_it() {
    let dir = TempDir::with_corpus("config-rules");
    dir.write(
        "site/house/count/sandbags.toml",
        "kind = \"other_count\"\nsubject = \"sandbags\"\npatterns = [\"{number} sandbags\"]\n\n\
         [[example]]\ntext = \"Volunteers filled 300 sandbags.\"\nclaims = [{ value = \"300\" }]\n",
    );
    dir.write("site/claimcheck.toml", "rules = [\"house\"]\n");
    let listed = common::run_with(Some(&dir.path("site")), &["rules", "list"], None);
    listed.assert_code(0);
    assert!(listed.stdout.contains("count.sandbags"), "{listed:?}");
    let isolated = common::run_with(Some(&dir.path("site")), &["rules", "list", "--isolated"], None);
    assert!(!isolated.stdout.contains("count.sandbags"), "{isolated:?}");
}

#[test]
fn a_bad_file_is_an_error_with_file_and_line_and_stays_as_it_was() {
    let dir = TempDir::with_corpus("config-bad");
    let cases = [
        ("fail-on = \"never\"\n\nfial-on = \"update\"\n", "claimcheck.toml:3: unknown key `fial-on`, expected one of"),
        (
            "[tolerance]\nmeeting_duration = 2.0\n",
            "claimcheck.toml:2: tolerance 2 for meeting_duration: expected a fraction",
        ),
        ("[severity]\nmeeting_date = \"loud\"\n", "claimcheck.toml:2: unknown variant `loud`"),
        (
            "[severity]\nmeeting_dates = \"warning\"\n",
            "claimcheck.toml:2: unknown kind `meeting_dates` in [severity]; expected one of",
        ),
        ("corpus = [\"corpus/*.md\"\n", "claimcheck.toml:1:"),
    ];
    for (text, want) in cases {
        dir.write("claimcheck.toml", text);
        let run = check(&dir, &[]);
        run.assert_code(2);
        assert!(run.stderr.starts_with(&format!("error: {want}")), "{text:?}: {run:?}");
        assert_eq!(run.stdout, "");
        assert_eq!(dir.read("claimcheck.toml"), text, "the file is never written");
        check(&dir, &["--isolated"]).assert_code(1);
    }
    let missing = check(&dir, &["--config", "nowhere.toml"]);
    missing.assert_code(2);
    assert!(missing.stderr.starts_with("error: nowhere.toml: cannot read the configuration"), "{missing:?}");
}

#[test]
fn without_articles_or_a_corpus_setting_the_error_says_what_to_do() {
    let dir = TempDir::with_corpus("config-no-corpus");
    let run = dir.run(&["compare"]);
    run.assert_code(2);
    assert_eq!(run.stderr, "error: no articles given: name files or folders, or set `corpus` in a claimcheck.toml\n");
    let run = dir.run(&["check", RECAP]);
    run.assert_code(2);
    assert!(run.stderr.starts_with("error: no corpus (--against) given"), "{run:?}");
}
