//! Typed reading: a document's front matter (or each item of people.yaml and
//! meetings.yaml), already parsed into [`Fields`] by `parse`, becomes its kind's
//! [`Data`], after every known key's type is checked (`validate`). Decisions in an
//! existing format are read through `legacy`.
//!
//! The parts: `validate` (the type of each known key), `template` (text left as a
//! template of `docket new` wrote it), `decision`, `update`, and `kinds` (brief,
//! charter, person, meeting). This file only dispatches; the parts
//! never import it.

mod decision;
mod kinds;
mod template;
mod update;
mod validate;

use std::borrow::Cow;

use crate::config::Config;
use crate::document::{Brief, Data, Document, Field, Fields, Page};
use crate::kind::{Kind, is_placeholder};
use crate::legacy::{detect, scan};
use crate::value::{is_scalar, text_of};

/// Reads a Markdown document's typed data from its front matter and body.
/// `index_of` marks the index page of a kind folder.
pub(crate) fn read_markdown(doc: &mut Document, config: &Config, index_of: Option<Kind>) {
    let fields = doc.front.clone().unwrap_or_default();
    let kind = doc.kind;
    if matches!(kind, Kind::People | Kind::Meetings) {
        // A Markdown file that calls itself a YAML kind (`kind: people`): nothing to
        // read as that kind.
        doc.data = Data::Page(Page::default());
        return;
    }
    // Existing decision records (SPEC §9): what the body says in their shapes.
    let facts = (kind == Kind::Decision).then(|| scan(doc));
    let legacy = facts.as_ref().and_then(|f| detect(doc, &fields, f));
    // A record read as MADR states its status in MADR's words (`Accepted`,
    // `superseded by ADR-0003`); the decision reader judges it after mapping. A
    // template's placeholder (`"{proposed | rejected | …"`) is judged here, like any
    // other key's.
    let validated = if legacy.is_some() {
        let madr_status = |f: &Field| {
            f.key == "status"
                && is_scalar(&f.value)
                && !is_placeholder(doc.text.get(f.value_range.clone()).unwrap_or(""), true)
        };
        Cow::Owned(Fields {
            range: fields.range.clone(),
            fields: fields
                .fields
                .iter()
                .filter(|f| !madr_status(f))
                .cloned()
                .collect(),
        })
    } else {
        Cow::Borrowed(&fields)
    };
    validate::validate_fields(
        &mut doc.problems,
        &doc.path,
        &doc.text,
        &validated,
        config.schema(kind),
    );
    doc.data = match kind {
        Kind::Decision | Kind::Custom(_) => Data::Decision(decision::decision(
            doc,
            &fields,
            config,
            &facts.unwrap_or_default(),
            legacy,
        )),
        Kind::Brief => Data::Brief(Brief {
            template_text: template::sections(doc, &config.templates),
            ..kinds::brief(&fields)
        }),
        Kind::Charter => Data::Charter(kinds::charter(&fields)),
        Kind::Update => Data::Update(update::update(doc, &fields)),
        Kind::Page | Kind::People | Kind::Meetings => Data::Page(Page {
            title: text_of(&fields, "title").map(|t| t.value),
            index_of,
        }),
    };
    // Text left as a template wrote it is never content; in a document past its
    // draft it is a finding too.
    if doc.is_past_draft() {
        let found = template::problems(doc);
        doc.problems.extend(found);
    }
}

/// Reads the items of people.yaml or meetings.yaml (each already a block of fields).
pub(crate) fn read_list(doc: &mut Document, blocks: Vec<Fields>) {
    let schema = doc.kind.schema();
    for fields in &blocks {
        validate::validate_fields(&mut doc.problems, &doc.path, &doc.text, fields, schema);
    }
    doc.data = match doc.kind {
        Kind::People => Data::People(blocks.into_iter().map(kinds::person).collect()),
        _ => Data::Meetings(
            blocks
                .into_iter()
                .map(|fields| kinds::meeting(&doc.text, fields))
                .collect(),
        ),
    };
}
