//! Compiles the bundled rule pack into the binary: every `.toml` under `rules/`
//! becomes an `include_str!` entry, so adding a rule touches `rules/` only. The world
//! data under `rules/world/` (tables and hand-curated lists, any extension) is bundled
//! apart, in its own list, so the rule loader never sees it; it is also loaded here,
//! once, and bundled as the bytes `World::encode` writes, so that start-up only reads
//! them back.

use std::path::{Path, PathBuf};

#[allow(dead_code)]
#[path = "src/world/data.rs"]
mod world;

/// Every file under `dir` that `keep` accepts, recursively, except under `skip`.
fn walk(dir: &Path, skip: Option<&Path>, keep: &dyn Fn(&Path) -> bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if Some(path.as_path()) != skip {
                walk(&path, skip, keep, out);
            }
        } else if keep(&path) {
            out.push(path);
        }
    }
}

/// Rust source of an array of (path relative to `base`, contents) pairs.
fn bundle(base: &Path, files: &[PathBuf]) -> String {
    let mut code = String::from("[\n");
    for file in files {
        println!("cargo:rerun-if-changed={}", file.display());
        let relative = file.strip_prefix(base).expect("walked under base").to_string_lossy().replace('\\', "/");
        code.push_str(&format!("    ({relative:?}, include_str!({:?})),\n", file.display().to_string()));
    }
    code.push(']');
    code
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let rules = root.join("rules");
    let world = rules.join("world");
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=rules/world");
    let mut files = Vec::new();
    walk(&rules, Some(&world), &|p| p.extension().is_some_and(|x| x == "toml"), &mut files);
    files.sort();
    let mut world_files = Vec::new();
    walk(&world, None, &|p| p.extension().is_some_and(|x| x == "toml" || x == "tsv"), &mut world_files);
    world_files.sort();
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("bundled_rules.rs"), bundle(&rules, &files)).expect("OUT_DIR is writable");
    std::fs::write(out.join("bundled_world.rs"), bundle(&world, &world_files)).expect("OUT_DIR is writable");
    // The loaded world borrows its texts for good, as the bundled one does.
    let texts: Vec<(&str, &'static str)> = world_files
        .iter()
        .map(|file| {
            let relative = file.strip_prefix(&world).expect("walked under rules/world").to_str().expect("UTF-8 path");
            let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            (relative, &*Box::leak(text.into_boxed_str()))
        })
        .collect();
    let loaded = world::World::load(&texts).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(out.join("world.bin"), loaded.encode()).expect("OUT_DIR is writable");
}
