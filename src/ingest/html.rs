//! HTML pages to plain text, with a browser-grade parser (html5ever, through
//! `scraper`).
//!
//! The text of an HTML input is what [`html_to_text`] returns; every offset
//! relgraph reports for such an input (mentions, evidence) refers to that
//! text, not to the HTML source. Rules:
//! - page furniture is dropped with everything inside it: `<script>`,
//!   `<style>`, `<noscript>`, `<template>`, `<nav>`, `<aside>`, `<figure>`,
//!   `<figcaption>`, forms and their controls, embedded media (`<iframe>`,
//!   `<svg>`, `<video>`, ...), `<head>` (its `<title>` is returned apart),
//!   `<footer>`, and a `<header>` that is the page's banner (one inside an
//!   `<article>`, `<main>` or `<section>` holds the headline and is kept);
//!   also any element with the `hidden` attribute, `aria-hidden="true"` or a
//!   landmark role of furniture (`navigation`, `banner`, `contentinfo`, ...);
//! - block elements (`p`, `h1`–`h6`, `li`, `blockquote`, `div`, `br`, table
//!   rows and cells, ...) end a paragraph: a blank line in the text;
//! - inside a paragraph, runs of white space (no-break spaces included) are
//!   one space; `<pre>` keeps its line breaks;
//! - character references (`&amp;`, `&#8217;`, `&nbsp;`, ...) are decoded by
//!   the parser, as a browser does.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// The text of an HTML page and its `<title>`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HtmlText {
    /// The article text: paragraphs separated by blank lines, no leading or
    /// trailing white space.
    pub text: String,
    /// The `<title>`, white space collapsed, when present and not empty.
    pub title: Option<String>,
}

/// Elements dropped with their content.
const FURNITURE: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "figure", "figcaption", "footer", "head", "form",
    "button", "select", "option", "optgroup", "textarea", "input", "label", "menu", "dialog", "iframe", "frame",
    "frameset", "object", "embed", "applet", "svg", "math", "canvas", "video", "audio", "picture", "map", "datalist",
    "output", "meter", "progress", "slot",
];

/// ARIA roles of page furniture.
const FURNITURE_ROLES: &[&str] =
    &["navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog", "alertdialog", "toolbar"];

/// Elements that end a paragraph where they open and where they close.
const BLOCKS: &[&str] = &[
    "p", "div", "br", "hr", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "section", "article", "main", "header", "hgroup", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
    "address", "center", "details", "summary", "fieldset", "legend", "body", "html",
];

/// Sections whose `<header>` belongs to the content (the headline), not to the page.
const SECTIONING: &[&str] = &["article", "main", "section"];

/// True when the text looks like an HTML page: after white space, a byte
/// order mark, an XML declaration and comments, it starts with
/// `<!doctype html`, `<html`, `<head` or `<body` (any case).
pub fn looks_like_html(text: &str) -> bool {
    let mut rest = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n', '\u{0c}']);
    for _ in 0..16 {
        let skip = if starts_with_ci(rest, "<?xml") {
            rest.find("?>").map(|k| k + 2)
        } else if rest.starts_with("<!--") {
            rest.find("-->").map(|k| k + 3)
        } else {
            break;
        };
        let Some(k) = skip else { return false };
        rest = rest[k..].trim_start();
    }
    if starts_with_ci(rest, "<!doctype") {
        return starts_with_ci(rest["<!doctype".len()..].trim_start(), "html");
    }
    ["<html", "<head", "<body"].iter().any(|tag| {
        starts_with_ci(rest, tag) && rest[tag.len()..].starts_with(|c: char| c == '>' || c == '/' || c.is_ascii_whitespace())
    })
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.as_bytes().get(..prefix.len()).is_some_and(|b| b.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Reduces an HTML page (or fragment) to its article text; see the module
/// documentation for what is kept. Never fails: any input parses, as in a browser.
pub fn html_to_text(html: &str) -> HtmlText {
    let page = Html::parse_document(html);
    let mut w = Writer::default();
    let mut title = None;
    // on the path from the root: elements inside dropped furniture (counted
    // so that their closing tags are skipped too), sectioning elements, <pre>s
    let mut skipping = 0usize;
    let mut sectioning = 0usize;
    let mut pre = 0usize;
    for edge in page.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if skipping > 0 || is_furniture(name, el, sectioning) {
                        if title.is_none() && name == "head" {
                            title = find_title(node);
                        }
                        skipping += 1;
                        continue;
                    }
                    if SECTIONING.contains(&name) {
                        sectioning += 1;
                    }
                    if name == "pre" {
                        pre += 1;
                    }
                    if BLOCKS.contains(&name) {
                        w.paragraph_break();
                    }
                }
                Node::Text(t) if skipping == 0 => {
                    if pre > 0 {
                        w.preformatted(t);
                    } else {
                        w.flowing(t);
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(el) = node.value() else { continue };
                let name = el.name();
                if skipping > 0 {
                    skipping -= 1;
                    continue;
                }
                if SECTIONING.contains(&name) {
                    sectioning -= 1;
                }
                if name == "pre" {
                    pre -= 1;
                }
                if BLOCKS.contains(&name) {
                    w.paragraph_break();
                }
            }
        }
    }
    // a title outside <head> (a fragment) still names the page
    if title.is_none() {
        title = page.tree.root().descendants().find(|n| n.value().as_element().is_some_and(|e| e.name() == "title")).and_then(text_of);
    }
    let text = w.out.trim_end().to_string();
    HtmlText { text, title }
}

