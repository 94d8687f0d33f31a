//! The reference server (`twostep-server`) as a child process: for `cargo xtask demo`, the
//! conformance stage and the end-to-end tests over HTTP; and the files a production-mode
//! server needs (a signing key, a hosts file with a fresh API key, a directory whose test
//! user has an app secret xtask knows).

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

/// Builds the server as it ships: the `server` profile (release, with unwinding, so a
/// panicking request answers 500 and the others live; the bundle keeps `panic = "abort"`).
pub fn build_release() -> Result {
    process::run(process::cargo().args(["build", "--profile", "server", "-p", "twostep-server"]))
}

/// The server built by [`build_release`].
pub const RELEASE_SERVER: Program = Program {
    name: "twostep-server-release",
    binary: || process::target_dir().join("server/twostep-server"),
    listening: LISTENING,
};

/// The stdout of the built server run with `args` (a subcommand such as `new-signing-key`).
fn output_of(args: &[&str]) -> Result<String> {
    let out = command(&binary().to_string_lossy())
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| Error::new(format!("cannot run twostep-server: {e}")))?;
    if !out.status.success() {
        return Err(Error::new(format!(
            "twostep-server {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The test user of [`ProductionFiles`].
pub const TEST_USER: &str = "conformance@twostep.test";
/// The issuer of a production-mode server started with [`ProductionFiles`].
pub const TEST_ISSUER: &str = "https://conformance.twostep.test";
/// The audience of the one host in the hosts file of [`ProductionFiles`].
pub const TEST_AUDIENCE: &str = "https://host.conformance.twostep.test";

/// What a production-mode reference server needs, freshly made in a folder: a signing key
/// (`new-signing-key`), a hosts file with one host and its new API key (`new-api-key`), and
/// a directory with [`TEST_USER`], whose app secret is random and known here.
pub struct ProductionFiles {
    /// The signing key, a PKCS#8 PEM file.
    pub signing_key: PathBuf,
    /// The hosts file, with one host ([`TEST_AUDIENCE`]) and [`ProductionFiles::api_key`].
    pub hosts: PathBuf,
    directory: PathBuf,
    /// The host's API key.
    pub api_key: String,
    /// The test user's app secret, in base32.
    pub totp_secret: String,
    /// The delivery hook's secret file.
    pub hook_secret: PathBuf,
    /// Where the delivery hook listens ([`accept_deliveries`]).
    pub hook_url: String,
}

/// A delivery hook on loopback that takes every delivery (answers 204) and keeps nothing; its
/// URL. For the conformance stage, which reads codes from the app, never from texts.
pub fn accept_deliveries() -> Result<String> {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let url = format!("http://{}/hook", listener.local_addr()?);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
                if line == "\r\n" {
                    break;
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let _ = (&stream).write_all(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
        }
    });
    Ok(url)
}

impl ProductionFiles {
    /// Writes the files into `dir` (replacing what an earlier run left there).
    pub fn write(dir: &Path) -> Result<ProductionFiles> {
        std::fs::create_dir_all(dir)?;
        let signing_key = dir.join("signing-key.pem");
        std::fs::write(&signing_key, output_of(&["new-signing-key"])?)?;
        let made = output_of(&[
            "new-api-key",
            "--name",
            "conformance",
            "--audience",
            TEST_AUDIENCE,
        ])?;
        let mut lines = made.lines();
        let (Some(api_key), Some(entry)) = (lines.next(), lines.next()) else {
            return Err(Error::new(format!("new-api-key printed {made:?}")));
        };
        let hosts = dir.join("hosts.json");
        std::fs::write(&hosts, format!("{{\"hosts\": [{entry}]}}\n"))?;
        let totp_secret = base32(&random_bytes::<20>()?);
        let directory = dir.join("directory.json");
        std::fs::write(
            &directory,
            format!(
                r#"{{"users": [{{
  "email": "{TEST_USER}", "default_method": "sms-1", "number_matching": true,
  "methods": [
    {{"id": "sms-1", "kind": "sms", "phone": "+1 555 0100 199"}},
    {{"id": "push", "kind": "push"}},
    {{"id": "totp", "kind": "totp", "secret": "{totp_secret}"}}
  ]
}}]}}
"#
            ),
        )?;
        let hook_secret = dir.join("hook-secret");
        std::fs::write(&hook_secret, base32(&random_bytes::<32>()?))?;
        Ok(ProductionFiles {
            hook_secret,
            hook_url: accept_deliveries()?,
            signing_key,
            hosts,
            directory,
            api_key: api_key.trim().to_owned(),
            totp_secret,
        })
    }

    /// The server's arguments: production mode with these files, [`TEST_ISSUER`], a free
    /// loopback port.
    pub fn server_args(&self) -> Vec<String> {
        let path = |p: &PathBuf| p.to_string_lossy().into_owned();
        vec![
            "--addr".into(),
            "127.0.0.1:0".into(),
            "--signing-key".into(),
            path(&self.signing_key),
            "--hosts".into(),
            path(&self.hosts),
            "--directory".into(),
            path(&self.directory),
            "--issuer".into(),
            TEST_ISSUER.into(),
            "--delivery-url".into(),
            self.hook_url.clone(),
            "--delivery-secret-file".into(),
            path(&self.hook_secret),
        ]
    }
}

