//! Stories kept apart: reports of three unrelated stories in one folder (two of them
//! sharing envoys, a resort and a plan size) never meet in a finding, whether the
//! stories are found from the names the reports share, from their folders or from
//! their front matter. The articles are our own words.

mod common;

use common::TempDir;
use serde_json::Value as Json;
use std::collections::{BTreeMap, BTreeSet};

/// Peace talks over a war: the envoys, the leaders, the plan shrinking from 28 points.
const TALKS: &[(&str, &str)] = &[
    (
        "talks-1.md",
        "---\ntitle: Envoys carry the plan to Moscow\npublished: 2025-11-27\n---\n\
         Steve Witkoff and Jared Kushner will take the original 28-point plan to Moscow, where \
         Vladimir Putin is expected to receive them. In Kyiv, Volodymyr Zelensky said Ukraine \
         would not give up land. The Kremlin said the visit was welcome.\n",
    ),
    (
        "talks-2.md",
        "---\ntitle: Kyiv studies the shorter draft\npublished: 2025-12-10\n---\n\
         Ukraine's negotiators said the revised plan now has 20 points after talks with Witkoff \
         and Kushner. Zelensky told reporters in Kyiv that Moscow had not yet answered. Putin's \
         aides at the Kremlin called the draft a starting point.\n",
    ),
    (
        "talks-3.md",
        "---\ntitle: Kremlin weighs the envoys' offer\npublished: 2025-12-12\n---\n\
         The plan, which began as a 28-point document, was cut to 20 points, officials in Kyiv \
         said. Putin met Witkoff and Kushner at the Kremlin, and Zelensky spoke with European \
         leaders about Ukraine's security.\n",
    ),
];

/// A ceasefire elsewhere, brokered by the same envoys at the same resort, with a plan of
/// its own that has 20 points from the start.
const CEASEFIRE: &[(&str, &str)] = &[
    (
        "truce-1.md",
        "---\ntitle: Netanyahu to visit Mar-a-Lago\npublished: 2025-12-20\n---\n\
         Benjamin Netanyahu will meet Donald Trump at Mar-a-Lago to discuss the Gaza truce. \
         Witkoff and Kushner drafted the 20-point plan that Israel and Hamas accepted in October, \
         and mediators from Egypt and Qatar will join.\n",
    ),
    (
        "truce-2.md",
        "---\ntitle: Gaza truce holds as leaders meet\npublished: 2025-12-29\n---\n\
         Trump received Netanyahu at Mar-a-Lago, where Witkoff and Kushner briefed them on Gaza. \
         Hamas has returned most hostages under the 20-point plan, and Israel said Egypt and \
         Qatar would oversee the next stage.\n",
    ),
    (
        "truce-3.md",
        "---\ntitle: Mediators press Hamas on disarmament\npublished: 2025-12-30\n---\n\
         Egypt and Qatar pressed Hamas to disarm, the second stage of the 20-point plan for Gaza. \
         Netanyahu told Trump that Israel would keep troops in the strip until then, Witkoff said.\n",
    ),
];

/// A dock strike: a union's 28-point list of demands, trimmed to 10.
const STRIKE: &[(&str, &str)] = &[
    (
        "dock-1.md",
        "---\ntitle: Dockers walk out at Kelby\npublished: 2025-12-02\n---\n\
         The Harbor Union presented a 28-point plan to the Kelby Port Authority before its members \
         walked out. Union leader Mara Quist said the Authority had ignored the demands for a year.\n",
    ),
    (
        "dock-2.md",
        "---\ntitle: Union trims its demands\npublished: 2025-12-09\n---\n\
         Quist said the Harbor Union's plan now has 10 points, after a night of talks with the \
         Kelby Port Authority. Authority chair Tomas Brenn called it progress.\n",
    ),
    (
        "dock-3.md",
        "---\ntitle: Kelby cranes stand still\npublished: 2025-12-11\n---\n\
         Brenn said the Kelby Port Authority would answer the Harbor Union's shorter list by \
         Friday. Quist told strikers the original 28-point plan had been cut to 10 points.\n",
    ),
];

/// The story of each article, by the start of its file name.
fn story_of(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    if name.starts_with("talks") {
        "talks"
    } else if name.starts_with("truce") {
        "truce"
    } else {
        "dock"
    }
}

