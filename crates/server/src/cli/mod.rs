//! The command line, parsed with clap: every flag also reads an environment
//! variable (`TWOSTEP_` and the flag's name in capitals), as operators set
//! a server's options in its unit file or container.
//!
//! The flags and subcommands are here; [`LimitArgs`] holds the limits' flags,
//! and `serve_config` turns the parsed flags into a checked [`Config`].

mod limit_args;
mod serve_config;

use std::net::SocketAddr;
use std::path::PathBuf;

use axum::http::{HeaderName, HeaderValue};
use clap::{Args, Parser, Subcommand, ValueEnum};
use twostep_protocol::MAX_ASSERTION_LIFETIME_SECS;

pub use limit_args::LimitArgs;

/// The address served when `--addr` is not given.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8460";

/// `twostep-server`: the command line.
#[derive(Debug, Parser)]
#[command(
    name = "twostep-server",
    version,
    about = "A reference backend for the twostep widget (HTTP contract v1)",
    long_about = None,
    args_conflicts_with_subcommands = true,
    after_help = "Without --dev, --signing-key, --issuer, --hosts and --directory are required, and \
--delivery-url with --delivery-secret-file when a user has texts, calls or app notifications.\n\
Every option can also be set in the environment variable shown with it.\n\
Logs go to stderr; RUST_LOG sets the filter (default: info)."
)]
pub struct Cli {
    /// A subcommand instead of serving.
    #[command(subcommand)]
    pub command: Option<Sub>,
    /// The options to serve with.
    #[command(flatten)]
    pub serve: ServeArgs,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Sub {
    /// Print a new API key (line 1, shown once) and its hosts-file entry (line 2).
    NewApiKey {
        /// The host's name, for logs.
        #[arg(long, value_parser = not_blank)]
        name: String,
        /// The audience (`aud`) of the host's assertions.
        #[arg(long, value_parser = not_blank)]
        audience: String,
    },
    /// Print a new Ed25519 signing key (PKCS#8 PEM) for --signing-key.
    NewSigningKey,
}

/// Whether every notification carries a number to match.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum NumberMatching {
    /// Every notification, whatever the directory says.
    Always,
    /// Only for users whose directory entry says `number_matching: true`.
    Directory,
}

