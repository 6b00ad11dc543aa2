//! The KIND argument of `docket new` and `docket schema`: any non-empty name,
//! since a team declares kinds of its own in docket.toml, which clap cannot read.
//! The command checks the name against the built-in kinds and docket.toml (with
//! "did you mean"); shell completions offer the built-in kinds.

use std::ffi::OsStr;

use clap::builder::{NonEmptyStringValueParser, PossibleValue, TypedValueParser};
use docket_model::Kind;

/// A kind's name; completions offer the built-in kinds listed.
#[derive(Clone, Debug)]
pub(crate) struct KindName(pub &'static [Kind]);

impl TypedValueParser for KindName {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        NonEmptyStringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            self.0.iter().map(|k| PossibleValue::new(k.name())),
        ))
    }
}
