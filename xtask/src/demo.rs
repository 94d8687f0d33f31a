//! `cargo xtask demo [--port N]`: builds the bundle and the reference server, and serves the
//! demo page from the server on 127.0.0.1, so the widget talks to it over real HTTP.

use crate::reference::{self, Reference};
use crate::{Error, Result, build, process};

/// The port the demo listens on when neither `--port` nor `TWOSTEP_PORT` says otherwise.
pub const DEFAULT_PORT: u16 = 8460;

/// Builds, then runs the reference server with dev endpoints over dist/ until the process
/// is interrupted (Ctrl-C).
pub fn run(args: &[String]) -> Result {
    let port = port(args, std::env::var("TWOSTEP_PORT").ok().as_deref())?;
    build::run()?;
    reference::build()?;
    let addr = format!("127.0.0.1:{port}");
    let dist = process::dist_dir();
    let server = Reference::start(
        &[
            "--dev",
            "--static-dir",
            &dist.to_string_lossy(),
            "--addr",
            &addr,
        ],
        false,
    )?;
    println!("twostep demo: {}", server.url);
    eprintln!("(the reference server serves dist/ and the v1 API until Ctrl-C)");
    server.wait()
}

/// The port from `--port N` / `--port=N`, else from `env` (TWOSTEP_PORT), else the default.
fn port(args: &[String], env: Option<&str>) -> Result<u16> {
    let parse = |value: &str| {
        value
            .parse::<u16>()
            .map_err(|_| Error::new(format!("not a port number: {value:?}")))
    };
    let mut args = args.iter();
    let mut port = None;
    while let Some(arg) = args.next() {
        if arg == "--port" {
            let value = args
                .next()
                .ok_or_else(|| Error::new("--port needs a number"))?;
            port = Some(parse(value)?);
        } else if let Some(value) = arg.strip_prefix("--port=") {
            port = Some(parse(value)?);
        } else {
            return Err(Error::new(format!(
                "unknown argument {arg:?}; usage: cargo xtask demo [--port N]"
            )));
        }
    }
    match (port, env) {
        (Some(port), _) => Ok(port),
        (None, Some(value)) if !value.trim().is_empty() => parse(value.trim()),
        _ => Ok(DEFAULT_PORT),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn picks_the_port() {
        assert_eq!(port(&[], None).unwrap(), DEFAULT_PORT);
        assert_eq!(port(&[], Some("9000")).unwrap(), 9000);
        assert_eq!(
            port(&args(&["--port", "8461"]), Some("9000")).unwrap(),
            8461
        );
        assert_eq!(port(&args(&["--port=8462"]), None).unwrap(), 8462);
        assert!(port(&args(&["--port"]), None).is_err());
        assert!(port(&args(&["--port", "x"]), None).is_err());
        assert!(port(&args(&["--verbose"]), None).is_err());
    }
}
