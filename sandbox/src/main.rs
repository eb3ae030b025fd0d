//! `kassa-sandbox [--addr 127.0.0.1:8787] [--db data/sandbox.sqlite] [--root DIR] [--faults]`
//!
//! `--faults` turns on `POST /v1/sandbox/faults` (fault injection for tests).
//! Prints `listening on http://ADDR` once it accepts connections (with `--addr
//! 127.0.0.1:0` the printed address carries the port the system chose).

use std::path::PathBuf;
use std::process::ExitCode;

use kassa_sandbox::{app, AppState, Store};

struct Options {
    addr: String,
    db: PathBuf,
    root: PathBuf,
    faults: bool,
}

const USAGE: &str = "usage: kassa-sandbox [--addr HOST:PORT] [--db FILE] [--root DIR] [--faults]";

fn parse_args() -> Result<Options, String> {
    // The repository root: where index.html, www/ and pkg/ live.
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut options = Options {
        addr: "127.0.0.1:8787".into(),
        db: repo.join("data").join("sandbox.sqlite"),
        root: repo,
        faults: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--addr" => options.addr = value()?,
            "--db" => options.db = value()?.into(),
            "--root" => options.root = value()?.into(),
            "--faults" => options.faults = true,
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown option {other}\n{USAGE}")),
        }
    }
    Ok(options)
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(o) => o,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let store = match Store::open(&options.db) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("kassa-sandbox: cannot open {}: {e}", options.db.display());
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(&options.addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("kassa-sandbox: cannot listen on {}: {e}", options.addr);
            return ExitCode::FAILURE;
        }
    };
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("kassa-sandbox: {e}");
            return ExitCode::FAILURE;
        }
    };
    let base_url = format!("http://{addr}");
    let mut state = AppState::new(store, options.root, base_url.clone());
    if options.faults {
        state = state.with_faults();
    }
    println!("listening on {base_url}");
    let serve = axum::serve(listener, app(state)).with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    });
    if let Err(e) = serve.await {
        eprintln!("kassa-sandbox: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
