//! Bad input: the real binary on broken, odd and hostile files. Each case
//! checks the message and the exit status, and that nothing partial is left.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("relgraph-robust-{}-{}", name, std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn extract(args: &[&Path], extra: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_relgraph"));
    c.arg("extract");
    for a in args {
        c.arg(a);
    }
    c.args(extra).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn graph(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stderr(o)))
}

fn labels(g: &serde_json::Value) -> Vec<String> {
    g["nodes"].as_array().unwrap().iter().map(|n| n["label"].as_str().unwrap().to_string()).collect()
}

const TEXT: &str = "Kanye West praised John Legend. Legend later criticized West.";

#[test]
fn invalid_utf8_is_decoded_with_a_warning_or_rejected_with_strict() {
    let d = tmpdir("utf8");
    let f = d.join("bad.txt");
    let mut bytes = TEXT.as_bytes().to_vec();
    bytes.splice(10..10, [0xFF, 0xFE, 0x80]);
    std::fs::write(&f, &bytes).unwrap();
    let o = extract(&[&f], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("bad.txt: invalid UTF-8 at byte 10"), "{}", stderr(&o));
    assert!(labels(&graph(&o)).contains(&"John Legend".to_string()));
    let o = extract(&[&f], &["--strict"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("rejected because of --strict"));
    assert!(o.stdout.is_empty());
}

#[test]
fn boms_utf16_and_line_endings() {
    let d = tmpdir("enc");
    let bom = d.join("bom.txt");
    std::fs::write(&bom, [&[0xEF, 0xBB, 0xBF][..], TEXT.as_bytes()].concat()).unwrap();
    let utf16 = d.join("utf16.txt");
    let mut b = vec![0xFF, 0xFE];
    for u in TEXT.encode_utf16() {
        b.extend(u.to_le_bytes());
    }
    std::fs::write(&utf16, b).unwrap();
    let crlf = d.join("crlf.txt");
    std::fs::write(&crlf, "Headline\r\n\r\nKanye West praised John Legend.\rLegend later criticized West.\r\n").unwrap();
    for f in [&bom, &utf16, &crlf] {
        let o = extract(&[f], &[]);
        assert!(o.status.success(), "{}: {}", f.display(), stderr(&o));
        let g = graph(&o);
        let l = labels(&g);
        assert!(l.contains(&"Kanye West".to_string()) && l.contains(&"John Legend".to_string()), "{}: {l:?}", f.display());
        assert!(g["edges"].as_array().unwrap().iter().any(|e| e["kind"] == "support"), "{}", f.display());
    }
}

#[test]
fn binary_and_empty_files_are_reported_and_good_ones_still_written() {
    let d = tmpdir("bin");
    let bin = d.join("image.txt");
    std::fs::write(&bin, [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0, 1, 2, 3]).unwrap();
    let empty = d.join("empty.txt");
    std::fs::write(&empty, "  \n\t\n").unwrap();
    let good = d.join("good.txt");
    std::fs::write(&good, TEXT).unwrap();
    let out = d.join("graphs");
    let o = extract(&[&bin, &empty, &good], &["-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("image.txt: looks like a binary file"), "{err}");
    assert!(err.contains("empty.txt: the file is empty"), "{err}");
    assert!(err.contains("2 of 3 inputs failed"), "{err}");
    assert!(out.join("good.json").exists());
    assert!(!out.join("image.json").exists() && !out.join("empty.json").exists());
    // no temporary files left behind
    assert!(std::fs::read_dir(&out).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().ends_with(".tmp")));
}

#[test]
fn a_huge_unpunctuated_sentence_and_deep_nesting_finish() {
    let d = tmpdir("long");
    let f = d.join("long.txt");
    let mut text = String::from("Kanye West praised John Legend ");
    for i in 0..50_000 {
        text.push_str(["and ", "then ", "word ", "Legend "][i % 4]);
    }
    text.push_str(&"(".repeat(5_000));
    text.push_str(&"\u{201c}".repeat(2_000));
    text.push_str(" Big Sean ");
    text.push_str(&")".repeat(5_000));
    std::fs::write(&f, text).unwrap();
    let o = extract(&[&f], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(labels(&graph(&o)).contains(&"Kanye West".to_string()));
}

#[test]
fn unreadable_output_location_is_an_error_naming_it() {
    let d = tmpdir("out");
    let f = d.join("a.txt");
    std::fs::write(&f, TEXT).unwrap();
    let blocker = d.join("file");
    std::fs::write(&blocker, "x").unwrap();
    let o = extract(&[&f], &["-o", blocker.join("sub/graph.json").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("graph.json"), "{}", stderr(&o));
}

#[test]
fn one_unwritable_output_of_several_fails_that_input_only() {
    // the files of several inputs are written by a writer thread: its
    // failures must still name the file and count as failed inputs
    let d = tmpdir("several");
    let (a, b) = (d.join("a.txt"), d.join("b.txt"));
    std::fs::write(&a, TEXT).unwrap();
    std::fs::write(&b, TEXT).unwrap();
    let out = d.join("graphs");
    // a directory where b's graph should go: the rename onto it fails
    std::fs::create_dir_all(out.join("b.json/inside")).unwrap();
    let o = extract(&[&a, &b], &["-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("b.json") && err.contains("1 of 2 inputs failed"), "{err}");
    assert!(out.join("a.json").is_file());
    assert!(std::fs::read_dir(&out).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().ends_with(".tmp")));
}

/// The characters `start..end` of `text` (graph offsets count characters).
fn chars(text: &str, start: u64, end: u64) -> String {
    text.chars().skip(start as usize).take((end - start) as usize).collect()
}

/// Every mention and evidence quote of the graph is the text at its offsets.
fn offsets_slice(g: &serde_json::Value, text: &str) -> usize {
    let mut n = 0;
    for node in g["nodes"].as_array().unwrap() {
        for m in node["mentions"].as_array().unwrap() {
            assert_eq!(chars(text, m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap()), m["text"].as_str().unwrap(), "{m}");
            n += 1;
        }
    }
    for e in g["edges"].as_array().unwrap() {
        for ev in e["evidence"].as_array().unwrap() {
            assert_eq!(chars(text, ev["start"].as_u64().unwrap(), ev["end"].as_u64().unwrap()), ev["text"].as_str().unwrap(), "{ev}");
            n += 1;
        }
    }
    n
}

fn has_edge(g: &serde_json::Value, source: &str, kind: &str, target: &str) -> bool {
    g["edges"].as_array().unwrap().iter().any(|e| e["source"] == source && e["kind"] == kind && e["target"] == target)
}

const PAGE: &str = include_str!("fixtures/news_page.html");

/// Text of the fixture page that is furniture (script, style, menu, figure, aside, footer).
const FURNITURE_WORDS: &[&str] = &[
    "ScriptTrackerText", "MenuStyleText", "StyleContentText", "MenuPolitics", "MenuMusic", "FigureCaptionText",
    "AsideRelatedText", "NoscriptText", "FooterText", "dataLayer", "Barack Obama", "Donald Trump", "Taylor Swift",
    "Kim Kardashian", "Daily Planet",
];

#[test]
fn an_html_news_page_gives_the_graph_of_its_article_text() {
    let d = tmpdir("html");
    // named as HTML, and sniffed from its content under another name
    let named = d.join("page.html");
    std::fs::write(&named, PAGE).unwrap();
    let sniffed = d.join("page.txt");
    std::fs::write(&sniffed, format!("\u{feff}\n  {PAGE}")).unwrap();
    let text = relgraph::ingest::html::html_to_text(PAGE).text;
    assert!(text.contains("Kanye West praised John Legend.") && text.contains("Legend\u{2019}s wife"), "{text}");
    for f in [&named, &sniffed] {
        let o = extract(&[f], &[]);
        assert!(o.status.success(), "{}", stderr(&o));
        let g = graph(&o);
        let l = labels(&g);
        assert!(l.contains(&"Kanye West".to_string()) && l.contains(&"John Legend".to_string()), "{l:?}");
        assert!(has_edge(&g, "kanye_west", "support", "john_legend"), "{}", g["edges"]);
        let json = g.to_string();
        for w in FURNITURE_WORDS {
            assert!(!json.contains(w), "{w} from the page furniture is in the graph: {json}");
        }
        // offsets index the extracted text, not the HTML
        assert!(offsets_slice(&g, &text) >= 3);
    }
    // build reads HTML with the same function: same text, the <title> as title
    let db = d.join("graph.db");
    let o = Command::new(env!("CARGO_BIN_EXE_relgraph")).args(["build", named.to_str().unwrap(), "--db", db.to_str().unwrap()]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let title: String = conn.query_row("SELECT title FROM documents", [], |r| r.get(0)).unwrap();
    assert_eq!(title, "Kanye West & John Legend: a friendship on the rocks | Daily Planet");
    let out = d.join("store.json");
    let o = Command::new(env!("CARGO_BIN_EXE_relgraph")).args(["export", "--db", db.to_str().unwrap(), "-o", out.to_str().unwrap()]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let g: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert!(has_edge(&g, "kanye_west", "support", "john_legend"), "{}", g["edges"]);
    offsets_slice(&g, &text);
}

#[test]
fn a_text_cut_into_pieces_keeps_whole_text_offsets_and_its_relations() {
    let d = tmpdir("chunks");
    let f = d.join("long.txt");
    let mut text = String::from("Kanye West and John Legend: a timeline\n\n");
    let years = 1990..2030;
    for y in years.clone() {
        text.push_str(&format!(
            "In {y}, Kanye West praised John Legend. Later that year Chrissy Teigen married John Legend in Italy, \u{201c}a day to remember\u{201d}, said the caf\u{e9} owner.\n\n"
        ));
    }
    std::fs::write(&f, &text).unwrap();
    let run = |chunk: Option<&str>| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_relgraph"));
        c.arg("extract").arg(&f);
        if let Some(n) = chunk {
            c.env("RELGRAPH_CHUNK_BYTES", n);
        }
        let o = c.output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        graph(&o)
    };
    let whole = run(None);
    let pieces = run(Some("700"));
    let support = |g: &serde_json::Value| -> Vec<u64> {
        let e = g["edges"].as_array().unwrap().iter().find(|e| e["kind"] == "support").unwrap_or_else(|| panic!("{}", g["edges"]));
        e["evidence"].as_array().unwrap().iter().map(|ev| ev["start"].as_u64().unwrap()).collect()
    };
    for g in [&whole, &pieces] {
        assert!(has_edge(g, "kanye_west", "support", "john_legend"), "{}", g["edges"]);
        assert!(has_edge(g, "chrissy_teigen", "family", "john_legend"), "{}", g["edges"]);
        assert!(offsets_slice(g, &text) > years.len());
    }
    // one document keeps one quote per relation; each piece adds its own, and
    // the last piece's quote lies in the last 700 bytes or so of the file
    assert_eq!(support(&whole).len(), 1);
    let starts = support(&pieces);
    assert!(starts.len() >= 8, "{starts:?}");
    assert!(*starts.iter().max().unwrap() as usize > text.chars().count() - 900, "{starts:?}");
    assert_eq!(labels(&whole).len(), labels(&pieces).len(), "{:?} vs {:?}", labels(&whole), labels(&pieces));
    // a bad value is ignored
    let o = Command::new(env!("CARGO_BIN_EXE_relgraph")).arg("extract").arg(&f).env("RELGRAPH_CHUNK_BYTES", "lots").output().unwrap();
    assert_eq!(graph(&o), whole);
}

#[test]
fn stray_nul_bytes_are_read_as_white_space_with_a_warning_or_rejected_with_strict() {
    let d = tmpdir("nul");
    let f = d.join("scraped.txt");
    // "Legend.\0 Legend": the NUL is byte (and character) 31
    let text = TEXT.replacen(". ", ".\0 ", 1);
    assert_eq!(text.find('\0'), Some(31));
    std::fs::write(&f, &text).unwrap();
    let out = d.join("scraped.json");
    let o = extract(&[&f], &["-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning: ") && stderr(&o).contains("scraped.txt: NUL byte at byte 31; read as white space"), "{}", stderr(&o));
    let g: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let l = labels(&g);
    assert!(l.contains(&"Kanye West".to_string()) && l.contains(&"John Legend".to_string()), "{l:?}");
    assert!(has_edge(&g, "kanye_west", "support", "john_legend"), "{}", g["edges"]);
    // offsets index the text as it is, NUL included
    assert!(offsets_slice(&g, &text) >= 3);
    // the same graph as with a space in place of the NUL, but for quotes holding it
    let spaced = d.join("spaced.txt");
    std::fs::write(&spaced, text.replace('\0', " ")).unwrap();
    let s = graph(&extract(&[&spaced], &[]));
    assert_eq!(g.to_string().replace("\\u0000", " ").replace("scraped", "spaced"), s.to_string());
    // --strict rejects the file and writes nothing
    std::fs::remove_file(&out).unwrap();
    let o = extract(&[&f], &["--strict", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("scraped.txt: NUL byte at byte 31 (rejected because of --strict)"), "{}", stderr(&o));
    assert!(!out.exists());
    assert!(std::fs::read_dir(&d).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().ends_with(".tmp")));
}

#[test]
fn utf16_without_a_bom_is_guessed_with_a_warning() {
    let d = tmpdir("utf16guess");
    let le = d.join("le.txt");
    std::fs::write(&le, TEXT.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>()).unwrap();
    let be = d.join("be.txt");
    std::fs::write(&be, TEXT.encode_utf16().flat_map(u16::to_be_bytes).collect::<Vec<u8>>()).unwrap();
    let reference = d.join("ref.txt");
    std::fs::write(&reference, TEXT).unwrap();
    let want = graph(&extract(&[&reference], &[])).to_string();
    for (f, order) in [(&le, "UTF-16LE"), (&be, "UTF-16BE")] {
        let o = extract(&[f], &["--strict"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let warning = format!("warning: {}: no byte order mark, but looks like {order}; decoded as {order} (guessed)", f.display());
        assert!(stderr(&o).contains(&warning), "{}", stderr(&o));
        assert_eq!(graph(&o).to_string(), want.replace("\"ref\"", &format!("\"{}\"", name.trim_end_matches(".txt"))));
    }
}

/// A gzip file holding `data` in one stored (uncompressed) deflate block:
/// the text is there in plain, only the signature tells it is not text.
fn gzip_stored(data: &[u8]) -> Vec<u8> {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    let len = data.len() as u16;
    let mut out = vec![0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF, 1];
    out.extend(len.to_le_bytes());
    out.extend((!len).to_le_bytes());
    out.extend(data);
    out.extend((!crc).to_le_bytes());
    out.extend((data.len() as u32).to_le_bytes());
    out
}

#[test]
fn real_binary_files_are_still_skipped() {
    let d = tmpdir("realbin");
    // a 1x1 PNG image
    let png: &[u8] = &[
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
        0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63,
        0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44,
        0xae, 0x42, 0x60, 0x82,
    ];
    // the head of an ELF executable: relgraph itself
    let exe = std::fs::read(env!("CARGO_BIN_EXE_relgraph")).unwrap();
    assert!(exe.starts_with(b"\x7fELF"));
    // a gzip of a long text, and a PDF whose head is plain ASCII without NULs
    let long = format!("{TEXT}\n").repeat(60);
    let pdf = format!("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n% {long}\n%%EOF\n");
    let files = [("image.png.txt", png.to_vec()), ("program.txt", exe[..65536].to_vec()), ("text.gz", gzip_stored(long.as_bytes())), ("doc.pdf", pdf.into_bytes())];
    let good = d.join("good.txt");
    std::fs::write(&good, TEXT).unwrap();
    let mut paths = vec![good.clone()];
    for (name, bytes) in &files {
        std::fs::write(d.join(name), bytes).unwrap();
        paths.push(d.join(name));
    }
    let out = d.join("graphs");
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let o = extract(&refs, &["-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for (name, _) in &files {
        assert!(err.contains(&format!("{name}: looks like a binary file, not text; skipped")), "{name}: {err}");
    }
    assert!(err.contains("4 of 5 inputs failed"), "{err}");
    assert!(!err.contains("warning"), "{err}");
    let written: Vec<String> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(written, ["good.json"]);
}

/// Drops the document ids (`"doc"`, `"documents"`) of a graph, which differ
/// between a file and standard input.
fn without_doc(mut v: serde_json::Value) -> serde_json::Value {
    match &mut v {
        serde_json::Value::Object(m) => {
            m.remove("doc");
            m.remove("documents");
            for x in m.values_mut() {
                *x = without_doc(x.take());
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| *x = without_doc(x.take())),
        _ => {}
    }
    v
}

/// A text of 41 paragraphs (about 4.6 KB, several pieces of 700 bytes).
fn timeline() -> String {
    let mut text = String::from("Kanye West and John Legend: a timeline\n\n");
    for y in 1990..2030 {
        text.push_str(&format!("In {y}, Kanye West praised John Legend. Later Chrissy Teigen married John Legend in Italy, said the caf\u{e9} owner.\n\n"));
    }
    text
}

#[test]
fn a_large_file_is_streamed_into_the_graph_of_the_whole_text() {
    let d = tmpdir("stream");
    let f = d.join("long.txt");
    let text = format!("\u{feff}{}", timeline());
    std::fs::write(&f, &text).unwrap();
    // a file of more than one piece is read piece by piece; standard input is
    // read whole and cut into the same pieces: the graphs are the same
    let streamed = Command::new(env!("CARGO_BIN_EXE_relgraph")).arg("extract").arg(&f).env("RELGRAPH_CHUNK_BYTES", "700").output().unwrap();
    assert!(streamed.status.success(), "{}", stderr(&streamed));
    let mut c = Command::new(env!("CARGO_BIN_EXE_relgraph"));
    c.args(["extract", "-"]).env("RELGRAPH_CHUNK_BYTES", "700").stdin(std::fs::File::open(&f).unwrap());
    let whole = c.output().unwrap();
    assert!(whole.status.success(), "{}", stderr(&whole));
    let (s, w) = (graph(&streamed), graph(&whole));
    assert!(has_edge(&s, "kanye_west", "support", "john_legend"), "{}", s["edges"]);
    assert!(offsets_slice(&s, text.trim_start_matches('\u{feff}')) > 40);
    assert!(without_doc(s) == without_doc(w), "the streamed graph differs from the whole text's");
    // invalid UTF-8 deep in the file: a warning with its byte offset, or with
    // --strict an error and no output
    let mut bytes = text.into_bytes();
    let at = bytes.len() - 100;
    bytes[at] = 0xFF;
    let bad = d.join("bad.txt");
    std::fs::write(&bad, &bytes).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_relgraph")).arg("extract").arg(&bad).env("RELGRAPH_CHUNK_BYTES", "700").output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains(&format!("bad.txt: invalid UTF-8 at byte {at}; decoded with replacement characters")), "{}", stderr(&o));
    let out = d.join("bad.json");
    let o = Command::new(env!("CARGO_BIN_EXE_relgraph")).arg("extract").arg(&bad).arg("--strict").arg("-o").arg(&out).env("RELGRAPH_CHUNK_BYTES", "700").output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains(&format!("bad.txt: invalid UTF-8 at byte {at} (rejected because of --strict)")), "{}", stderr(&o));
    assert!(!out.exists());
    assert!(std::fs::read_dir(&d).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().ends_with(".tmp")));
}

/// Runs `relgraph ARGS` under a pseudo-terminal (`script`, from util-linux)
/// and returns what the terminal showed, with `env` set.
fn on_a_terminal(args: &[&str], env: &str) -> String {
    let mut cmd = format!("{env} {}", env!("CARGO_BIN_EXE_relgraph"));
    for a in args {
        cmd.push_str(&format!(" '{a}'"));
    }
    let o = Command::new("script").args(["-qec", &cmd, "/dev/null"]).output().expect("`script` (util-linux) runs the binary on a pseudo-terminal");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn long_runs_show_progress_on_a_terminal_and_nowhere_else() {
    let d = tmpdir("progress");
    let f = d.join("long.txt");
    let text = timeline();
    std::fs::write(&f, &text).unwrap();
    let (file, out) = (f.to_str().unwrap(), d.join("long.json"));
    // one streamed file: the bytes read, of the file's size
    let shown = on_a_terminal(&["extract", file, "-o", out.to_str().unwrap()], "RELGRAPH_CHUNK_BYTES=700");
    let total = format!("/{:.2} KiB read", text.len() as f64 / 1024.0);
    assert!(shown.contains(&total), "no bar of bytes read ({total}): {shown:?}");
    let g: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert!(labels(&g).contains(&"John Legend".to_string()));
    // several inputs: the documents done
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples/seed_legend_west.txt");
    let dir = d.join("docs");
    let shown = on_a_terminal(&["extract", file, seed.to_str().unwrap(), "-o", dir.to_str().unwrap()], "");
    assert!(shown.contains("2/2 docs"), "no bar of documents: {shown:?}");
    assert!(dir.join("long.json").exists() && dir.join("seed_legend_west.json").exists());
    // not a terminal: no bar in the messages
    let o = Command::new(env!("CARGO_BIN_EXE_relgraph")).args(["extract", file, "-o"]).arg(&out).env("RELGRAPH_CHUNK_BYTES", "700").output().unwrap();
    assert!(o.status.success() && !stderr(&o).contains("read,") && !stderr(&o).contains("docs"), "{}", stderr(&o));
    std::fs::remove_dir_all(&d).unwrap();
}
