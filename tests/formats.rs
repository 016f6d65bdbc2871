//! The report formats of `compare` and `check`: a snapshot of every format over the
//! corpus (`compare corpus`, and `check` of the Riverbend recap, which dates the Kremlin
//! meeting a day late) and over a run of two stories ([`TWO_STORIES`]), the SARIF
//! output validated against the official SARIF 2.1.0 schema, and the flags around them
//! (`--output`, `--report`, `--max-annotations`), colour, and JSON Lines.
//!
//! Commands run in a copy of the corpus's Ukraine story (its top-level articles, in a
//! temp folder's `corpus/`), so paths read `corpus/...` and the reports stay the same
//! when the corpus gains a story. The SARIF schema is read from `../shared/schemas/`;
//! where it is absent the validation is skipped with a message. Review snapshot changes
//! with `cargo insta review`.

mod common;

use common::{Run, TempDir};
use serde_json::Value as Json;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The article `check` is run on: it lies in the corpus and dates the Kremlin meeting
/// December 3, against everyone else's December 2.
const RECAP: &str = "corpus/2025-12-04-riverbend-gazette-kremlin-recap.md";

const FORMATS: &[&str] = &["human", "concise", "json", "jsonl", "sarif", "github", "markdown", "claimreview"];

/// A fresh copy of the corpus's Ukraine story in a temp folder of its own.
fn story() -> TempDir {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    TempDir::with_corpus(&format!("formats-story-{}", NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)))
}

/// Run the binary in a copy of the Ukraine story.
fn run(args: &[&str]) -> Run {
    story().run(args)
}

/// `compare corpus` with extra arguments.
fn compare(extra: &[&str]) -> Run {
    let mut args = vec!["compare", "corpus"];
    args.extend_from_slice(extra);
    run(&args)
}

/// `check RECAP --against corpus` with extra arguments.
fn check(extra: &[&str]) -> Run {
    let mut args = vec!["check", RECAP, "--against", "corpus"];
    args.extend_from_slice(extra);
    run(&args)
}

/// The house settings: snapshots in `snapshots/`, named by the test, with the command
/// line as description.
fn settings(command: &str) -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_omit_expression(true);
    settings.set_prepend_module_to_snapshot(false);
    settings.set_description(command);
    settings
}

/// Snapshot every format of one command, then fail once naming every snapshot that did
/// not match, so that one change does not hide the others.
fn snapshot_every_format(name: &str, command: &[&str], code: i32) {
    snapshot_every_format_with(name, command, code, run);
}

/// [`snapshot_every_format`], each command run by `run`.
fn snapshot_every_format_with(name: &str, command: &[&str], code: i32, run: impl Fn(&[&str]) -> Run) {
    let mut failed = Vec::new();
    for format in FORMATS {
        let mut args = command.to_vec();
        args.extend(["--format", format]);
        let got = run(&args);
        got.assert_code(code);
        assert_eq!(got.stderr, "", "claimcheck {args:?} wrote to stderr");
        let snapshot = format!("formats_{name}_{format}");
        let shown = format!("claimcheck {}  (exit {code})", args.join(" "));
        let matched = std::panic::catch_unwind(|| {
            settings(&shown).bind(|| insta::assert_snapshot!(snapshot, got.stdout));
        });
        if matched.is_err() {
            failed.push(format!("formats_{name}_{format}"));
        }
    }
    assert!(failed.is_empty(), "{} snapshot(s) failed: {}", failed.len(), failed.join(", "));
}

#[test]
fn every_format_of_compare_on_the_corpus() {
    snapshot_every_format("compare", &["compare", "corpus"], 0);
}

#[test]
fn every_format_of_check_on_the_kremlin_recap() {
    snapshot_every_format("check", &["check", RECAP, "--against", "corpus"], 1);
}

