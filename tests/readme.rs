//! The README stays true: its example rule passes `rules test`, the commands it shows
//! run, the fact-checker's sample report is what its command prints, the CI workflow's
//! and hooks' commands do what the README says, and every flag is documented.

mod common;

use common::{RECAP, TempDir};
use std::process::Command;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md")
}

#[test]
fn the_readme_rule_example_passes_its_own_examples() {
    let text = readme();
    let start = text.find("# rules/count/drones.toml").expect("the README shows a rule file");
    let end = start + text[start..].find("```").expect("the rule block ends");
    let dir = std::env::temp_dir().join(format!("claimcheck-readme-rule-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("count")).expect("temp dir");
    std::fs::write(dir.join("count/drones.toml"), &text[start..end]).expect("write rule");
    let out = Command::new(env!("CARGO_BIN_EXE_claimcheck")).args(["rules", "test"]).arg(&dir).output().expect("run");
    let _ = std::fs::remove_dir_all(&dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("2 passed, 0 failed"), "{stdout}");
}

#[test]
fn the_main_command_runs_on_the_bundled_corpus() {
    assert!(readme().contains("cargo run --release -- compare corpus"));
    let out = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["compare", "corpus"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("across 27 articles"), "{stdout}");
}

/// The text of the README between `start` (included) and the next line of three
/// backquotes after it.
fn block_after(text: &str, start: &str) -> String {
    let at = text.find(start).unwrap_or_else(|| panic!("the README has {start:?}"));
    let end = at + text[at..].find("\n```").expect("the block ends");
    text[at..end].to_string()
}

/// A claimcheck command line from the README as arguments: `placeholder` (a shell
/// variable or workflow expression) stands for `articles`.
fn arguments(line: &str, placeholder: &str, articles: &[&str]) -> Vec<String> {
    let line = line.trim().trim_start_matches("run:").trim().trim_start_matches("exec").trim();
    let line = line.strip_prefix("claimcheck ").unwrap_or_else(|| panic!("not a claimcheck command: {line}"));
    let line = if placeholder.is_empty() { line.to_string() } else { line.replace(placeholder, &articles.join(" ")) };
    line.split_whitespace().map(str::to_string).collect()
}

/// Run `claimcheck` with owned arguments in `dir`.
fn run_in(dir: &TempDir, args: &[String]) -> common::Run {
    dir.run(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

#[test]
fn the_fact_checkers_sample_report_is_what_the_command_prints() {
    let text = readme();
    let command = text
        .lines()
        .find(|l| l.starts_with("$ claimcheck compare") && l.ends_with("--format markdown"))
        .expect("the README shows the command of its sample report");
    let args: Vec<&str> = command.trim_start_matches("$ claimcheck ").split_whitespace().collect();
    let out = common::run_with(Some(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))), &args, None);
    out.assert_code(0);
    let start = text.find("````markdown\n").expect("the sample report block") + "````markdown\n".len();
    let end = start + text[start..].find("\n````").expect("the sample ends") + 1;
    assert_eq!(&text[start..end], out.stdout, "the README's sample report is out of date: paste the new output");
    assert!(out.stdout.contains("```diff"), "the sample shows a conflict as a diff");
}

#[test]
fn the_ci_workflow_runs_and_writes_what_it_uploads() {
    let text = readme();
    let workflow = block_after(&text, "# .github/workflows/claimcheck.yml");
    for needed in
        ["github/codeql-action/upload-sarif", "$GITHUB_STEP_SUMMARY", "cargo install", "security-events: write"]
    {
        assert!(workflow.contains(needed), "the workflow lacks {needed}");
    }
    let line = workflow.lines().find(|l| l.contains("run: claimcheck check")).expect("the workflow runs check");
    let dir = TempDir::with_corpus("readme-workflow");
    let new = "corpus/2025-12-06-new-story.md";
    dir.write(new, &dir.read(RECAP).replace("Riverbend Gazette", "Claimcheck Test Desk"));
    let run = run_in(&dir, &arguments(line, "${{ steps.changed.outputs.files }}", &[new]));
    run.assert_code(1);
    assert!(run.stdout.starts_with("::error file=corpus/2025-12-06-new-story.md,line=7"), "{run:?}");
    for (file, what) in [
        ("claimcheck.sarif", "\"version\": \"2.1.0\""),
        ("claimcheck.md", "# Claim check: `corpus/2025-12-06-new-story.md`"),
    ] {
        assert!(workflow.contains(file), "the workflow uploads {file}");
        assert!(dir.read(file).contains(what), "{file} holds {what}");
    }
}

#[test]
fn the_pre_commit_hooks_fail_on_a_contradiction_and_pass_a_clean_article() {
    let text = readme();
    let config = block_after(&text, "# .pre-commit-config.yaml");
    let entry = config.lines().find_map(|l| l.trim().strip_prefix("entry: ")).expect("an entry");
    let hook = block_after(&text, "# .git/hooks/pre-commit");
    let exec = hook.lines().find(|l| l.starts_with("exec claimcheck")).expect("the hook runs claimcheck");
    let dir = TempDir::with_corpus("readme-hooks");
    dir.write("new/clean.md", common::CLEAN_ARTICLE);
    for (article, code) in [(RECAP, 1), ("new/clean.md", 0)] {
        let mut args = arguments(entry, "", &[]);
        args.push(article.to_string());
        run_in(&dir, &args).assert_code(code);
        run_in(&dir, &arguments(exec, "$staged", &[article])).assert_code(code);
    }
}

#[test]
fn the_baseline_entry_shown_is_one_claimcheck_writes() {
    let text = readme();
    let shown = block_after(&text, "{\n  \"fingerprint\"");
    let shown: serde_json::Value = serde_json::from_str(&shown).expect("the README's baseline entry is JSON");
    let dir = TempDir::with_corpus("readme-baseline");
    dir.run(&["baseline", "write", "corpus"]).assert_code(0);
    let written: serde_json::Value =
        serde_json::from_str(&dir.read(".claimcheck/baseline.json")).expect("the baseline is JSON");
    assert!(written["entries"].as_array().unwrap().contains(&shown), "not in {written:#}");
}

#[test]
fn every_subcommand_and_flag_is_documented() {
    let text = readme();
    let help = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_claimcheck")).args(args).arg("--help").output().expect("run");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let mut missing = Vec::new();
    for command in [
        &["compare"][..],
        &["check"],
        &["extract"],
        &["diff"],
        &["values"],
        &["baseline", "write"],
        &["baseline", "prune"],
    ] {
        for flag in help(command).split_whitespace().filter(|w| w.starts_with("--")) {
            let flag = flag.trim_end_matches([',', '.', ']', ')']).split(['=', '[', '<']).next().unwrap_or(flag);
            if flag != "--help" && flag != "--version" && !text.contains(&format!("`{flag}")) {
                missing.push(format!("{} {flag}", command.join(" ")));
            }
        }
    }
    for sub in ["claimcheck baseline write", "claimcheck baseline prune", "claimcheck check", "claimcheck compare"] {
        if !text.contains(&format!("`{sub}")) {
            missing.push(sub.to_string());
        }
    }
    missing.dedup();
    assert!(missing.is_empty(), "the README does not mention: {missing:?}");
}
