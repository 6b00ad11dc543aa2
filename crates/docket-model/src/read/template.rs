//! Text left as a template wrote it, found in a document: each heading whose
//! paragraphs or list items are a template's (the built-in templates of `docket
//! new` and the team's own, [`Templates`]), and a decision's front-matter `outcome`
//! and `options` when they are a team's template's. The decision reader leaves that
//! text out of the options and the outcome; `template-text` reports it once the
//! document is past its draft ([`Document::is_past_draft`]), with what to write.

use std::ops::Range;

use crate::document::{DecisionOption, Document, Field, TemplateText};
use crate::kind::Kind;
use crate::problem::{ParseProblem, Problem};
use crate::template::{Template, Templates, units};

use super::validate::cut;

/// The sections of `doc` that hold a template's text.
pub(super) fn sections(doc: &Document, templates: &Templates) -> Vec<TemplateText> {
    let found: Vec<&Template> = templates.of(doc.kind).collect();
    let mut out = Vec::new();
    for (i, h) in doc.outline.headings.iter().enumerate() {
        if !found.iter().any(|t| t.has_section(&h.text)) {
            continue;
        }
        let units = units(&doc.text, &doc.outline, i, doc.body.end);
        let parts: Vec<Range<usize>> = units
            .iter()
            .filter(|u| found.iter().any(|t| t.has_unit(&h.text, &u.text)))
            .map(|u| u.range.clone())
            .collect();
        if parts.is_empty() {
            continue;
        }
        let line = doc
            .text
            .get(h.range.clone())
            .and_then(|t| t.lines().next())
            .map_or(0, |l| l.trim_end().len());
        out.push(TemplateText {
            place: format!("{} {}", "#".repeat(usize::from(h.level)), h.text),
            key: false,
            heading: Some(i),
            range: h.range.start..h.range.start + line,
            whole: parts.len() == units.len(),
            parts,
            field: None,
        });
    }
    out
}

/// A front-matter `outcome` that is the one a team's template writes.
pub(super) fn outcome_key(
    field: &Field,
    outcome: &str,
    templates: &Templates,
) -> Option<TemplateText> {
    templates
        .of(Kind::Decision)
        .any(|t| t.has_outcome(outcome))
        .then(|| key(field, "outcome"))
}

/// Front-matter `options` that are all the ones a team's template writes.
pub(super) fn options_key(
    field: &Field,
    options: &[DecisionOption],
    templates: &Templates,
) -> Option<TemplateText> {
    let all = !options.is_empty()
        && options
            .iter()
            .all(|o| templates.of(Kind::Decision).any(|t| t.has_option(&o.name)));
    all.then(|| key(field, "options"))
}

fn key(field: &Field, name: &'static str) -> TemplateText {
    let range = field.value_or_key_range();
    TemplateText {
        place: name.to_string(),
        key: true,
        heading: None,
        range: range.clone(),
        parts: vec![range],
        whole: true,
        field: Some(name),
    }
}

/// The `template-text` problems of a document past its draft: one for a place that
/// holds nothing but the template's text, else one for each paragraph or item of
/// the template left beside the document's own text.
pub(super) fn problems(doc: &Document) -> Vec<ParseProblem> {
    let mut out = Vec::new();
    for t in doc.template_text() {
        let what = what_to_write(doc.kind, t);
        let problem = |range: Range<usize>, message: String, help: String| {
            ParseProblem::new(Problem::TemplateText, &doc.path, range, message).with_help(help)
        };
        let place = match t.key {
            true => format!("`{}`", t.place),
            false => format!("the `{}` section", t.place),
        };
        if t.whole {
            out.push(problem(
                t.range.clone(),
                format!("{place} is still the template's text"),
                format!("{what}, in place of the template's text"),
            ));
            continue;
        }
        for part in &t.parts {
            let shown = doc.text.get(part.clone()).unwrap_or("");
            let shown = cut(&crate::template::normalize(shown), 50);
            out.push(problem(
                part.clone(),
                format!("{place} still holds the template's text `{shown}`"),
                format!("replace it: {what}; or remove it"),
            ));
        }
    }
    out
}

/// What belongs in a place of a document, for the help of a finding.
fn what_to_write(kind: Kind, t: &TemplateText) -> String {
    let name = t.place.trim_start_matches('#').trim().to_lowercase();
    let said = match (kind, name.as_str()) {
        (Kind::Decision, "context") => {
            "say what question needs an answer, why now, and what constrains the answer"
        }
        (Kind::Decision, "options" | "considered options") => {
            "list the options the team weighed, at least two, each with what speaks for and against it"
        }
        (Kind::Decision, "decision" | "decision outcome" | "outcome") => {
            "write the option chosen and why, in a paragraph of your own"
        }
        (Kind::Brief, "context") => {
            "say why this task exists and what the person doing it needs to know before starting"
        }
        (Kind::Brief, "expected output") => "say what exists when the task is done",
        (Kind::Brief, "acceptance criteria") => {
            "list how the owner and the reviewer tell that the task is done"
        }
        _ => "",
    };
    if !said.is_empty() {
        return said.to_string();
    }
    match t.key {
        true => format!("write this {kind}'s own `{}`", t.place),
        false => format!("write what this {kind} has to say there, or remove the section"),
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::kind::Kind;
    use crate::problem::Problem;
    use crate::repo::Repository;

    /// A team's template that writes `outcome` and `options` in its front matter.
    const TEAM: &str = "---\ntitle: {{title}}\nstatus: proposed\noptions: [Option A, Option B]\noutcome: \"To be written by {{owner}}\"\n---\n## Notes\n\n- Anything else.\n";

    fn read(text: &str) -> Repository {
        let mut config = Config::default();
        config
            .templates
            .add(Kind::Decision, "templates/new/decision.md", TEAM);
        Repository::from_texts(
            config,
            vec![("docs/decisions/0001-a.md".to_string(), text.to_string())],
        )
    }

    #[test]
    fn a_teams_front_matter_values_are_no_options_and_no_outcome() {
        let r = read(
            "---\ntitle: A\nstatus: accepted\nowner: alice\ndate: 2026-11-20\ndecided: 2026-11-21\noptions: [Option A, Option B]\noutcome: To be written by alice\n---\n## Notes\n\n- Anything else.\n- Real notes.\n",
        );
        let doc = &r.documents[0];
        let d = doc.decision().unwrap();
        assert!(d.options.is_empty() && d.outcome.is_none(), "{d:?}");
        assert!(d.has_template_text("options") && d.has_template_text("outcome"));
        let messages: Vec<&str> = doc
            .problems
            .iter()
            .filter(|p| p.rule == Problem::TemplateText)
            .map(|p| p.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                "the `## Notes` section still holds the template's text `- Anything else.`",
                "`outcome` is still the template's text",
                "`options` is still the template's text",
            ]
        );
    }

    #[test]
    fn values_of_the_records_own_are_kept() {
        let r = read(
            "---\ntitle: A\nstatus: accepted\nowner: alice\ndate: 2026-11-20\ndecided: 2026-11-21\noptions: [Option A, PostgreSQL]\noutcome: PostgreSQL\n---\n",
        );
        let doc = &r.documents[0];
        let d = doc.decision().unwrap();
        assert_eq!(d.options.len(), 2);
        assert_eq!(d.outcome.as_deref(), Some("PostgreSQL"));
        assert!(doc.template_text().is_empty());
        assert!(doc.problems.is_empty(), "{:?}", doc.problems);
    }
}
