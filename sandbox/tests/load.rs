//! A bounded load test on loopback: a real sandbox on 127.0.0.1:0, 200 sessions, each
//! sent 20 PATCHes one after another (as Kassa's update queue does), all sessions at
//! once. It asserts no 5xx and that every session ends in the state of its last
//! accepted PATCH, and prints requests per second and p50/p99 latency. The figures are
//! printed, never asserted: timing belongs to the bench, not to a test.

use std::time::{Duration, Instant};

use kassa_sandbox::catalog::ids;
use kassa_sandbox::{app, AppState, Store, SANDBOX_TOKEN};
use serde_json::json;

const SESSIONS: usize = 200;
const PATCHES: u32 = 20;

/// Run by `scripts/test.sh` as its own step, with `--ignored --nocapture`, so the
/// figures are printed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run by scripts/test.sh with --nocapture"]
async fn two_hundred_sessions_times_twenty_patches() {
    let dir = std::env::temp_dir().join(format!("kassa-load-{}", std::process::id()));
    let store = Store::open(&dir.join("sandbox.sqlite")).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let service = app(AppState::new(store, root, base.clone()));
    let server = tokio::spawn(async move { axum::serve(listener, service).await });
    let client =
        reqwest::Client::builder().pool_max_idle_per_host(SESSIONS).timeout(Duration::from_secs(30)).build().unwrap();

    let mut secrets = Vec::with_capacity(SESSIONS);
    for _ in 0..SESSIONS {
        let res = client
            .post(format!("{base}/v1/checkouts/"))
            .bearer_auth(SANDBOX_TOKEN)
            .json(&json!({"products": [ids::TEAM]}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
        let body: serde_json::Value = res.json().await.unwrap();
        secrets.push(body["client_secret"].as_str().unwrap().to_string());
    }

    let started = Instant::now();
    let tasks: Vec<_> = secrets
        .iter()
        .enumerate()
        .map(|(n, secret)| {
            let (client, url) = (client.clone(), format!("{base}/v1/checkouts/client/{secret}"));
            tokio::spawn(async move {
                let mut latencies = Vec::with_capacity(PATCHES as usize);
                let mut last = None;
                for i in 0..PATCHES {
                    let seats = 2 + (n as u32 + i) % 49;
                    let body = json!({"seats": seats, "customer_name": format!("buyer {n} edit {i}")});
                    let t = Instant::now();
                    let res = client.patch(&url).json(&body).send().await.unwrap();
                    latencies.push(t.elapsed());
                    let status = res.status().as_u16();
                    assert!(status < 500, "5xx on {url}: {status}");
                    if status == 200 {
                        last = Some(body);
                    }
                }
                (url, last.unwrap(), latencies)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut finals = Vec::new();
    for t in tasks {
        let (url, last, l) = t.await.unwrap();
        latencies.extend(l);
        finals.push((url, last));
    }
    let elapsed = started.elapsed();

    for (url, last) in finals {
        let state: serde_json::Value = client.get(&url).send().await.unwrap().json().await.unwrap();
        assert_eq!(state["seats"], last["seats"], "{url}");
        assert_eq!(state["customer_name"], last["customer_name"], "{url}");
    }
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "load: {} PATCHes over {SESSIONS} sessions in {:.2?}: {:.0} req/s, p50 {:.2?}, p99 {:.2?} (debug build)",
        latencies.len(),
        elapsed,
        latencies.len() as f64 / elapsed.as_secs_f64(),
        pct(0.50),
        pct(0.99),
    );
    server.abort();
    let _ = std::fs::remove_dir_all(&dir);
}
