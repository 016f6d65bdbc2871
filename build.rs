//! Compiles the bundled rule pack into the binary: every `.toml` under `rules/`
//! becomes an `include_str!` entry, so adding a rule touches `rules/` only. The world
//! data under `rules/world/` (tables and hand-curated lists, any extension) is bundled
//! apart, in its own list, so the rule loader never sees it.

use std::path::{Path, PathBuf};

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
}