/// True when an element is page furniture, dropped with its content.
fn is_furniture(name: &str, el: &scraper::node::Element, sectioning: usize) -> bool {
    if name == "header" {
        return sectioning == 0;
    }
    if FURNITURE.contains(&name) || el.attr("hidden").is_some() {
        return true;
    }
    if el.attr("aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
        return true;
    }
    el.attr("role").is_some_and(|r| r.split_ascii_whitespace().any(|r| FURNITURE_ROLES.iter().any(|f| r.eq_ignore_ascii_case(f))))
}

/// The first `<title>` under `node`, white space collapsed.
fn find_title(node: ego_tree::NodeRef<'_, Node>) -> Option<String> {
    node.descendants().find(|n| n.value().as_element().is_some_and(|e| e.name() == "title")).and_then(text_of)
}

/// The text inside a node, white space collapsed; `None` when empty.
fn text_of(node: ego_tree::NodeRef<'_, Node>) -> Option<String> {
    let mut s = String::new();
    for d in node.descendants() {
        if let Some(t) = d.value().as_text() {
            s.push_str(t);
            s.push(' ');
        }
    }
    let s = s.split(is_space).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// White space as a browser collapses it, plus the no-break space.
fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Builds the text: paragraphs separated by one blank line, spaces collapsed.
#[derive(Default)]
struct Writer {
    out: String,
    /// White space was seen since the last character written.
    space: bool,
}

impl Writer {
    /// Ends the current paragraph, if it has text.
    fn paragraph_break(&mut self) {
        self.space = false;
        if self.out.is_empty() || self.out.ends_with("\n\n") {
            return;
        }
        let trimmed = self.out.trim_end_matches([' ', '\t']).len();
        self.out.truncate(trimmed);
        self.out.push_str(if self.out.ends_with('\n') { "\n" } else { "\n\n" });
    }

    /// Text of normal flow: white space runs become one space.
    fn flowing(&mut self, t: &str) {
        for c in t.chars() {
            if is_space(c) {
                self.space = true;
                continue;
            }
            if self.space && !self.out.is_empty() && !self.out.ends_with('\n') {
                self.out.push(' ');
            }
            self.space = false;
            self.out.push(c);
        }
    }

    /// Text inside `<pre>`: line breaks kept (a blank line stays one blank
    /// line), other white space collapsed.
    fn preformatted(&mut self, t: &str) {
        for line in t.split_inclusive('\n') {
            let ends = line.ends_with('\n');
            self.flowing(line.trim_end_matches(['\n', '\r']));
            if ends {
                self.space = false;
                if !self.out.is_empty() && !self.out.ends_with("\n\n") {
                    self.out.push('\n');
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_page_keeps_the_article_and_drops_the_furniture() {
        let page = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>West &amp; Legend | News</title>
<style>p { color: red } .menu { display: none }</style>
<script>var trackingMenu = "Subscribe now";</script></head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<header><h1>Kanye West&#8217;s praise</h1></header>
<p>Kanye West praised <b>John Legend</b>.</p>
<figure><img src="x.jpg"><figcaption>Photo: Getty Images</figcaption></figure>
<p>Tom&nbsp;&amp;&nbsp;Jerry met in   New
   York.<br>A second line.</p>
<aside>Read more: Ten things</aside>
<noscript>Enable JavaScript</noscript>
</article></main>
<footer>&copy; 2024 News Corp</footer>
</body></html>"#;
        let h = html_to_text(page);
        assert_eq!(h.title.as_deref(), Some("West & Legend | News"));
        assert_eq!(
            h.text,
            "Kanye West\u{2019}s praise\n\nKanye West praised John Legend.\n\nTom & Jerry met in New York.\n\nA second line."
        );
    }

    #[test]
    fn sniffs_pages_but_not_text() {
        for page in [
            "<!DOCTYPE html><p>x",
            "\u{feff}  \n<!doctype HTML>",
            "<html>",
            "<HTML lang=en>",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">",
            "<!-- saved page -->\n<html>",
            "<body class=x>",
        ] {
            assert!(looks_like_html(page), "{page:?}");
        }
        for text in ["Kanye West praised John Legend.", "<htmlish> no", "<p>a fragment</p>", "", "<!-- never closed", "<!doctype>"] {
            assert!(!looks_like_html(text), "{text:?}");
        }
    }

    #[test]
    fn pre_hidden_and_roles() {
        let h = html_to_text(
            "<body><div role=navigation>Menu</div><p hidden>Secret</p><span aria-hidden=true>icon</span>\
             <pre>line one\n\n  line   two\n</pre><table><tr><td>A</td><td>B</td></tr></table></body>",
        );
        assert_eq!(h.text, "line one\n\nline two\n\nA\n\nB");
        assert_eq!(h.title, None);
    }

    #[test]
    fn odd_html_never_panics() {
        for s in [
            "<", "<p", "é<", "<é>", "a<script>é", "<title>é", "<!--é", "&", "&#x110000;", "&#99999999999;", "&é;",
            "é&amp", "<p>é</p", "</script>", "<title></title>", "<b>é&nbsp;é</b>&", "<pre>", "</pre></pre>",
            "<header><article><header>x</header></article></header>", "\0<p>\0",
        ] {
            let _ = html_to_text(s);
        }
        assert_eq!(html_to_text("caf&eacute; &amp; tea").text, "café & tea");
        let deep = "<div>".repeat(20_000) + "deep text" + &"</div>".repeat(20_000);
        assert_eq!(html_to_text(&deep).text, "deep text");
    }
}
