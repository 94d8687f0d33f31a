//! `twostep-host-server`: see `--help`.

use std::path::PathBuf;
use std::process::ExitCode;

use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;
use twostep_host_server::{HostConfig, Users, serve};

const USAGE: &str = "\
twostep-host-server: an example login server that hands over to twostep

USAGE:
    TWOSTEP_API_KEY=tsk_… twostep-host-server [OPTIONS]

OPTIONS:
    --addr ADDR           address to listen on [default: 127.0.0.1:8470]
    --twostep URL         the twostep backend [default: http://127.0.0.1:8460]
    --issuer ISS          the issuer its assertions name [default: the --twostep URL]
    --audience AUD        this host's audience, as configured with its API key
                          [default: http://<ADDR>]
    --bundle DIR          twostep's built bundle [default: dist/bundle]
    --users FILE          users and Argon2id password hashes [default: the built-in demo users]
    --secure-cookies      mark cookies Secure (serve it behind https)
    -h, --help            print this help

The API key comes from the environment (TWOSTEP_API_KEY), never the command line,
where other users of the machine could read it.
";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("twostep-host-server: {e}");
            ExitCode::from(2)
        }
    }
}

#[tokio::main]
async fn run() -> Result<(), String> {
    let mut addr = "127.0.0.1:8470".to_string();
    let mut twostep = "http://127.0.0.1:8460".to_string();
    let mut issuer = None;
    let mut audience = None;
    let mut bundle = PathBuf::from("dist/bundle");
    let mut users = Users::demo();
    let mut secure_cookies = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => {
                print!("{USAGE}");
                return Ok(());
            }
            "--addr" => addr = value()?,
            "--twostep" => twostep = value()?.trim_end_matches('/').to_string(),
            "--issuer" => issuer = Some(value()?),
            "--audience" => audience = Some(value()?),
            "--bundle" => bundle = PathBuf::from(value()?),
            "--users" => {
                let path = value()?;
                let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
                users = Users::from_json(&text).map_err(|e| format!("{path}: {e}"))?;
            }
            "--secure-cookies" => secure_cookies = true,
            other => return Err(format!("unknown option {other:?}\n\n{USAGE}")),
        }
    }
    let api_key = std::env::var("TWOSTEP_API_KEY")
        .map_err(|_| format!("set TWOSTEP_API_KEY to this host's twostep API key\n\n{USAGE}"))?;
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let listener = TcpListener::bind(&addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let bound = listener.local_addr().map_err(|e| e.to_string())?;
    let config = HostConfig {
        issuer: issuer.unwrap_or_else(|| twostep.clone()),
        twostep_url: twostep,
        api_key,
        audience: audience.unwrap_or_else(|| format!("http://{bound}")),
        users,
        bundle_dir: bundle,
        secure_cookies,
    };
    println!("twostep-host-server listening on http://{bound}/");
    serve(listener, config).await.map_err(|e| e.to_string())
}