/// Every serving option. Defaults are those of [`Config::default`] and
/// [`Limits::default`]; see the server README's tables.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Where to listen; port 0 picks a free one.
    #[arg(long, env = "TWOSTEP_ADDR", default_value = DEFAULT_ADDR)]
    pub addr: SocketAddr,
    /// Development mode: /dev/sessions, /dev/outbox, /dev/answer, /dev/totp and /dev/panic,
    /// deliveries into the outbox, browser starts from a user_hint, a made-up signing key and
    /// issuer. Loopback addresses only, unless --dev-allow-remote.
    #[arg(long, env = "TWOSTEP_DEV")]
    pub dev: bool,
    /// Let --dev listen on an address other machines can reach (its outbox shows every code).
    #[arg(long, env = "TWOSTEP_DEV_ALLOW_REMOTE", requires = "dev")]
    pub dev_allow_remote: bool,
    /// The hosts whose servers may call POST /v1/sessions with an API key.
    #[arg(long, env = "TWOSTEP_HOSTS", value_name = "FILE")]
    pub hosts: Option<PathBuf>,
    /// The Ed25519 key (PKCS#8 PEM) assertions are signed with [with --dev: generated at start].
    #[arg(long, env = "TWOSTEP_SIGNING_KEY", value_name = "FILE")]
    pub signing_key: Option<PathBuf>,
    /// The key used before the current one (PKCS#8 or public PEM), still in the JWKS.
    #[arg(long, env = "TWOSTEP_PREVIOUS_SIGNING_KEY", value_name = "FILE")]
    pub previous_signing_key: Option<PathBuf>,
    /// The assertions' iss: https (http for a loopback host or with --dev) [with --dev: http://ADDR].
    #[arg(long, env = "TWOSTEP_ISSUER", value_name = "URL")]
    pub issuer: Option<String>,
    /// How long an assertion is valid.
    #[arg(long, env = "TWOSTEP_ASSERTION_TTL_SECS", default_value_t = 120,
          value_parser = clap::value_parser!(u64).range(1..=MAX_ASSERTION_LIFETIME_SECS))]
    pub assertion_ttl_secs: u64,
    /// Serve the files in DIR (index.html at /) outside /v1 and /dev.
    #[arg(long, env = "TWOSTEP_STATIC_DIR", value_name = "DIR")]
    pub static_dir: Option<PathBuf>,
    /// Users and methods [with --dev: the built-in demo directory; required without --dev].
    #[arg(long, env = "TWOSTEP_DIRECTORY", value_name = "FILE")]
    pub directory: Option<PathBuf>,
    /// Allow browser calls from ORIGIN (repeatable; comma-separated in the environment).
    #[arg(long = "cors-origin", env = "TWOSTEP_CORS_ORIGIN", value_name = "ORIGIN",
          value_delimiter = ',', value_parser = origin)]
    pub cors_origins: Vec<HeaderValue>,
    /// Where texts, calls and notifications are POSTed as signed JSON (required without --dev
    /// when a user has them).
    #[arg(long, env = "TWOSTEP_DELIVERY_URL", value_name = "URL")]
    pub delivery_url: Option<String>,
    /// The delivery hook's HMAC-SHA256 secret, at least 32 bytes.
    #[arg(long, env = "TWOSTEP_DELIVERY_SECRET_FILE", value_name = "FILE")]
    pub delivery_secret_file: Option<PathBuf>,
    /// How long the delivery hook may take to answer.
    #[arg(long, env = "TWOSTEP_DELIVERY_TIMEOUT_SECS", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=60))]
    pub delivery_timeout_secs: u64,
    /// The header your proxy puts the client's address in (its last address counts)
    /// [default: the connection's peer address].
    #[arg(long, env = "TWOSTEP_CLIENT_IP_HEADER", value_name = "HEADER")]
    pub client_ip_header: Option<HeaderName>,
    /// Verification window from start. A few seconds are enough for tests;
    /// under 5 no one could verify.
    #[arg(long, env = "TWOSTEP_WINDOW_SECS", default_value_t = 600,
          value_parser = clap::value_parser!(u64).range(5..=3600))]
    pub window_secs: u64,
    /// The largest request body; a larger one is refused with 413.
    #[arg(long, env = "TWOSTEP_MAX_BODY_BYTES", default_value_t = 16 * 1024,
          value_parser = clap::value_parser!(u64).range(1024..=1_048_576))]
    pub max_body_bytes: u64,
    /// How long a texted code works.
    #[arg(long, env = "TWOSTEP_CODE_TTL_SECS", default_value_t = 300,
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub code_ttl_secs: u64,
    /// How long a call or notification waits for an answer.
    #[arg(long, env = "TWOSTEP_APPROVAL_TTL_SECS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(5..=600))]
    pub approval_ttl_secs: u64,
    /// Offer to skip two-step verification on a device for N days after verifying there; 0
    /// makes no offer.
    #[arg(long, env = "TWOSTEP_REMEMBER_DEVICE_DAYS", default_value_t = 30,
          value_parser = clap::value_parser!(u32).range(0..=365))]
    pub remember_device_days: u32,
    /// How long sessions are kept after their window, to answer session_expired.
    #[arg(long, env = "TWOSTEP_RETAIN_ENDED_SECS", default_value_t = 600,
          value_parser = clap::value_parser!(u64).range(0..=86_400))]
    pub retain_ended_secs: u64,
    /// Every limit against abuse.
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// What the command line asks for.
#[derive(Debug)]
pub enum Command {
    /// Serve.
    Serve(Box<ServeArgs>),
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

/// Parses the arguments (without the program name). `--help` and
/// `--version` come back as clap errors of their kind, which print
/// themselves (`clap::Error::exit`).
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, clap::Error> {
    let cli = Cli::try_parse_from(std::iter::once("twostep-server".to_string()).chain(args))?;
    Ok(match cli.command {
        Some(Sub::NewApiKey { name, audience }) => Command::NewApiKey { name, audience },
        Some(Sub::NewSigningKey) => Command::NewSigningKey,
        None => Command::Serve(Box::new(cli.serve)),
    })
}

fn not_blank(v: &str) -> Result<String, String> {
    if v.trim().is_empty() {
        Err("must not be empty".into())
    } else {
        Ok(v.to_string())
    }
}

fn origin(v: &str) -> Result<HeaderValue, String> {
    if !(v.starts_with("http://") || v.starts_with("https://")) || v.ends_with('/') {
        return Err(format!("{v:?} is not an origin like https://example.com"));
    }
    HeaderValue::from_str(v).map_err(|_| format!("{v:?} is not valid"))
}

#[cfg(test)]
mod tests {
    use super::serve_config::check_url;
    use super::*;
    use crate::config::Config;
    use crate::limits::{Limits, Rate};
    use std::time::Duration;

