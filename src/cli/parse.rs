//! `relgraph parse` (not implemented yet).

/// Arguments of `relgraph parse`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("'parse' is not implemented yet")
}
