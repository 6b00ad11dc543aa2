//! The built-in templates of the files `docket new` and `docket init` write, embedded
//! from `templates/new/` and `templates/init/`, and the one placeholder substitution
//! they share: `{{name}}` (also written `{{ name }}`) is replaced by its value as
//! plain text, so a template needs no escapes and any other `{{ … }}` (a GitHub
//! Actions expression, say) stays as it is.

/// `docket new decision`.
pub(crate) const NEW_DECISION: &str = include_str!("../templates/new/decision.md");
/// `docket new brief`.
pub(crate) const NEW_BRIEF: &str = include_str!("../templates/new/brief.md");
/// `docket new update`.
pub(crate) const NEW_UPDATE: &str = include_str!("../templates/new/update.md");
/// The GitHub workflow of `docket init`; `{{install}}` is the command that installs
/// docket on the runner, as a YAML string (empty when `init` cannot tell it).
pub(crate) const INIT_WORKFLOW: &str = include_str!("../templates/init/docket.yml");

/// `template` with each `{{name}}` and `{{ name }}` of `values` replaced.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_string();
    for (name, value) in values {
        text = text
            .replace(&format!("{{{{{name}}}}}"), value)
            .replace(&format!("{{{{ {name} }}}}"), value);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_named_placeholders_are_replaced() {
        assert_eq!(
            fill(
                "a {{x}} b {{ x }} c ${{ runner.os }} {{y}}",
                &[("x", "1"), ("z", "2")]
            ),
            "a 1 b 1 c ${{ runner.os }} {{y}}"
        );
    }

    #[test]
    fn the_workflow_has_one_placeholder() {
        assert_eq!(INIT_WORKFLOW.matches("{{install}}").count(), 1);
        let filled = fill(INIT_WORKFLOW, &[("install", "\"cargo install x\"")]);
        assert!(filled.contains("DOCKET_INSTALL: \"cargo install x\"\n"));
        assert!(filled.contains("key: ${{ steps.docket.outputs.key }}"));
    }
}
