//! The README stays true: its example rule passes `rules test`, and the commands it shows
//! run.

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
    assert!(stdout.contains("across 15 articles"), "{stdout}");
}
