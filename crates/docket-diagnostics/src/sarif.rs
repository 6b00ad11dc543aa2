//! The `--format sarif` output: one SARIF 2.1.0 log with one run, for GitHub code
//! scanning and other SARIF viewers.
//!
//! The run's `tool.driver.rules` lists every rule docket has, with its summary, its
//! documentation as Markdown and, given a base URL, a link to its page; each result
//! points at its rule by `ruleId` and `ruleIndex`. Locations are repository-relative URIs under the
//! `%SRCROOT%` base, and columns count Unicode code points (`columnKind`), as
//! [`Position`](crate::Position) does.
//!
//! This crate does not know the rules (the rule crate depends on this one, not the
//! other way round), so the caller passes them as [`RuleMeta`].

use std::io::{self, Write};

use serde::Serialize;

use crate::{Located, Severity};

/// The `$schema` of the log.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF version written.
pub const SARIF_VERSION: &str = "2.1.0";

/// The `uriBaseId` that every artifact location is relative to: the repository root.
pub const SRCROOT: &str = "%SRCROOT%";

/// What the SARIF log says about one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleMeta {
    /// Stable kebab-case id, as in [`Diagnostic::rule`](crate::Diagnostic::rule).
    pub id: &'static str,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// The rule's documentation, as Markdown (its page under `docs/rules/`).
    pub docs: String,
    /// Severity unless `docket.toml` says otherwise.
    pub default_severity: Severity,
}

/// Options of the SARIF renderer.
#[derive(Debug, Clone, Copy, Default)]
pub struct SarifOptions<'a> {
    /// `tool.driver.version`, e.g. `0.1.0`.
    pub version: &'a str,
    /// `tool.driver.informationUri`: an absolute URI about docket; left out when `None`.
    pub information_uri: Option<&'a str>,
    /// Where the rule pages are, as an absolute URL: each rule's `helpUri` is
    /// `{rules_base_url}/{id}.md`. With `None` rules have no `helpUri`: SARIF requires
    /// it to be absolute (§3.49.12; the SARIF multitool's SARIF1005 rejects a relative
    /// `docs/rules/{id}.md`), and each rule's page is in its `help` anyway.
    pub rules_base_url: Option<&'a str>,
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'a str>,
    version: &'a str,
    rules: Vec<ReportingDescriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor<'a> {
    id: &'a str,
    short_description: Text<'a>,
    full_description: MultiformatText,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<MultiformatText>,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct OwnedText {
    text: String,
}

#[derive(Serialize)]
struct MultiformatText {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: OwnedText,
    locations: [Location; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    uri_base_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

/// The SARIF `level` of a severity: `error`, `warning` or `note`.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Percent-encodes a repository-relative path so that it is a valid relative URI
/// reference (RFC 3986): unreserved characters, sub-delimiters, `@` and `/` stay;
/// everything else, `:` included (it would read as a scheme), becomes `%XX` of its
/// UTF-8 bytes.
pub(crate) fn path_to_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'@'
                    | b'/'
            );
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn help_uri(base: &str, id: &str) -> String {
    format!("{}/{}.md", base.trim_end_matches('/'), path_to_uri(id))
}

/// The first paragraph of a rule's documentation after its `# id` heading, as
/// (plain text, Markdown); the summary when the documentation has none.
fn first_paragraph(docs: &str, summary: &str) -> (String, String) {
    let paragraph = docs
        .split("\n\n")
        .map(str::trim)
        .find(|p| !p.is_empty() && !p.starts_with('#'))
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "));
    match paragraph {
        Some(markdown) => (markdown.replace("**", ""), markdown),
        None => (summary.to_string(), summary.to_string()),
    }
}

/// Writes the SARIF log for the located diagnostics (already sorted by
/// [`locate`](crate::locate); the results keep that order) as pretty-printed JSON
/// followed by a newline. `rules` become `tool.driver.rules`, in the order given (a
/// rule without documentation has no `help`); a diagnostic whose rule is not among
/// them has a `ruleId` but no `ruleIndex`. A result's message carries the help after
/// a newline (`help: …`).
pub fn render_sarif(
    out: &mut dyn Write,
    located: &[Located<'_>],
    rules: &[RuleMeta],
    options: SarifOptions<'_>,
) -> io::Result<()> {
    let descriptors = rules
        .iter()
        .map(|r| {
            let (full_text, full_markdown) = first_paragraph(&r.docs, r.summary);
            ReportingDescriptor {
                id: r.id,
                short_description: Text { text: r.summary },
                full_description: MultiformatText {
                    text: full_text,
                    markdown: full_markdown,
                },
                help_uri: options.rules_base_url.map(|base| help_uri(base, r.id)),
                help: (!r.docs.trim().is_empty()).then(|| MultiformatText {
                    text: r.docs.clone(),
                    markdown: r.docs.clone(),
                }),
                default_configuration: Configuration {
                    level: level(r.default_severity),
                },
            }
        })
        .collect();
    let results = located
        .iter()
        .map(|l| {
            let d = l.diagnostic;
            SarifResult {
                rule_id: d.rule,
                rule_index: rules.iter().position(|r| r.id == d.rule),
                level: level(d.severity),
                message: OwnedText {
                    text: match &d.help {
                        Some(help) => format!("{}\nhelp: {}", d.message, help),
                        None => d.message.clone(),
                    },
                },
                locations: [Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation {
                            uri: path_to_uri(&d.file),
                            uri_base_id: SRCROOT,
                        },
                        region: Region {
                            start_line: l.start.line,
                            start_column: l.start.column,
                            end_line: l.end.line,
                            end_column: l.end.column,
                        },
                    },
                }],
            }
        })
        .collect();
    let log = Log {
        schema: SARIF_SCHEMA,
        version: SARIF_VERSION,
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "docket",
                    information_uri: options.information_uri,
                    version: options.version,
                    rules: descriptors,
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::other)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_relative_uri_references() {
        assert_eq!(path_to_uri("docs/a-b_c.md"), "docs/a-b_c.md");
        assert_eq!(path_to_uri("docs/my file.md"), "docs/my%20file.md");
        assert_eq!(path_to_uri("a:b/100%#?.md"), "a%3Ab/100%25%23%3F.md");
        assert_eq!(path_to_uri("docs/café.md"), "docs/caf%C3%A9.md");
    }

    #[test]
    fn help_uri_joins_the_base() {
        assert_eq!(
            help_uri("https://h.example/rules/", "x"),
            "https://h.example/rules/x.md"
        );
        assert_eq!(
            help_uri("https://h.example/rules", "x"),
            "https://h.example/rules/x.md"
        );
    }

    #[test]
    fn full_description_is_the_first_paragraph() {
        let docs = "# x\n\n**What it finds:** a\n`thing`.\n\nMore.\n";
        assert_eq!(
            first_paragraph(docs, "s"),
            (
                "What it finds: a `thing`.".to_string(),
                "**What it finds:** a `thing`.".to_string()
            )
        );
        assert_eq!(first_paragraph("", "s"), ("s".to_string(), "s".to_string()));
    }
}