/// Two stories, put apart by their front matter: a summit whose length five reports
/// give three ways (three hours, in three reports; five, in one; "three to five" in an
/// undated one, which fits both and has its date inferred from the others), and a
/// ceasefire plan cut from 12 points to 10 (an update) whose original 20 points two
/// reports agree on. One report has no title, so it is named by its file.
const TWO_STORIES: &[(&str, &str)] = &[
    (
        "news/summit/a.md",
        "---\ntitle: Anchorage summit ends after three hours\npublished: 2025-08-16\nstory: Anchorage summit\n---\n\
         The summit in Anchorage lasted three hours, aides to both leaders said afterwards.\n",
    ),
    (
        "news/summit/b.md",
        "---\ntitle: Leaders leave Alaska without a deal\npublished: 2025-08-16\nstory: Anchorage summit\n---\n\
         The talks in Anchorage ran for three hours and ended with a short statement to the press.\n",
    ),
    (
        "news/summit/c.md",
        "---\npublished: 2025-08-17\nstory: Anchorage summit\n---\n\
         Officials said the talks in Anchorage lasted five hours, far longer than planned.\n",
    ),
    (
        "news/summit/d.md",
        "---\ntitle: What the Anchorage meeting left open\npublished: unknown\nstory: Anchorage summit\n---\n\
         The meeting in Anchorage lasted three to five hours, depending on who was asked.\n",
    ),
    (
        "news/summit/e.md",
        "---\ntitle: A long day in Alaska\npublished: 2025-08-18\nstory: Anchorage summit\n---\n\
         The Anchorage talks lasted about three hours before the leaders flew home.\n",
    ),
    (
        "news/plan/f.md",
        "---\ntitle: Mediators circulate a shorter ceasefire text\npublished: 2025-09-01\nstory: Lakeside ceasefire\n---\n\
         The plan started at 20 points. The revised plan now has 12 points, the mediators said on Monday.\n",
    ),
    (
        "news/plan/g.md",
        "---\ntitle: Both delegations study the 12-point draft\npublished: 2025-09-02\nstory: Lakeside ceasefire\n---\n\
         Delegates spent the day reading the revised 12-point plan line by line.\n",
    ),
    (
        "news/plan/h.md",
        "---\ntitle: Ceasefire plan trimmed again\npublished: 2025-09-20\nstory: Lakeside ceasefire\n---\n\
         After another week of talks the plan, which began as a 20-point proposal, was trimmed to 10 points.\n",
    ),
];

/// A folder holding [`TWO_STORIES`] under `news/`.
fn two_stories(name: &str) -> TempDir {
    let dir = TempDir::new(name);
    for (path, text) in TWO_STORIES {
        dir.write(path, text);
    }
    dir
}

#[test]
fn every_format_of_compare_on_two_stories() {
    let dir = two_stories("formats-two-stories");
    snapshot_every_format_with("stories", &["compare", "news"], 0, |args| dir.run(args));
}

#[test]
fn two_stories_are_named_and_never_mixed() {
    let dir = two_stories("formats-two-stories-named");
    let human = dir.run(&["compare", "news"]).stdout;
    assert!(human.contains("conflict[meeting_duration] anchorage  (story 1: Anchorage summit)"), "{human}");
    assert!(human.contains("update[plan_points] main-plan/revised  (story 2: Lakeside ceasefire)"), "{human}");
    assert!(human.contains("\n2 stories:\n  story 1: Anchorage summit — 5 articles, 1 conflict\n"), "{human}");
    assert!(
        human.contains("  news/summit/d.md:6:33  3 hours to 5 hours  \"three to five hours\"  (2025-08-16, inferred)")
    );
    assert!(human.contains("— the odd one out · 1 article: 3 hours to 5 hours (\"What the Anchorage meeting left open\", 2025-08-16, inferred) — fits both\n"), "{human}");
    let md = dir.run(&["compare", "news", "--format", "markdown"]).stdout;
    let (one, two) =
        (md.find("\n## Story 1: Anchorage summit\n").unwrap(), md.find("\n## Story 2: Lakeside ceasefire\n").unwrap());
    assert!(one < two && md[one..two].contains("anchorage") && !md[one..two].contains("main-plan"), "{md}");
    let json = dir.run(&["compare", "news", "--format", "json"]).json();
    for f in json["findings"].as_array().unwrap() {
        let story = f["story"].as_str().unwrap();
        let folder = if story == "Anchorage summit" { "news/summit/" } else { "news/plan/" };
        assert!(f["claims"].as_array().unwrap().iter().all(|c| c["path"].as_str().unwrap().starts_with(folder)), "{f}");
    }
    if let Some((schemas, index)) = sarif_schema() {
        let sarif = dir.run(&["compare", "news", "--format", "sarif"]).json();
        assert_valid_sarif(&schemas, index, &sarif, "compare of two stories");
        let sides = &results(&sarif)[0]["properties"]["sides"];
        assert_eq!(sides[2]["compatibleWith"], serde_json::json!([0, 1]), "{sides}");
    }
}