/// `N` bytes from the operating system's random source.
fn random_bytes<const N: usize>() -> Result<[u8; N]> {
    use std::io::Read;
    let mut bytes = [0u8; N];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut bytes)?;
    Ok(bytes)
}

/// RFC 4648 base32 without padding, as TOTP secrets are written.
fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    for chunk in bytes.chunks(5) {
        let mut buf = [0u8; 5];
        buf[..chunk.len()].copy_from_slice(chunk);
        let n = buf.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
        let chars = (chunk.len() * 8).div_ceil(5);
        for i in 0..chars {
            out.push(char::from(ALPHABET[((n >> (35 - 5 * i)) & 31) as usize]));
        }
    }
    out
}

/// A server program xtask runs as a child: the reference server, or the host example.
pub struct Program {
    /// Its name, for messages and its log file.
    name: &'static str,
    /// Where `cargo build` puts it.
    binary: fn() -> PathBuf,
    /// The line it prints once it listens, before its URL.
    listening: &'static str,
}

/// The reference server.
pub const SERVER: Program = Program {
    name: "twostep-server",
    binary,
    listening: LISTENING,
};

/// The host example (`examples/host-server`).
pub const HOST: Program = Program {
    name: "twostep-host-server",
    binary: || process::target_dir().join("debug/twostep-host-server"),
    listening: "twostep-host-server listening on ",
};

/// Builds the host example (debug profile, like the server).
pub fn build_host() -> Result {
    process::run(process::cargo().args(["build", "-p", "twostep-host-server"]))
}

/// An error that quotes the end of a server's log.
fn failed(name: &str, what: &str, log: &Path) -> Error {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let mut tail: Vec<&str> = text.lines().rev().take(20).collect();
    tail.reverse();
    Error::new(format!(
        "{name} {what}; the end of {}:\n{}",
        log.display(),
        tail.join("\n")
    ))
}

/// A running server (the reference server unless started with [`Reference::spawn`]);
/// killed when dropped.
pub struct Reference {
    name: &'static str,
    child: Child,
    log: PathBuf,
    /// Its base URL, `http://127.0.0.1:PORT/`.
    pub url: String,
}

impl Reference {
    /// Sends `request` (a whole HTTP/1.1 request, `Connection: close`) to the server and
    /// returns the whole answer as text.
    pub fn raw(&self, request: &str) -> Result<String> {
        use std::io::{Read, Write};
        let addr = self.url.trim_start_matches("http://").trim_end_matches('/');
        let mut stream = std::net::TcpStream::connect(addr)?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        stream.write_all(request.as_bytes())?;
        let mut answer = String::new();
        stream.read_to_string(&mut answer)?;
        Ok(answer)
    }

    /// Starts the built reference server with `args` (which should include `--addr`); see
    /// [`Reference::spawn`].
    pub fn start(args: &[&str], quiet: bool) -> Result<Reference> {
        Reference::spawn(&SERVER, args, &[], quiet)
    }

    /// Starts the built `program` with `args` and the environment `env`, waits until it
    /// listens and checks that it accepts a connection. Its log goes to stderr when `quiet` is
    /// false, else to a file in the target folder that any error quotes.
    pub fn spawn(
        program: &Program,
        args: &[&str],
        env: &[(&str, &str)],
        quiet: bool,
    ) -> Result<Reference> {
        static STARTED: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = STARTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let name = program.name;
        let log = process::target_dir().join(format!("{name}-{n}.log"));
        let stderr = if quiet {
            Stdio::from(std::fs::File::create(&log)?)
        } else {
            Stdio::inherit()
        };
        let mut child = command(&(program.binary)().to_string_lossy())
            .args(args)
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .map_err(|e| Error::new(format!("cannot start {name}: {e}")))?;
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = mpsc::channel();
        let listening = program.listening;
        std::thread::spawn(move || {
            let mut sent = false;
            // Read bytes, not lines of UTF-8: stopping early would close the pipe under the
            // server, whose next print would then fail.
            let mut reader = BufReader::new(stdout);
            let mut line = Vec::new();
            while reader.read_until(b'\n', &mut line).is_ok_and(|n| n > 0) {
                let text = String::from_utf8_lossy(&line);
                if !sent && let Some(url) = text.strip_prefix(listening) {
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
                return Err(failed(name, "did not say where it listens", &log));
            }
        };
        let addr = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        let server = Reference {
            name,
            child,
            log,
            url,
        };
        if std::net::TcpStream::connect(&addr).is_err() {
            return Err(failed(
                name,
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
            Some(status) => Err(failed(self.name, &format!("exited ({status})"), &self.log)),
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

#[cfg(test)]
mod tests {
    use super::base32;

    #[test]
    fn base32_follows_rfc_4648() {
        assert_eq!(base32(b""), "");
        assert_eq!(base32(b"f"), "MY");
        assert_eq!(base32(b"fooba"), "MZXW6YTB");
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
    }
}
