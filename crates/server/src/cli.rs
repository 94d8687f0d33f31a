//! The command line, parsed by hand.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use axum::http::HeaderValue;

use crate::config::Config;
use crate::directory::Directory;

/// The address served when `--addr` is not given.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8460";

/// `--help`.
pub const USAGE: &str = "\
twostep-server: a reference backend for the twostep widget (HTTP contract v1)

USAGE:
    twostep-server [OPTIONS]

OPTIONS:
    --addr ADDR               address to listen on [default: 127.0.0.1:8460]; port 0 picks a free one
    --dev                     mount /dev/outbox, /dev/answer and /dev/totp; deliveries go to the outbox
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
}

/// The options to serve with.
#[derive(Debug)]
pub struct Options {
    /// Where to listen.
    pub addr: SocketAddr,
    /// The directory file, if not the built-in one.
    pub directory: Option<PathBuf>,
    /// Every other setting (its `directory` is the built-in one until
    /// [`Options::into_config`] loads the file).
    pub config: Config,
}

impl Options {
    /// The settings, with the directory file loaded.
    pub fn into_config(self) -> Result<Config, String> {
        let mut config = self.config;
        if let Some(path) = &self.directory {
            config.directory = Directory::load(path)?;
        }
        Ok(config)
    }
}

/// Parses the arguments (without the program name). Both `--opt value` and
/// `--opt=value` work.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut addr: SocketAddr = DEFAULT_ADDR.parse().expect("the default address parses");
    let mut directory = None;
    let mut config = Config::default();
    let mut args = args.into_iter();
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
        }
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