/// Write every story's articles into `dir`, under `folder(story)`.
fn write_all(dir: &TempDir, folder: impl Fn(&str) -> String, front: impl Fn(&str) -> String) {
    for (name, text) in TALKS.iter().chain(CEASEFIRE).chain(STRIKE) {
        let story = story_of(name);
        let text = text.replacen("---\n", &format!("---\n{}", front(story)), 1);
        dir.write(&format!("{}{name}", folder(story)), &text);
    }
}

/// A finding's relation, key and the stories of its articles.
type Shape = (String, String, BTreeSet<&'static str>);

/// Each finding's relation, key and the stories of its articles.
fn findings(doc: &Json) -> Vec<Shape> {
    doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let stories =
                f["claims"].as_array().unwrap().iter().map(|c| story_of(c["path"].as_str().unwrap())).collect();
            let key = format!("{} {} {}", f["kind"], f["subject"], f["qualifier"]);
            (f["relation"].as_str().unwrap().to_string(), key, stories)
        })
        .collect()
}

/// What a compare of the folder gives, with the stories checked apart: no finding
/// mixes two, and each finding's `story` is the same for all of one story's findings.
fn compare_apart(dir: &TempDir, args: &[&str]) -> (Json, Vec<Shape>) {
    let run = dir.run(&[&["compare", ".", "--format", "json"], args].concat());
    run.assert_code(0);
    let doc = run.json();
    let found = findings(&doc);
    for (relation, key, stories) in &found {
        assert_eq!(stories.len(), 1, "{relation} {key} mixes stories {stories:?}");
    }
    let mut names: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for f in doc["findings"].as_array().unwrap() {
        let story = story_of(f["claims"][0]["path"].as_str().unwrap());
        names.entry(story).or_default().insert(f["story"].as_str().unwrap().to_string());
    }
    assert!(names.values().all(|n| n.len() == 1), "one story name per story: {names:?}");
    let distinct: BTreeSet<&String> = names.values().flatten().collect();
    assert_eq!(distinct.len(), names.len(), "stories told apart by name: {names:?}");
    (doc, found)
}

#[test]
fn three_stories_in_one_folder_are_found_apart_by_their_names() {
    let dir = TempDir::new("stories-auto");
    write_all(&dir, |_| String::new(), |_| String::new());
    let (doc, found) = compare_apart(&dir, &[]);
    let stories = doc["stories"].as_array().expect("stories");
    assert_eq!(stories.len(), 3, "{stories:#?}");
    assert!(stories.iter().all(|s| s["articles"] == 3 && s["given"] == false), "{stories:#?}");
    // Each story's own relations are still there.
    let has = |relation: &str, story: &str, value: &str| {
        doc["findings"].as_array().unwrap().iter().any(|f| {
            f["relation"] == relation
                && story_of(f["claims"][0]["path"].as_str().unwrap()) == story
                && f["claims"].as_array().unwrap().iter().any(|c| c["text"].as_str().unwrap().contains(value))
        })
    };
    assert!(has("agree", "talks", "20"), "the talks' revised plan: {found:#?}");
    assert!(has("agree", "dock", "10"), "the union's revised plan: {found:#?}");
    assert!(!found.iter().any(|(r, _, _)| r == "conflict"), "no story contradicts itself: {found:#?}");
}

#[test]
fn a_folder_per_story_or_the_front_matter_gives_the_same_findings() {
    let auto = TempDir::new("stories-auto-again");
    write_all(&auto, |_| String::new(), |_| String::new());
    let (_, by_names) = compare_apart(&auto, &[]);

    let folders = TempDir::new("stories-folders");
    write_all(&folders, |story| format!("{story}/"), |_| String::new());
    folders.write("claimcheck.toml", "stories = \"folder\"\n");
    let (doc, by_folder) = compare_apart(&folders, &[]);
    let names: BTreeSet<&str> =
        doc["stories"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, BTreeSet::from(["./dock", "./talks", "./truce"]));
    assert_eq!(by_folder, by_names);

    let matter = TempDir::new("stories-front-matter");
    write_all(&matter, |_| String::new(), |story| format!("story: {story} desk\n"));
    matter.write("claimcheck.toml", "stories = \"front-matter\"\n");
    let (doc, by_matter) = compare_apart(&matter, &[]);
    assert!(doc["findings"].as_array().unwrap().iter().any(|f| f["story"] == "dock desk"));
    assert_eq!(by_matter, by_names);
}