    fn run(args: &[&str]) -> Result<ServeArgs, String> {
        match parse(args.iter().map(|s| s.to_string())).map_err(|e| e.to_string())? {
            Command::Serve(o) => Ok(*o),
            other => Err(format!("{other:?}")),
        }
    }

    fn config(args: &[&str]) -> Result<Config, String> {
        run(args)?.into_config()
    }

    /// A file with `text` in the temporary directory, under a name no other
    /// test (tests run in parallel threads of one process) writes at once.
    fn file(name: &str, text: &str) -> String {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("twostep-cli-{}-{n}-{name}", std::process::id()));
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

    fn production(extra: &[&str]) -> Result<Config, String> {
        let key = file("prod-key.pem", &crate::signing::new_pem());
        let hosts = hosts_file();
        let users = file("users.json", crate::directory::DEMO_DIRECTORY);
        let mut args = vec![
            "--signing-key",
            &key,
            "--hosts",
            &hosts,
            "--issuer",
            "https://login.example.com",
            "--directory",
            &users,
        ];
        args.extend_from_slice(extra);
        config(&args)
    }

    #[test]
    fn defaults() {
        let o = run(&[]).unwrap();
        assert_eq!(o.addr.to_string(), DEFAULT_ADDR);
        assert!(!o.dev);
        assert!(o.directory.is_none() && o.hosts.is_none() && o.signing_key.is_none());
        // With --dev nothing else is needed: a key is made at start.
        let c = config(&["--dev"]).unwrap();
        assert!(c.signing_key.is_none() && c.hosts.is_empty());
        assert_eq!(c.window, Duration::from_secs(600));
        assert_eq!(c.remember_device_days, 30);
        assert_eq!(c.assertion_ttl, Duration::from_secs(120));
        assert_eq!(c.retain_expired, Duration::from_secs(600));
        assert_eq!(c.issuer, None);
        assert_eq!(c.body_limit, Config::default().body_limit);
        // Every limit's flag defaults to the library's default.
        assert_eq!(c.limits, Limits::default());
    }

    #[test]
    fn production_needs_a_key_an_issuer_hosts_a_directory_and_a_hook() {
        let e = config(&[]).unwrap_err();
        for flag in ["--signing-key", "--issuer", "--hosts", "--directory"] {
            assert!(e.contains(flag), "{e}");
        }
        let e = production(&[]).unwrap_err();
        assert!(e.contains("--delivery-url"), "{e}");
        let secret = file("secret", &"s".repeat(32));
        let c = production(&[
            "--delivery-url",
            "https://sms.example/hook",
            "--delivery-secret-file",
            &secret,
        ])
        .unwrap();
        assert!(c.signing_key.is_some() && !c.hosts.is_empty());
        let hook = c.delivery_hook.unwrap();
        assert_eq!(
            (hook.url.as_str(), hook.secret.len()),
            ("https://sms.example/hook", 32)
        );
        // A directory of app codes only needs no hook.
        let totp_only = file(
            "totp.json",
            r#"{"users":[{"email":"a@x","default_method":"t","methods":[{"id":"t","kind":"totp","secret":"NQO7FR22BGFRYXBJZVSFWQWMBJSF5SOX"}]}]}"#,
        );
        let key = file("prod-key2.pem", &crate::signing::new_pem());
        let hosts = hosts_file();
        config(&[
            "--signing-key",
            &key,
            "--hosts",
            &hosts,
            "--issuer",
            "https://a.example",
            "--directory",
            &totp_only,
        ])
        .unwrap();
    }

