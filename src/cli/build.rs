//! `relgraph build`: extract many documents in parallel into a store.
//!
//! Documents are read in input order on the main thread, extracted in
//! chunks on a rayon pool, and written in the same order by one writer
//! thread, one transaction per chunk, so a build is deterministic and an
//! interrupted build leaves whole chunks only.

use anyhow::{bail, Context, Result};
use indicatif::ProgressBar;
use rayon::prelude::*;
use relgraph::graph::Graph;
use relgraph::ingest::ReadOptions;
use relgraph::pipeline::{extract_document, Options};
use relgraph::resources::Resources;
use relgraph::store::corpus::{expand, is_html, Record, Source};
use relgraph::store::{parse_fragment, AddOutcome, DocumentMeta, Store};
use std::collections::{HashMap, HashSet, VecDeque};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::mpsc::sync_channel;
use std::time::Instant;

/// Arguments of `relgraph build`.
#[derive(clap::Args, Debug)]
#[command(after_help = "EXAMPLES:\n  \
    relgraph build articles/ --db graph.db\n  \
    relgraph build 'news/**/*.txt' more.jsonl --db graph.db --threads 2\n  \
    zcat dump.jsonl.gz | relgraph build - --db graph.db\n  \
    relgraph extract --jsonl < docs.jsonl > fragments.jsonl && relgraph build --from-fragments fragments.jsonl --db graph.db\n\n\
    Inputs: files, directories (walked recursively for .txt, .md, .html, .htm, .xhtml, .jsonl), glob \
    patterns, JSON Lines files (.jsonl) of {\"id\", \"text\", \"title\"?, \"url\"?, \"date\"?}, and \
    `-` for JSON Lines on standard input. A document whose content is stored already is \
    skipped; one whose id is stored with other content replaces it. Unreadable, binary or \
    malformed documents are reported and skipped (exit status 1 at the end); invalid UTF-8 \
    is decoded with replacement characters and a warning; empty documents are skipped. \
    HTML pages (.html/.htm/.xhtml files, and any file or record whose text starts with \
    <!doctype html> or <html>) are reduced to their article text by an HTML5 parser: \
    scripts, styles, navigation, headers, footers, asides and figures dropped, block \
    elements as paragraph breaks, entities decoded, <title> kept as the title; character \
    offsets in the store refer to that text, not to the HTML source. A very large document \
    is extracted in pieces of about 1 MB cut at paragraph breaks, in bounded memory.")]
pub struct Args {
    /// Files, directories, glob patterns, .jsonl files, or `-` (JSON Lines on stdin).
    #[arg(value_name = "INPUT", required_unless_present = "from_fragments")]
    pub inputs: Vec<String>,
    /// The store to create or add to.
    #[arg(long, value_name = "graph.db")]
    pub db: PathBuf,
    /// Extraction threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// Merge graph fragments (as written by `relgraph extract --jsonl`) instead of extracting.
    #[arg(long, value_name = "FILE|-", conflicts_with = "inputs")]
    pub from_fragments: Option<String>,
    /// Drop edges whose confidence is below this (0 to 1).
    #[arg(long, default_value_t = 0.0)]
    pub min_confidence: f32,
    /// Documents per transaction.
    #[arg(long, default_value_t = 128, value_parser = clap::value_parser!(u64).range(1..))]
    pub batch: u64,
}

/// A document as read, before decoding.
pub(crate) struct Raw {
    pub id: String,
    pub origin: String,
    pub body: Body,
    pub html: bool,
    pub title: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
}

/// A document's content as read.
pub(crate) enum Body {
    Bytes(Vec<u8>),
    Text(String),
}

/// What happened to one document.
#[allow(clippy::large_enum_variant)] // short-lived, moved once
pub(crate) enum Outcome {
    Ready { origin: String, meta: DocumentMeta, graph: Graph, warning: Option<String> },
    Known { origin: String, warning: Option<String> },
    Empty { origin: String },
    Failed { origin: String, message: String },
}

impl Raw {
    /// A JSON Lines record read from `origin` (`FILE:LINE`).
    pub fn from_record(r: Record, default_id: String, origin: String) -> Raw {
        Raw {
            id: r.id.filter(|s| !s.trim().is_empty()).unwrap_or(default_id),
            origin,
            body: Body::Text(r.text),
            html: false,
            title: r.title,
            url: r.url,
            date: r.date,
        }
    }
}

