//! `relgraph parse`: prints the tokens, tags, lemmas and dependency parse of text files.

use anyhow::Context;
use rayon::prelude::*;
use relgraph::doc::Document;
use relgraph::resources::Resources;
use relgraph::syntax::Models;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

/// Output format.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// CoNLL-U, with `# text` lines.
    Conllu,
    /// A readable table per sentence.
    Text,
}

/// Arguments of `relgraph parse`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Text files to analyse.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Worker threads (documents are processed in parallel) [default: all cores].
    #[arg(long)]
    threads: Option<usize>,
    /// Only time tokenize+tag+parse and print throughput to stderr (no output).
    #[arg(long, hide = true)]
    bench: bool,
}

fn analyse(path: &PathBuf, models: &Models, r: &Resources) -> anyhow::Result<Document> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let (text, _) = relgraph::ingest::decode(&bytes);
    let id = path.file_stem().map_or_else(|| "doc".into(), |s| s.to_string_lossy().into_owned());
    let mut doc = relgraph::ingest::ingest(&id, text, &r.furniture);
    relgraph::text::segment(&mut doc, &r.lexicon.abbreviations);
    models.analyze_all(&mut doc.sentences);
    Ok(doc)
}

fn render(doc: &Document, format: Format, out: &mut String) {
    use std::fmt::Write as _;
    for (i, s) in doc.sentences.iter().enumerate() {
        let text = doc.slice(s.span);
        match format {
            Format::Conllu => {
                relgraph::syntax::conllu::write_sentence(out, s, Some(&format!("{}-{}", doc.id, i + 1)), Some(text))
            }
            Format::Text => {
                let _ = writeln!(out, "# {}", text.replace('\n', " "));
                for (k, t) in s.tokens.iter().enumerate() {
                    let head = t.head.map_or("ROOT".to_string(), |h| format!("{} {}", h + 1, s.tokens[h].form));
                    let _ = writeln!(
                        out,
                        "{:>3} {:<18} {:<14} {:<5} {:<5} {:<12} <- {}",
                        k + 1,
                        t.form,
                        t.lemma,
                        t.upos.as_str(),
                        t.xpos,
                        t.deprel,
                        head
                    );
                }
                out.push('\n');
            }
        }
    }
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let t0 = Instant::now();
    let r = Resources::get();
    let load = t0.elapsed();
    let models = r.syntax.as_ref().context("no syntax models are embedded in this build (run `relgraph train all` and rebuild)")?;
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().context("starting worker threads")?;
    let t1 = Instant::now();
    let cpu0 = cpu_seconds();
    let docs: Vec<anyhow::Result<Document>> = pool.install(|| args.files.par_iter().map(|p| analyse(p, models, r)).collect());
    let elapsed = t1.elapsed();
    let cpu = cpu_seconds().zip(cpu0).map(|(a, b)| a - b);
    let mut failed = 0;
    let mut tokens = 0usize;
    let mut stdout = std::io::stdout().lock();
    for d in docs {
        match d {
            Ok(doc) => {
                tokens += doc.token_count();
                if !args.bench {
                    let mut out = String::new();
                    render(&doc, args.format, &mut out);
                    stdout.write_all(out.as_bytes()).context("writing output")?;
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("relgraph: error: {e:#}");
            }
        }
    }
    if args.bench {
        let per_cpu = cpu.map_or(String::new(), |c| format!(", {:.0} tokens per CPU-second", tokens as f64 / c.max(1e-9)));
        eprintln!(
            "threads {threads}: {tokens} tokens in {:.3} s = {:.0} tokens/s{per_cpu} (resources + model load {:.1} ms)",
            elapsed.as_secs_f64(),
            tokens as f64 / elapsed.as_secs_f64().max(1e-9),
            load.as_secs_f64() * 1e3
        );
    }
    anyhow::ensure!(failed == 0, "{failed} file(s) failed");
    Ok(())
}

/// CPU time (user + system) of this process so far, from `/proc/self/stat`
/// (Linux only; `None` elsewhere). Robust to other processes sharing the cores.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // fields after the parenthesised command name; utime and stime are fields 14 and 15
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
