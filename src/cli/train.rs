//! `relgraph train` (not implemented yet).

/// Arguments of `relgraph train`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("'train' is not implemented yet")
}
