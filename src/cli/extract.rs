//! `relgraph extract`: one graph per input text.

use anyhow::{bail, Context, Result};
use relgraph::export::{graph_bytes, write_graph, DotOptions, Format};
use relgraph::ingest::{InputError, ReadOptions};
use relgraph::pipeline::{extract_document, Options};
use relgraph::resources::Resources;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Arguments of `relgraph extract`.
#[derive(clap::Args, Debug)]
#[command(after_help = "EXAMPLES:\n  \
    relgraph extract article.txt                      graph JSON on stdout\n  \
    relgraph extract article.txt -o graph.json\n  \
    relgraph extract a.txt b.txt c.txt -o graphs/     graphs/a.json, graphs/b.json, ...\n  \
    cat article.txt | relgraph extract - --format dot\n  \
    relgraph extract article.txt --min-confidence 0.7 --timings\n  \
    relgraph extract --jsonl < docs.jsonl > fragments.jsonl   one graph fragment per line\n  \
    relgraph extract page.html -o page.json           an HTML page: its article text\n\n\
    HTML: scripts, styles, navigation, page headers and footers, asides and figures are \
    dropped; block elements (p, h1-h6, li, blockquote, div, br, ...) end paragraphs; entities \
    are decoded. Mention and evidence offsets (in characters) then index that extracted text, \
    not the HTML source. A text larger than 1 MB is extracted in pieces cut at paragraph \
    breaks, in bounded memory; offsets still index the whole text, and coreference and \
    relations do not cross a cut.\n\n\
    OUTPUT SAFETY: each output is written to a temporary file beside it and renamed into \
    place once whole, so an interrupted or failed run never leaves a truncated file. Several \
    inputs' files are not flushed to disk one by one (a flush per file would take much of \
    the run's time); add --sync when they must also survive a power cut. One output file \
    (-o graph.json) is always flushed.\n\n\
    PROGRESS: on a terminal, a bar on stderr shows the documents done (several inputs) or \
    the bytes read (one large file); logs and pipes get no bar.")]
pub struct Args {
    /// Text files or HTML pages to read (`-` reads standard input). An HTML page (.html,
    /// .htm, .xhtml, or text starting with <!doctype html> or <html>) is reduced to its
    /// article text, and every offset in the output refers to that text.
    #[arg(required_unless_present = "jsonl")]
    pub inputs: Vec<String>,
    /// Output file (one input) or directory (several inputs); stdout when absent.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Output format (default: from the -o extension, else json).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Draw denied (negated) relations too, dotted, in dot/svg/png/pdf output.
    #[arg(long)]
    pub show_negated: bool,
    /// Drop edges whose confidence is below this (0 to 1).
    #[arg(long, default_value_t = 0.0)]
    pub min_confidence: f32,
    /// Print each sentence's mentions and what they resolve to on stderr.
    #[arg(long)]
    pub debug: bool,
    /// Reject invalid UTF-8 instead of decoding it with replacement characters, and a
    /// text with stray NUL bytes instead of reading them as white space.
    #[arg(long)]
    pub strict: bool,
    /// Worker threads for several inputs, and for the pieces of a very large one (default: all cores).
    #[arg(long, default_value_t = std::thread::available_parallelism().map_or(1, |n| n.get()))]
    pub threads: usize,
    /// Print words/s and the time spent in each stage to stderr, summed over
    /// documents: ingest, text (tokens and sentences), tags, parse, mentions,
    /// coref, relations, graph, export.
    #[arg(long)]
    pub timings: bool,
    /// With several inputs, flush each output file to disk before renaming it into place,
    /// so that it survives a power cut too (slower: a disk flush per file).
    #[arg(long)]
    pub sync: bool,
    /// Read JSON Lines documents ({"id", "text", "title"?, "url"?, "date"?}) on stdin and
    /// write one graph fragment per document (one line of compact node-link JSON) on stdout,
    /// for `relgraph build --from-fragments`.
    #[arg(long, conflicts_with_all = ["inputs", "output", "format", "debug"])]
    pub jsonl: bool,
}

