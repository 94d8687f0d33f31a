//! The command line, parsed by hand.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use axum::http::HeaderValue;

use crate::config::Config;
use crate::directory::Directory;
use crate::hosts::Hosts;
use crate::signing::{PublicKey, SigningKey};
use twostep_protocol::MAX_ASSERTION_LIFETIME_SECS;

/// The address served when `--addr` is not given.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8460";

/// `--help`.
pub const USAGE: &str = "\
twostep-server: a reference backend for the twostep widget (HTTP contract v1)

USAGE:
    twostep-server [OPTIONS]
    twostep-server new-api-key --name NAME --audience AUDIENCE
                              print a new API key (line 1, shown once) and its hosts-file entry (line 2)
    twostep-server new-signing-key
                              print a new Ed25519 signing key (PKCS#8 PEM) for --signing-key

Without --dev, --signing-key, --issuer and --hosts are required.

OPTIONS:
    --addr ADDR               address to listen on [default: 127.0.0.1:8460]; port 0 picks a free one
    --dev                     development mode: mount /dev/sessions, /dev/outbox, /dev/answer and /dev/totp
                              (deliveries go to the outbox), let browsers start from a user_hint,
                              and make up a signing key and issuer when none is given
    --hosts FILE              the hosts whose servers may call POST /v1/sessions with an API key
                              [default: none]
    --signing-key FILE        the Ed25519 key (PKCS#8 PEM) assertions are signed with
                              [default: with --dev, a key generated at start]
    --previous-signing-key FILE
                              the key used before the current one (PKCS#8 or public PEM): its public
                              half stays in the JWKS so older assertions verify [default: none]
    --issuer URL              the assertions' iss, an https URL (http for loopback only)
                              [default: with --dev, http://ADDR as bound]
    --assertion-ttl-secs N    how long an assertion is valid, 1 to 300 [default: 120]
    --static-dir DIR          serve the files in DIR (index.html at /) outside /v1 and /dev
    --directory FILE          users and methods from FILE [default: the built-in demo directory]
    --cors-origin ORIGIN      allow browser calls from ORIGIN (repeatable), e.g. http://localhost:8080
    --window-secs N           verification window from start [default: 600]
    --code-ttl-secs N         how long a texted code works [default: 300]
    --resend-after-secs N     cool-down between texts to one method [default: 30]
    --max-attempts N          wrong codes before a lockout [default: 5]
    --lockout-secs N          length of a lockout [default: 60]
    --approval-ttl-secs N     how long a call or notification waits for an answer [default: 60]
    --remember-device-days N  offer to skip two-step verification on a device for N days
                              after verifying there; 0 makes no offer [default: 30]
    -h, --help                print this help

Logs go to stderr; RUST_LOG sets the filter (default: info).
";

/// What the command line asks for.
#[derive(Debug)]
pub enum Command {
    /// Print the help.
    Help,
    /// Serve.
    Serve(Box<Options>),
    /// Print a new API key and its hosts-file entry.
    NewApiKey {
        /// The host's name.
        name: String,
        /// The audience of its assertions.
        audience: String,
    },
    /// Print a new signing key as PKCS#8 PEM.
    NewSigningKey,
}

/// The options to serve with.
#[derive(Debug)]
pub struct Options {
    /// Where to listen.
    pub addr: SocketAddr,
    /// The directory file, if not the built-in one.
    pub directory: Option<PathBuf>,
    /// The hosts file, if any.
    pub hosts: Option<PathBuf>,
    /// The signing key's file, if any.
    pub signing_key: Option<PathBuf>,
    /// The previous signing key's file, if any.
    pub previous_signing_key: Option<PathBuf>,
    /// Every other setting (its `directory`, hosts and keys are the defaults
    /// until [`Options::into_config`] loads the files).
    pub config: Config,
}

impl Options {
    /// The settings, with the files loaded. Outside `--dev` a signing key,
    /// an issuer and a hosts file are required.
    pub fn into_config(self) -> Result<Config, String> {
        let mut config = self.config;
        if !config.dev {
            let missing: Vec<&str> = [
                ("--signing-key", self.signing_key.is_none()),
                ("--issuer", config.issuer.is_none()),
                ("--hosts", self.hosts.is_none()),
            ]
            .into_iter()
            .filter_map(|(name, missing)| missing.then_some(name))
            .collect();
            if !missing.is_empty() {
                return Err(format!(
                    "without --dev, {} must be given (see --help; new-signing-key and \
                     new-api-key make a key and a hosts-file entry)",
                    missing.join(", ")
                ));
            }
        }
        if let Some(path) = &self.directory {
            config.directory = Directory::load(path)?;
        }
        if let Some(path) = &self.hosts {
            config.hosts = Hosts::load(path)?;
        }
        if let Some(path) = &self.signing_key {
            config.signing_key = Some(SigningKey::load(path)?);
        }
        if let Some(path) = &self.previous_signing_key {
            let previous = PublicKey::load(path)?;
            if config
                .signing_key
                .as_ref()
                .is_some_and(|k| k.kid() == previous.kid())
            {
                return Err("--previous-signing-key is the same key as --signing-key".into());
            }
            config.previous_key = Some(previous);
        }
        if let Some(issuer) = &config.issuer {
            check_issuer(issuer, config.dev)?;
        }
        Ok(config)
    }
}

/// An issuer is an `https://` URL; plain `http://` only on a loopback host
/// (or anywhere with `--dev`).
fn check_issuer(issuer: &str, dev: bool) -> Result<(), String> {
    let bad = || format!("--issuer: {issuer:?} is not a URL like https://login.example.com");
    let (scheme, rest) = issuer.split_once("://").ok_or_else(bad)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_name = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    if host_name.is_empty() || issuer.chars().any(char::is_whitespace) {
        return Err(bad());
    }
    let loopback = matches!(host_name, "localhost" | "[::1]") || host_name.starts_with("127.");
    match scheme {
        "https" => Ok(()),
        "http" if dev || loopback => Ok(()),
        "http" => Err(format!(
            "--issuer: {issuer:?} must be https (plain http only for a loopback host or with --dev)"
        )),
        _ => Err(bad()),
    }
}

/// `new-api-key --name NAME --audience AUDIENCE`.
fn parse_new_api_key(mut args: impl Iterator<Item = String>) -> Result<Command, String> {
    let (mut name, mut audience) = (None, None);
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((n, v)) => (n.to_string(), Some(v.to_string())),
            None => (arg, None),
        };
        let value = inline
            .or_else(|| args.next())
            .filter(|v| !v.trim().is_empty())
            .ok_or_else(|| format!("new-api-key: {flag} needs a value"))?;
        match flag.as_str() {
            "--name" => name = Some(value),
            "--audience" => audience = Some(value),
            other => return Err(format!("new-api-key: unknown option {other:?}")),
        }
    }
    match (name, audience) {
        (Some(name), Some(audience)) => Ok(Command::NewApiKey { name, audience }),
        _ => Err("new-api-key needs --name NAME and --audience AUDIENCE".into()),
    }
}

/// Parses the arguments (without the program name). Both `--opt value` and
/// `--opt=value` work.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut args = args.into_iter().peekable();
    match args.peek().map(String::as_str) {
        Some("new-api-key") => {
            args.next();
            return parse_new_api_key(args);
        }
        Some("new-signing-key") => {
            args.next();
            return match args.next() {
                None => Ok(Command::NewSigningKey),
                Some(extra) => Err(format!("new-signing-key takes no arguments, not {extra:?}")),
            };
        }
        _ => {}
    }
    let mut addr: SocketAddr = DEFAULT_ADDR.parse().expect("the default address parses");
    let (mut directory, mut hosts, mut signing_key, mut previous_signing_key) =
        (None, None, None, None);
    let mut config = Config::default();
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match name.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--dev" => config.dev = true,
            "--addr" => {
                let v = value()?;
                addr = v
                    .parse()
                    .map_err(|_| format!("--addr: {v:?} is not an address like 127.0.0.1:8460"))?;
            }
            "--static-dir" => config.static_dir = Some(PathBuf::from(value()?)),
            "--directory" => directory = Some(PathBuf::from(value()?)),
            "--hosts" => hosts = Some(PathBuf::from(value()?)),
            "--signing-key" => signing_key = Some(PathBuf::from(value()?)),
            "--previous-signing-key" => previous_signing_key = Some(PathBuf::from(value()?)),
            "--issuer" => config.issuer = Some(value()?),
            "--assertion-ttl-secs" => {
                let n = number(&name, &value()?)?;
                if n == 0 || u64::from(n) > MAX_ASSERTION_LIFETIME_SECS {
                    return Err(format!(
                        "--assertion-ttl-secs must be from 1 to {MAX_ASSERTION_LIFETIME_SECS}"
                    ));
                }
                config.assertion_ttl = Duration::from_secs(u64::from(n));
            }
            "--cors-origin" => {
                let v = value()?;
                if !(v.starts_with("http://") || v.starts_with("https://")) || v.ends_with('/') {
                    return Err(format!(
                        "--cors-origin: {v:?} is not an origin like https://example.com"
                    ));
                }
                let header = HeaderValue::from_str(&v)
                    .map_err(|_| format!("--cors-origin: {v:?} is not valid"))?;
                config.cors_origins.push(header);
            }
            "--window-secs" => config.window = secs(&name, &value()?)?,
            "--code-ttl-secs" => config.code_ttl = secs(&name, &value()?)?,
            "--resend-after-secs" => config.resend_cooldown = secs(&name, &value()?)?,
            "--lockout-secs" => config.lockout = secs(&name, &value()?)?,
            "--approval-ttl-secs" => config.approval_ttl = secs(&name, &value()?)?,
            "--remember-device-days" => config.remember_device_days = number(&name, &value()?)?,
            "--max-attempts" => {
                config.max_attempts = number(&name, &value()?)?;
                if config.max_attempts == 0 {
                    return Err("--max-attempts must be at least 1".into());
                }
            }
            other => return Err(format!("unknown option {other:?} (see --help)")),
        }
    }
    Ok(Command::Serve(Box::new(Options {
        addr,
        directory,
        hosts,
        signing_key,
        previous_signing_key,
        config,
    })))
}

