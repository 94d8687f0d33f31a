//! The reference server (`twostep-server`) as a child process: for `cargo xtask demo` and
//! the end-to-end tests over HTTP.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::process::{self, command};
use crate::{Error, Result};

/// How long the server may take to say where it listens.
const START_TIMEOUT: Duration = Duration::from_secs(60);
/// The line the server prints once it listens, before its URL.
const LISTENING: &str = "twostep-server listening on ";

/// Builds the server (debug profile: it is for the demo and tests).
pub fn build() -> Result {
    process::run(process::cargo().args(["build", "-p", "twostep-server"]))
}

fn binary() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| process::root().join("target"))
        .join("debug/twostep-server")
}

/// A running reference server; killed when dropped.
pub struct Reference {
    child: Child,
    /// Its base URL, `http://127.0.0.1:PORT/`.
    pub url: String,
}

impl Reference {
    /// Starts the built server with `args` (which should include `--addr`) and waits until it
    /// listens. Its log goes to stderr only when `quiet` is false.
    pub fn start(args: &[&str], quiet: bool) -> Result<Reference> {
        let mut child = command(&binary().to_string_lossy())
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(if quiet {
                Stdio::null()
            } else {
                Stdio::inherit()
            })
            .spawn()
            .map_err(|e| Error::new(format!("cannot start twostep-server: {e}")))?;
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut sent = false;
            for line in BufReader::new(stdout)
                .lines()
                .map_while(std::result::Result::ok)
            {
                if !sent && let Some(url) = line.strip_prefix(LISTENING) {
                    let _ = tx.send(url.trim().to_string());
                    sent = true;
                } else if !quiet {
                    println!("{line}");
                }
            }
        });
        match rx.recv_timeout(START_TIMEOUT) {
            Ok(url) => Ok(Reference { child, url }),
            Err(_) => {
                let _ = child.kill();
                Err(Error::new("twostep-server did not say where it listens"))
            }
        }
    }

    /// Waits until the server exits (Ctrl-C).
    pub fn wait(mut self) -> Result {
        self.child.wait()?;
        Ok(())
    }
}

impl Drop for Reference {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
