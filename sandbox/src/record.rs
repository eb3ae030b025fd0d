//! Recording for the contract tests: with `KASSA_CONTRACT_DIR` set, every API request and
//! its answer is appended to `{dir}/{process id}.jsonl` as
//! `{"method", "path", "status", "request", "response", "injected"}` (bodies as JSON,
//! `null` when empty or not JSON). `tests/contract/validate.js` then checks each answer,
//! and each accepted request, against Polar's OpenAPI document. Nothing is recorded
//! without the variable, and the demo never sets it.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{json, Value};

/// Marks an answer made by fault injection (`--faults`), not by the provider's rules.
#[derive(Clone, Copy, Debug)]
pub struct Injected;

/// Where records go, if anywhere.
#[derive(Clone, Default)]
pub struct Recorder(Option<Arc<Mutex<File>>>);

impl Recorder {
    /// The process's recorder, writing under `KASSA_CONTRACT_DIR`, or none when it is
    /// not set. One per process, so the apps of concurrent tests share its lock.
    pub fn from_env() -> Self {
        static RECORDER: OnceLock<Recorder> = OnceLock::new();
        RECORDER
            .get_or_init(|| {
                let Some(dir) = std::env::var_os("KASSA_CONTRACT_DIR").map(PathBuf::from) else { return Self(None) };
                let file = std::fs::create_dir_all(&dir).ok().and_then(|()| {
                    let name = dir.join(format!("{}.jsonl", std::process::id()));
                    OpenOptions::new().create(true).append(true).open(name).ok()
                });
                Self(file.map(|f| Arc::new(Mutex::new(f))))
            })
            .clone()
    }

    /// Whether records are written.
    pub fn enabled(&self) -> bool {
        self.0.is_some()
    }

    fn write(&self, record: &Value) {
        if let Some(file) = &self.0 {
            let line = format!("{record}\n");
            if let Ok(mut file) = file.lock() {
                let _ = file.write_all(line.as_bytes());
            }
        }
    }
}

/// Bodies are small; anything larger is not recorded as JSON.
const LIMIT: usize = 4 << 20;

fn as_json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap_or(Value::Null)
}

/// Middleware over the API routes: records each exchange when recording is on.
pub async fn record(State(recorder): State<Recorder>, request: Request, next: Next) -> Response {
    if !recorder.enabled() || !request.uri().path().starts_with("/v1/") {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let request_bytes = to_bytes(body, LIMIT).await.unwrap_or_default();
    let (method, path) = (parts.method.to_string(), parts.uri.path().to_string());
    let response = next.run(Request::from_parts(parts, Body::from(request_bytes.clone()))).await;
    let injected = response.extensions().get::<Injected>().is_some();
    let (parts, body) = response.into_parts();
    let response_bytes = to_bytes(body, LIMIT).await.unwrap_or_default();
    recorder.write(&json!({
        "method": method,
        "path": path,
        "status": parts.status.as_u16(),
        "request": as_json(&request_bytes),
        "response": as_json(&response_bytes),
        "injected": injected,
    }));
    Response::from_parts(parts, Body::from(response_bytes))
}