#[test]
fn one_story_read_alone_or_with_the_others_gives_the_same_findings() {
    let alone = TempDir::new("stories-alone");
    for (name, text) in STRIKE {
        alone.write(name, text);
    }
    let run = alone.run(&["compare", ".", "--format", "json"]);
    run.assert_code(0);
    let mixed = TempDir::new("stories-mixed");
    write_all(&mixed, |_| String::new(), |_| String::new());
    let (_, all) = compare_apart(&mixed, &[]);
    let dock: Vec<_> = all.into_iter().filter(|(_, _, s)| s.contains("dock")).collect();
    assert!(!dock.is_empty());
    assert_eq!(findings(&run.json()), dock);
}

#[test]
fn a_stories_setting_that_is_not_known_is_an_error() {
    let dir = TempDir::new("stories-bad-setting");
    write_all(&dir, |_| String::new(), |_| String::new());
    dir.write("claimcheck.toml", "stories = \"by-moon-phase\"\n");
    let run = dir.run(&["compare", "."]);
    run.assert_code(2);
    assert!(run.stderr.contains("claimcheck.toml") && run.stderr.contains("by-moon-phase"), "{}", run.stderr);
}

/// The shared dev sets' folder, or `None` (after saying so) where it is absent.
fn devset(name: &str) -> Option<std::path::PathBuf> {
    let dir =
        std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/devset")).join(name).join("articles");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} not found", dir.display());
        None
    }
}

/// Real reports of two stories (read in place from `../shared/devset`) and the bundled
/// corpus's three stories, all in one run: no finding relates reports of two stories,
/// and each real story keeps the relations it has when read alone.
#[test]
fn real_reports_of_several_stories_read_together_never_meet() {
    let (Some(peace), Some(shutdown)) = (devset("ukraine-peace-plan"), devset("us-shutdown-2025")) else { return };
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let (peace, shutdown) = (peace.display().to_string(), shutdown.display().to_string());
    let run = common::run_with(None, &["compare", &peace, &shutdown, corpus, "--format", "json"], None);
    run.assert_code(0);
    let doc = run.json();
    let source = |path: &str| -> String {
        if path.starts_with(&peace) {
            "peace".into()
        } else if path.starts_with(&shutdown) {
            "shutdown".into()
        } else {
            // The corpus: one story per folder, the Ukraine talks at the top.
            let rest = path.strip_prefix(corpus).unwrap_or(path).trim_start_matches('/');
            rest.split_once('/').map_or("corpus talks".into(), |(folder, _)| format!("corpus {folder}"))
        }
    };
    let findings = doc["findings"].as_array().expect("findings");
    assert!(findings.len() > 20, "the stories' own findings are there: {}", findings.len());
    for f in findings {
        let sources: BTreeSet<String> =
            f["claims"].as_array().unwrap().iter().map(|c| source(c["path"].as_str().unwrap())).collect();
        // The corpus's Ukraine talks and the real Ukraine reports are one story.
        let talks = BTreeSet::from(["corpus talks".to_string(), "peace".to_string()]);
        assert!(sources.len() == 1 || sources == talks, "{} {} mixes {sources:?}", f["kind"], f["subject"]);
    }
    // The real peace-plan reports alone give the same relations among themselves; a
    // meeting, told from its mentions, may take or lose one undated report whose date
    // the corpus's further reports of the same story place differently.
    let alone = common::run_with(None, &["compare", &peace, "--format", "json"], None);
    let relations = |doc: &Json, only: &str| -> BTreeSet<String> {
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| {
                let paths: BTreeSet<&str> = f["claims"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c["path"].as_str().unwrap())
                    .filter(|p| p.starts_with(only))
                    .collect();
                // An event's name comes from all its story's mentions of it, and the story read
                // with others may hold more of them: events are compared by their claims.
                let event = f["claims"][0].get("facets").is_some();
                (paths.len() > 1 && !event).then(|| format!("{} {} {:?}", f["kind"], f["subject"], paths))
            })
            .collect()
    };
    assert_eq!(relations(&alone.json(), &peace), relations(&doc, &peace));
    let events = |doc: &Json| -> Vec<(String, BTreeSet<String>)> {
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["claims"][0].get("facets").is_some())
            .map(|f| {
                let paths = f["claims"].as_array().unwrap().iter().map(|c| c["path"].as_str().unwrap().to_string());
                (f["kind"].to_string(), paths.filter(|p| p.starts_with(&peace)).collect())
            })
            .filter(|(_, paths): &(String, BTreeSet<String>)| paths.len() > 1)
            .collect()
    };
    let (apart, together) = (events(&alone.json()), events(&doc));
    assert_eq!(apart.len(), together.len(), "{apart:?}\n{together:?}");
    for (kind, paths) in &together {
        let near = |(k, p): &(String, BTreeSet<String>)| k == kind && p.symmetric_difference(paths).count() <= 1;
        assert!(apart.iter().any(near), "{kind} {paths:?} differs together from apart: {apart:?}");
    }
}