// --- SARIF ----------------------------------------------------------------------------

/// The official SARIF 2.1.0 schema, compiled, or `None` (with a message) where
/// `../shared/schemas` is absent.
fn sarif_schema() -> Option<(boon::Schemas, boon::SchemaIndex)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/schemas/sarif-schema-2.1.0.json");
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipped: {path} not found");
        return None;
    };
    let schema: Json = serde_json::from_str(&text).expect("the SARIF schema is JSON");
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    // The schema declares draft-04 itself; boon reads `$schema`, and never fetches.
    compiler.add_resource("file:///sarif-schema-2.1.0.json", schema).expect("add the SARIF schema");
    let index = compiler.compile("file:///sarif-schema-2.1.0.json", &mut schemas).expect("compile the SARIF schema");
    Some((schemas, index))
}

fn assert_valid_sarif(schemas: &boon::Schemas, index: boon::SchemaIndex, sarif: &Json, what: &str) {
    if let Err(e) = schemas.validate(sarif, index) {
        panic!("{what}: SARIF does not validate against the 2.1.0 schema:\n{e:#}");
    }
}

fn results(sarif: &Json) -> &Vec<Json> {
    sarif["runs"][0]["results"].as_array().expect("runs[0].results")
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let Some((schemas, index)) = sarif_schema() else { return };
    let compared = compare(&["--format", "sarif"]);
    compared.assert_code(0);
    let compared = compared.json();
    assert_valid_sarif(&schemas, index, &compared, "compare corpus");
    let checked = check(&["--format", "sarif"]);
    checked.assert_code(1);
    let checked = checked.json();
    assert_valid_sarif(&schemas, index, &checked, "check");

    // The validator does catch what is wrong: a result without a message, and a
    // path that is no URI.
    let mut broken = checked.clone();
    broken["runs"][0]["results"][0].as_object_mut().unwrap().remove("message");
    assert!(schemas.validate(&broken, index).is_err(), "a result without a message is invalid");
    let mut broken = checked.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        Json::from("corpus/a b.md");
    assert!(schemas.validate(&broken, index).is_err(), "an unencoded space is no URI reference");
}

#[test]
fn sarif_results_are_the_disputed_claims_with_their_counterparts() {
    let checked = check(&["--format", "sarif"]).json();
    let results = results(&checked);
    // The recap's two conflicting claims: December 3 against five reports of December
    // 2, five hours against "about three hours".
    assert_eq!(results.len(), 2, "{results:#?}");
    for r in results {
        let uri = &r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
        assert_eq!(uri, &Json::from(RECAP), "results stand in the checked article only");
        let related = r["relatedLocations"].as_array().expect("relatedLocations");
        assert!(!related.is_empty());
        let message = r["message"]["text"].as_str().unwrap();
        for loc in related {
            let id = loc["id"].as_u64().unwrap();
            assert!(message.contains(&format!("]({id})")), "the message links related location {id}: {message}");
        }
        let rule = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            checked["runs"][0]["tool"]["driver"]["rules"][rule]["id"], r["ruleId"],
            "ruleIndex points at ruleId"
        );
    }
    let date = &results[0];
    assert_eq!(date["ruleId"], Json::from("conflict/meeting_date"));
    assert_eq!(date["locations"][0]["physicalLocation"]["region"]["startLine"], Json::from(7));
    assert_eq!(date["locations"][0]["physicalLocation"]["region"]["startColumn"], Json::from(203));
    assert_eq!(date["relatedLocations"].as_array().unwrap().len(), 3, "three shown");
    assert!(date["message"]["text"].as_str().unwrap().contains("](3) and 2 more."), "{date}");

    // compare: every claim of a conflict whose article disagrees with another.
    let compared = compare(&["--format", "sarif"]).json();
    assert_eq!(results_len(&compared), 6 + 4, "six December 2 or 3 claims, four durations");
}

