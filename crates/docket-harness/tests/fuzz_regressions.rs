//! Every input a fuzzer once found, run through its target in plain `cargo test`
//! (`fuzz-regressions/<target>/<name>`, named after what broke), and the seeds of
//! the fuzz corpora: the handbook of this repository and its hostile fixtures,
//! and, when `../shared` is there, the shared hostile inputs and corpora of other
//! tools' records.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use docket_harness::targets::{TARGETS, Target};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The files under `dir` (recursively), sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn target(name: &str) -> Target {
    *TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no target `{name}`"))
}

/// Runs `f` on `input`, naming the file when it panics.
fn run(name: &str, f: fn(&[u8]), input: &Path) {
    let bytes = std::fs::read(input).unwrap();
    if std::panic::catch_unwind(|| f(&bytes)).is_err() {
        panic!("fuzz target `{name}` fails on {}", input.display());
    }
}

#[test]
fn every_regression_input_passes_its_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut count = 0;
    for dir in files(&root)
        .iter()
        .filter_map(|f| f.parent().map(Path::to_path_buf))
        .collect::<std::collections::BTreeSet<_>>()
    {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let (_, f) = target(&name);
        for input in files(&dir) {
            run(&name, f, &input);
            count += 1;
        }
    }
    assert!(count > 0, "no regression input under {}", root.display());
}

/// The seeds `fuzz/seed.sh` copies from this repository pass every text target:
/// the targets assert nothing that docket's own handbook breaks.
#[test]
fn the_repository_seeds_pass() {
    let ws = workspace();
    let mut inputs: Vec<PathBuf> = files(&ws.join("docs"));
    inputs.extend(files(&ws.join("tests/fixtures")));
    inputs.retain(|p| {
        p.extension()
            .is_some_and(|e| matches!(e.to_str(), Some("md" | "yaml")))
    });
    assert!(inputs.len() > 20, "seeds: {inputs:?}");
    for input in &inputs {
        for name in ["front_matter", "document", "markdown", "legacy", "lists"] {
            run(name, target(name).1, input);
        }
    }
    run("config", target("config").1, &ws.join("docket.toml"));
    for export in files(&ws.join("tests/fixtures/forge")) {
        run("forge_export", target("forge_export").1, &export);
    }
}

/// The shared hostile inputs and other tools' records (`../shared`, outside the
/// repository): skipped when absent, unless `DOCKET_REQUIRE_SHARED=1`.
#[test]
fn the_shared_seeds_pass() {
    let shared = workspace().join("../shared");
    if !shared.join("adversarial/cases").is_dir() {
        // The test's own switch, set by CI; docket itself never reads it.
        #[allow(clippy::disallowed_methods)]
        let required = std::env::var("DOCKET_REQUIRE_SHARED").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "DOCKET_REQUIRE_SHARED=1 but {} does not exist",
            shared.display()
        );
        #[allow(clippy::print_stdout)]
        {
            println!(
                "skipped: {} not found (set DOCKET_REQUIRE_SHARED=1 to make this a failure)",
                shared.display()
            );
        }
        return;
    }
    let mut inputs = files(&shared.join("adversarial/cases"));
    inputs.extend(files(&shared.join("corpora")).into_iter().filter(|p| {
        p.extension()
            .is_some_and(|e| matches!(e.to_str(), Some("md" | "yaml")))
    }));
    // As `fuzz/seed.sh` does, files past 64 KB are left out: they would slow every
    // fuzzer run (libFuzzer's inputs grow to the largest seed), and
    // `tests/adversarial.rs` runs them through the command line.
    inputs.retain(|p| std::fs::metadata(p).is_ok_and(|m| m.len() <= 64 * 1024));
    for input in &inputs {
        for name in ["front_matter", "document", "markdown", "legacy"] {
            run(name, target(name).1, input);
        }
    }
}
