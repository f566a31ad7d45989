//! Progress bars on standard error for long runs. They are drawn only when
//! standard error is a terminal, so logs and pipes get no bar characters.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

/// A bar counting documents (`len` of them), or a spinner when the count is unknown.
pub fn documents(len: Option<u64>) -> ProgressBar {
    match len {
        Some(n) => styled(ProgressBar::new(n), "{elapsed_precise} [{bar:30}] {pos}/{len} docs, {msg}, ETA {eta}"),
        None => styled(ProgressBar::new_spinner(), "{spinner} {elapsed_precise} {pos} docs, {msg}"),
    }
}

/// A bar counting the bytes of one large input read so far (`len` in all).
pub fn bytes(len: u64) -> ProgressBar {
    styled(ProgressBar::new(len), "{elapsed_precise} [{bar:30}] {bytes}/{total_bytes} read, {bytes_per_sec}, ETA {eta}")
}

fn styled(pb: ProgressBar, template: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let style = ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar());
    pb.set_style(style.progress_chars("=> "));
    pb
}