fn results_len(sarif: &Json) -> usize {
    results(sarif).len()
}

fn fingerprints(sarif: &Json) -> Vec<(String, u64)> {
    results(sarif)
        .iter()
        .map(|r| {
            let print = r["partialFingerprints"]["claimcheck/v1"].as_str().expect("a fingerprint").to_string();
            (print, r["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64().unwrap())
        })
        .collect()
}

#[test]
fn sarif_fingerprints_survive_moved_lines_but_not_changed_values() {
    let copy = TempDir::with_corpus("formats-fingerprints");
    let args = ["check", RECAP, "--against", "corpus", "--format", "sarif"];
    let before = fingerprints(&copy.run(&args).json());
    assert_eq!(before.len(), 2);
    assert_ne!(before[0].0, before[1].0, "two claims, two fingerprints");

    // A paragraph added above the claims moves them down two lines.
    let recap = copy.path(RECAP);
    let text = std::fs::read_to_string(&recap).unwrap();
    let body = text.find("\n---\n").unwrap() + 5;
    let moved = format!("{}An editor's note with no figures in it.\n\n{}", &text[..body], &text[body..]);
    std::fs::write(&recap, &moved).unwrap();
    let after = fingerprints(&copy.run(&args).json());
    for ((print_before, line_before), (print_after, line_after)) in before.iter().zip(&after) {
        assert_eq!(line_after, &(line_before + 2), "the claims moved");
        assert_eq!(print_after, print_before, "the fingerprint did not");
    }

    // A different contradicting value is a different result.
    std::fs::write(&recap, moved.replace("on December 3", "on December 4")).unwrap();
    let changed = fingerprints(&copy.run(&args).json());
    assert_ne!(changed[0].0, before[0].0, "a new value, a new fingerprint");
    assert_eq!(changed[1].0, before[1].0, "the duration claim is as it was");
}

// --- github ---------------------------------------------------------------------------

#[test]
fn github_annotations_are_capped_with_a_closing_count() {
    let got = compare(&["--format", "github", "--max-annotations", "1"]);
    got.assert_code(0);
    let lines: Vec<&str> = got.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "one annotation and the closing line:\n{}", got.stdout);
    assert!(lines[0].starts_with("::error file=corpus/"), "{}", lines[0]);
    assert!(lines[0].contains(",line=") && lines[0].contains(",col=") && lines[0].contains(",title="), "{}", lines[0]);
    assert!(!lines[0].contains('\n'));
    assert!(lines[1].starts_with("::notice "), "{}", lines[1]);
    assert!(lines[1].contains("9 more disputed claims not annotated"), "{}", lines[1]);

    let all = compare(&["--format", "github"]);
    let annotations = all.stdout.lines().filter(|l| l.starts_with("::error ")).count();
    assert_eq!(annotations, 10, "the default cap is 10, and the corpus has 10:\n{}", all.stdout);
    assert!(all.stdout.ends_with("claimcheck: 10 disputed claims, all annotated\n"), "{}", all.stdout);

    let none = compare(&["--format", "github", "--max-annotations", "0"]);
    assert!(none.stdout.starts_with("::notice title=claimcheck::10 more disputed claims"), "{}", none.stdout);
}

#[test]
fn github_annotations_of_check_are_on_the_new_article() {
    let got = check(&["--format", "github"]);
    got.assert_code(1);
    let annotations: Vec<&str> = got.stdout.lines().filter(|l| l.starts_with("::error ")).collect();
    assert_eq!(annotations.len(), 2, "{}", got.stdout);
    for a in annotations {
        assert!(a.starts_with(&format!("::error file={RECAP},line=7,")), "{a}");
    }
}

// --- --output and --report --------------------------------------------------------------

#[test]
fn output_into_a_missing_folder_is_a_clear_error() {
    let copy = story();
    let got = copy.run(&["compare", "corpus", "--format", "json", "--output", "no-such-folder/findings.json"]);
    got.assert_code(2);
    assert_eq!(got.stdout, "");
    assert!(
        got.stderr.contains("error: cannot write no-such-folder/findings.json: folder no-such-folder does not exist"),
        "{}",
        got.stderr
    );
    assert!(!copy.path("no-such-folder").exists());
    let got = copy.run(&["check", RECAP, "--against", "corpus", "--report", "sarif=no-such-folder/x.sarif"]);
    got.assert_code(2);
    assert!(got.stderr.contains("folder no-such-folder does not exist"), "{}", got.stderr);
}

#[test]
fn output_never_writes_over_an_input_article() {
    let copy = TempDir::with_corpus("formats-output-input");
    let victim = "corpus/2025-12-03-baltic-crossroads-kremlin.md";
    let before = std::fs::read(copy.path(victim)).unwrap();
    for args in [
        vec!["compare", "corpus", "--output", victim],
        vec!["compare", "corpus", "--report", &format!("markdown={victim}")],
        vec!["check", RECAP, "--against", "corpus", "--output", RECAP],
        vec!["check", RECAP, "--against", "corpus", "--format", "json", "--output", victim],
        vec!["compare", victim, "--output", &format!("corpus/../{victim}")],
    ] {
        let got = copy.run(&args);
        got.assert_code(2);
        assert!(got.stderr.contains("is one of the input articles"), "{args:?}: {}", got.stderr);
        assert_eq!(got.stdout, "");
    }
    assert_eq!(std::fs::read(copy.path(victim)).unwrap(), before, "the article is unchanged");
    let leftovers: Vec<_> = std::fs::read_dir(copy.path("corpus"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn output_writes_the_format_to_a_file_instead_of_stdout() {
    let copy = TempDir::with_corpus("formats-output");
    std::fs::create_dir(copy.path("out")).unwrap();
    let got = copy.run(&["compare", "corpus", "--format", "markdown", "--output", "out/report.md"]);
    got.assert_code(0);
    assert_eq!(got.stdout, "");
    let written = std::fs::read_to_string(copy.path("out/report.md")).unwrap();
    let printed = copy.run(&["compare", "corpus", "--format", "markdown"]).stdout;
    assert_eq!(written, printed);
    // Written again over the old file, whole.
    std::fs::write(copy.path("out/report.md"), "old report, much longer than nothing\n".repeat(5000)).unwrap();
    copy.run(&["compare", "corpus", "--format", "markdown", "--output", "out/report.md"]).assert_code(0);
    assert_eq!(std::fs::read_to_string(copy.path("out/report.md")).unwrap(), printed);
    let names: Vec<_> = std::fs::read_dir(copy.path("out")).unwrap().filter_map(|e| e.ok()).collect();
    assert_eq!(names.len(), 1, "no temporary file left behind");
}

#[test]
fn several_reports_in_one_run_and_stdout_still_prints() {
    let copy = TempDir::with_corpus("formats-reports");
    let got =
        copy.run(&["check", RECAP, "--against", "corpus", "--report", "json=a.json", "--report", "sarif=b.sarif"]);
    got.assert_code(1);
    assert!(got.stdout.starts_with("conflict[meeting_date] "), "the human report still prints:\n{}", got.stdout);
    let json = std::fs::read_to_string(copy.path("a.json")).expect("a.json written");
    let alone = copy.run(&["check", RECAP, "--against", "corpus", "--format", "json"]);
    assert_eq!(json, alone.stdout, "the same JSON as --format json");
    let sarif: Json = serde_json::from_str(&std::fs::read_to_string(copy.path("b.sarif")).expect("b.sarif written"))
        .expect("b.sarif is JSON");
    assert_eq!(results_len(&sarif), 2);
    if let Some((schemas, index)) = sarif_schema() {
        assert_valid_sarif(&schemas, index, &sarif, "--report sarif=");
    }
    // FORMAT is case-insensitive; the --format output may go to a file too.
    let got = copy.run(&["compare", "corpus", "--format", "jsonl", "--output", "c.jsonl", "--report", "GitHub=d.txt"]);
    got.assert_code(0);
    assert_eq!(got.stdout, "");
    assert!(std::fs::read_to_string(copy.path("d.txt")).unwrap().contains("::error file=corpus/"));
    assert!(std::fs::read_to_string(copy.path("c.jsonl")).unwrap().starts_with("{\"relation\":\"conflict\""));
}

#[test]
fn report_flags_are_checked_like_any_usage() {
    let copy = story();
    for (args, needle) in [
        (vec!["compare", "corpus", "--report", "xml=out.xml"], "unknown format 'xml'"),
        (vec!["compare", "corpus", "--report", "sarif"], "expected FORMAT=PATH"),
        (vec!["compare", "corpus", "--report", "sarif="], "the path is missing"),
        (vec!["compare", "corpus", "--max-annotations", "many"], "--max-annotations"),
        (vec!["compare", "corpus", "--output", "x.json", "--report", "sarif=x.json"], "two reports would write it"),
        (vec!["extract", "corpus", "--format", "sarif"], "extract writes human or json"),
        (vec!["diff", RECAP, RECAP, "--format", "markdown"], "diff writes human or json"),
    ] {
        let got = copy.run(&args);
        got.assert_code(2);
        assert_eq!(got.stdout, "", "{args:?}");
        assert!(got.stderr.contains(needle), "{args:?}: {}", got.stderr);
    }
    assert!(!copy.path("x.json").exists());
}

// --- colour -----------------------------------------------------------------------------

/// Run `claimcheck compare corpus` on a terminal (util-linux `script` gives it one), with
/// `NO_COLOR` as given; `None` where `script` is not installed.
fn on_a_terminal(no_color: Option<&str>) -> Option<String> {
    let bin = env!("CARGO_BIN_EXE_claimcheck");
    let copy = story();
    let mut cmd = std::process::Command::new("script");
    cmd.args(["-qec", &format!("{bin} compare corpus"), "/dev/null"]).current_dir(&copy.0);
    cmd.env_remove("NO_COLOR");
    if let Some(v) = no_color {
        cmd.env("NO_COLOR", v);
    }
    let out = cmd.output().ok().filter(|o| o.status.success())?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    for format in FORMATS {
        let piped = compare(&["--format", format]);
        assert!(!piped.stdout.contains('\x1b'), "{format}: escape codes in piped output");
    }
    let copy = story();
    let with_no_color = std::process::Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(["check", RECAP, "--against", "corpus"])
        .current_dir(&copy.0)
        .env("NO_COLOR", "1")
        .output()
        .expect("run claimcheck");
    assert!(!String::from_utf8_lossy(&with_no_color.stdout).contains('\x1b'));
    let Some(coloured) = on_a_terminal(None) else {
        eprintln!("skipped: no `script` to run claimcheck on a terminal");
        return;
    };
    assert!(coloured.contains("\x1b[1;31mconflict[meeting_date]\x1b[0m"), "colour on a terminal:\n{coloured}");
    let plain = on_a_terminal(Some("1")).expect("script ran before");
    assert!(!plain.contains('\x1b'), "NO_COLOR=1 on a terminal:\n{plain}");
    assert!(plain.contains("conflict[meeting_date] kushner-putin-witkof@kremlin"));
    let empty = on_a_terminal(Some("")).expect("script ran before");
    assert!(empty.contains('\x1b'), "an empty NO_COLOR does not count");
}

// --- JSON Lines -------------------------------------------------------------------------

#[test]
fn jsonl_is_one_finding_per_line() {
    let lines = compare(&["--format", "jsonl"]);
    lines.assert_code(0);
    let doc = compare(&["--format", "json"]).json();
    let findings = doc["findings"].as_array().expect("findings");
    let parsed: Vec<Json> = lines
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not one JSON value ({e}): {l}")))
        .collect();
    assert_eq!(parsed.len(), findings.len(), "one line per finding");
    for (line, finding) in parsed.iter().zip(findings) {
        assert!(line.is_object());
        for field in ["relation", "kind", "subject", "qualifier", "claims"] {
            assert!(line.get(field).is_some(), "{field} in {line}");
        }
        assert_eq!(line, finding, "the same finding as in the JSON document");
    }
    assert!(lines.stdout.ends_with('\n') && !lines.stdout.contains("\n\n"));
}

// --- ClaimReview and Markdown --------------------------------------------------------------

#[test]
fn claimreview_rates_without_a_verdict() {
    let reviews = compare(&["--format", "claimreview"]).json();
    let reviews = reviews.as_array().expect("an array of reviews");
    let ratings: Vec<&str> = reviews.iter().map(|r| r["reviewRating"]["alternateName"].as_str().unwrap()).collect();
    assert!(ratings.iter().all(|r| *r == "Conflicts with other reports" || *r == "Updated by a later report"));
    // 10 conflicting claims; the 19-point and 10-year claims a later report replaced.
    assert_eq!(ratings.iter().filter(|r| r.starts_with("Conflicts")).count(), 10);
    assert_eq!(ratings.iter().filter(|r| r.starts_with("Updated")).count(), 4 + 1);
    for r in reviews {
        assert_eq!(r["@context"], Json::from("https://schema.org"));
        assert_eq!(r["@type"], Json::from("ClaimReview"));
        assert!(r["reviewRating"].get("ratingValue").is_none(), "no numeric verdict");
        assert!(r["itemReviewed"]["appearance"]["url"].as_str().unwrap().starts_with("https://"));
    }
}

#[test]
fn markdown_links_each_article_and_puts_conflicts_first() {
    let md = compare(&["--format", "markdown"]).stdout;
    let story = md.find("\n## ").unwrap();
    assert!(md[story..].starts_with("\n## Story: Americans, Geneva, Miami\n"), "one story, named: {md}");
    let first_subject = md.find("\n### ").unwrap();
    assert!(md[first_subject..].starts_with("\n### kushner-putin-witkof@kremlin/week-of-2025-12-01\n"), "{md}");
    assert!(md.contains("\n**Sides:** 5 articles: 2025-12-02 · 1 article: 2025-12-03 ("), "{md}");
    assert!(md.contains("```diff\n"));
    assert!(md.contains("](https://riverbendgazette.example/world/kremlin-us-envoys-new-ideas)"));
    let odd_one_out = md.lines().find(|l| l.starts_with("- 2025-12-03 ")).expect("the recap's date as a - line");
    assert!(odd_one_out.contains("\"December 3\"") && odd_one_out.contains(RECAP), "{odd_one_out}");
}

/// `CLAIMCHECK_TIMINGS=1` adds one line to standard error: the run's time and the part
/// of it spent writing reports. The reports themselves do not change.
#[test]
fn timings_tell_what_writing_the_reports_took() {
    let with = |value: Option<&str>| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_claimcheck"));
        cmd.current_dir(ROOT).args(["compare", "corpus", "--format", "sarif"]).env_remove("CLAIMCHECK_TIMINGS");
        if let Some(v) = value {
            cmd.env("CLAIMCHECK_TIMINGS", v);
        }
        cmd.output().expect("run claimcheck")
    };
    let (plain, timed, off) = (with(None), with(Some("1")), with(Some("0")));
    assert_eq!(plain.stdout, timed.stdout, "the report is the same");
    let stderr = String::from_utf8_lossy(&timed.stderr);
    let line = stderr.lines().last().unwrap_or_default();
    let numbers: Vec<f64> =
        line.split(|c: char| !(c.is_ascii_digit() || c == '.')).filter_map(|w| w.parse().ok()).collect();
    assert!(line.starts_with("timings: ") && line.contains("writing reports"), "{stderr}");
    let [total, writing, share] = numbers[..] else { panic!("three figures: {line}") };
    assert!(total > 0.0 && writing <= total && (0.0..=100.0).contains(&share), "{line}");
    // Seconds are rounded to milliseconds, the share worked out before rounding.
    let (low, high) = ((writing - 0.0005).max(0.0) / (total + 0.0005), (writing + 0.0005) / (total - 0.0005));
    assert!((100.0 * low - 0.05..=100.0 * high + 0.05).contains(&share), "{line}");
    for quiet in [&plain, &off] {
        assert!(!String::from_utf8_lossy(&quiet.stderr).contains("timings:"), "no timings unless asked");
    }
}
