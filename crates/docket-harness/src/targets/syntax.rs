//! `front_matter`: the syntax layer alone (docket-syntax). The input is read as a
//! Markdown file (front matter split, YAML of the front matter, the key scan, the
//! outline of the body, the fast status read of docket-git) and as a whole YAML
//! list file (people.yaml's sequence scan and parse). Every range must lie in the
//! input on character boundaries, the front matter before the body.

use docket_syntax::{
    outline, parse_yaml, scan_mapping, scan_sequence, split_front_matter, strip_bom,
};

use super::{assert_range, text_of};

/// The target.
pub fn front_matter(data: &[u8]) {
    let owned = text_of(data);
    let text = strip_bom(&owned);
    match split_front_matter(text) {
        Err(e) => assert_range(text, &e.range, "unterminated front matter error"),
        Ok(split) => {
            assert_range(text, &split.body, "body");
            assert_eq!(split.body.end, text.len(), "the body runs to the end");
            if let Some(fm) = split.front_matter {
                assert_range(text, &fm, "front matter");
                assert!(fm.end <= split.body.start, "front matter after the body");
                for e in scan_mapping(text, fm.clone()) {
                    assert_range(text, &e.key_range, "scanned key");
                    assert_range(text, &e.value_range, "scanned value");
                    assert!(
                        e.key_range.start >= fm.start && e.value_range.end <= fm.end,
                        "scanned entry {e:?} outside the front matter {fm:?}"
                    );
                }
                if let Err(e) = parse_yaml(&text[fm.clone()], fm.start) {
                    assert_range(text, &e.range, "YAML error");
                }
            }
            let o = outline(text, split.body.clone());
            for h in &o.headings {
                assert_range(text, &h.range, "heading");
            }
            for l in &o.links {
                assert_range(text, &l.range, "link");
            }
            for i in &o.list_items {
                assert_range(text, &i.range, "list item");
            }
        }
    }
    let _ = docket_model::front_matter_status(text);
    for item in scan_sequence(text, 0..text.len()) {
        assert_range(text, &item.range, "sequence item");
        for e in &item.entries {
            assert_range(text, &e.key_range, "sequence key");
            assert_range(text, &e.value_range, "sequence value");
        }
    }
    if let Err(e) = parse_yaml(text, 0) {
        assert_range(text, &e.range, "YAML error of a whole file");
    }
}