    #[test]
    fn the_delivery_hook_needs_its_secret_https_and_32_bytes() {
        let short = file("short", "too short");
        let good = file("good", &"k".repeat(40));
        for (args, why) in [
            (vec!["--delivery-url", "https://h.example"], "go together"),
            (
                vec![
                    "--delivery-url",
                    "http://h.example",
                    "--delivery-secret-file",
                    &good,
                ],
                "https",
            ),
            (
                vec![
                    "--delivery-url",
                    "https://h.example",
                    "--delivery-secret-file",
                    &short,
                ],
                "32 bytes",
            ),
        ] {
            let e = production(&args).unwrap_err();
            assert!(e.contains(why), "{args:?}: {e}");
        }
        let c = production(&[
            "--delivery-url",
            "http://127.0.0.1:9/hook",
            "--delivery-secret-file",
            &good,
        ])
        .unwrap();
        assert_eq!(c.delivery_hook.unwrap().timeout, Duration::from_secs(10));
    }

    #[test]
    fn dev_listens_on_loopback_unless_told_otherwise() {
        let e = config(&["--dev", "--addr", "0.0.0.0:8460"]).unwrap_err();
        assert!(e.contains("--dev-allow-remote"), "{e}");
        config(&["--dev", "--addr", "0.0.0.0:8460", "--dev-allow-remote"]).unwrap();
        config(&["--dev", "--addr", "[::1]:0"]).unwrap();
        // The flag means nothing without --dev, and says so.
        assert!(run(&["--dev-allow-remote"]).is_err());
    }

    #[test]
    fn signing_keys_load_and_the_previous_key_must_differ() {
        let key = file("current.pem", &crate::signing::new_pem());
        let old = file("old.pem", &crate::signing::new_pem());
        let c = config(&[
            "--dev",
            "--signing-key",
            &key,
            "--previous-signing-key",
            &old,
        ])
        .unwrap();
        assert_ne!(c.signing_key.unwrap().kid(), c.previous_key.unwrap().kid());
        let same = config(&[
            "--dev",
            "--signing-key",
            &key,
            "--previous-signing-key",
            &key,
        ])
        .unwrap_err();
        assert!(same.contains("same key"), "{same}");
        let junk = file("junk.pem", "not a key");
        for args in [
            &["--dev", "--signing-key", &junk][..],
            &["--dev", "--previous-signing-key", &junk],
            &["--dev", "--signing-key", "/nonexistent/key.pem"],
            &["--dev", "--hosts", &junk],
        ] {
            assert!(config(args).is_err(), "{args:?}");
        }
    }

    #[test]
    fn urls_are_https_or_loopback_http() {
        for ok in [
            "https://login.example.com",
            "https://login.example.com:8443/mfa",
            "http://127.0.0.1:8460",
            "http://localhost",
            "http://[::1]:80",
        ] {
            assert_eq!(check_url("--issuer", ok, false), Ok(()), "{ok}");
        }
        for bad in [
            "http://login.example.com",
            "ftp://x",
            "login.example.com",
            "https://",
            "https://a b",
        ] {
            assert!(check_url("--issuer", bad, false).is_err(), "{bad}");
        }
        assert_eq!(
            check_url("--issuer", "http://login.example.com", true),
            Ok(())
        );
        let e = config(&["--dev", "--issuer", "nope"]).unwrap_err();
        assert!(e.contains("--issuer"), "{e}");
    }

