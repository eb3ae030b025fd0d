//! `kassa-split INPUT.wasm OUT_DIR MAIN_MODULE`: splits the widget's linked wasm (built
//! with `--emit-relocs`) at its `#[wasm_split]` points. Writes `OUT_DIR/main.wasm` (the
//! first render, for wasm-bindgen), one `.wasm` per chunk, and `OUT_DIR/__wasm_split.js`,
//! which loads a chunk the first time the code in it is called. `MAIN_MODULE` is the
//! wasm-bindgen glue the loader imports `initSync` from, relative to `OUT_DIR`.
//!
//! Why a crate of its own: the splitter is a library (the one cargo-leptos uses), pinned
//! by the workspace's Cargo.lock like every other tool the build needs from crates.io.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out_dir, main_module] = args.as_slice() else {
        eprintln!("usage: kassa-split INPUT.wasm OUT_DIR MAIN_MODULE");
        return ExitCode::from(2);
    };
    match split(input, &PathBuf::from(out_dir), main_module) {
        Ok(chunks) => {
            for chunk in chunks {
                println!("{}", chunk.display());
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("kassa-split: {error:?}");
            ExitCode::FAILURE
        }
    }
}

fn split(input: &str, out_dir: &std::path::Path, main_module: &str) -> Result<Vec<PathBuf>, String> {
    let wasm = std::fs::read(input).map_err(|e| format!("{input}: {e}"))?;
    let main_out = out_dir.join("main.wasm");
    let mut options = wasm_split_cli_support::Options::new(&wasm);
    options.output_dir = out_dir;
    options.main_out_path = &main_out;
    options.main_module = main_module;
    let split = wasm_split_cli_support::transform(options).map_err(|e| format!("{e:?}"))?;
    Ok(split.split_modules)
}
