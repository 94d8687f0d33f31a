//! The reference server (`twostep-server`) as a child process: for `cargo xtask demo` and
//! the end-to-end tests over HTTP.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
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
    process::target_dir().join("debug/twostep-server")
}

/// An error that quotes the end of the server's log.
fn failed(what: &str, log: &Path) -> Error {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let mut tail: Vec<&str> = text.lines().rev().take(20).collect();
    tail.reverse();
    Error::new(format!(
        "twostep-server {what}; the end of {}:\n{}",
        log.display(),
        tail.join("\n")
    ))
}

/// A running reference server; killed when dropped.
pub struct Reference {
    child: Child,
    log: PathBuf,
    /// Its base URL, `http://127.0.0.1:PORT/`.
    pub url: String,
}

impl Reference {
    /// Starts the built server with `args` (which should include `--addr`), waits until it
    /// listens and checks that it accepts a connection. Its log goes to stderr when `quiet` is
    /// false, else to a file in the target folder that any error quotes.
    pub fn start(args: &[&str], quiet: bool) -> Result<Reference> {
        static STARTED: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = STARTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let log = process::target_dir().join(format!("twostep-server-{n}.log"));
        let stderr = if quiet {
            Stdio::from(std::fs::File::create(&log)?)
        } else {
            Stdio::inherit()
        };
        let mut child = command(&binary().to_string_lossy())
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .map_err(|e| Error::new(format!("cannot start twostep-server: {e}")))?;
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut sent = false;
            // Read bytes, not lines of UTF-8: stopping early would close the pipe under the
            // server, whose next print would then fail.
            let mut reader = BufReader::new(stdout);
            let mut line = Vec::new();
            while reader.read_until(b'\n', &mut line).is_ok_and(|n| n > 0) {
                let text = String::from_utf8_lossy(&line);
                if !sent && let Some(url) = text.strip_prefix(LISTENING) {
                    let _ = tx.send(url.trim().to_string());
                    sent = true;
                } else if !quiet {
                    print!("{text}");
                }
                line.clear();
            }
        });
        let url = match rx.recv_timeout(START_TIMEOUT) {
            Ok(url) => url,
            Err(_) => {
                let _ = child.kill();
                return Err(failed("did not say where it listens", &log));
            }
        };
        let addr = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        let server = Reference { child, log, url };
        if std::net::TcpStream::connect(&addr).is_err() {
            return Err(failed(
                &format!("does not accept connections on {addr}"),
                &server.log,
            ));
        }
        Ok(server)
    }

    /// Fails, quoting the server's log, if the server has exited.
    pub fn check_alive(&mut self) -> Result {
        match self.child.try_wait()? {
            None => Ok(()),
            Some(status) => Err(failed(&format!("exited ({status})"), &self.log)),
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
