//! Compiles the bundled rule pack into the binary: every `.toml` under `rules/`
//! becomes an `include_str!` entry, so adding a rule touches `rules/` only.

use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|x| x == "toml") {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let rules = root.join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    walk(&rules, &mut files);
    files.sort();
    let mut code = String::from("[\n");
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let relative = file.strip_prefix(&rules).expect("walked under rules/").to_string_lossy().replace('\\', "/");
        code.push_str(&format!("    ({relative:?}, include_str!({:?})),\n", file.display().to_string()));
    }
    code.push(']');
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("bundled_rules.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