/// Decodes, checks and extracts one document (skipping the extraction when
/// its hash is in `stored`). Never panics: a panic of the pipeline is a failure.
pub(crate) fn process(raw: Raw, res: &Resources, opts: Options, stored: &HashSet<String>) -> Outcome {
    let origin = raw.origin;
    let mut warning = None;
    let input = match raw.body {
        Body::Text(t) => relgraph::ingest::from_text(t),
        Body::Bytes(b) => match relgraph::ingest::read_input(b, ReadOptions { html: raw.html, strict: false }) {
            Ok(input) => input,
            Err(e) => return Outcome::Failed { origin, message: e.to_string() },
        },
    };
    let warnings = input.warnings();
    if !warnings.is_empty() {
        warning = Some(warnings.join("; "));
    }
    let text = input.text;
    if text.trim().is_empty() {
        return Outcome::Empty { origin };
    }
    let mut meta = DocumentMeta::for_text(&raw.id, &text);
    meta.title = raw.title.or(input.title);
    meta.url = raw.url;
    meta.date = raw.date;
    if stored.contains(&meta.hash) {
        return Outcome::Known { origin, warning };
    }
    let id = raw.id;
    let chunk = relgraph::ingest::chunk::chunk_bytes();
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract_document(&id, text, res, opts, chunk, |_| {}))) {
        Ok(ex) => Outcome::Ready { origin, meta, graph: ex.graph, warning },
        Err(_) => Outcome::Failed { origin, message: "the extractor failed on this document (internal error)".into() },
    }
}

/// Reads documents from sources, in order, one at a time.
struct Reader {
    sources: VecDeque<Source>,
    lines: Option<(String, String, Box<dyn BufRead>, usize)>,
    ids: HashMap<String, usize>,
}

/// A document or an input that could not be read.
enum Item {
    Doc(Raw),
    Bad { origin: String, message: String },
}

fn stem(p: &Path) -> String {
    p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| p.display().to_string())
}

impl Reader {
    /// Makes ids unique within a run: the second "x" is "x~2".
    fn unique(&mut self, id: String) -> String {
        let n = self.ids.entry(id.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            id
        } else {
            format!("{id}~{n}")
        }
    }
}

impl Iterator for Reader {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some((name, prefix, reader, line_no)) = &mut self.lines {
                let mut line = String::new();
                *line_no += 1;
                let origin = format!("{name}:{line_no}");
                match reader.read_line(&mut line) {
                    Ok(0) => self.lines = None,
                    Ok(_) if line.trim().is_empty() => {}
                    Ok(_) => {
                        let default_id = format!("{prefix}-{line_no}");
                        return Some(match serde_json::from_str::<Record>(&line) {
                            Ok(r) => {
                                let mut raw = Raw::from_record(r, default_id, origin);
                                raw.id = self.unique(raw.id);
                                Item::Doc(raw)
                            }
                            Err(e) => Item::Bad { origin, message: format!("not a JSON Lines document record: {e}") },
                        });
                    }
                    Err(e) => {
                        self.lines = None;
                        return Some(Item::Bad { origin, message: format!("cannot read: {e}") });
                    }
                }
                continue;
            }
            match self.sources.pop_front()? {
                Source::Stdin => {
                    self.lines = Some(("stdin".into(), "stdin".into(), Box::new(BufReader::new(std::io::stdin())), 0));
                }
                Source::Jsonl(p) => match std::fs::File::open(&p) {
                    Ok(f) => self.lines = Some((p.display().to_string(), stem(&p), Box::new(BufReader::new(f)), 0)),
                    Err(e) => return Some(Item::Bad { origin: p.display().to_string(), message: format!("cannot read: {e}") }),
                },
                Source::File(p) => {
                    let origin = p.display().to_string();
                    return Some(match std::fs::read(&p) {
                        Ok(bytes) => {
                            let id = self.unique(stem(&p));
                            Item::Doc(Raw { id, origin, body: Body::Bytes(bytes), html: is_html(&p), title: None, url: None, date: None })
                        }
                        Err(e) => Item::Bad { origin, message: format!("cannot read: {e}") },
                    });
                }
            }
        }
    }
}

