//! `twostep-server`: see `--help`.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;
use twostep_server::cli::{self, Command};
use twostep_server::hosts::Host;
use twostep_server::{Config, serve, signing};

#[tokio::main]
async fn main() -> ExitCode {
    let options = match cli::parse(std::env::args().skip(1)) {
        Ok(Command::Serve(options)) => options,
        Ok(Command::NewApiKey { name, audience }) => {
            new_api_key(&name, &audience);
            return ExitCode::SUCCESS;
        }
        Ok(Command::NewSigningKey) => {
            print!("{}", signing::new_pem());
            eprintln!("twostep-server: keep this key secret; start with --signing-key FILE");
            return ExitCode::SUCCESS;
        }
        // --help and --version print and exit 0; a mistake prints and exits 2.
        Err(e) => e.exit(),
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    let addr = options.addr;
    let config = match options.into_config() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("twostep-server: {e}");
            return ExitCode::from(2);
        }
    };
    let listener = match TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("twostep-server: cannot listen on {addr}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let bound = listener.local_addr().map_or(addr, |a| a);
    match &config.signing_key {
        Some(key) => tracing::info!(
            kid = key.kid(),
            "assertions are signed with the key of --signing-key"
        ),
        None => tracing::info!("assertions are signed with a key generated for this run (--dev)"),
    }
    println!("twostep-server listening on http://{bound}/");
    if config.delivery_hook.is_some() {
        tracing::info!("texts, calls and notifications go to the delivery hook");
    }
    if config.dev {
        print_dev_help(&config);
    }
    let _ = std::io::stdout().flush();
    tokio::select! {
        result = serve(listener, config) => match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("twostep-server: {e}");
                ExitCode::FAILURE
            }
        },
        _ = interrupted() => ExitCode::SUCCESS,
    }
}

/// `new-api-key`: the key alone on the first line (shown once, to hand to
/// the host's server) and its hosts-file entry as JSON on the second.
fn new_api_key(name: &str, audience: &str) {
    let (key, host) = Host::new_with_key(name, audience);
    println!("{key}");
    println!(
        "{}",
        serde_json::to_string(&host).expect("a host entry always serializes")
    );
    eprintln!(
        "twostep-server: line 1 is the API key (give it to the host's server; it is not stored \
         anywhere), line 2 its entry for the hosts file's \"hosts\" list"
    );
}

/// What `--dev` mounts, and each app user's `otpauth://` URI (printed, never
/// logged: it holds the secret).
fn print_dev_help(config: &Config) {
    println!(
        "dev mode: POST /dev/sessions, GET /dev/outbox, POST /dev/answer and GET /dev/totp?user=EMAIL are mounted;"
    );
    println!("browsers may start a verification from a user_hint (never outside --dev).");
    println!("texts, calls and app notifications go to /dev/outbox instead of phones.");
    let apps: Vec<_> = config
        .directory
        .users()
        .iter()
        .filter_map(|u| u.authenticator().map(|a| (u, a)))
        .collect();
    if !apps.is_empty() {
        println!(
            "Authenticator codes: add a URI below to a TOTP tool or an authenticator app (as text or a QR code):"
        );
        for (user, app) in apps {
            println!("  {}", app.otpauth_uri("twostep", &user.email));
        }
    }
}

/// Resolves on Ctrl-C. Where no signal handler can be installed, it never
/// resolves: the server then runs until it is killed, rather than stopping at
/// once.
async fn interrupted() {
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}