fn number(name: &str, v: &str) -> Result<u32, String> {
    v.parse()
        .map_err(|_| format!("{name}: {v:?} is not a whole number"))
}

fn secs(name: &str, v: &str) -> Result<Duration, String> {
    number(name, v).map(|n| Duration::from_secs(u64::from(n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<Options, String> {
        match parse(args.iter().map(|s| s.to_string()))? {
            Command::Serve(o) => Ok(*o),
            Command::Help => Err("help".into()),
            other => Err(format!("{other:?}")),
        }
    }

    /// A file with `text` in the temporary directory.
    fn file(name: &str, text: &str) -> String {
        let path = std::env::temp_dir().join(format!("twostep-cli-{}-{name}", std::process::id()));
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    }

    fn hosts_file() -> String {
        let (_, host) = crate::hosts::Host::new_with_key("shop", "https://shop.example");
        file(
            "hosts.json",
            &serde_json::json!({ "hosts": [host] }).to_string(),
        )
    }

    #[test]
    fn defaults() {
        let o = run(&[]).unwrap();
        assert_eq!(o.addr.to_string(), DEFAULT_ADDR);
        assert!(!o.config.dev);
        assert_eq!(o.config.window, Duration::from_secs(600));
        assert_eq!(o.config.max_attempts, 5);
        assert_eq!(o.config.remember_device_days, 30);
        assert!(o.directory.is_none());
        assert_eq!(o.config.assertion_ttl, Duration::from_secs(120));
        assert_eq!(o.config.issuer, None);
        assert!(o.hosts.is_none() && o.signing_key.is_none() && o.previous_signing_key.is_none());
        // With --dev nothing else is needed: a key is made at start.
        let config = run(&["--dev"]).unwrap().into_config().unwrap();
        assert!(config.signing_key.is_none() && config.hosts.is_empty());
    }

    #[test]
    fn production_needs_a_key_an_issuer_and_hosts() {
        let e = run(&[]).unwrap().into_config().unwrap_err();
        assert!(
            e.contains("--signing-key") && e.contains("--issuer") && e.contains("--hosts"),
            "{e}"
        );
        let key = file("key.pem", &crate::signing::new_pem());
        let hosts = hosts_file();
        let e = run(&["--signing-key", &key, "--hosts", &hosts])
            .unwrap()
            .into_config()
            .unwrap_err();
        assert!(e.contains("--issuer") && !e.contains("--hosts"), "{e}");
        let config = run(&[
            "--signing-key",
            &key,
            "--hosts",
            &hosts,
            "--issuer",
            "https://login.example.com",
        ])
        .unwrap()
        .into_config()
        .unwrap();
        assert!(config.signing_key.is_some());
        assert!(config.hosts.authenticate("tsk_nope").is_none());
        assert!(!config.hosts.is_empty());
    }

    #[test]
    fn signing_keys_load_and_the_previous_key_must_differ() {
        let key = file("current.pem", &crate::signing::new_pem());
        let old = file("old.pem", &crate::signing::new_pem());
        let config = run(&[
            "--dev",
            "--signing-key",
            &key,
            "--previous-signing-key",
            &old,
        ])
        .unwrap()
        .into_config()
        .unwrap();
        assert_ne!(
            config.signing_key.unwrap().kid(),
            config.previous_key.unwrap().kid()
        );
        let same = run(&[
            "--dev",
            "--signing-key",
            &key,
            "--previous-signing-key",
            &key,
        ])
        .unwrap()
        .into_config()
        .unwrap_err();
        assert!(same.contains("same key"), "{same}");
        let junk = file("junk.pem", "not a key");
        for args in [
            &["--dev", "--signing-key", &junk][..],
            &["--dev", "--previous-signing-key", &junk],
            &["--dev", "--signing-key", "/nonexistent/key.pem"],
            &["--dev", "--hosts", &junk],
        ] {
            assert!(run(args).unwrap().into_config().is_err(), "{args:?}");
        }
    }

    #[test]
    fn the_issuer_is_https_or_loopback_http() {
        for ok in [
            "https://login.example.com",
            "https://login.example.com:8443/mfa",
            "http://127.0.0.1:8460",
            "http://localhost",
            "http://[::1]:80",
        ] {
            assert_eq!(check_issuer(ok, false), Ok(()), "{ok}");
        }
        for bad in [
            "http://login.example.com",
            "ftp://x",
            "login.example.com",
            "https://",
            "https://a b",
        ] {
            assert!(check_issuer(bad, false).is_err(), "{bad}");
        }
        assert_eq!(check_issuer("http://login.example.com", true), Ok(()));
        let e = run(&["--dev", "--issuer", "nope"])
            .unwrap()
            .into_config()
            .unwrap_err();
        assert!(e.contains("--issuer"), "{e}");
    }

    #[test]
    fn the_assertion_lifetime_is_1_to_300_seconds() {
        let o = run(&["--assertion-ttl-secs", "300"]).unwrap();
        assert_eq!(o.config.assertion_ttl, Duration::from_secs(300));
        assert_eq!(
            run(&["--assertion-ttl-secs=1"])
                .unwrap()
                .config
                .assertion_ttl,
            Duration::from_secs(1)
        );
        for bad in ["0", "301", "-5", "two"] {
            assert!(run(&["--assertion-ttl-secs", bad]).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_subcommands_parse() {
        let parsed = |args: &[&str]| parse(args.iter().map(|s| s.to_string()));
        match parsed(&[
            "new-api-key",
            "--name",
            "shop",
            "--audience=https://shop.example",
        ]) {
            Ok(Command::NewApiKey { name, audience }) => {
                assert_eq!(
                    (name.as_str(), audience.as_str()),
                    ("shop", "https://shop.example")
                )
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            parsed(&["new-signing-key"]),
            Ok(Command::NewSigningKey)
        ));
        for bad in [
            &["new-api-key"][..],
            &["new-api-key", "--name", "shop"],
            &["new-api-key", "--name", "", "--audience", "a"],
            &["new-api-key", "--name", "s", "--audience", "a", "--x", "y"],
            &["new-signing-key", "extra"],
        ] {
            assert!(parsed(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn every_option() {
        let o = run(&[
            "--addr",
            "127.0.0.1:0",
            "--dev",
            "--static-dir",
            "dist",
            "--directory=users.json",
            "--cors-origin",
            "http://localhost:8080",
            "--cors-origin=https://a.example",
            "--window-secs",
            "12",
            "--code-ttl-secs",
            "5",
            "--resend-after-secs",
            "10",
            "--max-attempts",
            "3",
            "--lockout-secs",
            "30",
            "--approval-ttl-secs",
            "20",
            "--remember-device-days=0",
            "--issuer",
            "https://login.example.com",
            "--assertion-ttl-secs",
            "60",
            "--hosts=hosts.json",
            "--signing-key",
            "key.pem",
            "--previous-signing-key",
            "old.pem",
        ])
        .unwrap();
        assert_eq!(o.addr.port(), 0);
        assert!(o.config.dev);
        assert_eq!(o.config.static_dir, Some(PathBuf::from("dist")));
        assert_eq!(o.directory, Some(PathBuf::from("users.json")));
        assert_eq!(o.config.cors_origins.len(), 2);
        assert_eq!(o.config.window, Duration::from_secs(12));
        assert_eq!(o.config.code_ttl, Duration::from_secs(5));
        assert_eq!(o.config.resend_cooldown, Duration::from_secs(10));
        assert_eq!(o.config.max_attempts, 3);
        assert_eq!(o.config.lockout, Duration::from_secs(30));
        assert_eq!(o.config.approval_ttl, Duration::from_secs(20));
        assert_eq!(o.config.remember_device_days, 0);
        assert_eq!(
            o.config.issuer.as_deref(),
            Some("https://login.example.com")
        );
        assert_eq!(o.config.assertion_ttl, Duration::from_secs(60));
        assert_eq!(o.hosts, Some(PathBuf::from("hosts.json")));
        assert_eq!(o.signing_key, Some(PathBuf::from("key.pem")));
        assert_eq!(o.previous_signing_key, Some(PathBuf::from("old.pem")));
    }

    #[test]
    fn mistakes_are_explained() {
        for args in [
            &["--addr"][..],
            &["--addr", "localhost"],
            &["--window-secs", "-1"],
            &["--max-attempts", "0"],
            &["--remember-device-days", "thirty"],
            &["--cors-origin", "localhost:8080"],
            &["--cors-origin", "http://a.example/"],
            &["--frobnicate"],
        ] {
            assert!(run(args).is_err(), "{args:?}");
        }
        assert!(matches!(run(&["--dev", "--help"]), Err(e) if e == "help"));
    }
}