/// Reads one input: decoded, and an HTML page reduced to its article text.
fn read_input(name: &str, strict: bool) -> Result<(String, String)> {
    let (id, bytes, html) = if name == "-" {
        let mut b = Vec::new();
        std::io::stdin().read_to_end(&mut b).context("cannot read standard input")?;
        ("stdin".to_string(), b, false)
    } else {
        let p = Path::new(name);
        let b = std::fs::read(p).with_context(|| format!("cannot read input file {name}"))?;
        let id = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| name.to_string());
        (id, b, relgraph::ingest::is_html_path(p))
    };
    let input = match relgraph::ingest::read_input(bytes, ReadOptions { html, strict }) {
        Ok(input) => input,
        Err(e) => return Err(input_error(name, e)),
    };
    for w in input.warnings() {
        eprintln!("relgraph: warning: {name}: {w}");
    }
    if input.text.trim().is_empty() {
        if input.html {
            bail!("{name}: the HTML page has no text outside its markup and page furniture; nothing to extract");
        }
        bail!("{name}: the file is empty (or only whitespace); nothing to extract");
    }
    Ok((id, input.text))
}

/// `--jsonl`: JSON Lines documents on stdin, graph fragments on stdout, in
/// input order; a bad record is reported on stderr and as an `{"error": ...}`
/// line (which `build --from-fragments` counts as failed).
fn run_jsonl(args: &Args) -> Result<()> {
    use super::build::{process, Outcome, Raw};
    use rayon::prelude::*;
    use std::io::{BufRead, Write};
    let res = Resources::get();
    let opts = Options { min_confidence: args.min_confidence };
    let none = std::collections::HashSet::new();
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut lines = stdin.lock().lines().enumerate();
    let mut failed = 0;
    loop {
        let mut chunk = Vec::new();
        for (i, line) in lines.by_ref() {
            let line = line.context("cannot read standard input")?;
            if !line.trim().is_empty() {
                chunk.push((i + 1, line));
            }
            if chunk.len() == 64 {
                break;
            }
        }
        if chunk.is_empty() {
            break;
        }
        let results: Vec<Outcome> = chunk
            .into_par_iter()
            .map(|(n, line)| {
                let origin = format!("stdin:{n}");
                match serde_json::from_str::<relgraph::store::corpus::Record>(&line) {
                    Ok(r) => process(Raw::from_record(r, format!("stdin-{n}"), origin), res, opts, &none),
                    Err(e) => Outcome::Failed { origin, message: format!("not a JSON Lines document record: {e}") },
                }
            })
            .collect();
        for r in results {
            let line = match r {
                Outcome::Ready { origin, meta, graph, warning } => {
                    if let Some(w) = warning {
                        eprintln!("relgraph: warning: {origin}: {w}");
                    }
                    relgraph::store::write_fragment(&meta, &graph)
                }
                Outcome::Known { .. } => continue,
                Outcome::Empty { origin } => {
                    eprintln!("relgraph: warning: {origin}: empty document; skipped");
                    continue;
                }
                Outcome::Failed { origin, message } => {
                    eprintln!("relgraph: error: {origin}: {message}; skipped");
                    failed += 1;
                    serde_json::json!({"error": message, "origin": origin}).to_string()
                }
            };
            match writeln!(out, "{line}") {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
                r => r.context("cannot write to stdout")?,
            }
        }
    }
    match out.flush() {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        r => r.context("cannot write to stdout")?,
    }
    if failed > 0 {
        bail!("{failed} document{} failed", if failed == 1 { "" } else { "s" });
    }
    Ok(())
}

/// The message for an input that cannot be read as text.
fn input_error(name: &str, e: InputError) -> anyhow::Error {
    match e {
        InputError::Binary => anyhow::anyhow!("{name}: looks like a binary file, not text; skipped"),
        InputError::InvalidUtf8(off) => anyhow::anyhow!("{name}: invalid UTF-8 at byte {off} (rejected because of --strict)"),
        InputError::Nul(off) => anyhow::anyhow!("{name}: NUL byte at byte {off} (rejected because of --strict)"),
    }
}

