//! `--static-dir`: files outside `/v1` and `/dev`, with the security headers.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use twostep_protocol::CONTENT_SECURITY_POLICY as CONTENT_SECURITY_POLICY_VALUE;

use crate::common::{dev_config, server};

/// A fresh directory with an index page and a script.
fn site() -> PathBuf {
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "twostep-server-static-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(dir.join("v1")).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>login</title>",
    )
    .unwrap();
    std::fs::write(dir.join("boot.js"), "console.log('hi')").unwrap();
    std::fs::write(dir.join("v1").join("start"), "not the API").unwrap();
    dir
}

#[tokio::test]
async fn files_are_served_with_no_store_and_the_csp() {
    let dir = site();
    let mut config = dev_config();
    config.static_dir = Some(dir.clone());
    let s = server(config).await;

    let index = s.get("/").await;
    assert_eq!(index.status, 200);
    assert!(index.body.contains("<title>login</title>"));
    assert!(
        index
            .header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    let js = s.get("/boot.js").await;
    assert_eq!(js.status, 200);
    assert_eq!(js.body, "console.log('hi')");
    for r in [&index, &js] {
        assert_eq!(r.header("cache-control"), Some("no-store"));
        assert_eq!(
            r.header("content-security-policy"),
            Some(CONTENT_SECURITY_POLICY_VALUE)
        );
        assert!(r.header("x-correlation-id").is_some());
    }

    s.get("/missing.js").await.error(404, "bad_request");
    // The API prefix is never served from the directory.
    s.get("/v1/start").await.error(405, "bad_request");
    s.get("/v1/other").await.error(404, "bad_request");
    std::fs::remove_dir_all(dir).unwrap();
}
