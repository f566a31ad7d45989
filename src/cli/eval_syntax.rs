//! `relgraph eval-syntax` (not implemented yet).

/// Arguments of `relgraph eval-syntax`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("'eval-syntax' is not implemented yet")
}
