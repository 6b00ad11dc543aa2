//! One module per rule. The table below is the registry: adding a rule means adding
//! its file and one line here.

use docket_diagnostics::Severity;

use crate::registry::Rule;

macro_rules! rules {
    ($($module:ident => $id:literal, $severity:ident, $summary:literal;)*) => {
        $(pub mod $module;)*
        /// Every rule, in the order they run.
        pub static RULES: &[Rule] = &[$(Rule {
            id: $id,
            default_severity: Severity::$severity,
            summary: $summary,
            run: $module::run,
            source: include_str!(concat!(stringify!($module), ".rs")),
        },)*];
    };
}

rules! {
    front_matter_syntax => "front-matter-syntax", Error, "front matter or YAML that cannot be read";
    missing_field => "missing-field", Error, "a required key is missing";
    unknown_field => "unknown-field", Warning, "a key the kind does not know (likely a typo)";
    invalid_value => "invalid-value", Error, "a value of the wrong type or outside its allowed set";
}

use docket_model::{Data, Document, Fields, Kind};

/// The key blocks of a document that its kind's schema applies to: the front matter
/// of a Markdown document, or each item of people.yaml and meetings.yaml. A document
/// without front matter gives one empty block anchored at its start.
pub(crate) fn blocks(doc: &Document) -> Vec<&Fields> {
    static EMPTY: Fields = Fields {
        range: 0..0,
        fields: Vec::new(),
    };
    match &doc.data {
        Data::People(list) => list.iter().map(|p| &p.fields).collect(),
        Data::Meetings(list) => list.iter().map(|m| &m.fields).collect(),
        Data::Page(p) if p.index_of.is_some() => Vec::new(),
        _ => vec![doc.front.as_ref().unwrap_or(&EMPTY)],
    }
}

/// Whether a document's kind has a schema the key rules apply to.
pub(crate) fn is_schema_checked(doc: &Document) -> bool {
    !doc.broken && doc.kind != Kind::Page || matches!(&doc.data, Data::Page(p) if p.index_of.is_none() && !doc.broken)
}
