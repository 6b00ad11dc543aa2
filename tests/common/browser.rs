//! What the browser tests need and how they skip without it: Node, Chromium
//! (`CHROMIUM`, or `/usr/bin/chromium`) and `npm ci --prefix tests/browser`. Without
//! them a test says "skipped" and passes, unless `DOCKET_REQUIRE_BROWSER=1` (set by
//! `.ci/run`) makes that a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Chromium and the workspace, when the browser tests can run here; `None` (after
/// saying why) when they cannot and are not required to.
// The test's own switches, set by CI (.ci/run); docket itself never reads them.
#[allow(clippy::disallowed_methods)]
pub fn available() -> Option<(PathBuf, &'static Path)> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"));
    let required = std::env::var("DOCKET_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
    let chromium = std::env::var_os("CHROMIUM")
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    match missing(workspace, &chromium) {
        None => Some((chromium, workspace)),
        Some(why) => {
            assert!(!required, "DOCKET_REQUIRE_BROWSER=1 but {why}");
            println!("skipped: {why} (set DOCKET_REQUIRE_BROWSER=1 to make this a failure)");
            None
        }
    }
}

/// Why the browser tests cannot run here, or `None` when they can.
fn missing(workspace: &Path, chromium: &Path) -> Option<String> {
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        return Some("`node` is not installed".into());
    }
    if !chromium.is_file() {
        return Some(format!(
            "Chromium not found at {}; set CHROMIUM to its path",
            chromium.display()
        ));
    }
    for package in ["playwright-core", "axe-core"] {
        let dir = workspace.join("tests/browser/node_modules").join(package);
        if !dir.is_dir() {
            return Some(format!(
                "{} is missing (run `npm ci --prefix tests/browser`)",
                dir.display()
            ));
        }
    }
    None
}

/// Runs the browser script `script` (under `tests/browser/`) with `args`, Chromium
/// at `chromium`, from `workspace`; prints what it said and fails the test with
/// `what` and its output when it does not succeed.
pub fn run_script<I, S>(chromium: &Path, workspace: &Path, script: &str, args: I, what: &str)
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    if let Err(report) = node_script(chromium, workspace, script, args) {
        panic!("{what} {report}");
    }
}

/// Runs the browser script `script` as [`run_script`] does; when it does not
/// succeed, its exit status and output.
#[allow(clippy::print_stdout, clippy::expect_used)]
pub fn node_script<I, S>(
    chromium: &Path,
    workspace: &Path,
    script: &str,
    args: I,
) -> Result<(), String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = Command::new("node")
        .arg(workspace.join("tests/browser").join(script))
        .args(args)
        .env("CHROMIUM", chromium)
        .current_dir(workspace)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}{stderr}");
    match out.status.success() {
        true => Ok(()),
        false => Err(format!(
            "({})\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
            out.status
        )),
    }
}