/// A file to read piece by piece ([`relgraph::ingest::stream`]): a plain
/// UTF-8 text of more than one piece, so that it is never held whole. Other
/// inputs (standard input, HTML, UTF-16, binary, missing files) are read
/// whole by [`read_input`], which reports their errors.
fn open_stream(name: &str, chunk: usize) -> Result<Option<(String, std::fs::File)>> {
    use std::io::{Seek, SeekFrom};
    let p = Path::new(name);
    if name == "-" || relgraph::ingest::is_html_path(p) || !std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.len() > chunk as u64) {
        return Ok(None);
    }
    let mut f = std::fs::File::open(p).with_context(|| format!("cannot read input file {name}"))?;
    let mut head = Vec::with_capacity(8192);
    (&mut f).take(8192).read_to_end(&mut head).with_context(|| format!("cannot read input file {name}"))?;
    if !relgraph::ingest::stream::streamable(&head) {
        return Ok(None);
    }
    f.seek(SeekFrom::Start(0)).with_context(|| format!("cannot read input file {name}"))?;
    let id = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| name.to_string());
    Ok(Some((id, f)))
}

/// Extracts a file read piece by piece; also returns its number of words.
#[allow(clippy::too_many_arguments)]
fn extract_stream(
    name: &str,
    id: &str,
    file: std::fs::File,
    chunk: usize,
    strict: bool,
    res: &Resources,
    opts: Options,
    bar: bool,
    each: impl FnMut(&relgraph::pipeline::Extraction),
) -> Result<(relgraph::pipeline::DocumentGraph, usize)> {
    use relgraph::ingest::stream::{Pieces, StreamError};
    crate::return_memory_promptly();
    // the bytes read so far (pieces are read a few ahead of their extraction)
    let bar = if bar { super::progress::bytes(file.metadata().map_or(0, |m| m.len())) } else { indicatif::ProgressBar::hidden() };
    let mut pieces = Pieces::new(file, chunk, strict);
    let (mut words, mut text) = (0, false);
    let next = || {
        let p = pieces.next_piece();
        if let Ok(Some(t)) = &p {
            words += t.split_whitespace().count();
            text |= !t.trim().is_empty();
            bar.inc(t.len() as u64);
        }
        p
    };
    let ex = relgraph::pipeline::extract_pieces(id, next, res, opts, each).map_err(|e| match e {
        StreamError::Io(e) => anyhow::Error::new(e).context(format!("cannot read input file {name}")),
        StreamError::Input(e) => input_error(name, e),
    });
    bar.finish_and_clear();
    let ex = ex?;
    for w in pieces.warnings() {
        eprintln!("relgraph: warning: {name}: {w}");
    }
    if !text {
        bail!("{name}: the file is empty (or only whitespace); nothing to extract");
    }
    Ok((ex, words))
}

/// Adds the time since its start to a duration when dropped (whichever
/// way the export returns).
struct Export<'a>(&'a mut std::time::Duration, std::time::Instant);

impl Drop for Export<'_> {
    fn drop(&mut self) {
        *self.0 += self.1.elapsed();
    }
}