/// Three dated reports, published on `dates`, of talks in Geneva on November 30 that
/// lasted five hours, in a new folder.
fn geneva_reports(folder: &str, dates: [&str; 3]) -> TempDir {
    let dir = TempDir::new(folder);
    for (name, published) in ["a.md", "b.md", "c.md"].into_iter().zip(dates) {
        dir.write(
            name,
            &format!(
                "---\npublished: {published}\n---\nRubio and Umerov met Yermak. The talks in Geneva on November 30 lasted five hours, Yermak said.\n"
            ),
        );
    }
    dir
}

/// An undated report of the same talks that dates them only "on Sunday".
fn undated_geneva_report(title: &str) -> String {
    format!(
        "---\ntitle: {title}\n---\nRubio and Umerov met Yermak. The talks in Geneva on Sunday lasted five hours, Yermak said.\n"
    )
}

/// An undated report that gives no date of its own takes the middle date of the reports
/// of its story it agrees with: its claims are listed by it, marked inferred, and its
/// "on Sunday" is placed against it.
#[test]
fn an_undated_report_takes_the_date_of_the_reports_it_agrees_with() {
    let dir = geneva_reports("dated-by-story", ["2025-12-03", "2025-12-04", "2025-12-05"]);
    dir.write("undated.md", &undated_geneva_report("Five hours in Moscow"));
    let run = dir.run(&["compare", ".", "--format", "json"]);
    run.assert_code(0);
    let doc = run.json();
    let undated: Vec<&Json> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["claims"].as_array().unwrap())
        .filter(|c| c["path"].as_str().unwrap().ends_with("undated.md"))
        .collect();
    assert!(!undated.is_empty(), "{doc}");
    for c in &undated {
        assert_eq!(c["published"], "2025-12-04", "the middle of 12-03, 12-04 and 12-05: {c}");
        assert_eq!(c["published_inferred"], true, "{c}");
    }
    let sunday = undated.iter().find(|c| c["kind"] == "meeting_date").expect("the Sunday talks");
    assert_eq!(sunday["value"]["start"], "2025-11-30", "Sunday, counted back from the inferred date: {sunday}");
    let extract = dir.run(&["extract", "undated.md", "--format", "json"]);
    assert!(extract.stdout.contains("\"published\": null"), "extract alone has no story to date it by: {extract:?}");
}

/// A date placed against a date taken from the story can be a week off: it joins an
/// agreement when it fits one, and never starts a dispute of its own.
#[test]
fn a_weekday_placed_by_the_story_s_date_never_makes_a_conflict() {
    let dir = geneva_reports("dated-by-story-week-off", ["2025-12-01", "2025-12-10", "2025-12-11"]);
    // The story's middle date is 10 December: "on Sunday" then reads as 7 December.
    dir.write("undated.md", &undated_geneva_report("Five hours in Geneva"));
    let run = dir.run(&["compare", ".", "--format", "json"]);
    run.assert_code(0);
    let doc = run.json();
    let findings = doc["findings"].as_array().unwrap();
    assert!(findings.iter().all(|f| f["relation"] == "agree"), "{doc:#}");
    let dates = findings.iter().find(|f| f["kind"] == "meeting_date").expect("the three dated reports agree");
    assert!(
        dates["claims"].as_array().unwrap().iter().all(|c| !c["path"].as_str().unwrap().ends_with("undated.md")),
        "the week-off Sunday is left out: {dates:#}"
    );
    let length = findings.iter().find(|f| f["kind"] == "meeting_duration").expect("the length agrees");
    assert!(length["claims"].as_array().unwrap().iter().any(|c| c["path"].as_str().unwrap().ends_with("undated.md")));
}
