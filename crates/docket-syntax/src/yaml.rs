//! YAML into docket's own value type. This is the only module that names serde_yaml
//! (decision 0002 in docs/decisions): swapping the YAML library means changing this
//! file alone.

use std::cell::Cell;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IgnoredAny, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};

use crate::SyntaxError;

/// A YAML value. Mappings keep their order; keys that are not strings are turned
/// into their YAML text. Tags (`!foo`) are dropped: the tagged value is kept as data
/// and nothing is ever executed.
#[derive(Debug, Clone, PartialEq)]
pub enum Yaml {
    /// `~`, `null` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer that fits in `i64`.
    Int(i64),
    /// Any other number.
    Float(f64),
    /// A string (dates are strings too: YAML 1.2 has no timestamp type).
    Str(String),
    /// A sequence.
    Seq(Vec<Yaml>),
    /// A mapping, in document order.
    Map(Vec<(String, Yaml)>),
}

impl Yaml {
    /// The name of this value's type, for messages ("expected a list, found a number").
    pub fn type_name(&self) -> &'static str {
        match self {
            Yaml::Null => "nothing",
            Yaml::Bool(_) => "a boolean",
            Yaml::Int(_) | Yaml::Float(_) => "a number",
            Yaml::Str(_) => "a string",
            Yaml::Seq(_) => "a list",
            Yaml::Map(_) => "a mapping",
        }
    }

    /// The value as a string when it is a scalar (numbers and booleans as written).
    pub fn as_scalar_string(&self) -> Option<String> {
        match self {
            Yaml::Str(s) => Some(s.clone()),
            Yaml::Int(i) => Some(i.to_string()),
            Yaml::Float(f) => Some(f.to_string()),
            Yaml::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// The value if it is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Yaml::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Looks up a key of a mapping.
    pub fn get(&self, key: &str) -> Option<&Yaml> {
        match self {
            Yaml::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Parses `src`, which starts at byte `base` of the file, into a [`Yaml`] value.
/// Errors carry the file's byte range of the position serde_yaml reports. Alias
/// bombs and deep nesting are refused by serde_yaml's own limits and come back as
/// errors, never as a crash; flow collections nested past that limit are refused
/// before serde_yaml sees them, since its parser spends the square of their depth
/// first (`nesting`).
pub fn parse_yaml(src: &str, base: usize) -> Result<Yaml, SyntaxError> {
    if let Some(at) = src.find('\0') {
        return Err(SyntaxError::new(
            base + at..base + at + 1,
            "front matter contains a NUL byte",
        ));
    }
    if let Some(at) = crate::nesting::too_deep(src) {
        return Err(SyntaxError::new(
            base + at..base + at + 1,
            format!(
                "lists and mappings are nested more than {} levels deep",
                crate::nesting::MAX_DEPTH
            ),
        )
        .with_help("close the brackets that are left open, or nest fewer levels"));
    }
    // Aliases (`*a`) are expanded by serde_yaml, which bounds how many it follows
    // but not what each expands to: `b: [*a, *a, …]` with a long `a` costs the
    // product of their lengths (14 KB took seconds and 400 MB; found while fuzzing,
    // fuzz/README.md). A text that may hold one is walked once first, counting
    // values, and refused past a budget no text without aliases can reach.
    let walked = if src.contains('*') {
        let count = Cell::new(0);
        let budget = src.len() + ALIAS_ALLOWANCE;
        Count {
            count: &count,
            budget,
        }
        .deserialize(serde_yaml::Deserializer::from_str(src))
    } else {
        Ok(())
    };
    match walked.and_then(|()| Build.deserialize(serde_yaml::Deserializer::from_str(src))) {
        Ok(value) => Ok(value),
        Err(err) => {
            let at = err.location().map_or(0, |loc| loc.index().min(src.len()));
            let message = clean_message(&err.to_string());
            Err(crate::explain::explain(src, at, &message).offset(base))
        }
    }
}

/// How many values aliases may add to a text's own: a text has at most one value
/// per byte, so its length plus this bounds the work of reading it.
const ALIAS_ALLOWANCE: usize = 10_000;

/// A walk over a YAML value that builds nothing and fails once more than `budget`
/// values were seen, aliases expanded.
#[derive(Clone, Copy)]
struct Count<'a> {
    count: &'a Cell<usize>,
    budget: usize,
}

impl Count<'_> {
    fn tick<E: de::Error>(self) -> Result<(), E> {
        self.count.set(self.count.get() + 1);
        if self.count.get() > self.budget {
            return Err(E::custom(format!(
                "aliases expand to more than {} values",
                self.budget
            )));
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Count<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Count<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.tick()
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.tick()
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.tick()
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.tick()
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.tick()
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.tick()
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.tick()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.tick()?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.tick()?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        // A tagged value (`!tag value`): the tag, then the value.
        let (IgnoredAny, value) = data.variant()?;
        value.newtype_variant_seed(self)
    }
}

/// Builds a [`Yaml`] from serde_yaml's events directly, as deserializing a
/// `serde_yaml::Value` and converting it would (the same values, the same errors at
/// the same places: a mapping's keys are compared as `serde_yaml::Value`s, so a
/// duplicate is the one serde_yaml finds), without the value tree in between (a
/// tenth of `docket check` was building, converting and freeing it).
#[derive(Clone, Copy)]
struct Build;

impl<'de> DeserializeSeed<'de> for Build {
    type Value = Yaml;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Yaml, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Build {
    type Value = Yaml;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // serde_yaml::Value's words: an integer past 128 bits is refused with them.
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Yaml, E> {
        Ok(Yaml::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, i: i64) -> Result<Yaml, E> {
        Ok(Yaml::Int(i))
    }

    fn visit_u64<E: de::Error>(self, u: u64) -> Result<Yaml, E> {
        Ok(i64::try_from(u).map_or(Yaml::Float(u as f64), Yaml::Int))
    }

    fn visit_f64<E: de::Error>(self, f: f64) -> Result<Yaml, E> {
        Ok(Yaml::Float(f))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Yaml, E> {
        Ok(Yaml::Str(s.to_owned()))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Yaml, E> {
        Ok(Yaml::Str(s))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Yaml, E> {
        Ok(Yaml::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Yaml, E> {
        Ok(Yaml::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Yaml, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Yaml, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        items.shrink_to_fit();
        Ok(Yaml::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Yaml, A::Error> {
        let mut entries = Vec::new();
        let mut seen: std::collections::HashSet<serde_yaml::Value> =
            std::collections::HashSet::new();
        while let Some(key) = map.next_key::<serde_yaml::Value>()? {
            if seen.contains(&key) {
                return Err(de::Error::custom(duplicate(&key)));
            }
            let value = map.next_value_seed(self)?;
            entries.push((key_text(key.clone()), value));
            seen.insert(key);
        }
        entries.shrink_to_fit();
        Ok(Yaml::Map(entries))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Yaml, A::Error> {
        // A tagged value (`!tag value`): the tag is dropped, the value kept.
        let ((), value) = data.variant_seed(TagString)?;
        value.newtype_variant_seed(self)
    }
}

/// A value's tag, refused when empty (as serde_yaml refuses it).
struct TagString;

impl<'de> DeserializeSeed<'de> for TagString {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_string(self)
    }
}

impl<'de> Visitor<'de> for TagString {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a YAML tag string")
    }

    fn visit_str<E: de::Error>(self, tag: &str) -> Result<(), E> {
        match tag.is_empty() {
            true => Err(E::custom("empty YAML tag is not allowed")),
            false => Ok(()),
        }
    }
}

/// serde_yaml's message for a key a mapping has twice.
fn duplicate(key: &serde_yaml::Value) -> String {
    use serde_yaml::Value;
    match key {
        Value::Null => "duplicate entry with null key".to_string(),
        Value::Bool(b) => format!("duplicate entry with key `{b}`"),
        Value::Number(n) => format!("duplicate entry with key {n}"),
        Value::String(s) => format!("duplicate entry with key {s:?}"),
        Value::Sequence(_) | Value::Mapping(_) | Value::Tagged(_) => {
            "duplicate entry in YAML map".to_string()
        }
    }
}

/// serde_yaml appends " at line L column C" to its messages; docket shows the
/// position itself, relative to the file rather than the front matter.
fn clean_message(message: &str) -> String {
    let cut = message.find(" at line ").unwrap_or(message.len());
    let m = &message[..cut];
    let m = m.strip_prefix("invalid type: ").unwrap_or(m);
    m.to_string()
}

fn convert(value: serde_yaml::Value) -> Yaml {
    use serde_yaml::Value;
    match value {
        Value::Null => Yaml::Null,
        Value::Bool(b) => Yaml::Bool(b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Yaml::Int(i),
            None => Yaml::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => Yaml::Str(s),
        Value::Sequence(items) => {
            // Not `collect()`: it would reuse serde_yaml's larger buffer, and every
            // document's values live as long as the run.
            let mut seq = Vec::with_capacity(items.len());
            seq.extend(items.into_iter().map(convert));
            Yaml::Seq(seq)
        }
        Value::Mapping(map) => Yaml::Map(
            map.into_iter()
                .map(|(k, v)| (key_text(k), convert(v)))
                .collect(),
        ),
        Value::Tagged(tagged) => convert(tagged.value),
    }
}

fn key_text(key: serde_yaml::Value) -> String {
    match convert(key) {
        Yaml::Str(s) => s,
        Yaml::Null => "null".to_string(),
        other => other
            .as_scalar_string()
            .unwrap_or_else(|| other.type_name().to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapping_keeps_order_and_types() {
        let y = parse_yaml("b: 1\na: [x, 2]\nc: 2026-11-24\n", 0).unwrap_or(Yaml::Null);
        let Yaml::Map(entries) = y else {
            panic!("not a map")
        };
        assert_eq!(entries[0], ("b".to_string(), Yaml::Int(1)));
        assert_eq!(
            entries[1].1,
            Yaml::Seq(vec![Yaml::Str("x".into()), Yaml::Int(2)])
        );
        assert_eq!(entries[2].1, Yaml::Str("2026-11-24".into()));
    }

    #[test]
    fn errors_point_into_the_file() {
        let src = "title: x\nowner: [a\n";
        let err = parse_yaml(src, 4).unwrap_err();
        assert!(err.range.start >= 4, "{err:?}");
    }

    #[test]
    fn alias_bomb_is_an_error() {
        let mut src = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let mut prev = 'a';
        for name in "bcdefghij".chars() {
            src.push_str(&format!(
                "{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
            ));
            prev = name;
        }
        assert!(parse_yaml(&src, 0).is_err());
    }

    #[test]
    fn deep_nesting_is_an_error() {
        let src = format!("a: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse_yaml(&src, 0).is_err());
    }

    /// Found seeding the fuzzers: libyaml spends the square of the nesting depth
    /// before serde_yaml's limit refuses it (10,000 brackets took seconds), so a
    /// megabyte of them would not finish. Refused at the 129th bracket instead.
    #[test]
    fn deep_flow_nesting_is_refused_before_parsing() {
        let src = format!("title: x\ntags: {}\n", "[".repeat(1 << 20));
        let err = parse_yaml(&src, 4).unwrap_err();
        assert!(err.message.contains("nested more than 128"), "{err:?}");
        assert_eq!(err.range, 4 + 15 + 128..4 + 15 + 129);
    }

    /// Found fuzzing: serde_yaml bounds the aliases it follows, not what each one
    /// expands to, so a list of aliases to a long list costs the product of their
    /// lengths. Refused once the values pass the text's length and an allowance.
    #[test]
    fn wide_alias_expansion_is_refused() {
        let n = 1_000;
        let src = format!(
            "a: &a [{}]\nb: [{}]\n",
            vec!["x"; n].join(", "),
            vec!["*a"; n].join(", ")
        );
        let Err(err) = parse_yaml(&src, 0) else {
            panic!("{n} aliases to a list of {n} were read");
        };
        assert!(
            err.message.contains("aliases expand to more than"),
            "{err:?}"
        );
        // A few aliases, as a roster or an inventory may use them, still read.
        let ok = "team: &team [alice, bob]\nattendees: *team\nalso: [*team, *team]\n";
        let Ok(Yaml::Map(entries)) = parse_yaml(ok, 0) else {
            panic!("{ok}");
        };
        assert_eq!(entries[1].1, entries[0].1);
    }

    /// The values and errors [`Build`] gives are those of deserializing a
    /// `serde_yaml::Value` and converting it, which it replaced.
    #[test]
    fn building_directly_equals_converting_a_value() {
        let texts = [
            "title: x\nstatus: accepted\ntags: [a, b, 'c d']\n",
            "a: 1\nb: -3\nc: 1.5\nd: .inf\ne: -.inf\nf: .nan\ng: 0x1F\nh: 0o17\ni: +4\n",
            "big: 18446744073709551615\nneg: -9223372036854775808\nhuge: 340282366920938463463374607431768211455\n",
            "huger: 3402823669209384634633746074317682114550\n",
            "n: ~\nm: null\no:\np: true\nq: False\nr: 2026-11-24\ns: 007\n",
            "nested: {a: [1, {b: c}], d: [[], {}]}\n",
            "? [a, b]\n: list key\n? {a: 1}\n: map key\n1: one\ntrue: yes\n~: nothing\n",
            "dup: 1\ndup: 2\n",
            "1: a\n1: b\n",
            "~: a\nnull: b\n",
            "true: a\nTrue: b\n",
            "[a]: 1\n[a]: 2\n",
            "x: !tag value\ny: !!str 12\nz: !custom {a: 1}\n",
            "x: ! value\n",
            "a: &a [x, y]\nb: *a\n",
            "- a\n- b\n",
            "just a string",
            "",
            "a: [unclosed\n",
            "a: b: c\n",
            "a: 'it''s'\nb: \"q\\u00e9\"\nc: |\n  block\n  text\nd: >\n  folded\n  text\n",
        ];
        for text in texts {
            let direct = parse_yaml(text, 0);
            let via_value = serde_yaml::from_str::<serde_yaml::Value>(text)
                .map(convert)
                .map_err(|e| {
                    let at = e.location().map_or(0, |l| l.index().min(text.len()));
                    (at, clean_message(&e.to_string()))
                });
            match (direct, via_value) {
                (Ok(a), Ok(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}"), "{text:?}"),
                (Err(a), Err((at, message))) => {
                    let expected = crate::explain::explain(text, at, &message);
                    assert_eq!(a.range, expected.range, "{text:?}");
                    assert_eq!(a.message, expected.message, "{text:?}");
                }
                (a, b) => panic!("{text:?}: direct {a:?}, via a value {b:?}"),
            }
        }
    }

    #[test]
    fn tags_are_data() {
        let y = parse_yaml("a: !!python/object:os.system echo\n", 0).unwrap_or(Yaml::Null);
        assert_eq!(y.get("a"), Some(&Yaml::Str("echo".into())));
    }
}