/// How many documents the sources hold, when that can be known cheaply.
fn count_documents(sources: &[Source]) -> Option<u64> {
    let mut n = 0;
    for s in sources {
        match s {
            Source::Stdin => return None,
            Source::File(_) => n += 1,
            Source::Jsonl(p) => {
                let f = std::fs::File::open(p).ok()?;
                n += BufReader::new(f).lines().map_while(Result::ok).filter(|l| !l.trim().is_empty()).count() as u64;
            }
        }
    }
    Some(n)
}

/// What a build did.
#[derive(Default)]
struct Counts {
    added: u64,
    replaced: u64,
    unchanged: u64,
    empty: u64,
    failed: u64,
    words: u64,
}

impl Counts {
    fn report(&self, pb: &ProgressBar, origin: &str, warning: Option<&str>, error: Option<&str>) {
        pb.suspend(|| {
            if let Some(w) = warning {
                eprintln!("relgraph: warning: {origin}: {w}");
            }
            if let Some(e) = error {
                eprintln!("relgraph: error: {origin}: {e}; skipped");
            }
        });
    }

    /// Writes a chunk of outcomes in one transaction.
    fn write(&mut self, store: &mut Store, pb: &ProgressBar, chunk: Vec<Outcome>) -> Result<()> {
        let mut ready = Vec::new();
        for o in chunk {
            match o {
                Outcome::Ready { origin, meta, graph, warning } => {
                    self.report(pb, &origin, warning.as_deref(), None);
                    ready.push((meta, graph));
                }
                Outcome::Known { origin, warning } => {
                    self.report(pb, &origin, warning.as_deref(), None);
                    self.unchanged += 1;
                }
                Outcome::Empty { origin } => {
                    self.report(pb, &origin, Some("empty document; skipped"), None);
                    self.empty += 1;
                }
                Outcome::Failed { origin, message } => {
                    self.report(pb, &origin, None, Some(&message));
                    self.failed += 1;
                }
            }
        }
        let outcomes = store
            .add_documents(ready.iter().map(|(m, g)| (m, g)))
            .with_context(|| format!("cannot write to {}", store.path().display()))?;
        for ((meta, _), o) in ready.iter().zip(outcomes) {
            match o {
                AddOutcome::Added => self.added += 1,
                AddOutcome::Replaced => self.replaced += 1,
                AddOutcome::Unchanged => self.unchanged += 1,
            }
            if o != AddOutcome::Unchanged {
                self.words += meta.words;
            }
        }
        Ok(())
    }
}

/// Runs the command.
pub fn run(args: Args) -> Result<()> {
    let started = Instant::now();
    let mut store = Store::open(&args.db).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut counts = Counts::default();
    if let Some(frag) = &args.from_fragments {
        from_fragments(frag, &mut store, &mut counts, args.batch as usize)?;
    } else {
        let mut sources = Vec::new();
        for input in &args.inputs {
            match expand(input) {
                Ok(s) => sources.extend(s),
                Err(e) => {
                    eprintln!("relgraph: error: {e}");
                    counts.failed += 1;
                }
            }
        }
        store = extract_all(&args, sources, store, &mut counts)?;
    }
    summary(&store, &counts, started)
}

