//! A daily update (SPEC §3): the day and the person from the path, the `Done:`,
//! `Next:` and `Blocker:` lines of the body, and the decisions the blocker names.

use crate::document::{Document, Fields, Spanned, Update, UpdateLine, number_prefix};
use crate::time::parse_time;
use crate::value::{text_of, time_of};

/// Reads an update.
pub(super) fn update(doc: &Document, fields: &Fields) -> Update {
    // updates/DATE/PERSON.md: the day is the folder, the person the file stem.
    let mut parts = doc.handbook_path.rsplit('/');
    let _file = parts.next();
    let folder = parts.next().unwrap_or("");
    let date = time_of(fields, "date")
        .map(|t| t.value)
        .or_else(|| parse_time(folder));
    // Without a `person` key the author is the file name, which has no place in the
    // text: findings about it point at line 1.
    let person =
        text_of(fields, "person").or_else(|| Some(Spanned::new(doc.stem().to_string(), 0..0)));
    let mut u = Update {
        date,
        person,
        ..Update::default()
    };
    let body = doc.body.clone();
    let mut offset = body.start;
    for line in doc.text[body].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end();
        let trimmed = content
            .trim_start()
            .trim_start_matches(['-', '*', '+'])
            .trim_start();
        let lead = content.len() - trimmed.len();
        let plain = trimmed.replace("**", "");
        let Some((label, _)) = plain.split_once(':') else {
            continue;
        };
        let slot = match label.trim().to_ascii_lowercase().as_str() {
            "done" => &mut u.done,
            "next" => &mut u.next,
            "blocker" | "blockers" => &mut u.blocker,
            _ => continue,
        };
        if slot.is_some() {
            continue;
        }
        // Position of the text after the colon, in the original line.
        let colon = trimmed.find(':').map_or(0, |c| c + 1);
        let after = trimmed[colon..].trim_start_matches(['*', ' ']);
        let text_start = start + lead + (trimmed.len() - after.len());
        let text = after.trim_end().to_string();
        let range = if text.is_empty() {
            start + lead..start + lead + colon
        } else {
            text_start..text_start + text.len()
        };
        *slot = Some(UpdateLine { text, range });
    }
    if let Some(b) = u.open_blocker().cloned() {
        u.blocker_refs = blocker_refs(&b);
    }
    u
}

/// Decisions named in a blocker: `#42`, or a file name such as `0042-x.md`.
fn blocker_refs(line: &UpdateLine) -> Vec<Spanned<String>> {
    let mut out = Vec::new();
    let t = &line.text;
    let bytes = t.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'#' && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
            let end = (i + 1..bytes.len())
                .find(|&j| !bytes[j].is_ascii_digit())
                .unwrap_or(bytes.len());
            if end > i + 1 {
                out.push(Spanned::new(
                    t[i + 1..end].to_string(),
                    line.range.start + i..line.range.start + end,
                ));
            }
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    for (pos, _) in t.match_indices(".md") {
        let start = t[..pos]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .map_or(0, |s| s + 1);
        let name = &t[start..pos + 3];
        if number_prefix(&name[..name.len() - 3]).is_some() {
            out.push(Spanned::new(
                name.to_string(),
                line.range.start + start..line.range.start + pos + 3,
            ));
        }
    }
    out
}