/// Runs the command.
pub fn run(args: Args) -> Result<()> {
    if args.jsonl {
        return run_jsonl(&args);
    }
    let res = Resources::get();
    let opts = Options { min_confidence: args.min_confidence };
    let several = args.inputs.len() > 1;
    if several {
        if let Some(dir) = &args.output {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create output directory {}", dir.display()))?;
        }
    }
    let format = match (args.format, &args.output) {
        (Some(f), _) => f,
        (None, Some(p)) if !several => Format::from_extension(p).unwrap_or(Format::Json),
        _ => Format::Json,
    };
    // files of several inputs are written (and renamed, synced with --sync)
    // by one writer thread, so that the workers go on extracting meanwhile
    // (at most 64 files wait in memory)
    let (to_writer, jobs) = std::sync::mpsc::sync_channel::<(usize, PathBuf, Vec<u8>)>(64);
    let durability = if args.sync { relgraph::util::Durability::Synced } else { relgraph::util::Durability::Atomic };
    let writer = std::thread::spawn(move || {
        let mut failed: Vec<(usize, anyhow::Error)> = Vec::new();
        for (i, path, bytes) in jobs {
            if let Err(e) = relgraph::util::write_atomic_as(&path, &bytes, durability) {
                failed.push((i, anyhow::Error::new(e).context(format!("cannot write {}", path.display()))));
            }
        }
        failed
    });
    // several inputs: a bar of documents done (one large input has its own bar of bytes read)
    let docs_bar = if several { super::progress::documents(Some(args.inputs.len() as u64)) } else { indicatif::ProgressBar::hidden() };
    docs_bar.set_message("extracting");
    let one = |(i, name): (usize, &String)| -> (Result<()>, relgraph::pipeline::Timings, usize) {
        let mut timings = relgraph::pipeline::Timings::default();
        let mut words = 0;
        let result = (|| -> Result<()> {
            let chunk = relgraph::ingest::chunk::chunk_bytes();
            let debug = |piece: &relgraph::pipeline::Extraction| {
                if args.debug {
                    eprint!("{}", relgraph::pipeline::debug_report(piece));
                }
            };
            let (id, ex) = match open_stream(name, chunk)? {
                Some((id, file)) => {
                    let (ex, n) = extract_stream(name, &id, file, chunk, args.strict, res, opts, !several, debug)?;
                    words = n;
                    (id, ex)
                }
                None => {
                    let (id, text) = read_input(name, args.strict)?;
                    words = text.split_whitespace().count();
                    if text.len() > chunk {
                        crate::return_memory_promptly();
                    }
                    let ex = extract_document(&id, text, res, opts, chunk, debug);
                    (id, ex)
                }
            };
            timings = ex.timings;
            let clock = std::time::Instant::now();
            // the time to serialise and hand over the graph (the writer thread writes it)
            let _export = Export(&mut timings.export, clock);
            let dot = DotOptions { show_negated: args.show_negated, layout: None, title: Some(id.clone()) };
            match (&args.output, several) {
                (None, _) => write_graph(&ex.graph, format, &dot, None),
                (Some(dir), true) => {
                    let path = dir.join(format!("{id}.{format}"));
                    if format.is_directory() {
                        return write_graph(&ex.graph, format, &dot, Some(&path)).with_context(|| format!("cannot write {}", path.display()));
                    }
                    let bytes = graph_bytes(&ex.graph, format, &dot).with_context(|| format!("cannot write {}", path.display()))?;
                    to_writer.send((i, path, bytes)).map_err(|_| anyhow::anyhow!("the output writer stopped"))
                }
                (Some(path), false) => write_graph(&ex.graph, format, &dot, Some(path)).with_context(|| format!("cannot write {}", path.display())),
            }
        })();
        docs_bar.inc(1);
        docs_bar.set_message(format!("{name} done"));
        (result, timings, words)
    };
    let clock = std::time::Instant::now();
    // several inputs go to separate files, so they are extracted in parallel;
    // the pieces of a very large input are extracted in parallel too
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.threads.max(1)).build().context("cannot start worker threads")?;
    let results: Vec<(Result<()>, relgraph::pipeline::Timings, usize)> = pool.install(|| {
        if several && args.output.is_some() && !args.debug {
            use rayon::prelude::*;
            // largest inputs first, one at a time, so that no large input starts
            // last and leaves the other workers idle (results stay in input order)
            let mut order: Vec<usize> = (0..args.inputs.len()).collect();
            order.sort_by_key(|&i| std::cmp::Reverse(std::fs::metadata(&args.inputs[i]).map_or(0, |m| m.len())));
            let mut done: Vec<(usize, _)> = order.par_iter().with_max_len(1).map(|&i| (i, one((i, &args.inputs[i])))).collect();
            done.sort_by_key(|d| d.0);
            done.into_iter().map(|d| d.1).collect()
        } else {
            args.inputs.iter().enumerate().map(one).collect()
        }
    });
    docs_bar.finish_and_clear();
    drop(to_writer);
    let mut results = results;
    for (i, e) in writer.join().unwrap_or_default() {
        results[i].0 = Err(e);
    }
    let mut failed = 0;
    let mut total = relgraph::pipeline::Timings::default();
    let mut words = 0;
    for (r, t, w) in results {
        total += t;
        words += w;
        if let Err(e) = r {
            eprintln!("relgraph: error: {e:#}");
            failed += 1;
        }
    }
    if args.timings {
        let secs = clock.elapsed().as_secs_f64();
        eprintln!("{} documents, {words} words in {secs:.3} s: {:.0} words/s", args.inputs.len(), words as f64 / secs.max(1e-9));
    }
    if args.timings {
        eprintln!("{total:#?}");
    }
    if failed > 0 {
        bail!("{failed} of {} inputs failed", args.inputs.len());
    }
    Ok(())
}