    #[test]
    fn the_assertion_lifetime_is_1_to_300_seconds() {
        let c = config(&["--dev", "--assertion-ttl-secs", "300"]).unwrap();
        assert_eq!(c.assertion_ttl, Duration::from_secs(300));
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
            &["--dev", "new-signing-key"],
        ] {
            assert!(parsed(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn every_limit_has_a_flag() {
        let c = config(&[
            "--dev",
            "--max-attempts",
            "3",
            "--lockout-secs",
            "30",
            "--max-lockout-secs",
            "600",
            "--resend-after-secs",
            "10",
            "--call-cooldown-secs",
            "20",
            "--push-cooldown-secs",
            "15",
            "--texts-per-hour",
            "4",
            "--calls-per-hour",
            "2",
            "--push-denials-before-pause",
            "2",
            "--push-pause-secs",
            "120",
            "--push-number-matching",
            "directory",
            "--address-rate",
            "7",
            "--address-burst",
            "8",
            "--user-rate",
            "2",
            "--user-burst",
            "9",
            "--max-sessions",
            "100",
            "--max-sessions-per-user",
            "2",
            "--retry-window-secs",
            "5",
            "--header-read-timeout-secs",
            "3",
            "--body-timeout-secs",
            "4",
            "--request-timeout-secs",
            "6",
            "--max-connections",
            "11",
        ])
        .unwrap();
        let s = Duration::from_secs;
        assert_eq!(
            c.limits,
            Limits {
                max_attempts: 3,
                lockout: s(30),
                max_lockout: s(600),
                text_cooldown: s(10),
                call_cooldown: s(20),
                push_cooldown: s(15),
                texts_per_hour: 4,
                calls_per_hour: 2,
                push_denials_before_pause: 2,
                push_pause: s(120),
                number_match_every_push: false,
                address_rate: Rate {
                    per_sec: 7,
                    burst: 8
                },
                user_rate: Rate {
                    per_sec: 2,
                    burst: 9
                },
                max_sessions: 100,
                max_sessions_per_user: 2,
                retry_window: s(5),
                header_read_timeout: s(3),
                body_timeout: s(4),
                request_timeout: s(6),
                max_connections: 11,
            }
        );
    }

    #[test]
    fn every_other_option() {
        let c = config(&[
            "--addr",
            "127.0.0.1:0",
            "--dev",
            "--static-dir",
            "dist",
            "--cors-origin",
            "http://localhost:8080",
            "--cors-origin=https://a.example",
            "--window-secs",
            "60",
            "--code-ttl-secs",
            "5",
            "--approval-ttl-secs",
            "20",
            "--remember-device-days=0",
            "--issuer",
            "https://login.example.com",
            "--assertion-ttl-secs",
            "60",
            "--retain-ended-secs",
            "0",
            "--client-ip-header",
            "X-Forwarded-For",
            "--max-body-bytes",
            "4096",
        ])
        .unwrap();
        assert_eq!(c.body_limit, 4096);
        assert_eq!(c.static_dir, Some(PathBuf::from("dist")));
        assert_eq!(c.cors_origins.len(), 2);
        assert_eq!(c.window, Duration::from_secs(60));
        assert_eq!(c.code_ttl, Duration::from_secs(5));
        assert_eq!(c.approval_ttl, Duration::from_secs(20));
        assert_eq!(c.remember_device_days, 0);
        assert_eq!(c.issuer.as_deref(), Some("https://login.example.com"));
        assert_eq!(c.assertion_ttl, Duration::from_secs(60));
        assert_eq!(c.retain_expired, Duration::ZERO);
        assert_eq!(c.client_ip_header.unwrap().as_str(), "x-forwarded-for");
    }

    #[test]
    fn mistakes_and_unsafe_values_are_explained() {
        for args in [
            &["--addr"][..],
            &["--addr", "localhost"],
            &["--window-secs", "-1"],
            &["--window-secs", "0"],
            &["--window-secs", "4"],
            &["--remember-device-days", "thirty"],
            &["--cors-origin", "localhost:8080"],
            &["--cors-origin", "http://a.example/"],
            &["--push-number-matching", "never"],
            &["--max-body-bytes", "0"],
            &["--max-body-bytes", "2000000"],
            &["--frobnicate"],
        ] {
            assert!(run(args).is_err(), "{args:?}");
        }
        for (args, flag) in [
            (&["--dev", "--lockout-secs", "0"][..], "--lockout-secs"),
            (
                &["--dev", "--resend-after-secs", "0"],
                "--resend-after-secs",
            ),
            (&["--dev", "--max-attempts", "0"], "--max-attempts"),
            (
                &["--dev", "--push-cooldown-secs", "0"],
                "--push-cooldown-secs",
            ),
            (&["--dev", "--max-sessions", "0"], "--max-sessions"),
            (
                &["--dev", "--request-timeout-secs", "0"],
                "--request-timeout-secs",
            ),
        ] {
            let e = config(args).unwrap_err();
            assert!(e.contains(flag), "{args:?}: {e}");
        }
        let help = parse(["--help".to_string()]).unwrap_err();
        assert_eq!(help.kind(), clap::error::ErrorKind::DisplayHelp);
    }
}
