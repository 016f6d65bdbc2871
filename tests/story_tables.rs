//! A story table in a user's own rule folder, as the README's worked example writes it:
//! the bundled pack names no story, but a newsroom may fix its own names.

mod common;

use common::TempDir;

const ENTITIES: &str = r#"
[[person]]
id = "quist"
names = ["Mara Quist", "Quist"]

[[place]]
id = "seawall-terminal"
names = ["Seawall Terminal", "the Seawall"]
in = "calder-bay"

[[place]]
id = "calder-bay"
names = ["Calder Bay"]
"#;

const EVENTS: &str = r#"
[[event]]
id = "seawall-talks"
recurring = true
when = [["seawall-terminal"], ["quist", "calder-bay"]]
with = ["quist"]
"#;

fn article(published: &str, body: &str) -> String {
    format!("---\ntitle: Dock talks\npublished: {published}\n---\n{body}\n")
}

#[test]
fn a_story_table_in_a_rules_folder_names_its_events() {
    let dir = TempDir::new("story-table");
    dir.write("house-rules/entities.toml", ENTITIES);
    dir.write("house-rules/events.toml", EVENTS);
    dir.write("news/a.md", &article("2026-03-05", "Talks at the Seawall Terminal on Tuesday lasted six hours."));
    dir.write(
        "news/b.md",
        &article("2026-03-06", "Mara Quist said the Calder Bay talks on Tuesday lasted three hours."),
    );

    let with = dir.run(&["compare", "news", "--rules", "house-rules", "--format", "json"]);
    assert_eq!(with.stderr, "");
    let findings = with.json()["findings"].as_array().cloned().unwrap_or_default();
    let duration = findings.iter().find(|f| f["kind"] == "meeting_duration").expect("a meeting_duration finding");
    assert_eq!(duration["relation"], "conflict", "{duration:#}");
    assert_eq!(duration["subject"], "seawall-talks@week-of-2026-03-02", "{duration:#}");

    // Without the table, the two reports name no one and nowhere in common: nothing
    // ties them, and nothing is compared.
    let without = dir.run(&["compare", "news", "--format", "json"]);
    assert_eq!(without.stderr, "");
    let findings = without.json()["findings"].as_array().cloned().unwrap_or_default();
    assert!(findings.iter().all(|f| f["kind"] != "meeting_duration"), "{findings:#?}");
}
