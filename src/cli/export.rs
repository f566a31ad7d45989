//! `relgraph export` (not implemented yet).

/// Arguments of `relgraph export`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("'export' is not implemented yet")
}