fn extract_all(args: &Args, sources: Vec<Source>, store: Store, counts: &mut Counts) -> Result<Store> {
    let res = Resources::get();
    let opts = Options { min_confidence: args.min_confidence };
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = args.threads {
        builder = builder.num_threads(n.max(1));
    }
    let pool = builder.build().context("cannot start the extraction threads")?;
    let stored = store.hashes().map_err(|e| anyhow::anyhow!("{e}"))?;
    let pb = super::progress::documents(count_documents(&sources));
    let reader = Reader { sources: sources.into(), lines: None, ids: HashMap::new() };
    let (tx, rx) = sync_channel::<(Vec<Outcome>, u64)>(2);
    let writer_pb = pb.clone();
    let writer = std::thread::spawn(move || -> Result<(Counts, Store)> {
        let mut store = store;
        let mut c = Counts::default();
        let clock = Instant::now();
        let (mut words, mut docs) = (0u64, 0u64);
        for (chunk, chunk_words) in rx {
            let n = chunk.len() as u64;
            c.write(&mut store, &writer_pb, chunk)?;
            words += chunk_words;
            docs += n;
            writer_pb.inc(n);
            let secs = clock.elapsed().as_secs_f64().max(1e-3);
            writer_pb.set_message(format!("{:.0} docs/s, {:.0} words/s", docs as f64 / secs, words as f64 / secs));
        }
        Ok((c, store))
    });
    let chunk_size = args.batch as usize;
    let mut chunk: Vec<Item> = Vec::with_capacity(chunk_size);
    let mut reader = reader.peekable();
    let mut send_failed = false;
    while reader.peek().is_some() {
        chunk.extend(reader.by_ref().take(chunk_size));
        let items = std::mem::take(&mut chunk);
        let outcomes: Vec<Outcome> = pool.install(|| {
            items
                .into_par_iter()
                .map(|it| match it {
                    Item::Doc(raw) => process(raw, res, opts, &stored),
                    Item::Bad { origin, message } => Outcome::Failed { origin, message },
                })
                .collect()
        });
        let words = outcomes
            .iter()
            .map(|o| if let Outcome::Ready { meta, .. } = o { meta.words } else { 0 })
            .sum();
        if tx.send((outcomes, words)).is_err() {
            send_failed = true;
            break;
        }
    }
    drop(tx);
    let joined = writer.join().map_err(|_| anyhow::anyhow!("the store writer thread failed"))?;
    pb.finish_and_clear();
    let (c, store) = joined?;
    if send_failed {
        bail!("the store writer stopped early");
    }
    counts.added += c.added;
    counts.replaced += c.replaced;
    counts.unchanged += c.unchanged;
    counts.empty += c.empty;
    counts.failed += c.failed;
    counts.words += c.words;
    Ok(store)
}

fn from_fragments(input: &str, store: &mut Store, counts: &mut Counts, batch: usize) -> Result<()> {
    let (name, reader): (String, Box<dyn BufRead>) = if input == "-" {
        ("stdin".into(), Box::new(BufReader::new(std::io::stdin())))
    } else {
        let f = std::fs::File::open(input).with_context(|| format!("cannot read fragments file {input}"))?;
        (input.to_string(), Box::new(BufReader::new(f)))
    };
    let pb = super::progress::documents(None);
    let mut chunk = Vec::with_capacity(batch);
    let flush = |chunk: &mut Vec<Outcome>, store: &mut Store, counts: &mut Counts| -> Result<()> {
        let n = chunk.len() as u64;
        counts.write(store, &pb, std::mem::take(chunk))?;
        pb.inc(n);
        Ok(())
    };
    for (i, line) in reader.lines().enumerate() {
        let origin = format!("{name}:{}", i + 1);
        let line = line.with_context(|| format!("cannot read {origin}"))?;
        if line.trim().is_empty() {
            continue;
        }
        let outcome = match parse_fragment(&line) {
            Ok(f) => Outcome::Ready { origin, meta: f.meta, graph: f.graph, warning: None },
            Err(e) => match serde_json::from_str::<serde_json::Value>(&line).ok().and_then(|v| v.get("error").cloned()) {
                Some(err) => Outcome::Failed { origin, message: format!("extraction failed upstream: {err}") },
                None => Outcome::Failed { origin, message: e.to_string() },
            },
        };
        chunk.push(outcome);
        if chunk.len() >= batch {
            flush(&mut chunk, store, counts)?;
        }
    }
    flush(&mut chunk, store, counts)?;
    pb.finish_and_clear();
    Ok(())
}

fn summary(store: &Store, c: &Counts, started: Instant) -> Result<()> {
    let stats = store.stats().map_err(|e| anyhow::anyhow!("{e}"))?;
    let secs = started.elapsed().as_secs_f64().max(1e-3);
    let done = c.added + c.replaced;
    eprintln!(
        "documents: {} added, {} replaced, {} unchanged (already stored), {} empty, {} failed\n\
         store {}: {} documents, {} entities, {} relations ({} denied), {} evidence\n\
         {} words in {:.1} s: {:.0} words/s, {:.1} documents/s",
        c.added,
        c.replaced,
        c.unchanged,
        c.empty,
        c.failed,
        store.path().display(),
        stats.documents,
        stats.entity_total(),
        stats.relation_total(),
        stats.negated,
        stats.evidence,
        c.words,
        secs,
        c.words as f64 / secs,
        done as f64 / secs,
    );
    if c.failed > 0 {
        bail!("{} input{} failed (see the messages above)", c.failed, if c.failed == 1 { "" } else { "s" });
    }
    Ok(())
}
