//! `docket serve` previews exactly the site `docket build` writes (STYLE habit 19:
//! both commands load and check through the same job and render the same pages). Regression: the preview used to build with
//! default site options and had no metrics page, and no Metrics entry in any page's
//! navigation, while `docket build` wrote both.
//!
//! The handbook is built with `docket build --out`, then `docket serve` starts on a
//! port the system picks. Every file of the built site must be served with the same
//! bytes (HTML apart from the live-reload script serve injects), and serve writes
//! nothing to disk (its temporary folder stays empty: pages are rendered on
//! request). Nothing sleeps for a fixed time: the only wait is for serve's address
//! line, with a deadline.

// Setup failures panic: that is a failing test, not a crash on user data.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::clean_repo;
use common::serve::Serve;

/// The marker file of a folder docket built (`docket_site::output::MARKER`).
const MARKER: &str = ".docket-site";

/// Every file below `dir`, relative and `/`-separated.
fn files(dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read a site folder") {
            let path = entry.expect("read a folder entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).expect("below the folder");
                let parts: Vec<_> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.insert(parts.join("/"));
            }
        }
    }
    out
}

/// A URL path for a site file: bytes outside the unreserved set percent-encoded.
fn url_path(rel: &str) -> String {
    let mut out = String::from("/");
    for b in rel.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A served page without the live-reload script serve adds to HTML responses.
fn without_live_script(body: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(body);
    let Some(start) = text.find("<script src=\"/__docket/live.js\"") else {
        return body.to_vec();
    };
    let end = text[start..]
        .find("</script>\n")
        .map(|e| start + e + "</script>\n".len())
        .expect("the live script is closed");
    let mut out = text[..start].as_bytes().to_vec();
    out.extend_from_slice(text[end..].as_bytes());
    out
}

#[test]
fn serve_previews_the_pages_build_writes_metrics_included() {
    let built = same_site_from_serve_and_build(&clean_repo());
    assert!(
        built.contains("metrics.html"),
        "the build writes a metrics page: {built:?}"
    );
}

/// With one row a page, every index is numbered pages (`decisions/page-2.html`, …)
/// and the decision index's rows are also data for its script (`decisions/index.js`):
/// serve answers each of them as build writes it.
#[test]
fn serve_previews_the_numbered_pages_of_the_indexes() {
    let repo = clean_repo();
    repo.write(
        "docket.toml",
        "root = \"docs\"\n\n[site]\ntitle = \"Acme handbook\"\npage_size = 1\n",
    )
    .commit("one row a page");
    let built = same_site_from_serve_and_build(&repo);
    for rel in [
        "decisions/page-2.html",
        "decisions/index.js",
        "people/page-2.html",
    ] {
        assert!(built.contains(rel), "the build writes no {rel}: {built:?}");
    }
}

/// Builds `repo`, then serves it: every built file is served with the same bytes.
/// Returns the built files.
fn same_site_from_serve_and_build(repo: &common::Repo) -> BTreeSet<String> {
    let built = repo.outside("built");
    repo.docket()
        .args(["build", "--out", built.to_str().expect("a UTF-8 path")])
        .run()
        .assert_code(0);
    let built_files = files(&built);

    let tmp = repo.outside("tmp");
    std::fs::create_dir_all(&tmp).expect("create the temporary folder");
    let preview = Serve::start_in(repo.path(), &tmp);

    // Every built file is served, with the same bytes (but the marker of a built
    // folder: the preview renders pages on request and writes no folder).
    for rel in built_files.iter().filter(|r| *r != MARKER) {
        let (status, body) = preview.get_bytes(&url_path(rel));
        assert_eq!(status, 200, "{rel} is not served");
        let expected = std::fs::read(built.join(rel)).expect("read a built file");
        assert!(
            without_live_script(&body) == expected,
            "{rel} differs between serve and build:\n--- served ---\n{}\n--- built ---\n{}",
            String::from_utf8_lossy(&body),
            String::from_utf8_lossy(&expected)
        );
    }
    // Nothing was written to disk for the preview.
    assert!(
        files(&tmp).is_empty(),
        "serve wrote files: {:?}",
        files(&tmp)
    );
    built_files
}
