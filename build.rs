//! Builds the run-time images of the embedded tagger and parser models
//! (see `src/syntax/image.rs`), so that loading them at start-up is a copy
//! instead of building a hash table of a million features.
//!
//! Each `data/models/NAME.bin` gives `$OUT_DIR/NAME.images`: for each model
//! section of the file, in order, a little-endian `u64` length and the image.
//! A model file that cannot be converted gives an empty file: the models are
//! then built at load time, and reading reports the file's own error.

#[path = "src/syntax/image.rs"]
#[allow(dead_code)]
mod image;

use std::path::Path;

fn images_of(file: &[u8]) -> Result<Vec<u8>, &'static str> {
    let mut out = Vec::new();
    for range in image::model_sections(file)? {
        let s = &file[range];
        let u = |i: usize| u32::from_le_bytes([s[i], s[i + 1], s[i + 2], s[i + 3]]) as usize;
        let (n_classes, scale, nk, nw) = (u(0), f32::from_le_bytes([s[4], s[5], s[6], s[7]]), u(8), u(12));
        let (keys, rest) = s[16..].split_at(4 * nk);
        let (counts, rest) = rest.split_at(nk);
        let (classes, weights) = rest.split_at(nw);
        let parts = image::build(n_classes, scale, keys, counts, classes, weights)?;
        let img = image::encode(image::fingerprint(s), &parts);
        out.extend_from_slice(&(img.len() as u64).to_le_bytes());
        out.extend_from_slice(&img);
    }
    Ok(out)
}

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rerun-if-changed=src/syntax/image.rs");
    // the optimisation profile scripts/rustc-pgo gives to rustc: a new one recompiles the crate
    for path in ["data/pgo/relgraph.profdata", "data/pgo/llvm-version", "scripts/rustc-pgo"] {
        println!("cargo:rerun-if-changed={path}");
    }
    for name in ["tagger", "parser"] {
        let path = format!("data/models/{name}.bin");
        println!("cargo:rerun-if-changed={path}");
        let images = match std::fs::read(&path) {
            Ok(bytes) => images_of(&bytes).unwrap_or_else(|e| {
                println!("cargo:warning={path}: {e}; the model will be built at load time");
                Vec::new()
            }),
            Err(e) => {
                println!("cargo:warning={path}: {e}");
                Vec::new()
            }
        };
        std::fs::write(Path::new(&out_dir).join(format!("{name}.images")), images).expect("writing to OUT_DIR");
    }
}
